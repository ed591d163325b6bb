/**
 * Gegevens ophalen via MedMij in Chromium, against the REAL provider simulator (127.0.0.1, fictitious
 * people) and a test host whose core uses the sample lists pointed at that simulator:
 * search a provider → choose BgZ → "Inloggen bij zorgaanbieder" → the popup shows the simulated DigiD
 * page → choose a person → the loopback callback page → progress and result in the app → the data in
 * Mijn gegevens with the provider as source → the connection with its last retrieval.
 * A second spec injects a failure at the simulator: partial result, then "Opnieuw proberen".
 * axe-core (WCAG 2.1 A/AA) on every screen of the flow and on Regie's own callback page.
 */
import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { createProfile, expectUnlockScreen, goToArea, strongPassword, unlock } from './helpers';
import { test } from './medmij-fixtures';
import { checkAxe } from './records-helpers';
import { expectTargetsAtLeast24 } from './target-size';

const providerName = 'Huisartsenpraktijk De Linde';
const bgz = 'Basisgegevens zorg (BgZ)';

/** Ticks exactly these services on a provider's card (Regie ticks the usual ones beforehand). */
async function chooseOnly(card: Locator, serviceIds: string[]): Promise<void> {
  await expect(card.getByRole('checkbox').first()).toBeVisible();
  for (const box of await card.getByRole('checkbox').all()) {
    await box.setChecked(serviceIds.includes((await box.getAttribute('data-service-id')) ?? ''));
  }
}

/** Zorgaanbieders → search "Linde" → check BgZ on De Linde's card → "Gegevens ophalen". */
async function chooseBgzAtDeLinde(page: Page, { axe }: { axe?: string } = {}): Promise<void> {
  await goToArea(page, 'Zorgaanbieders');
  await expect(page.getByRole('heading', { level: 2, name: 'Gegevens ophalen' })).toBeVisible();
  // The sample lists are fictitious practice providers, and the screen says so.
  await expect(page.getByRole('region', { name: 'Oefenomgeving: fictieve zorgaanbieders' })).toContainText('echte medische gegevens haalt u hier niet op');
  await page.getByLabel('Zoek een zorgaanbieder').fill('Linde');
  await expect(page.getByTestId('medmij-search-status')).toHaveText('1 zorgaanbieder gevonden.');
  const card = page.getByRole('article', { name: providerName });
  await expect(card).toContainText('Utrecht');
  // The services in plain Dutch; one login per service.
  for (const name of [bgz, 'Huisartsgegevens', 'Medicatie', 'Labuitslagen', 'Vaccinaties']) {
    await expect(card.getByLabel(name, { exact: true })).toBeVisible();
  }
  await expect(card).toContainText('Per soort gegevens logt u apart in');
  // Two versions of a service are told apart by the line under each name (its accessible description).
  await expect(card.getByLabel('Medicatie', { exact: true })).toHaveAttribute('data-service-id', '31');
  await expect(card.getByLabel('Medicatie (nieuwe versie)', { exact: true })).toHaveAccessibleDescription(/nieuwe medicatiestandaard/);
  const bgzBox = card.getByLabel(bgz, { exact: true });
  await expect(bgzBox).toHaveAttribute('data-service-id', '48');
  await chooseOnly(card, ['48']);
  if (axe) await checkAxe(page, axe);
  await card.getByRole('button', { name: 'Gegevens ophalen' }).click();

  // Explained before leaving for the browser.
  await expect(page.getByRole('heading', { level: 2, name: `Gegevens ophalen bij ${providerName}` })).toBeFocused();
  await expect(page.getByTestId('medmij-flow-service')).toHaveText(`Gegevens: ${bgz}`);
  await expect(page.getByTestId('medmij-explain')).toHaveText(
    `U logt in bij ${providerName} met DigiD, in uw webbrowser. Regie ziet uw DigiD-gegevens niet.`,
  );
}

/** "Inloggen bij zorgaanbieder": the app opens the provider's login page in a new tab. */
async function startLogin(page: Page, context: BrowserContext, { axe, provider = providerName }: { axe?: string; provider?: string } = {}): Promise<Page> {
  const popupPromise = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Inloggen bij zorgaanbieder' }).click();
  const popup = await popupPromise;
  await popup.waitForLoadState('domcontentloaded');

  // Meanwhile the app waits, with a way back into the login page and a way out.
  const waiting = page.getByTestId('medmij-waiting');
  await expect(waiting).toContainText('Log in in het browservenster dat is geopend. Daarna komt u vanzelf hier terug.');
  const reopen = waiting.getByRole('link', { name: /Open de inlogpagina opnieuw/ });
  await expect(reopen).toHaveAttribute('target', '_blank');
  await expect(reopen).toHaveAttribute('rel', /noopener/);
  const href = new URL((await reopen.getAttribute('href')) ?? '');
  expect(href.pathname).toBe(new URL(popup.url()).pathname);
  expect(href.searchParams.get('state')).toBe(new URL(popup.url()).searchParams.get('state'));
  await expect(page.getByTestId('medmij-stage')).toHaveText(`Wachten tot u bent ingelogd bij ${provider}…`);
  await expect(page.getByRole('button', { name: 'Annuleren' })).toBeVisible();
  if (axe) await checkAxe(page, axe);
  return popup;
}

/** On the simulated DigiD page: choose a fictitious person and log in; lands on Regie's callback page. */
async function loginAs(popup: Page, person: string, { axe, provider = providerName }: { axe?: string; provider?: string } = {}): Promise<void> {
  await expect(popup.getByRole('heading', { level: 1, name: `Inloggen bij ${provider} (TEST)` })).toBeVisible();
  await expect(popup.getByText('TESTOMGEVING — geen echte DigiD')).toBeVisible();
  await popup.getByLabel(new RegExp(person)).check();
  await popup.getByRole('button', { name: 'Inloggen', exact: true }).click();
  // The browser comes back on Regie's loopback redirect.
  await popup.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/medmij\/callback\?/);
  await expect(popup.getByRole('heading', { level: 1, name: 'Gelukt' })).toBeVisible();
  await expect(popup.getByText(/U kunt dit tabblad sluiten en teruggaan naar Regie/)).toBeVisible();
  if (axe) await checkAxe(popup, axe);
  await popup.close();
}

test('fetch BgZ from a provider: search → DigiD in a popup → progress → Mijn gegevens → connections', async ({
  page,
  context,
  host,
  simulator,
}) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Jan' });

  await chooseBgzAtDeLinde(page, { axe: 'medmij-01-search-results' });
  await checkAxe(page, 'medmij-02-explain');
  const popup = await startLogin(page, context, { axe: 'medmij-03-waiting' });
  // The authorization request went to the simulator with PKCE and the BgZ scope.
  expect(popup.url()).toContain(`${simulator.origin}/delinde/oauth/authorize`);
  const authUrl = new URL(popup.url());
  expect(authUrl.searchParams.get('scope')).toBe('delinde@medmij~48');
  expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');

  await loginAs(popup, 'Jan de Vries', { axe: 'medmij-04-callback-page' });

  // Back in the app: per-query progress, then what is new.
  const result = page.getByTestId('medmij-result');
  await expect(result).toHaveAttribute('data-result', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('medmij-stage')).toHaveText(`Klaar met ophalen bij ${providerName}.`);
  await expect(result.getByRole('heading', { level: 3, name: 'Ophalen gelukt' })).toBeFocused();
  const queries = page.getByRole('list', { name: 'Voortgang per onderdeel' });
  await expect(queries.getByRole('listitem').filter({ hasText: 'Problemen en diagnosen' })).toContainText('Klaar: 1 gegeven ontvangen');
  await expect(queries.getByRole('listitem').filter({ hasText: 'Mislukt' })).toHaveCount(0);
  await expect(queries.locator('[data-status="done"]')).toHaveCount(await queries.getByRole('listitem').count());
  const counts = page.getByTestId('medmij-counts');
  await expect(counts).toContainText('Opgehaald:');
  await expect(counts).toContainText('1 allergie');
  await expect(counts).toContainText('1 probleem');
  await expect(result).toContainText('nieuw,');
  await expect(page.getByRole('button', { name: 'Annuleren' })).toHaveCount(0);
  await checkAxe(page, 'medmij-05-result');
  await expectTargetsAtLeast24(page, 'result');

  // Mijn gegevens shows the provider's data, with the provider as its source.
  await result.getByRole('button', { name: 'Bekijk in Mijn gegevens' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn gegevens' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Onderwerpen' }).getByRole('button', { name: /^Allergieën/ }).click();
  await page.getByRole('list', { name: 'Allergieën' }).getByRole('button', { name: /Penicilline/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Penicilline/ })).toBeVisible();
  const provenance = page.getByTestId('provenance');
  await expect(provenance).toContainText(`${providerName} — ${bgz}`);
  await expect(provenance).toContainText('Zorgaanbieder');
  await page.getByRole('button', { name: 'Terug' }).click();
  await page.getByRole('navigation', { name: 'Onderwerpen' }).getByRole('button', { name: /^Problemen/ }).click();
  await expect(page.getByRole('list', { name: 'Problemen' })).toContainText('Suikerziekte type 2');

  // Zorgaanbieders: the connection with its last retrieval; "Opnieuw ophalen" starts that pair again.
  await goToArea(page, 'Zorgaanbieders');
  await expect(page.getByRole('heading', { level: 2, name: 'Gegevens ophalen' })).toBeVisible();
  const connections = page.getByTestId('medmij-connections');
  const row = connections.getByRole('listitem').filter({ hasText: providerName });
  await expect(row).toContainText(bgz);
  await expect(row).toContainText(/Laatst opgehaald: \d{1,2} [a-z]+ \d{4} om \d{2}:\d{2}/);
  await expect(row).toContainText('Alles opgehaald');
  await checkAxe(page, 'medmij-06-connections');
  await expectTargetsAtLeast24(page, 'connections');
  await row.getByRole('button', { name: /Opnieuw ophalen/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Gegevens ophalen bij ${providerName}` })).toBeFocused();
  await expect(page.getByTestId('medmij-flow-service')).toHaveText(`Gegevens: ${bgz}`);
  await expect(page.getByRole('button', { name: 'Inloggen bij zorgaanbieder' })).toBeVisible();
  await page.getByRole('button', { name: 'Terug' }).click();
  await expect(page.getByLabel('Zoek een zorgaanbieder')).toBeVisible();
});

test('GGZ as Kees Compleet: the CareTeam query, and a behandelaanwijzing that says what is not permitted', async ({ page, context, host }) => {
  const ggzProvider = 'GGZ Noorderlicht';
  await page.goto(host.url);
  await createProfile(page, { label: 'Kees' });
  await goToArea(page, 'Zorgaanbieders');
  await page.getByLabel('Zoek een zorgaanbieder').fill('Noorderlicht');
  const card = page.getByRole('article', { name: ggzProvider });
  const ggzBox = card.getByLabel('Basisgegevens GGZ', { exact: true });
  await expect(ggzBox).toHaveAttribute('data-service-id', '50');
  await chooseOnly(card, ['50']);
  await card.getByRole('button', { name: 'Gegevens ophalen' }).click();
  const popup = await startLogin(page, context, { provider: ggzProvider });
  expect(new URL(popup.url()).searchParams.get('scope')).toBe('noorderlicht@medmij~50');
  await loginAs(popup, 'Kees Compleet', { provider: ggzProvider });

  const result = page.getByTestId('medmij-result');
  await expect(result).toHaveAttribute('data-result', 'done', { timeout: 30_000 });
  const queries = page.getByRole('list', { name: 'Voortgang per onderdeel' });
  await expect(queries.getByRole('listitem')).toHaveCount(18); // the 18 retrievals of the GGZ qualification script
  await expect(queries.getByRole('listitem').filter({ hasText: 'Zorgteam' })).toContainText('Klaar:');
  await expect(queries.locator('[data-status="done"]')).toHaveCount(18);

  await result.getByRole('button', { name: 'Bekijk in Mijn gegevens' }).click();
  const topics = page.getByRole('navigation', { name: 'Onderwerpen' });
  await topics.getByRole('button', { name: /^Wilsverklaringen/ }).click();
  await expect(page.getByRole('list', { name: 'Wilsverklaringen' })).toContainText('Reanimatie: niet toegestaan');
  await topics.getByRole('button', { name: /^Personalia/ }).click();
  await expect(page.getByRole('list', { name: 'Personalia & contacten' })).toContainText('Zorgteam');
  await checkAxe(page, 'medmij-10-ggz-records');
});

test('a failing query: partial result with the failed part, "Opnieuw proberen" fetches it; lock clears it all', async ({
  page,
  context,
  host,
  simulator,
}) => {
  await page.goto(host.url);
  const { auth } = await createProfile(page, { label: 'Jan' });

  // The provider answers the Condition query (Problemen en diagnosen) once with HTTP 503.
  simulator.injectFailure({ provider: 'delinde', resourceType: 'Condition', mode: 'error', status: 503, times: 1 });

  await chooseBgzAtDeLinde(page);
  const popup = await startLogin(page, context);
  await loginAs(popup, 'Jan de Vries');

  const result = page.getByTestId('medmij-result');
  await expect(result).toHaveAttribute('data-result', 'partial', { timeout: 30_000 });
  await expect(result.getByRole('heading', { level: 3, name: 'Niet alles is opgehaald' })).toBeVisible();
  const failed = page.getByTestId('medmij-failed');
  await expect(failed.getByRole('listitem')).toHaveCount(1);
  await expect(failed).toContainText('Problemen en diagnosen');
  await expect(failed).toContainText('503');
  await expect(result).toContainText('Van dit onderdeel is niets bewaard');
  const queries = page.getByRole('list', { name: 'Voortgang per onderdeel' });
  await expect(queries.getByRole('listitem').filter({ hasText: 'Problemen en diagnosen' })).toContainText('Mislukt:');
  await expect(page.getByTestId('medmij-counts')).toContainText('1 allergie');
  await expect(page.getByTestId('medmij-counts')).not.toContainText('probleem');
  await checkAxe(page, 'medmij-07-partial');

  // The failed part is retried with the same login and succeeds.
  await result.getByRole('button', { name: 'Opnieuw proberen' }).click();
  await expect(result).toHaveAttribute('data-result', 'done', { timeout: 30_000 });
  await expect(result.getByRole('heading', { level: 3, name: 'Ophalen gelukt' })).toBeVisible();
  await expect(queries.getByRole('listitem').filter({ hasText: 'Problemen en diagnosen' })).toContainText('Klaar: 1 gegeven ontvangen');
  await expect(page.getByTestId('medmij-counts')).toContainText('1 probleem');
  await checkAxe(page, 'medmij-08-retried');

  await goToArea(page, 'Mijn gegevens');
  await page.getByRole('navigation', { name: 'Onderwerpen' }).getByRole('button', { name: /^Problemen/ }).click();
  await expect(page.getByRole('list', { name: 'Problemen' })).toContainText('Suikerziekte type 2');

  // Locking clears every trace of the fetch from the screen; the connection itself stays in the profile.
  await goToArea(page, 'Zorgaanbieders');
  await expect(page.getByTestId('medmij-result')).toBeVisible();
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await expectUnlockScreen(page, 'Jan');
  await unlock(page, strongPassword, await auth.fresh());
  // Back on the screen the person locked from (issue 10.11), without the fetch on it.
  await expect(page.getByRole('heading', { level: 1, name: 'Zorgaanbieders' })).toBeVisible();
  await expect(page.getByTestId('medmij-flow')).toHaveCount(0);
  await expect(page.getByLabel('Zoek een zorgaanbieder')).toHaveValue('');
  await expect(page.getByRole('article', { name: providerName })).toHaveCount(0);
  await expect(page.getByTestId('medmij-connections').getByRole('listitem').filter({ hasText: providerName })).toContainText(
    'Alles opgehaald',
  );
});

test('two services run one after another, each with its own login; cancelling while waiting', async ({ page, context, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Jan' });

  await goToArea(page, 'Zorgaanbieders');
  await page.getByLabel('Zoek een zorgaanbieder').fill('Utrecht');
  const card = page.getByRole('article', { name: providerName });
  await chooseOnly(card, []);
  await card.getByLabel('Vaccinaties', { exact: true }).check();
  await card.getByLabel('Medicatie', { exact: true }).check();
  await expect(card).toContainText('U heeft 2 soorten gegevens gekozen: u logt 2 keer in, één keer per soort.');
  await card.getByRole('button', { name: 'Gegevens ophalen' }).click();
  await expect(page.getByTestId('medmij-flow-service')).toHaveText('Stap 1 van 2: Medicatie');
  await expect(page.getByTestId('medmij-flow')).toContainText('Voor elke soort logt u apart in bij de zorgaanbieder.');

  // Step 1: start and cancel while the login page is open.
  const popup = await startLogin(page, context);
  await page.getByRole('button', { name: 'Annuleren' }).click();
  const result = page.getByTestId('medmij-result');
  await expect(result).toHaveAttribute('data-result', 'cancelled');
  await expect(result).toContainText('Er is niets opgehaald; uw gegevens zijn niet veranderd.');
  await checkAxe(page, 'medmij-09-cancelled');
  await popup.close();

  // Step 2 with its own login.
  await result.getByRole('button', { name: 'Verder met Vaccinaties' }).click();
  await expect(page.getByTestId('medmij-flow-service')).toHaveText('Stap 2 van 2: Vaccinaties');
  const popup2 = await startLogin(page, context);
  expect(new URL(popup2.url()).searchParams.get('scope')).toBe('delinde@medmij~63');
  await loginAs(popup2, 'Jan de Vries');
  await expect(result).toHaveAttribute('data-result', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('medmij-counts')).toContainText('vaccinatie');
  await result.getByRole('button', { name: 'Terug naar zoeken' }).click();
  const row = page.getByTestId('medmij-connections').getByRole('listitem').filter({ hasText: 'Vaccinaties' });
  await expect(row).toContainText(providerName);
});

test('a caregiver profile logs in on behalf of the represented person (MedMij representation)', async ({
  page,
  context,
  host,
  simulator,
}) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Sanne' });
  await goToArea(page, 'Zorgaanbieders');

  const setting = page.getByRole('region', { name: 'Voor wie is dit profiel?' });
  await setting.getByLabel('mijn kind jonger dan 12 jaar (ouderlijk gezag)').check();
  await setting.getByRole('button', { name: 'Opslaan' }).click();
  await expect(setting.getByRole('alert')).toHaveText('Vul de geboortedatum in van de persoon voor wie u dit profiel beheert.');
  await setting.getByLabel('Geboortedatum van die persoon').fill('2019-04-12');
  await setting.getByRole('button', { name: 'Opslaan' }).click();
  await expect(setting.getByRole('status')).toHaveText('Opgeslagen. Dit geldt vanaf de volgende keer dat u gegevens ophaalt.');
  await checkAxe(page, 'medmij-07-representation');

  await chooseBgzAtDeLinde(page);
  const popup = await startLogin(page, context);
  const authUrl = new URL(popup.url());
  expect(authUrl.searchParams.get('scope')).toBe('delinde@medmij~48 onbehalfofchild');
  expect(authUrl.searchParams.get('MedMij_geboortedatum')).toBe('20190412');
  await loginAs(popup, 'Sanne Proef');
  // Sanne (1990) is not the child born 12-04-2019: her data is stopped, nothing stored (intake.spec.ts).
  await expect(page.getByTestId('medmij-result')).toHaveAttribute('data-result', 'failed', { timeout: 30_000 });
  await expect(page.getByTestId('medmij-reason')).toContainText('maar dit profiel is van iemand geboren 12 april 2019');
  expect(simulator.authorizations.at(-1)?.representation).toMatchObject({ MedMij_geboortedatum: '20190412' });

  // Back to "for myself": the next login carries no representation.
  await goToArea(page, 'Zorgaanbieders');
  await page.getByRole('region', { name: 'Voor wie is dit profiel?' }).getByLabel('mijzelf').check();
  await page.getByRole('region', { name: 'Voor wie is dit profiel?' }).getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('region', { name: 'Voor wie is dit profiel?' }).getByRole('status')).toContainText('Opgeslagen');
});
