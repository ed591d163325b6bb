/** `regie identity` (whom the profile belongs to) and `regie identity set --name N --birth-date D [--correct]`. */
import { personInWords } from '../../../src-preload/contract/identity';
import { call, type CliContext } from '../context';
import { CliUsageError } from '../output';
import { isoDay } from './import';
import { openProfile } from './open-profile';

export async function identityCommand(
  ctx: CliContext,
  sub: string | undefined,
  options: { name?: string | undefined; 'birth-date'?: string | undefined; correct?: boolean | undefined },
  ref?: string,
): Promise<void> {
  if (sub !== undefined && sub !== 'set') throw new CliUsageError(`unknown identity command '${sub}' (regie identity [set])`);
  const profile = await openProfile(ctx, ref);
  if (sub === undefined) {
    const identity = await call(ctx, 'records.identity', { profileId: profile.id });
    ctx.out.result(
      { identity },
      identity ? `Dit profiel is van / this profile belongs to: ${personInWords(identity, 'nl')}` : 'Nog niet bekend / not known yet',
    );
    return;
  }
  if (!options.name?.trim()) throw new CliUsageError('identity set needs --name "FULL NAME"');
  const birthDate = options['birth-date'] === undefined ? null : isoDay(options['birth-date']);
  if (!birthDate) throw new CliUsageError('identity set needs --birth-date YYYY-MM-DD (or DD-MM-YYYY)');
  const identity = await call(ctx, 'records.setIdentity', {
    profileId: profile.id,
    name: options.name.trim(),
    birthDate,
    ...(options.correct && { correct: true }),
  });
  ctx.out.result({ identity }, `Vastgelegd / saved: ${personInWords(identity, 'nl')}`);
}
