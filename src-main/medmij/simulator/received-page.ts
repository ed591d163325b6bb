/**
 * The simulator's page of what a fictitious provider received from PGOs (Delen): per send, when,
 * for whom, with which service, and each item in words — a measurement's value, a document's title
 * and size, a photo shown as it arrived with its description — and what was refused and why. So a
 * person practising sees on the "provider's side" exactly what Regie sent. Fictitious data only.
 */
import { isObject, type FhirJson } from '../../fhir/types';
import { MEDMIJ_SERVICES } from '../lists/services';
import { esc, page } from './pages';
import type { SimPerson } from './people';
import type { SimProvider } from './providers';
import type { ReceivedSend } from './receive';

const serviceName = (id: string) => MEDMIJ_SERVICES.find((s) => s.id === id)?.plainName ?? `Gegevensdienst ${id}`;

function words(concept: unknown): string {
  if (!isObject(concept)) return '';
  if (typeof concept.text === 'string') return concept.text;
  const coding = Array.isArray(concept.coding) ? concept.coding.find(isObject) : undefined;
  return coding && typeof coding.display === 'string' ? coding.display : '';
}

function quantity(value: unknown): string {
  if (!isObject(value) || typeof value.value !== 'number') return '';
  return `${String(value.value).replace('.', ',')} ${typeof value.unit === 'string' ? value.unit : ''}`.trim();
}

function describe(resource: FhirJson, send: ReceivedSend): string {
  switch (resource.resourceType) {
    case 'Observation': {
      const parts = Array.isArray(resource.component) ? resource.component.filter(isObject).map((c) => quantity(c.valueQuantity)) : [];
      const value = parts.length > 0 ? parts.join(' / ') : quantity(resource.valueQuantity);
      return `<strong>${esc(words(resource.code))}</strong>: ${esc(value)} <span class="meta">(${esc(String(resource.effectiveDateTime ?? ''))})</span>`;
    }
    case 'AllergyIntolerance':
      return `<strong>Overgevoeligheid</strong>: ${esc(words(resource.code))}`;
    case 'DocumentReference': {
      const attachment = Array.isArray(resource.content) && isObject(resource.content[0]) && isObject(resource.content[0].attachment) ? resource.content[0].attachment : {};
      return `<strong>Document</strong>: ${esc(String(attachment.title ?? resource.description ?? ''))} <span class="meta">(${esc(String(attachment.size ?? '?'))} bytes)</span>`;
    }
    case 'Media': {
      const content = isObject(resource.content) ? resource.content : {};
      const binary = send.entries.find((e) => e.resourceType === 'Binary')?.resource;
      const note = Array.isArray(resource.note) && isObject(resource.note[0]) ? String(resource.note[0].text ?? '') : '';
      const image =
        binary && typeof binary.content === 'string' && /^image\/(jpeg|png)$/.test(String(binary.contentType))
          ? `<br><img src="data:${esc(String(binary.contentType))};base64,${esc(binary.content)}" alt="${esc(note || 'Ontvangen foto')}" style="max-width:100%;max-height:20rem">`
          : '';
      return `<strong>Foto</strong>: ${esc(note)} <span class="meta">(${esc(String(resource.occurrenceDateTime ?? ''))}, ${esc(String(content.title ?? ''))})</span>${image}`;
    }
    case 'QuestionnaireResponse':
      return `<strong>Antwoorden op de vragenlijst</strong> <span class="meta">(ingevuld ${esc(String(resource.authored ?? ''))})</span>${answerList(resource.item)}`;
    case 'Task':
      return `<strong>Vragenlijst</strong>: ${esc(String(resource.description ?? ''))} <span class="meta">(status ${esc(String(resource.status ?? ''))})</span>`;
    case 'Patient':
      return `<strong>Patiënt</strong>: ${esc(Array.isArray(resource.name) && isObject(resource.name[0]) ? String(resource.name[0].text ?? '') : '')} ${esc(String(resource.birthDate ?? ''))}`;
    default:
      return `<strong>${esc(String(resource.resourceType))}</strong>`;
  }
}

/** The answers of a QuestionnaireResponse as a nested list: the question (its text, else its linkId) and the answers in words. */
function answerList(items: unknown): string {
  const list = (Array.isArray(items) ? items : []).filter(isObject);
  if (list.length === 0) return '';
  const rows = list.map((item) => {
    const answers = (Array.isArray(item.answer) ? item.answer : []).filter(isObject);
    const values = answers.map((answer) => {
      const key = Object.keys(answer).find((k) => k.startsWith('value'));
      const value = key ? answer[key] : undefined;
      if (isObject(value)) return typeof value.display === 'string' ? value.display : quantity(value) || String(value.code ?? '');
      if (typeof value === 'boolean') return value ? 'ja' : 'nee';
      return String(value ?? '');
    });
    const nested = [...answers.map((a) => answerList(a.item)), answerList(item.item)].join('');
    return `<li>${esc(String(item.text ?? item.linkId ?? ''))}${values.length > 0 ? `: <strong>${esc(values.join(', '))}</strong>` : ''}${nested}</li>`;
  });
  return `<ul>${rows.join('')}</ul>`;
}

export function receivedPage(provider: SimProvider, sends: readonly ReceivedSend[], people: readonly SimPerson[]): string {
  const mine = sends.filter((s) => s.provider === provider.slug).slice().reverse();
  const body = mine.length === 0
    ? '<p>Er is nog niets ontvangen.</p>'
    : mine
        .map((send) => {
          const person = people.find((p) => p.id === send.personId)?.displayName ?? send.personId;
          const items = send.entries
            .filter((e) => e.resourceType !== 'Binary' && e.resourceType !== 'List' && e.resourceType !== 'Organization' && e.resourceType !== 'DocumentManifest')
            .map((e) => `<li>${describe(e.resource, send)}</li>`)
            .join('\n');
          const refused = send.refused.map((r) => `<li class="error">Geweigerd: ${esc(r.resourceType)} — ${esc(r.why)}</li>`).join('\n');
          return `<section><h2>${esc(serviceName(send.serviceId))} — ${esc(person)}</h2>
<p class="meta">Ontvangen ${esc(send.receivedAt)} (FHIR ${esc(send.fhirVersion)}, ${esc(send.bundleType)})</p>
<ul>${items}${refused}</ul></section>`;
        })
        .join('\n');
  return page(`Ontvangen — ${provider.displayName}`, `<h1>Ontvangen door ${esc(provider.displayName)}</h1>
<p>Wat persoonlijke gezondheidsomgevingen naar deze fictieve zorgaanbieder hebben verstuurd, nieuwste eerst.</p>
${body}`);
}
