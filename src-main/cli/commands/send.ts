/**
 * `regie send --provider NAME --service ID …`: Delen without a window. It prints exactly what would
 * be sent, to whom and with which service; only then, on "Versturen" — `--yes`, or "j" typed at a
 * terminal — it logs in at the provider (the login URL is printed and opened like `regie fetch`)
 * and sends. The provider's answer is printed per item. Exit 0 only when everything was accepted.
 *
 * `regie sent`: the Verstuurd log, newest first.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { SendPreview, SendProgress, SendProvider, SendSelection, SentEntry } from '../../../src-preload/contract/sharing';
import { maxSendFileBytes } from '../../../src-preload/contract/sharing';
import { call, type CliContext } from '../context';
import { CliReported, CliUsageError } from '../output';
import { openInBrowser } from './fetch';
import { kindOf } from './measure';
import { openProfile } from './open-profile';

export interface SendOptions {
  provider?: string;
  service?: string[];
  kind?: string;
  since?: string;
  until?: string;
  record?: string[];
  file?: string;
  title?: string;
  description?: string;
  date?: string;
  yes?: boolean;
  profile?: string;
}

const pollMs = 200;
const finished = new Set<SendProgress['stage']>(['done', 'failed', 'cancelled']);
const day = /^\d{4}-\d{2}-\d{2}$/;

export async function sendCommand(ctx: CliContext, options: SendOptions): Promise<number> {
  if (!options.provider) throw new CliUsageError('send needs --provider NAME');
  if (!options.service || options.service.length !== 1) throw new CliUsageError('send needs one --service ID (53, 55, 57 or 58)');
  for (const [flag, value] of [['--since', options.since], ['--until', options.until], ['--date', options.date]] as const) {
    if (value !== undefined && !day.test(value)) throw new CliUsageError(`${flag} needs a date YYYY-MM-DD`);
  }
  const serviceId = options.service[0]!;
  const profile = await openProfile(ctx, options.profile);
  const provider = await findSendProvider(ctx, profile.id, options.provider);
  const service = provider.services.find((s) => s.id === serviceId);
  if (!service) {
    throw new CliUsageError(`${provider.displayName} does not offer sending service '${serviceId}' (offered: ${provider.services.map((s) => s.id).join(', ') || 'none'})`);
  }
  const selection = selectionOf(service.selection, options);
  const preview = await call(ctx, 'sharing.prepare', { profileId: profile.id, providerId: provider.id, serviceId, selection });
  const lang = ctx.out.language;

  const confirmed = options.yes === true || (ctx.interactive && !ctx.out.json && (await askToSend(preview, lang)));
  if (!confirmed) {
    ctx.out.result({ sent: false, preview }, previewText(preview, lang));
    throw new CliReported(
      lang === 'nl'
        ? 'er is niets verstuurd; geef --yes om te versturen'
        : 'nothing was sent; add --yes to send',
    );
  }
  if (!ctx.out.json && !ctx.interactive) process.stderr.write(`${previewText(preview, lang)}\n`);

  const result = await sendAndWait(ctx, preview.sendId);

  ctx.out.result({ sent: result.stage === 'done', preview, result }, resultText(result, lang));
  if (result.stage !== 'done') throw new CliReported(result.error?.[lang] ?? result.stage);
  if (result.answer?.outcome !== 'accepted') throw new CliReported(result.answer?.message[lang] ?? 'not accepted');
  return 0;
}

export async function sentCommand(ctx: CliContext, profileRef?: string): Promise<number> {
  const profile = await openProfile(ctx, profileRef);
  const entries = await call(ctx, 'sharing.sent', { profileId: profile.id });
  const lang = ctx.out.language;
  ctx.out.result(entries, entries.length === 0 ? (lang === 'nl' ? 'Nog niets verstuurd.' : 'Nothing sent yet.') : entries.map((e) => sentText(e, lang)).join('\n\n'));
  return 0;
}

/** What the options choose, for the kind of send the service takes. */
function selectionOf(kind: SendProvider['services'][number]['selection'], options: SendOptions): SendSelection {
  const records = options.record ?? [];
  const file = options.file !== undefined ? readChosenFile(options.file) : undefined;
  switch (kind) {
    case 'measurements':
      return {
        kind,
        ...(records.length > 0 && { recordIds: records }),
        ...(options.kind !== undefined && { measurementKind: kindOf(options.kind) }),
        ...(options.since !== undefined && { from: options.since }),
        ...(options.until !== undefined && { to: options.until }),
      };
    case 'document':
      if (records.length > 1) throw new CliUsageError('send one document at a time (one --record or --file)');
      return {
        kind,
        ...(records[0] !== undefined && { recordId: records[0] }),
        ...(file && { file }),
        ...(options.title !== undefined && { title: options.title }),
        ...(options.description !== undefined && { description: options.description }),
        ...(options.date !== undefined && { date: options.date }),
      };
    case 'photo':
      if (records.length > 1) throw new CliUsageError('send one photo at a time (one --record or --file)');
      if (!options.description) throw new CliUsageError('a photo needs --description (what it shows)');
      return {
        kind,
        ...(records[0] !== undefined && { recordId: records[0] }),
        ...(file && { file }),
        ...(options.title !== undefined && { title: options.title }),
        description: options.description,
        date: options.date ?? localDay(),
      };
    case 'allergies':
      if (records.length === 0) throw new CliUsageError('send --service 58 needs --record ID for each medication allergy (see regie list --type AllergyIntolerance)');
      return { kind, recordIds: records };
    default:
      throw new CliUsageError(`service kind '${String(kind)}' cannot be sent from the command line with these options`);
  }
}

function readChosenFile(path: string): { name: string; contentBase64: string } {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new CliUsageError(`cannot read '${path}'`);
  }
  if (size > maxSendFileBytes) throw new CliUsageError(`'${path}' is larger than 10 MB`);
  return { name: basename(path), contentBase64: readFileSync(path).toString('base64') };
}

function localDay(now = new Date()): string {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

async function findSendProvider(ctx: CliContext, profileId: string, name: string): Promise<SendProvider> {
  const all = await call(ctx, 'sharing.searchProviders', { profileId, query: '' });
  const lower = name.toLowerCase();
  const exact = all.filter((p) => p.id.toLowerCase() === lower || p.displayName.toLowerCase() === lower);
  if (exact.length === 1) return exact[0]!;
  const found = await call(ctx, 'sharing.searchProviders', { profileId, query: name.slice(0, 100) });
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new CliUsageError(`no care provider you can send to matches '${name}'`);
  throw new CliUsageError(`'${name}' matches several care providers: ${found.map((p) => `${p.id} (${p.displayName})`).join(', ')}`);
}

export async function askToSend(preview: SendPreview, lang: 'nl' | 'en'): Promise<boolean> {
  process.stderr.write(`${previewText(preview, lang)}\n`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(lang === 'nl' ? 'Versturen? [j/N] ' : 'Send? [y/N] ');
    return /^(j|ja|y|yes)$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** "Versturen": the login URL printed and opened (and the relay, when the send goes through one), then the answer. */
export async function sendAndWait(ctx: CliContext, sendId: string): Promise<SendProgress> {
  const lang = ctx.out.language;
  const begun = await call(ctx, 'sharing.send', { sendId });
  const via = (await call(ctx, 'sharing.status', { sendId })).relay;
  if (via) process.stderr.write(`${relayLine(via, lang)}\n`);
  process.stderr.write(`${lang === 'nl' ? 'Log in bij de zorgaanbieder via' : 'Log in at the care provider at'}:\n  ${begun.authorizationUrl}\n`);
  openInBrowser(begun.authorizationUrl, ctx.env);
  return waitForSend(ctx, sendId);
}

async function waitForSend(ctx: CliContext, sendId: string): Promise<SendProgress> {
  for (;;) {
    const status = await call(ctx, 'sharing.status', { sendId });
    if (finished.has(status.stage)) return status;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function itemLine(item: { label: { nl: string; en: string }; detail: string; date: string | null }, lang: 'nl' | 'en'): string {
  return `${item.label[lang]}: ${item.detail}${item.date ? ` (${item.date})` : ''}`;
}

export function previewText(preview: SendPreview, lang: 'nl' | 'en'): string {
  const head = lang === 'nl' ? 'Dit wordt verstuurd' : 'This will be sent';
  const to = lang === 'nl' ? 'Aan' : 'To';
  const service = lang === 'nl' ? 'Dienst' : 'Service';
  return [`${head}:`, `${to}: ${preview.provider.name} (${preview.provider.id})`, `${service}: ${preview.service.name} (${preview.service.id})`, ...preview.items.map((i) => `  · ${itemLine(i, lang)}`)].join('\n');
}

const mark = { accepted: '✓', refused: '✗', unknown: '?', 'not-sent': '·' } as const;

const relayLine = (relay: string, lang: 'nl' | 'en') => (lang === 'nl' ? `Via de relay ${relay}.` : `Through the relay ${relay}.`);

export function resultText(result: SendProgress, lang: 'nl' | 'en'): string {
  const lines = [`${result.provider.name} — ${result.service.name}: ${result.answer?.message[lang] ?? result.error?.[lang] ?? result.stage}`];
  if (result.relay) lines.push(`  ${relayLine(result.relay, lang)}`);
  for (const item of result.items) lines.push(`  ${mark[item.status]} ${itemLine(item, lang)}${item.reason ? ` — ${item.reason[lang]}` : ''}`);
  return lines.join('\n');
}

function sentText(entry: SentEntry, lang: 'nl' | 'en'): string {
  const lines = [`${entry.sentAt} ${entry.provider.name} — ${entry.service.name}: ${entry.message[lang]}`];
  for (const item of entry.items) lines.push(`  ${mark[item.status]} ${itemLine(item, lang)}${item.reason ? ` — ${item.reason[lang]}` : ''}`);
  return lines.join('\n');
}
