/**
 * Zorgaanbieders → "Relay voor echte zorgaanbieders" in Chromium: a wrong or unreachable address is
 * refused in plain words; a relay is saved after a check, shown at the top and on the fetch; MedMij's
 * lists then come through it, and a whole fetch runs through it — the provider (the simulator with
 * mutual TLS, as `zorg.test`) and the relay (`relay.regie.test`) reached on 127.0.0.1 only: the test
 * carries the browser's requests for those two names there (its "hosts file"), like relay-browser.mjs.
 * axe on the relay screens.
 */
import { mkdirSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import { join } from 'node:path';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import type { Route } from '@playwright/test';
import type { Relay } from '../../relay/src/server';
import { hasOpenssl, providerHost, relayHost, startRelayInProcess, startRelayWorld, type RelayWorld } from '../helpers/relay-world';
import { makeTempDir } from '../helpers/temp-dir';
import { expect, test } from './fixtures';
import { createProfile, goToArea } from './helpers';
import { checkAxe } from './records-helpers';
import { expectTargetsAtLeast24 } from './target-size';

const providerName = 'Huisartsenpraktijk De Linde';

let temp: ReturnType<typeof makeTempDir>;
let world: RelayWorld;
let relay: Relay;

test.skip(!hasOpenssl(), 'needs the openssl binary for the test certificates');

test.beforeAll(async () => {
  temp = makeTempDir('regie-e2e-relay-');
  mkdirSync(join(temp.dir, 'world'));
  world = await startRelayWorld(join(temp.dir, 'world'));
  relay = await startRelayInProcess(world.writeConfig('relay'), { log: () => undefined });
  // The test host runs in this process: its core trusts the relay's certificate (the test CA).
  setDefaultCACertificates([...getCACertificates('default'), world.ca.cert]);
});

test.afterAll(async () => {
  await relay?.close();
  await world?.close();
  temp?.remove();
});

/** The browser's request for zorg.test or relay.regie.test, made on 127.0.0.1 with the test CA. */
async function carry(route: Route, port: number): Promise<void> {
  const asked = route.request();
  const url = new URL(asked.url());
  const body = asked.postDataBuffer();
  const type = asked.headers()['content-type'];
  const options: RequestOptions = {
    host: url.hostname,
    port,
    path: `${url.pathname}${url.search}`,
    method: asked.method(),
    headers: { host: url.host, ...(type && { 'content-type': type }), ...(body && { 'content-length': String(body.length) }) },
    ca: world.ca.cert,
    servername: url.hostname,
    agent: false,
    lookup: (_host, opts, callback) =>
      opts.all ? (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4),
  };
  const answer = await new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
    const outgoing = request(options, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers[name] = value;
        resolve({ status: incoming.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body ?? undefined);
  });
  await route.fulfill(answer);
}

test('a relay is checked, saved and shown; MedMij’s lists and a whole fetch go through it', async ({ page, context, host }) => {
  await context.route(`https://${providerHost}/**`, (route) => carry(route, world.sim.port));
  await context.route(`https://${relayHost}/**`, (route) => carry(route, Number(new URL(relay.origin).port)));
  await page.goto(host.url);
  await createProfile(page, { label: 'Jan' });
  await goToArea(page, 'Zorgaanbieders');

  const section = page.getByRole('region', { name: 'Relay voor echte zorgaanbieders' });
  await expect(section.getByTestId('medmij-relay-current')).toHaveText('Er is geen relay ingesteld. U kunt nu alleen oefenen met de fictieve zorgaanbieders.');
  await expect(page.getByTestId('medmij-relay-notice')).toHaveCount(0);
  await expect(page.getByTestId('medmij-practice')).toBeVisible();
  const address = section.getByLabel('Adres van de relay');
  await expect(address).toHaveAccessibleDescription(/bijvoorbeeld https:\/\/relay\.voorbeeld\.nl/);

  // Refused in plain words, nothing saved.
  await section.getByRole('button', { name: 'Relay opslaan' }).click();
  await expect(section.getByRole('alert')).toHaveText('Vul het adres van de relay in.');
  await address.fill('ftp://relay.voorbeeld.nl');
  await section.getByRole('button', { name: 'Relay opslaan' }).click();
  await expect(section.getByRole('alert')).toHaveText(/Dit is geen bruikbaar adres voor een relay\. Gebruik het adres dat u van de beheerder kreeg/);
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await address.fill('https://127.0.0.1:1');
  await section.getByRole('button', { name: 'Relay opslaan' }).click();
  await expect(section.getByRole('alert')).toHaveText(/De relay 127\.0\.0\.1:1 is niet bereikbaar/);
  await expect(section.getByTestId('medmij-relay-current')).toContainText('Er is geen relay ingesteld');
  await checkAxe(page, 'relay-01-refused');

  // Saved after the check: shown in the section and at the top; the practice notice goes (the lists come through the relay).
  const label = `127.0.0.1:${new URL(relay.origin).port}`;
  await address.fill(relay.origin);
  await expect(section.getByLabel('De lijst van zorgaanbieders via deze relay ophalen (aanbevolen)')).toBeChecked();
  await section.getByRole('button', { name: 'Relay opslaan' }).click();
  await expect(section.getByRole('status')).toHaveText('Opgeslagen. Regie haalt gegevens nu op via deze relay.');
  const current = section.getByTestId('medmij-relay-current');
  await expect(current).toContainText(`Regie haalt gegevens bij zorgaanbieders op via de relay ${label}.`);
  await expect(current).toContainText(`Bij MedMij heet deze relay ${relayHost}.`);
  await expect(current).toContainText('De lijst van zorgaanbieders komt ook via deze relay.');
  await expect(page.getByTestId('medmij-relay-notice')).toHaveText(`Ophalen gaat via de relay ${label}.`);
  await expect(page.getByTestId('medmij-practice')).toHaveCount(0);
  await checkAxe(page, 'relay-02-saved');
  await expectTargetsAtLeast24(page, 'relay saved');

  // A fetch through the relay: the login page at the provider, back through the relay to Regie.
  await page.getByLabel('Zoek een zorgaanbieder').fill('Linde');
  const card = page.getByRole('article', { name: providerName });
  for (const box of await card.getByRole('checkbox').all()) await box.setChecked((await box.getAttribute('data-service-id')) === '48');
  await card.getByRole('button', { name: 'Gegevens ophalen' }).click();
  const popupPromise = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Inloggen bij zorgaanbieder' }).click();
  const popup = await popupPromise;
  await popup.waitForLoadState('domcontentloaded');
  const authorize = new URL(popup.url());
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`https://${providerHost}/delinde/oauth/authorize`);
  expect(authorize.searchParams.get('client_id')).toBe(relayHost);
  expect(authorize.searchParams.get('redirect_uri')).toBe(`https://${relayHost}/medmij/callback`);
  await expect(page.getByTestId('medmij-via-relay')).toHaveText(`Via de relay ${label}.`);
  await popup.getByLabel(/Jan de Vries/).check();
  await popup.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await popup.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/medmij\/callback\?/);
  await expect(popup.getByRole('heading', { level: 1, name: 'Gelukt' })).toBeVisible();
  await popup.close();
  const result = page.getByTestId('medmij-result');
  await expect(result).toHaveAttribute('data-result', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('medmij-via-relay')).toHaveText(`Via de relay ${label}.`);
  await expect(page.getByTestId('medmij-counts')).toContainText('1 allergie');

  // No relay any more: practice providers again.
  await goToArea(page, 'Mijn gegevens');
  await goToArea(page, 'Zorgaanbieders');
  await section.getByRole('button', { name: 'Geen relay gebruiken' }).click();
  await expect(section.getByRole('status')).toHaveText('Er wordt geen relay meer gebruikt.');
  await expect(page.getByTestId('medmij-relay-notice')).toHaveCount(0);
  await expect(page.getByTestId('medmij-practice')).toBeVisible();
});
