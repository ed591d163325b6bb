/**
 * `regie import FILE...`: FHIR files (all or nothing, one person per profile), or documents of the
 * person's own (PDF letters, JPEG/PNG photos) with a title and a date.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { otherPersonParams } from '../../../src-preload/contract/identity';
import type { ImportReport } from '../../../src-preload/contract/records';
import { looksLikeDocumentName, maxDocumentBytes } from '../../records/own-documents';
import { wallClock } from '../../records/overview';
import { call, type CliContext } from '../context';
import { CliCallError, CliUsageError } from '../output';
import { openProfile } from './open-profile';

/** The same ceiling the FHIR layer enforces, checked before reading so a huge file is never loaded. */
const maxImportBytes = 100 * 1024 * 1024;

export interface ImportCommandOptions {
  source?: string;
  profile?: string;
  /** The person knows the data is someone else's and wants it in this profile anyway. */
  otherPerson?: boolean;
  title?: string;
  date?: string;
}

export async function importCommand(ctx: CliContext, paths: string[], options: ImportCommandOptions): Promise<void> {
  if (paths.length === 0) throw new CliUsageError('import needs one or more FILEs');
  const documents = paths.filter(looksLikeDocumentName);
  if (documents.length > 0 && documents.length < paths.length) {
    throw new CliUsageError('import either FHIR files or documents (.pdf, .png, .jpg), not both at once');
  }
  if (documents.length > 0) return importDocuments(ctx, paths, options);
  if (options.title !== undefined || options.date !== undefined) throw new CliUsageError('--title and --date are for documents (.pdf, .png, .jpg)');
  return importFhir(ctx, paths, options);
}

async function importFhir(ctx: CliContext, paths: string[], options: ImportCommandOptions): Promise<void> {
  const files = paths.map((path) => readImportFile(path, maxImportBytes));
  const profile = await openProfile(ctx, options.profile);
  const report: ImportReport = await call(ctx, 'records.import', {
    profileId: profile.id,
    files: files.map((file) => ({ name: file.name, contentBase64: file.content.toString('base64') })),
    ...(options.source !== undefined && { sourceLabel: options.source }),
    ...(options.otherPerson && { allowOtherPerson: true }),
  });
  const lang = ctx.out.language;
  if (!report.ok) {
    if (report.otherPerson) {
      throw new CliCallError({
        code: 'other-person',
        params: otherPersonParams(report.otherPerson),
        detail:
          lang === 'nl'
            ? 'weet u dat dit iemand anders is en wilt u het toch in dit profiel: gebruik --other-person'
            : 'if you know this is someone else and want it in this profile anyway: use --other-person',
      });
    }
    const lines = report.problems.map((p) => `${p.file}: ${p.entryPath}: ${p.message[lang]}`);
    throw new CliCallError({
      code: 'import-rejected',
      ...(report.explanation && { params: { explanation: report.explanation[lang] } }),
      detail: lines.join('; '),
    });
  }
  const total = Object.values(report.byType).reduce((sum, n) => sum + n, 0);
  ctx.out.result(
    { created: report.created, updated: report.updated, unchanged: report.unchanged, byType: report.byType },
    [
      `Geïmporteerd / imported: ${total} (nieuw/new ${report.created}, bijgewerkt/updated ${report.updated}, ongewijzigd/unchanged ${report.unchanged})`,
      ...Object.entries(report.byType).map(([type, n]) => `  ${type}: ${n}`),
    ].join('\n'),
  );
}

/** Each document is stored on its own; without --title/--date the file name and today are used, and said so. */
async function importDocuments(ctx: CliContext, paths: string[], options: ImportCommandOptions): Promise<void> {
  if (options.otherPerson || options.source !== undefined) throw new CliUsageError('--other-person and --source are for FHIR files');
  if (options.title !== undefined && paths.length > 1) throw new CliUsageError('--title names one document: import documents one at a time');
  const date = options.date === undefined ? null : isoDay(options.date);
  if (options.date !== undefined && date === null) throw new CliUsageError(`--date '${options.date}' is not a date (YYYY-MM-DD or DD-MM-YYYY)`);
  const files = paths.map((path) => readImportFile(path, maxDocumentBytes));
  const profile = await openProfile(ctx, options.profile);
  const lang = ctx.out.language;
  const today = wallClock(new Date()).slice(0, 10);
  const added = [];
  for (const file of files) {
    const title = options.title?.trim() || file.name;
    const day = date ?? today;
    if (!options.title?.trim()) {
      process.stderr.write(lang === 'nl' ? `Geen --title: de bestandsnaam "${title}" is de titel.\n` : `No --title: the file name "${title}" is the title.\n`);
    }
    if (date === null) process.stderr.write(lang === 'nl' ? `Geen --date: de datum is vandaag (${day}).\n` : `No --date: the date is today (${day}).\n`);
    const summary = await call(ctx, 'records.addDocument', { profileId: profile.id, title, date: day, contentBase64: file.content.toString('base64') });
    added.push({ recordId: summary.id, file: file.name, title, date: day, titleFrom: options.title?.trim() ? 'option' : 'file-name', dateFrom: date ? 'option' : 'today' });
  }
  ctx.out.result(
    { documents: added },
    added
      .map((d) =>
        lang === 'nl'
          ? `Document toegevoegd als eigen document (zelf ingevoerd): "${d.title}", ${d.date} (${d.recordId})`
          : `Document added as your own (self-entered): "${d.title}", ${d.date} (${d.recordId})`,
      )
      .join('\n'),
  );
}

/** YYYY-MM-DD, or the Dutch DD-MM-YYYY; null when it is not a real date. */
function isoDay(value: string): string | null {
  const dutch = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(value.trim());
  const iso = dutch ? `${dutch[3]}-${dutch[2]!.padStart(2, '0')}-${dutch[1]!.padStart(2, '0')}` : value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

function readImportFile(path: string, maxBytes: number): { name: string; content: Buffer } {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new CliUsageError(`${path} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError(`cannot read ${path}`);
  }
  if (size > maxBytes) throw new CliUsageError(`${path} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
  return { name: basename(path), content: readFileSync(path) };
}
