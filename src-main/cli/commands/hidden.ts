/** `regie hide`, `regie unhide`, `regie hidden`: received records the person hid, and why. */
import type { Language } from '../../../src-preload/contract/constants';
import { hideReasons, type HideReason } from '../../../src-preload/contract/record-sections';
import { call, type CliContext } from '../context';
import { CliUsageError } from '../output';
import { openProfile } from './open-profile';

/** --reason as a word: Dutch as the app says it, or the API's English. */
const reasonWords: Readonly<Record<string, HideReason>> = {
  'klopt-niet': 'incorrect',
  dubbel: 'duplicate',
  'niet-van-mij': 'not-mine',
  anders: 'other',
  ...Object.fromEntries(hideReasons.map((reason) => [reason, reason])),
};

const reasonNames: Readonly<Record<Language, Record<HideReason, string>>> = {
  nl: { incorrect: 'Klopt niet', duplicate: 'Dubbel', 'not-mine': 'Niet van mij', other: 'Anders' },
  en: { incorrect: 'Incorrect', duplicate: 'Duplicate', 'not-mine': 'Not mine', other: 'Other' },
};

export async function hideCommand(ctx: CliContext, recordId: string | undefined, options: { reason?: string; note?: string }, ref?: string) {
  if (!recordId) throw new CliUsageError('hide needs a record ID (see regie list)');
  const reason = options.reason === undefined ? undefined : reasonWords[options.reason.toLowerCase()];
  if (!reason) throw new CliUsageError('hide needs --reason klopt-niet, dubbel, niet-van-mij or anders');
  const profile = await openProfile(ctx, ref);
  const hidden = await call(ctx, 'records.hide', {
    profileId: profile.id,
    recordId,
    reason,
    ...(options.note !== undefined && { note: options.note }),
  });
  ctx.out.result({ recordId, ...hidden }, `Verborgen / hidden: ${recordId} (${reasonNames[ctx.out.language][reason]})`);
}

export async function unhideCommand(ctx: CliContext, recordId: string | undefined, ref?: string) {
  if (!recordId) throw new CliUsageError('unhide needs a record ID (see regie hidden)');
  const profile = await openProfile(ctx, ref);
  await call(ctx, 'records.unhide', { profileId: profile.id, recordId });
  ctx.out.result({ recordId }, `Weer zichtbaar / shown again: ${recordId}`);
}

export async function hiddenCommand(ctx: CliContext, ref?: string) {
  const profile = await openProfile(ctx, ref);
  const records = await call(ctx, 'records.hidden', { profileId: profile.id });
  const names = reasonNames[ctx.out.language];
  ctx.out.result(
    records,
    records.length === 0
      ? '(niets verborgen / nothing hidden)'
      : records
          .map((r) => [r.id, r.date ?? '-', r.title, names[r.hidden.reason], r.hidden.note ?? ''].join('\t').trimEnd())
          .join('\n'),
  );
}
