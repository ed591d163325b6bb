import { CliUsageError } from '../output';
import { readSecret } from '../secrets';
import { call, type CliContext } from '../context';
import { resolveProfile } from './profile';

export const defaultSessionMinutes = 30;

/** Like `bw unlock`: prints a session token that later commands read from REGIE_SESSION. */
export async function unlock(ctx: CliContext, ref: string | undefined, timeoutMinutes: string | undefined): Promise<void> {
  if (!ref) throw new CliUsageError('unlock needs --profile ID|NAME');
  const minutes = timeoutMinutes === undefined ? defaultSessionMinutes : Number(timeoutMinutes);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) {
    throw new CliUsageError('--timeout takes whole minutes from 1 to 1440');
  }
  const profile = resolveProfile(await call(ctx, 'profiles.list', {}), ref);
  const password = await readSecret('REGIE_PASSWORD', ctx.env);
  const code = await readSecret('REGIE_TOTP', ctx.env);
  const { token } = await ctx.core.vault.unlockForSession(profile.id, password, code, minutes * 60_000);
  ctx.out.result(
    { profile: profile.id, session: token, idleTimeoutMinutes: minutes },
    [
      `Ontgrendeld / unlocked: ${profile.label}. Gebruik de sessie zo / use the session like this:`,
      `  export REGIE_SESSION="${token}"`,
    ].join('\n'),
  );
}

/** Ends every CLI session of the profile (from REGIE_SESSION or --profile). Locking needs no factors. */
export async function lock(ctx: CliContext, ref: string | undefined): Promise<void> {
  const profiles = await call(ctx, 'profiles.list', {});
  const fromSession = ctx.env.REGIE_SESSION?.split('.')[0];
  const profile = ref ? resolveProfile(profiles, ref) : profiles.find((p) => p.id === fromSession);
  if (!profile) throw new CliUsageError('lock needs --profile ID|NAME or REGIE_SESSION');
  ctx.core.vault.endSessions(profile.id);
  ctx.out.result({ locked: profile.id }, `Vergrendeld / locked: ${profile.label}`);
}
