import type { ProfileSummary } from '../../../src-preload/contract/api';
import { call, type CliContext } from '../context';
import { CliUsageError } from '../output';
import { prompt, readSecret } from '../secrets';
import { openProfile } from './open-profile';

export async function profileCreate(ctx: CliContext, label: string | undefined): Promise<void> {
  if (!label) throw new CliUsageError('profile create needs a NAME');
  const password = await readSecret('REGIE_PASSWORD', ctx.env);
  const enrollment = await call(ctx, 'profiles.beginCreate', { label, password });
  let created;
  if (ctx.interactive && !ctx.out.json) {
    // A person at a terminal confirms the authenticator exactly as in the app.
    process.stderr.write(`Voeg deze sleutel toe aan uw authenticator-app / add this key to your authenticator app:\n  ${enrollment.secret}\n  ${enrollment.otpauthUri}\n`);
    const code = await prompt('Code: ', { hidden: false });
    created = await call(ctx, 'profiles.completeCreate', { enrollmentId: enrollment.enrollmentId, code });
  } else {
    // Automation has no authenticator to confirm with: it receives the URI to enroll one itself.
    created = await ctx.core.vault.completeCreate(enrollment.enrollmentId, { unconfirmed: true });
  }
  ctx.core.vault.lock(created.profile.id, 'manual');
  ctx.out.result(
    { profile: created.profile.id, label: created.profile.label, otpauthUri: enrollment.otpauthUri, recoveryCode: created.recoveryCode },
    [
      `Profiel aangemaakt / profile created: ${created.profile.id} (${created.profile.label})`,
      `Authenticator: ${enrollment.otpauthUri}`,
      `Herstelcode / recovery code (bewaar deze goed / keep it safe): ${created.recoveryCode}`,
    ].join('\n'),
  );
}

export async function profileList(ctx: CliContext): Promise<void> {
  const profiles = await call(ctx, 'profiles.list', {});
  ctx.out.result(
    profiles.map(({ id, label, createdAt }) => ({ id, label, createdAt })),
    profiles.length === 0 ? '(geen profielen / no profiles)' : profiles.map((p) => `${p.id}  ${p.label}`).join('\n'),
  );
}

export async function profileDelete(ctx: CliContext, ref: string | undefined, confirmed: boolean): Promise<void> {
  if (!ref) throw new CliUsageError('profile delete needs a profile ID');
  const profile = await openProfile(ctx, ref);
  let confirmLabel = profile.label;
  if (!confirmed) {
    if (!ctx.interactive) throw new CliUsageError('deleting needs --yes when there is no terminal to confirm on');
    confirmLabel = await prompt(`Typ de naam "${profile.label}" om te bevestigen / type the name to confirm: `, { hidden: false });
  }
  await call(ctx, 'profiles.delete', { profileId: profile.id, confirmLabel });
  ctx.out.result({ deleted: profile.id }, `Profiel verwijderd / profile deleted: ${profile.id}`);
}

export async function profilePasswd(ctx: CliContext, ref: string | undefined, renewKey: boolean): Promise<void> {
  if (!ref) throw new CliUsageError('profile passwd needs a profile ID');
  const profile = resolveProfile(await call(ctx, 'profiles.list', {}), ref);
  const currentPassword = await readSecret('REGIE_PASSWORD', ctx.env);
  const code = await readSecret('REGIE_TOTP', ctx.env);
  const newPassword = await readSecret('REGIE_NEW_PASSWORD', ctx.env);
  const { recoveryCode } = await call(ctx, 'auth.changePassword', { profileId: profile.id, currentPassword, code, newPassword, renewKey });
  ctx.out.result(
    { profile: profile.id, passwordChanged: true, keyRenewed: recoveryCode !== null, ...(recoveryCode && { recoveryCode }) },
    recoveryCode
      ? `Wachtwoord gewijzigd en sleutel vernieuwd / password changed and key renewed.\nNieuwe herstelcode (bewaar hem goed; de oude werkt niet meer) / new recovery code (the old one no longer works): ${recoveryCode}`
      : 'Wachtwoord gewijzigd / password changed',
  );
}

/** A profile by id, or by its label when that is unambiguous. */
export function resolveProfile(profiles: ProfileSummary[], ref: string): ProfileSummary {
  const byId = profiles.find((p) => p.id === ref);
  if (byId) return byId;
  const byLabel = profiles.filter((p) => p.label.toLocaleLowerCase('nl') === ref.toLocaleLowerCase('nl'));
  if (byLabel.length === 1 && byLabel[0]) return byLabel[0];
  if (byLabel.length > 1) throw new CliUsageError(`more than one profile is called "${ref}": use its ID (regie profile list)`);
  throw new CliUsageError(`no profile "${ref}" (regie profile list shows them)`);
}
