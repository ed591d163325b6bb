import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportReport } from '../../../src-preload/contract/records';
import { type Language, languages } from '../../../src-preload/contract/constants';
import { call, type CliContext } from '../context';
import { CliCallError, CliUsageError } from '../output';
import { openProfile } from './open-profile';

/** The same ceiling the FHIR layer enforces, checked before reading so a huge file is never loaded. */
const maxImportBytes = 100 * 1024 * 1024;

export async function importCommand(ctx: CliContext, paths: string[], sourceLabel: string | undefined, ref?: string): Promise<void> {
  if (paths.length === 0) throw new CliUsageError('import needs one or more FILEs');
  const files = paths.map((path) => readImportFile(path));
  const profile = await openProfile(ctx, ref);
  const report: ImportReport = await call(ctx, 'records.import', {
    profileId: profile.id,
    files: files.map((file) => ({ name: file.name, contentBase64: file.content.toString('base64') })),
    ...(sourceLabel !== undefined && { sourceLabel }),
  });
  if (!report.ok) {
    const lines = report.problems.map((p) => `${p.file}: ${p.entryPath}: ${p.message[ctx.out.language]}`);
    throw new CliCallError({
      code: 'import-rejected',
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

function readImportFile(path: string): { name: string; content: Buffer } {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new CliUsageError(`${path} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError(`cannot read ${path}`);
  }
  if (size > maxImportBytes) throw new CliUsageError(`${path} is larger than 100 MB`);
  return { name: basename(path), content: readFileSync(path) };
}

export async function listCommand(ctx: CliContext, type: string | undefined, ref?: string): Promise<void> {
  const profile = await openProfile(ctx, ref);
  const pageSize = 500;
  const items = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await call(ctx, 'records.list', {
      profileId: profile.id,
      ...(type !== undefined && { resourceTypes: [type] }),
      offset,
      limit: pageSize,
    });
    items.push(...page.items);
    if (offset + pageSize >= page.total) break;
  }
  ctx.out.result(
    items,
    items.length === 0
      ? '(geen gegevens / no records)'
      : items.map((r) => [r.id, r.resourceType, r.date ?? '-', r.title, r.valueText ?? ''].join('\t').trimEnd()).join('\n'),
  );
}

export async function showCommand(
  ctx: CliContext,
  recordId: string | undefined,
  original: boolean,
  ref?: string,
  words: { fields: boolean; lang?: string } = { fields: false },
): Promise<void> {
  if (!recordId) throw new CliUsageError('show needs a record ID (see regie list)');
  if (words.lang !== undefined && !(languages as readonly string[]).includes(words.lang)) throw new CliUsageError('--lang is nl or en');
  if (words.fields && original) throw new CliUsageError('show takes --fields or --original, not both');
  const language = (words.lang ?? 'nl') as Language;
  const profile = await openProfile(ctx, ref);
  const detail = await call(ctx, 'records.get', { profileId: profile.id, recordId, language });
  if (words.fields) {
    // The presentation model: the same fields the detail view lays out (src-main/records/presentation).
    const { title, fields, groups, narrative } = detail;
    const line = (f: (typeof fields)[number]) => `${f.label ?? f.key}: ${f.text}`;
    const text = [
      title,
      ...fields.map(line),
      ...groups.flatMap((g) => g.items.flatMap((item) => [`[${g.key}]${item.title ? ` ${item.title}` : ''}`, ...item.fields.map((f) => `  ${line(f)}`)])),
      ...(narrative ? ['', narrative] : []),
    ].join('\n');
    ctx.out.result({ title, fields, groups, narrative }, text);
    return;
  }
  if (original) {
    // As received: exactly the bytes the provider sent, one copy per source.
    const originals = detail.originals.map(({ source, receivedAt, fhirVersion, format, text }) => ({
      source: source.label,
      receivedAt,
      fhirVersion,
      format,
      text,
    }));
    ctx.out.result(originals, originals.map((o) => o.text).join('\n\n'));
    return;
  }
  ctx.out.result(detail.resource, JSON.stringify(detail.resource, null, 2));
}

/** `regie search QUERY`: one page of matches, newest first unless --sort relevance. */
export async function searchCommand(
  ctx: CliContext,
  words: string[],
  options: { offset?: string; limit?: string; sort?: string; type?: string },
  ref?: string,
): Promise<void> {
  const query = words.join(' ').trim();
  if (!query) throw new CliUsageError('search needs a QUERY');
  const sort = options.sort ?? 'date';
  if (sort !== 'date' && sort !== 'relevance') throw new CliUsageError('--sort must be date or relevance');
  const offset = wholeNumber('--offset', options.offset, 0);
  const limit = wholeNumber('--limit', options.limit, 50);
  if (limit < 1 || limit > 200) throw new CliUsageError('--limit must be between 1 and 200');
  const profile = await openProfile(ctx, ref);
  const result = await call(ctx, 'records.search', {
    profileId: profile.id,
    query,
    offset,
    limit,
    sort,
    ...(options.type !== undefined && { resourceType: options.type }),
  });
  const shown = result.items.length === 0 ? '' : `${offset + 1}–${offset + result.items.length}`;
  ctx.out.result(
    { total: result.total, offset, limit, sort, items: result.items, byType: result.byType },
    [
      `${result.total} resultaten / results${shown && ` (${shown})`}`,
      ...result.items.map((r) => [r.id, r.resourceType, r.date ?? '-', r.title, r.valueText ?? ''].join('\t').trimEnd()),
    ].join('\n'),
  );
}

function wholeNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,7}$/.test(value)) throw new CliUsageError(`${flag} must be a whole number`);
  return Number(value);
}
