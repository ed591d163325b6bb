import { type Language, languages } from '../../../src-preload/contract/constants';
import { call, type CliContext } from '../context';
import { CliUsageError } from '../output';
import { openProfile } from './open-profile';

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
