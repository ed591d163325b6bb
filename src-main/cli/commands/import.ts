/**
 * `regie import PATH...`: files, folders (recursively) and .zip archives, handed to the core as
 * paths (it reads them itself, one file at a time): each file imported whole or not at all, or the
 * whole run with --all-or-nothing; a line per file and the totals; progress on stderr at a terminal.
 * A document named on its own (PDF letter, JPEG/PNG photo) becomes the person's own with a title
 * and a date.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { otherPersonParams } from '../../../src-preload/contract/identity';
import type { ImportFileOutcome, ImportRunReport } from '../../../src-preload/contract/imports';
import { looksLikeDocumentName, maxDocumentBytes } from '../../records/own-documents';
import { wallClock } from '../../records/overview';
import { call, type CliContext } from '../context';
import { CliCallError, CliReported, CliUsageError } from '../output';
import { openProfile } from './open-profile';

export interface ImportCommandOptions {
  source?: string;
  profile?: string;
  /** The person knows the data is someone else's and wants it in this profile anyway. */
  otherPerson?: boolean;
  title?: string;
  date?: string;
  /** The whole run as one transaction: one refused file stores nothing (for scripts). */
  allOrNothing?: boolean;
  /** Letters and photos among the files, in folders and archives, become own documents. */
  documents?: boolean;
}

export async function importCommand(ctx: CliContext, paths: string[], options: ImportCommandOptions): Promise<void> {
  if (paths.length === 0) throw new CliUsageError('import needs one or more FILEs, FOLDERs or ZIP archives');
  for (const path of paths) {
    try {
      statSync(path);
    } catch {
      throw new CliUsageError(`cannot read ${path}`);
    }
  }
  const named = paths.filter((path) => looksLikeDocumentName(path) && statSync(path).isFile());
  if (named.length === paths.length && !options.allOrNothing) {
    if (options.documents) throw new CliUsageError('--documents is for folders and archives; name a document on its own with --title and --date');
    return importDocuments(ctx, paths, options);
  }
  if (named.length > 0 && !options.documents) {
    throw new CliUsageError('import documents (.pdf, .png, .jpg) on their own, or add --documents to import them with the rest');
  }
  if (options.title !== undefined) throw new CliUsageError('--title names one document: import documents one at a time');
  if (options.documents && options.allOrNothing) throw new CliUsageError('--documents cannot be combined with --all-or-nothing');
  let documentDate: string | undefined;
  if (options.date !== undefined) {
    if (!options.documents) throw new CliUsageError('--date is for documents (.pdf, .png, .jpg)');
    documentDate = isoDay(options.date) ?? undefined;
    if (!documentDate) throw new CliUsageError(`--date '${options.date}' is not a date (YYYY-MM-DD or DD-MM-YYYY)`);
  }
  const profile = await openProfile(ctx, options.profile);
  const { importId } = await call(ctx, 'imports.begin', {
    profileId: profile.id,
    ...(options.source !== undefined && { sourceLabel: options.source }),
    ...(options.otherPerson && { allowOtherPerson: true }),
    ...(options.allOrNothing && { allOrNothing: true }),
    ...(options.documents && { documents: true }),
    ...(documentDate && { documentDate }),
  });
  await call(ctx, 'imports.addPaths', { importId, paths: paths.map((path) => resolve(path)) });
  const report = await withProgress(ctx, importId, () => call(ctx, 'imports.finish', { importId }));
  const only = report.files.length === 1 && paths.length === 1 ? report.files[0] : undefined;
  // One file named on its own and refused: the app's words, as a single import always said them.
  if (only?.status === 'refused' && only.reason && (only.reason.code === 'other-person' || only.reason.code === 'fhir-problems')) {
    throw singleRefusal(ctx, only);
  }
  printRun(ctx, report);
  const refused = report.files.filter((file) => file.status === 'refused');
  if (refused.length > 0 || report.stopped) throw new CliReported(runFailure(ctx.out.language, report, refused));
}

/** The error of one refused file, with the technical problems as detail and the --other-person hint. */
function singleRefusal(ctx: CliContext, outcome: ImportFileOutcome): CliCallError {
  const lang = ctx.out.language;
  if (outcome.otherPerson) {
    return new CliCallError({
      code: 'other-person',
      params: otherPersonParams(outcome.otherPerson),
      detail:
        lang === 'nl'
          ? 'weet u dat dit iemand anders is en wilt u het toch in dit profiel: gebruik --other-person'
          : 'if you know this is someone else and want it in this profile anyway: use --other-person',
    });
  }
  return new CliCallError({
    code: 'import-rejected',
    ...(outcome.reason && { params: { explanation: outcome.reason[lang] } }),
    detail: (outcome.problems ?? []).map((p) => `${p.file}: ${p.entryPath}: ${p.message[lang]}`).join('; '),
  });
}

/** Progress on stderr while a person watches (a terminal), and Ctrl-C stops between two files. */
async function withProgress<T>(ctx: CliContext, importId: string, work: () => Promise<T>): Promise<T> {
  const lang = ctx.out.language;
  const tty = process.stderr.isTTY === true;
  const stopListening = ctx.core.onEvent((message) => {
    if (!tty || message.event !== 'imports.progress') return;
    const { done, total } = message.payload as { done: number; total: number | null };
    const count = total === null ? `${done}` : `${done} ${lang === 'nl' ? 'van' : 'of'} ${total}`;
    process.stderr.write(`\r\x1b[K${lang === 'nl' ? 'Importeren' : 'Importing'}: ${count} ${lang === 'nl' ? 'bestanden' : 'files'}`);
  });
  const cancel = () => {
    process.stderr.write(lang === 'nl' ? '\nStoppen na dit bestand…\n' : '\nStopping after this file…\n');
    void ctx.core.call('imports.cancel', { importId });
  };
  process.once('SIGINT', cancel);
  try {
    return await work();
  } finally {
    process.off('SIGINT', cancel);
    stopListening();
    if (tty) process.stderr.write('\r\x1b[K');
  }
}

const statusWords = {
  nl: { imported: 'geïmporteerd', unchanged: 'ongewijzigd', refused: 'geweigerd', skipped: 'overgeslagen' },
  en: { imported: 'imported', unchanged: 'unchanged', refused: 'refused', skipped: 'skipped' },
} as const;

/** One line per file, then the totals; JSON: the run report with the totals also at the top (as before). */
function printRun(ctx: CliContext, report: ImportRunReport): void {
  const lang = ctx.out.language;
  const words = statusWords[lang];
  const lines = report.files.map((file) => {
    const counts =
      file.created !== undefined
        ? lang === 'nl'
          ? ` (${file.created} nieuw, ${file.updated ?? 0} bijgewerkt, ${file.unchanged ?? 0} waren er al)`
          : ` (${file.created} new, ${file.updated ?? 0} updated, ${file.unchanged ?? 0} already there)`
        : file.resources !== undefined && file.status === 'imported'
          ? lang === 'nl'
            ? ` (${file.resources} gegevens)`
            : ` (${file.resources} records)`
          : '';
    return `${file.file}: ${words[file.status]}${counts}${file.reason ? ` — ${file.reason[lang]}` : ''}`;
  });
  const { counts, records } = report;
  const total = Object.values(records.byType).reduce((sum, n) => sum + n, 0);
  lines.push(
    lang === 'nl'
      ? `Samenvatting: ${counts.imported} geïmporteerd, ${counts.unchanged} ongewijzigd, ${counts.refused} geweigerd, ${counts.skipped} overgeslagen; ${total} gegevens (${records.created} nieuw, ${records.updated} bijgewerkt, ${records.unchanged} waren er al)`
      : `Summary: ${counts.imported} imported, ${counts.unchanged} unchanged, ${counts.refused} refused, ${counts.skipped} skipped; ${total} records (${records.created} new, ${records.updated} updated, ${records.unchanged} already there)`,
  );
  if (report.files.some((file) => file.reason?.code === 'document-not-asked')) {
    lines.push(lang === 'nl' ? 'Brieven en foto’s toevoegen als eigen document: gebruik --documents.' : 'To add letters and photos as your own documents: use --documents.');
  }
  ctx.out.result({ ...records, ...report }, lines.join('\n'));
}

/** The one stderr line of a run that did not import everything it was asked to. */
function runFailure(lang: 'nl' | 'en', report: ImportRunReport, all: ImportFileOutcome[]): string {
  // Files held back by --all-or-nothing were refused because of the others: name those.
  const refused = all.filter((file) => !['held-back', 'canceled', 'run-too-large'].includes(file.reason?.code ?? ''));
  const first = refused[0] ?? all[0];
  const firstPart = first ? ` (${lang === 'nl' ? 'eerste' : 'first'}: "${first.file}": ${first.reason?.[lang] ?? ''})` : '';
  const stopped =
    report.stopped === 'canceled'
      ? lang === 'nl'
        ? 'Gestopt op uw verzoek. '
        : 'Stopped as you asked. '
      : report.stopped === 'locked'
        ? lang === 'nl'
          ? 'Gestopt: het profiel is vergrendeld. '
          : 'Stopped: the profile locked. '
        : '';
  const nothing = report.allOrNothing
    ? lang === 'nl'
      ? 'Er is niets geïmporteerd (alles of niets). '
      : 'Nothing has been imported (all or nothing). '
    : '';
  const count = all.length > 0 ? (lang === 'nl' ? `${refused.length || all.length} van ${report.files.length} bestanden geweigerd${firstPart}.` : `${refused.length || all.length} of ${report.files.length} files refused${firstPart}.`) : '';
  return `${stopped}${nothing}${count}`.trim();
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
export function isoDay(value: string): string | null {
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
