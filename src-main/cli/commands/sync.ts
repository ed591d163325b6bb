import { resolve } from 'node:path';
import type { Events } from '../../../src-preload/contract/api';
import { errorMessage } from '../../../src-preload/contract/errors';
import { devicesPairedThrough, type SyncDevice } from '../../../src-preload/contract/sync';
import { call, type CliContext } from '../context';
import { CliCallError, cliLanguage, CliUsageError } from '../output';
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

/**
 * `regie sync --watch`: the core's background rounds for this profile (src-main/sync/scheduler.ts),
 * one line per round (a JSON line with --json), until Ctrl+C or the profile locks. Rounds are no
 * activity: the profile still locks after its auto-lock time, which ends the watch (exit 0).
 */
export async function syncWatch(ctx: CliContext, folder: string | undefined, json: boolean, ref?: string): Promise<number> {
  const scheduler = ctx.core.backgroundSync;
  if (!scheduler) throw new CliUsageError('sync --watch needs background sync');
  const profile = await openProfile(ctx, ref);
  if (folder !== undefined) await call(ctx, 'sync.setFolder', { profileId: profile.id, folder: resolve(folder) });
  const status = await call(ctx, 'sync.status', { profileId: profile.id });
  if (!status.folder) throw new CliCallError({ code: 'sync-folder-not-set' });
  const say = (value: unknown, text: string) => process.stdout.write(`${json ? JSON.stringify(value) : text}\n`);
  say({ watching: profile.id, folder: status.folder }, `Synchroniseren met / syncing with ${status.folder} (Ctrl+C stopt / stops)`);
  return new Promise<number>((done) => {
    const stopEvents = ctx.core.onEvent(({ event, payload }) => {
      if (event === 'sync.round' && (payload as Events['sync.round']).profileId === profile.id) {
        const round = payload as Events['sync.round'];
        say(
          { at: new Date().toISOString(), ...round },
          round.error
            ? `${new Date().toLocaleTimeString()} mislukt / failed: ${errorMessage(round.error, cliLanguage(ctx.env))}`
            : `${new Date().toLocaleTimeString()} ${round.received ? 'nieuwe gegevens ontvangen / received new data' : 'bijgewerkt / up to date'}`,
        );
      }
      if (event === 'profile.locked' && (payload as Events['profile.locked']).profileId === profile.id) {
        say({ locked: profile.id }, 'Profiel op slot / profile locked: gestopt / stopped');
        finish(0);
      }
    });
    const onSignal = () => finish(0);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    // The scheduler's timers do not hold a process open (the app and the test host have their own reasons to run): this does.
    const keepAlive = setInterval(() => undefined, 1 << 30);
    function finish(code: number) {
      clearInterval(keepAlive);
      stopEvents();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      done(code);
    }
    // A round at once, not only after the first interval.
    scheduler.wake();
  });
}

/** A device by its id, the start of its id (at least 4 characters) or its name. */
function resolveDevice(devices: SyncDevice[], ref: string): SyncDevice {
  const lower = ref.toLowerCase();
  const matches = devices.filter((d) => d.id === lower || (lower.length >= 4 && d.id.startsWith(lower)) || d.name.toLowerCase() === lower);
  if (matches.length !== 1) {
    throw new CliUsageError(matches.length === 0 ? `no device '${ref}' (see regie sync devices)` : `'${ref}' names more than one device: use its id`);
  }
  return matches[0]!;
}

function deviceLines(devices: SyncDevice[]): string {
  if (devices.length === 0) return 'Nog geen apparaten / no devices yet (sync first)';
  return devices
    .map((d) => `${d.id}  ${d.name}${d.current ? '  (dit apparaat / this device)' : ''}${d.revoked ? '  (ingetrokken / revoked)' : ''}`)
    .join('\n');
}

/** `regie sync devices`, `regie sync rename DEVICE NAME`, `regie sync revoke DEVICE [--keep DEVICE...]`. */
export async function syncDevicesCommand(ctx: CliContext, sub: 'devices' | 'rename' | 'revoke', args: string[], keep: string[], ref?: string): Promise<void> {
  const profile = await openProfile(ctx, ref);
  const devices = await call(ctx, 'sync.devices', { profileId: profile.id });
  if (sub === 'devices') {
    if (args.length > 0) throw new CliUsageError("too many arguments for 'sync devices'");
    ctx.out.result(devices, deviceLines(devices));
    return;
  }
  if (sub === 'rename') {
    if (args.length !== 2) throw new CliUsageError('sync rename needs DEVICE and NAME');
    const device = resolveDevice(devices, args[0]!);
    const renamed = await call(ctx, 'sync.renameDevice', { profileId: profile.id, deviceId: device.id, name: args[1]! });
    ctx.out.result(renamed, deviceLines(renamed));
    return;
  }
  if (args.length !== 1) throw new CliUsageError('sync revoke needs one DEVICE');
  const device = resolveDevice(devices, args[0]!);
  const kept = keep.map((k) => resolveDevice(devices, k).id);
  // Devices paired through this one go too, unless kept: say which, so the person can --keep their own.
  const self = devices.find((d) => d.current)?.id ?? '';
  const alongWith = devicesPairedThrough(devices, device.id, self, kept);
  const after = await call(ctx, 'sync.revokeDevice', { profileId: profile.id, deviceId: device.id, ...(kept.length > 0 && { keep: kept }) });
  const names = alongWith.map((id) => devices.find((d) => d.id === id)?.name ?? id);
  ctx.out.result(
    after,
    [
      `Ingetrokken / revoked: ${device.name}${names.length > 0 ? `, ${names.join(', ')} (via dit apparaat gekoppeld / paired through it; --keep DEVICE houdt er een / keeps one)` : ''}`,
      deviceLines(after),
      'Run `regie sync` to tell the other devices.',
    ].join('\n'),
  );
}
