/**
 * The simulator's HTML: a simulated DigiD login page, an error page and an index. Plain HTML + CSS,
 * no external assets or scripts, Dutch, keyboard- and screen-reader-friendly, and unmistakably a test.
 */
import type { SimPerson } from './people';
import type { SimProvider } from './providers';

export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.0625rem;line-height:1.5;color:#1a1a1a;background:#f4f4f4}
.test-banner{background:#b00020;color:#fff;text-align:center;font-weight:700;font-size:1.35rem;padding:.9rem 1rem;letter-spacing:.02em;border-bottom:6px solid #ffd400}
.test-banner small{display:block;font-size:.95rem;font-weight:400}
main{max-width:40rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:1.6rem;margin:.2rem 0 1rem}
.logo{display:inline-block;background:#154273;color:#fff;font-weight:700;padding:.2rem .6rem;border-radius:3px}
fieldset{border:1px solid #767676;border-radius:4px;padding:1rem;margin:1rem 0}
legend{font-weight:700;padding:0 .3rem}
.person{display:flex;gap:.75rem;align-items:flex-start;padding:.6rem;border-radius:4px}
.person:hover{background:#eef3f8}
.person input{width:1.3rem;height:1.3rem;margin-top:.2rem}
.person span{display:block;color:#4a4a4a;font-size:.95rem}
.buttons{display:flex;gap:1rem;flex-wrap:wrap;margin-top:1.25rem}
button{font:inherit;font-weight:700;padding:.7rem 1.6rem;border-radius:4px;border:2px solid #154273;cursor:pointer}
button.primary{background:#154273;color:#fff}
button.secondary{background:#fff;color:#154273}
button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.meta{color:#4a4a4a;font-size:.95rem}
.error{border-left:6px solid #b00020;padding-left:1rem}
code{background:#f0f0f0;padding:.05rem .3rem;border-radius:3px}
`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<div class="test-banner" role="note">TESTOMGEVING — geen echte DigiD<small>Dit is de zorgaanbieder-simulator van Regie. Alle personen en gegevens zijn verzonnen.</small></div>
<main>
${body}
</main>
</body>
</html>
`;
}

export function loginPage(opts: {
  provider: SimProvider;
  serviceName: string;
  clientId: string;
  formAction: string;
  sessionId: string;
  people: SimPerson[];
  representation: Record<string, string>;
}): string {
  const { provider, serviceName, clientId, formAction, sessionId, people, representation } = opts;
  const options = people
    .map(
      (p, i) => `<label class="person" for="person-${esc(p.id)}">
  <input type="radio" id="person-${esc(p.id)}" name="person" value="${esc(p.id)}"${i === 0 ? ' checked' : ''} required>
  <div><strong>${esc(p.displayName)}</strong> <span>geboren ${esc(p.birthDate)} — ${esc(p.description)}</span></div>
</label>`,
    )
    .join('\n');
  const namens = Object.keys(representation).length
    ? `<p class="meta">U logt in <strong>namens een ander</strong> (vertegenwoordiging): ${Object.entries(representation)
        .map(([k, v]) => `<code>${esc(k)}=${esc(v)}</code>`)
        .join(', ')}</p>`
    : '';
  return page(
    `Inloggen met DigiD (TEST) — ${provider.displayName}`,
    `<p><span class="logo" aria-hidden="true">DigiD</span> <span class="meta">gesimuleerd</span></p>
<h1>Inloggen bij ${esc(provider.displayName)}</h1>
<p>De app <strong>${esc(clientId)}</strong> vraagt toegang tot uw gegevens: <strong>${esc(serviceName)}</strong>.</p>
${namens}
<form method="post" action="${esc(formAction)}">
<input type="hidden" name="session" value="${esc(sessionId)}">
<fieldset>
<legend>Kies een fictieve testpersoon</legend>
${options}
</fieldset>
<div class="buttons">
<button type="submit" name="action" value="login" class="primary">Inloggen</button>
<button type="submit" name="action" value="cancel" class="secondary" formnovalidate>Annuleren</button>
</div>
</form>
<p class="meta">Er wordt geen wachtwoord gevraagd: dit is een oefenomgeving.</p>`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(
    `Fout — ${title}`,
    `<div class="error" role="alert"><h1>${esc(title)}</h1><p>${esc(message)}</p></div>
<p class="meta">U wordt niet teruggestuurd naar de app, omdat het adres waar u naartoe zou gaan niet gecontroleerd kon worden. Sluit dit venster en probeer het opnieuw vanuit de app.</p>`,
  );
}

export function indexPage(origin: string, providers: readonly SimProvider[], serviceNames: (key: string) => string): string {
  const rows = providers
    .map(
      (p) => `<li><strong>${esc(p.displayName)}</strong> (<code>${esc(p.name)}</code>, ${esc(p.place)})<br>
<span class="meta">Autorisatie: <code>${esc(`${origin}/${p.slug}/oauth/authorize`)}</code><br>Token: <code>${esc(`${origin}/${p.slug}/oauth/token`)}</code><br>FHIR: <code>${esc(`${origin}/${p.slug}/fhir/r4`)}</code> en <code>${esc(`${origin}/${p.slug}/fhir/stu3`)}</code><br>
Gegevensdiensten: ${p.services.map((s) => esc(serviceNames(s))).join(', ')}<br>
<a href="/${esc(p.slug)}/ontvangen">Wat deze zorgaanbieder heeft ontvangen</a></span></li>`,
    )
    .join('\n');
  return page('Zorgaanbieder-simulator (TEST)', `<h1>Zorgaanbieder-simulator</h1><p>Fictieve MedMij-zorgaanbieders voor het oefenen met Regie.</p><ul>${rows}</ul>`);
}
