/**
 * Names instead of codes (issue 10, items 2 and 7), in Chromium: a medication agreement names its
 * medicine, prescriber and reason on Overzicht and in its detail; one letter is one item that opens
 * its PDF; codes and raw data are in "Technische weergave" only; value sets are in Dutch.
 */
import type { Page } from '@playwright/test';
import { keesCompleetResources } from '../../src-main/medmij/simulator/kees-compleet';
import { expect, test } from './fixtures';
import { createProfile, goToArea } from './helpers';
import { checkAxe, expectImported, fixtureFile, importViaChooser, makePdf } from './records-helpers';

/**
 * Kees Compleet's STU3 record (zib 2017, as the issue saw it: there the agreement is his newest
 * acenocoumarol record) as one search result bundle, as a file a person could import.
 */
function keesFile() {
  const entry = keesCompleetResources('STU3').map((r) => ({ fullUrl: `http://127.0.0.1/fhir/${String(r.resourceType)}/${String(r.id)}`, resource: r }));
  return { name: 'kees-compleet.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', entry })) };
}

const letterText = 'Ontslagbrief: u bent in goede gezondheid naar huis gegaan.';
const loinc = 'http://loinc.org';
const dischargeType = { coding: [{ system: loinc, code: '18842-5', display: 'Discharge summary' }], text: 'Ontslagbrief' };

/**
 * One discharge letter as a hospital may send it: the letter (DocumentReference), its PDF (Binary),
 * the list it is on (DocumentManifest) and its structured text (Composition); plus an admission
 * with only its class and an alert with an HL7 category, whose displays are English.
 */
function letterFile() {
  const pdf = makePdf([letterText, 'Met vriendelijke groet, Ziekenhuis Rijnoever']);
  const base = 'https://fhir.rijnoever.example/R4';
  const resources = [
    { resourceType: 'Organization', id: 'rijnoever', name: 'Ziekenhuis Rijnoever' },
    {
      resourceType: 'DocumentReference', id: 'brief-ontslag', status: 'current', type: dischargeType,
      category: [{ coding: [{ system: loinc, code: '18842-5', display: 'Discharge summary' }] }],
      date: '2024-02-09T12:00:00+01:00', author: [{ reference: 'Organization/rijnoever' }], description: 'Ontslagbrief cardiologie',
      content: [{ attachment: { contentType: 'application/pdf', url: 'Binary/brief-ontslag-pdf', title: 'Ontslagbrief.pdf', size: pdf.length } }],
    },
    { resourceType: 'Binary', id: 'brief-ontslag-pdf', contentType: 'application/pdf', data: pdf.toString('base64') },
    { resourceType: 'DocumentManifest', id: 'documenten-opname', status: 'current', created: '2024-02-09T12:00:00+01:00', description: 'Documenten opname februari 2024', content: [{ reference: 'DocumentReference/brief-ontslag' }] },
    {
      resourceType: 'Composition', id: 'ontslagbrief', status: 'final', type: dischargeType, date: '2024-02-09', title: 'Ontslagbrief cardiologie',
      author: [{ reference: 'Organization/rijnoever' }],
      section: [{ title: 'Beloop', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Opgenomen met hartkloppingen.</p></div>' } }],
    },
    {
      resourceType: 'Encounter', id: 'opname', status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP', display: 'inpatient encounter' },
      period: { start: '2024-02-05', end: '2024-02-09' }, serviceProvider: { reference: 'Organization/rijnoever' },
    },
    {
      resourceType: 'Flag', id: 'bloedverdunner', status: 'active',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: 'drug', display: 'Drug' }] }],
      code: { text: 'Gebruikt bloedverdunners' },
    },
  ];
  const bundle = { resourceType: 'Bundle', type: 'collection', entry: resources.map((r) => ({ fullUrl: `${base}/${r.resourceType}/${r.id}`, resource: r })) };
  return { name: 'ontslag.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle)) };
}

/** What the normal view says: the detail without its (folded) technical view. */
async function normalViewText(page: Page): Promise<string> {
  return page.locator('article.detail').evaluate((article) => {
    const copy = article.cloneNode(true) as HTMLElement;
    copy.querySelector('[data-testid="technical-view"]')?.remove();
    return copy.textContent ?? '';
  });
}

const typeId = /\b(Medication|MedicationRequest|PractitionerRole|Practitioner|Condition|Organization|Patient|Binary|DocumentReference)\/[A-Za-z0-9\-.]+/;
const codeWords = /SNOMED|LOINC|ICPC|ATC|G-Standaard|44054006|18842-5/;
const englishWords = /inpatient encounter|Discharge summary|Content type|\bAlerts\b|\bDrug\b|\bActive\b|Confirmed|Vital Signs/;

test("Kees's acenocoumarol agreement names the medicine, prescriber and reason", async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Kees' });
  await importViaChooser(page, [keesFile()]);
  await expectImported(page);

  await goToArea(page, 'Overzicht');
  const medication = page.getByRole('region', { name: 'Huidige medicatie' });
  const line = medication.getByRole('button', { name: /Acenocoumarol 1 mg tablet.*Volgens schema van de trombosedienst/ });
  await expect(line).toBeVisible();
  await expect(medication.getByRole('button', { name: /^Medicatieafspraak/ })).toHaveCount(0);
  await checkAxe(page, 'presentation-01-overzicht');

  await line.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Acenocoumarol 1 mg tablet' })).toBeVisible();
  const fields = page.getByTestId('detail-fields');
  const value = (label: string) => fields.locator('.field-row', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
  await expect(value('Geneesmiddel')).toHaveText('Acenocoumarol 1 mg tablet');
  await expect(value('Voorgeschreven door')).toHaveText('H. Huisman, huisarts (fictief), Huisartsenpraktijk Compleetstad (fictief)');
  await expect(value('Reden')).toHaveText('Boezemfibrilleren');
  await expect(value('Gebruik')).toHaveText('Volgens schema van de trombosedienst');
  await expect(value('Status')).toHaveText('actief');
  const text = await normalViewText(page);
  expect(text).not.toMatch(typeId);
  expect(text).not.toMatch(codeWords);
  await checkAxe(page, 'presentation-02-agreement');

  // The technical view still has the references and codes as sent.
  await page.getByText('Technische weergave').click();
  await expect(page.getByTestId('original-text')).toContainText('Medication/kc-med-acenocoumarol');
  await expect(page.getByTestId('technical-codes')).toContainText('16076005');

  // A name opens what it names.
  await value('Reden').getByRole('button', { name: 'Boezemfibrilleren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Boezemfibrilleren' })).toBeVisible();
  expect(await normalViewText(page)).not.toMatch(typeId);
  await checkAxe(page, 'presentation-03-condition');
});

test('one letter is one item that opens the PDF; codes only in the technical view; Dutch words', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Jan' });
  await importViaChooser(page, [letterFile(), await fixtureFile('r4-bgz-bundle.json')]);
  await expectImported(page);

  await goToArea(page, 'Mijn gegevens');
  const topics = page.getByRole('navigation', { name: 'Onderwerpen' });
  await expect(topics.getByRole('button', { name: /^Waarschuwingen/ })).toBeVisible();
  await expect(topics).not.toContainText('Alerts');
  await topics.getByRole('button', { name: /^Documenten/ }).click();
  const documents = page.getByRole('list', { name: 'Documenten' });
  // Two letters (this one and the fixture's), each one item: no list, file or structured twin beside them.
  await expect(documents.getByRole('listitem')).toHaveCount(2);
  await expect(documents).not.toContainText(/Documentenlijst|Documentenset|Samenvatting|Bestand|PDF-document|Documenten opname/);
  await checkAxe(page, 'presentation-04-documents');

  await documents.getByRole('button', { name: /Ontslagbrief.*9 februari 2024/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ontslagbrief' })).toBeVisible();
  // The letter opens right away.
  const viewer = page.getByTestId('pdf-viewer');
  await expect(viewer.locator('.pdf-page')).toHaveAttribute('data-rendered', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('pdf-text-layer')).toContainText(letterText);
  let text = await normalViewText(page);
  expect(text).not.toMatch(codeWords);
  expect(text).not.toMatch(englishWords);
  expect(text).not.toContain('JVBER');
  await checkAxe(page, 'presentation-05-letter');

  // Its file is reachable from "Hoort bij", as a file, not as base64.
  const related = page.getByRole('region', { name: 'Hoort bij' });
  await related.getByRole('button', { name: /PDF-document/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'PDF-document' })).toBeVisible();
  text = await normalViewText(page);
  expect(text).not.toContain('JVBER');
  expect(text).not.toMatch(englishWords);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThan(2500);
  await checkAxe(page, 'presentation-06-file');

  // A problem: its name without codes; the codes in the technical view.
  await goToArea(page, 'Overzicht');
  await page.getByRole('region', { name: 'Actuele problemen' }).getByRole('button', { name: /Suikerziekte type 2/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Suikerziekte type 2' })).toBeVisible();
  text = await normalViewText(page);
  expect(text).not.toMatch(codeWords);
  expect(text).not.toMatch(englishWords);
  await page.getByText('Technische weergave').click();
  const codes = page.getByTestId('technical-codes');
  await expect(codes).toContainText('SNOMED CT');
  await expect(codes).toContainText('44054006');
  await expect(codes).toContainText('ICPC');
  await checkAxe(page, 'presentation-07-technical');

  // The admission and the alert in Dutch.
  await goToArea(page, 'Mijn gegevens');
  await topics.getByRole('button', { name: /^Contacten/ }).click();
  await page.getByRole('list', { name: 'Contacten' }).getByRole('button', { name: /^Opname/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Opname' })).toBeVisible();
  text = await normalViewText(page);
  expect(text).not.toMatch(englishWords);
  expect(text).not.toMatch(typeId);
  await expect(page.getByTestId('detail-fields')).toContainText('Ziekenhuis Rijnoever');

  await goToArea(page, 'Mijn gegevens');
  await topics.getByRole('button', { name: /^Waarschuwingen/ }).click();
  await page.getByRole('list', { name: 'Waarschuwingen' }).getByRole('button', { name: /Gebruikt bloedverdunners/ }).click();
  await expect(page.getByTestId('detail-fields')).toContainText('geneesmiddelen');
  expect(await normalViewText(page)).not.toMatch(englishWords);
  await checkAxe(page, 'presentation-08-alert');
});
