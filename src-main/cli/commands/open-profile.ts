import type { ProfileSummary } from '../../../src-preload/contract/api';
import { call, type CliContext } from '../context';
import { CliUsageError } from '../output';
import { readSecret } from '../secrets';
import { resolveProfile } from './profile';

/**
 * Opens a profile for one CLI command: through REGIE_SESSION when it belongs to this profile
 * (no factors needed), else with password + authenticator code.
 */
export async function openProfile(ctx: CliContext, ref?: string): Promise<ProfileSummary> {
  const token = ctx.env.REGIE_SESSION;
  const profiles = await call(ctx, 'profiles.list', {});
  const wanted = ref ? resolveProfile(profiles, ref) : undefined;
  if (token && (!wanted || token.startsWith(`${wanted.id}.`))) return ctx.core.vault.openWithSession(token);
  if (!wanted) throw new CliUsageError('no REGIE_SESSION: unlock first (regie unlock --profile ID) or name a --profile');
  const password = await readSecret('REGIE_PASSWORD', ctx.env);
  const code = await readSecret('REGIE_TOTP', ctx.env);
  return call(ctx, 'auth.unlock', { profileId: wanted.id, password, code });
}
