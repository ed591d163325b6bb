/** Shared steps for the health record specs: importing files, a tiny real PDF, and axe. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { repoRoot } from './fixtures';

export const fixtureDir = join(repoRoot, 'tests/fixtures/fhir');

export async function fixtureFile(name: string): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  return {
    name,
    mimeType: name.endsWith('.xml') ? 'application/xml' : 'application/json',
    buffer: await readFile(join(fixtureDir, name)),
  };
}

/**
 * A minimal valid PDF (one A4 page, Helvetica, one line of text per entry in `lines`), built by hand
 * with a correct cross-reference table, so the viewer has real text to put in its text layer.
 */
export function makePdf(lines: string[]): Buffer {
  const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = ['BT', '/F1 18 Tf', '72 770 Td', '24 TL', ...lines.map((line) => `(${escape(line)}) '`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

export const pdfTitle = 'Brief van de huisarts';
export const pdfText = 'Regie testbrief: uw uitslagen zijn goed.';

/** An R4 collection Bundle with one DocumentReference whose PDF is inline (attachment.data). */
export function pdfBundleFile(): { name: string; mimeType: string; buffer: Buffer } {
  const pdf = makePdf([pdfText, 'Met vriendelijke groet, dokter Bakker']);
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        fullUrl: 'urn:uuid:5f1c9c52-2a4e-4c53-9d59-8d7a0c1e0b11',
        resource: {
          resourceType: 'DocumentReference',
          id: 'brief-huisarts-e2e',
          status: 'current',
          type: { coding: [{ system: 'http://loinc.org', code: '11488-4', display: 'Consult note' }], text: pdfTitle },
          date: '2024-03-05T10:00:00+01:00',
          description: pdfTitle,
          content: [{ attachment: { contentType: 'application/pdf', title: pdfTitle, data: pdf.toString('base64'), size: pdf.length } }],
        },
      },
    ],
  };
  return { name: 'brief-huisarts.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle, null, 2)) };
}

/** "Bestand importeren" through the system file chooser, as a person would. */
export async function importViaChooser(
  page: Page,
  files: Array<{ name: string; mimeType: string; buffer: Buffer }>,
  buttonName = 'Bestand importeren',
): Promise<void> {
  const chooserPromise = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: buttonName }).first().click();
  const chooser = await chooserPromise;
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles(files);
}

export async function expectImported(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Import gelukt' })).toBeVisible({ timeout: 30_000 });
}

export { checkAxe } from './axe';

/** The numbers per BgZ section in Mijn gegevens, e.g. { Labuitslagen: 3, … }. */
export async function sectionCounts(page: Page): Promise<Record<string, number>> {
  const nav = page.getByRole('navigation', { name: 'Onderwerpen' });
  await expect(nav).toBeVisible();
  const counts: Record<string, number> = {};
  for (const button of await nav.getByRole('button').all()) {
    const name = (await button.locator('span').first().textContent()) ?? '';
    counts[name] = Number.parseInt((await button.locator('.count').textContent()) ?? '', 10);
  }
  return counts;
}
