import { resolve } from 'node:path';
import { call, type CliContext } from '../context';
import { CliUsageError } from '../output';
import { openProfile } from './open-profile';

/** `regie sync [--folder DIR]`: one round, push then pull, on the profile of REGIE_SESSION (or --profile). */
export async function syncCommand(ctx: CliContext, folder: string | undefined, ref?: string): Promise<number> {
  const profile = await openProfile(ctx, ref);
  if (folder !== undefined) await call(ctx, 'sync.setFolder', { profileId: profile.id, folder: resolve(folder) });
  const counts = await call(ctx, 'sync.syncNow', { profileId: profile.id });
  const lines = [
    `Verstuurd / pushed: ${counts.pushed.updates} updates, ${counts.pushed.snapshots} snapshots, ${counts.pushed.bodies} bodies (${counts.pushed.files} files, ${counts.pushed.bytes} bytes)`,
    `Ontvangen / pulled: ${counts.pulled.updates} updates, ${counts.pulled.snapshots} snapshots, ${counts.pulled.bodies} bodies (${counts.pulled.files} files)`,
    ...(counts.waiting > 0 ? [`Wachtend / waiting: ${counts.waiting}`] : []),
    ...counts.rejected.map((r) => `Geweigerd / rejected: ${r.reason}${r.seq !== null ? ` (${r.stream} ${r.seq})` : ''}`),
    ...(counts.pairing.accepted + counts.pairing.refused > 0
      ? [`Koppelverzoeken / join requests: ${counts.pairing.accepted} accepted, ${counts.pairing.refused} refused`]
      : []),
    ...(counts.join ? [`Koppelen / joining: ${counts.join}`] : []),
  ];
  ctx.out.result(counts, lines.join('\n'));
  return counts.rejected.length > 0 ? 1 : 0;
}

/** `regie pair create` (shows a code) and `regie pair join CODE [--folder DIR]`. */
export async function pairCommand(ctx: CliContext, sub: string | undefined, code: string | undefined, folder: string | undefined, ref?: string): Promise<void> {
  if (sub !== 'create' && sub !== 'join') throw new CliUsageError(`unknown pair command '${sub ?? ''}'`);
  if (sub === 'join' && !code) throw new CliUsageError('pair join needs the CODE shown on the other device');
  const profile = await openProfile(ctx, ref);
  if (folder !== undefined) await call(ctx, 'sync.setFolder', { profileId: profile.id, folder: resolve(folder) });
  if (sub === 'create') {
    const created = await call(ctx, 'sync.pairCreate', { profileId: profile.id });
    ctx.out.result(
      created,
      [
        `Koppelcode / pairing code: ${created.code}`,
        `QR: ${created.qrPayload}`,
        `Geldig tot / valid until: ${created.expiresAt} (eenmalig / single use)`,
        'Run `regie sync` here after the other device has joined, to answer its request.',
      ].join('\n'),
    );
    return;
  }
  const joined = await call(ctx, 'sync.pairJoin', { profileId: profile.id, code: code! });
  ctx.out.result(
    joined,
    joined.status === 'waiting'
      ? 'Verzoek verstuurd / request sent: sync on the other device, then run `regie sync` here.'
      : `Koppelen / joining: ${joined.status}`,
  );
}
