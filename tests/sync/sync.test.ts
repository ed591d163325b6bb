import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { recordDocOf } from '../../src-main/records/doc-model';
import { encodePayload, fileKeyOf, sealFile } from '../../src-main/sync/container';
import { SyncEngine } from '../../src-main/sync/engine';
import { FolderTransport } from '../../src-main/sync/transport';
import { condition, glucose, gp, lab, letterFile, received } from '../records/helpers';
import { makeTempDir } from '../helpers/temp-dir';
import { clock, derived, type Device, folderFiles, latestFile, makeDevice, namesOf, pair, syncNow, writeAsDevice } from './helpers';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const remove of cleanup.splice(0).reverse()) remove();
});

async function setup(count: number, engine: Parameters<typeof makeDevice>[2] = {}) {
  const temp = makeTempDir('regie-sync-folder-');
  cleanup.push(temp.remove);
  const devices: Device[] = [];
  for (const name of ['Laptop', 'Desktop', 'Tablet'].slice(0, count)) {
    const device = await makeDevice(name, temp.dir, engine);
    cleanup.push(device.remove);
    devices.push(device);
  }
  return { folder: temp.dir, devices };
}

async function rounds(devices: Device[], n = 2) {
  for (let i = 0; i < n; i += 1) for (const device of devices) await syncNow(device);
}

function expectConverged(devices: Device[]) {
  const first = derived(devices[0]!);
  for (const device of devices.slice(1)) expect(derived(device)).toEqual(first);
  for (const device of devices) expect(device.store.missingBodies()).toEqual([]);
}

describe('three devices and one folder', () => {
  it('converge to identical derived tables after offline edits on all three', async () => {
    const { devices } = await setup(3);
    const [a, b, c] = devices as [Device, Device, Device];
    a.store.importResources(gp, [
      received(glucose('g1', 5.4, '2024-03-12')),
      received(condition('c1', 'Astma', 'active', '2010-01-01')),
      received(condition('c2', 'Migraine', 'active', '2012-01-01')),
    ]);
    await pair(a, b);
    await pair(a, c);
    await rounds(devices);
    expectConverged(devices);
    expect(c.store.list().total).toBe(3);

    // Offline on all three: A deletes Astma and adds a lab result; B and C both change Astma (the same
    // record) and each import something of their own.
    const astma = a.store.search('astma').items[0]!.id;
    a.store.deleteRecord(astma);
    a.store.importResources(lab, [received(glucose('l1', 3.3, '2024-02-01'))]);
    b.store.importResources(gp, [received(condition('c1', 'Astma (ernstig)', 'active', '2010-01-01'))]);
    b.store.importResources(letterFile, [received({ resourceType: 'DocumentReference', id: 'd1', status: 'current', description: 'Brief cardioloog', date: '2024-01-20' })]);
    c.store.importResources(gp, [received(condition('c1', 'Astma (licht)', 'active', '2010-01-01'))]);
    c.store.addOwnResource(glucose('own1', 6.2, '2024-04-01'));

    // Interleaved: C, A, B, then everyone again.
    await syncNow(c);
    await syncNow(a);
    await syncNow(b);
    await rounds([b, c, a]);
    expectConverged(devices);
    expect(a.store.list().total).toBe(5); // g1, c2, l1, d1, own1: the deletion did not resurrect
    expect(() => b.store.get(astma)).toThrow();
    for (const device of devices) expect(device.sync.status(device.profileId).errors).toEqual([]);
    expect(a.sync.status(a.profileId).pending).toEqual({ changes: 0, bodies: 0 });
  });

  it('waits for a partial file, ignores duplicates and replays, and applies the complete file once', async () => {
    const { folder, devices } = await setup(2);
    const [a, b] = devices as [Device, Device];
    await pair(a, b);
    a.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    await syncNow(a);
    const file = latestFile(folder, a, a);
    const full = folderFiles(folder).find((f) => f.name === file.name)!.bytes;

    // The sync tool has delivered only half of it so far.
    writeFileSync(join(folder, file.name), full.subarray(0, Math.floor(full.length / 2)));
    const partial = await syncNow(b);
    expect(partial.waiting).toBeGreaterThan(0);
    expect(partial.rejected).toEqual([]);
    expect(b.store.list().total).toBe(0);

    writeFileSync(join(folder, file.name), full);
    const complete = await syncNow(b);
    expect(complete.pulled.updates + complete.pulled.snapshots).toBe(1);
    expect(b.store.list().total).toBe(1);

    // The same file delivered again (duplicate / replay of an old version): ignored, not an error.
    writeFileSync(join(folder, file.name), full);
    const again = await syncNow(b);
    expect(again.pulled.files).toBe(0);
    expect(again.rejected).toEqual([]);
    expectConverged(devices);
  });

  it('rejects and reports a tampered file, never applies it, and heals with the next snapshot', async () => {
    const { folder, devices } = await setup(2, { snapshotEveryFiles: 2 });
    const [a, b] = devices as [Device, Device];
    await pair(a, b);
    a.store.importResources(gp, [received(condition('c9', 'Hooikoorts', 'active', '2001-01-01'))]);
    await syncNow(a);
    const file = latestFile(folder, a, a);
    const bytes = folderFiles(folder).find((f) => f.name === file.name)!.bytes;
    bytes[bytes.length - 100]! ^= 0x01;
    writeFileSync(join(folder, file.name), bytes);

    const result = await syncNow(b);
    expect(result.rejected).toEqual([expect.objectContaining({ reason: 'tampered', seq: file.seq, stream: 'u' })]);
    expect(b.store.list().total).toBe(0);
    expect(b.sync.status(b.profileId).errors.map((e) => e.kind)).toContain('tampered');

    // A's next updates need what B lacks: B waits; the snapshot due after two updates carries A's whole state.
    a.store.importResources(lab, [received(glucose('l2', 4.4, '2024-02-02'))]);
    await syncNow(a);
    expect((await syncNow(b)).waiting).toBeGreaterThan(0);
    a.store.importResources(lab, [received(glucose('l3', 4.5, '2024-02-03'))]);
    expect((await syncNow(a)).pushed.snapshots).toBe(1);
    await syncNow(b);
    expectConverged(devices);
    expect(b.store.list().total).toBe(3);
  });

  it('rejects a file replayed under a later sequence number and a file from another profile', async () => {
    const { folder, devices } = await setup(2);
    const [a, b] = devices as [Device, Device];
    await pair(a, b);
    a.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    await syncNow(a);
    await syncNow(b);
    const old = latestFile(folder, a, a);
    const oldBytes = folderFiles(folder).find((f) => f.name === old.name)!.bytes;
    const names = namesOf(a);
    const aId = a.state.identity().deviceId;

    // Replay: a valid old file copied to the next sequence number.
    writeFileSync(join(folder, names.file(aId, 'u', old.seq + 1)), oldBytes);
    // Foreign: a well-formed file of another sync group, under the name after that.
    const other = makeTempDir('regie-sync-other-');
    cleanup.push(other.remove);
    const stranger = await makeDevice('Vreemd', other.dir);
    cleanup.push(stranger.remove);
    stranger.store.importResources(gp, [received(condition('x1', 'Vreemde aandoening', 'active', '2000-01-01'))]);
    await syncNow(stranger);
    const strangerKey = stranger.state.currentKey()!;
    const strangerGroup = stranger.state.group()!;
    const forged = sealFile(
      { syncId: strangerGroup.syncId, deviceId: aId, kind: 'u', seq: old.seq + 2 },
      encodePayload({}, [new Uint8Array([0, 0])]),
      { id: strangerKey.keyId, fileKey: fileKeyOf(strangerKey.key, strangerGroup.syncId) },
      stranger.state.identity().ed25519.privateJwk,
    );
    writeFileSync(join(folder, names.file(aId, 'u', old.seq + 2)), forged);
    // And a name that is not ours at all.
    writeFileSync(join(folder, names.root, 'not-a-sync-file'), 'hello');

    const before = derived(b);
    const result = await syncNow(b);
    const reasons = result.rejected.map((r) => r.reason).sort();
    expect(reasons).toEqual(['foreign', 'tampered', 'tampered']);
    expect(derived(b)).toEqual(before);
    expect(b.store.search('Vreemde').total).toBe(0);
  });

  it('a revoked device cannot read new updates and its new files are refused', async () => {
    const { folder, devices } = await setup(3);
    const [a, b, c] = devices as [Device, Device, Device];
    await pair(a, b);
    await pair(a, c);
    a.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    await rounds(devices);
    expectConverged(devices);

    a.sync.revokeDevice(a.profileId, c.state.identity().deviceId);
    await syncNow(a);
    await syncNow(b);
    expect(b.sync.devices(b.profileId).find((d) => d.name === 'Tablet')?.revoked).toBe(true);
    expect(b.state.currentKey()!.epoch).toBe(2);
    expect(c.state.currentKey()!.epoch).toBe(1);

    a.store.importResources(lab, [received(glucose('after', 7.7, '2024-05-05'))]);
    c.store.importResources(lab, [received(glucose('fromc', 9.9, '2024-05-06'))]);
    await rounds([a, b, c]);
    // C did not get A's new record; nobody took C's.
    expect(c.store.list().total).toBe(2); // g1 + its own
    expect(c.store.search('7,7').items.length + c.store.list().items.filter((r) => r.valueText?.includes('7,7')).length).toBe(0);
    expect(a.store.list().total).toBe(2);
    expect(b.store.list().total).toBe(2);
    expect(derived(a)).toEqual(derived(b));
    // C, not knowing it was revoked, sees the others write with a key it lacks: it holds its new
    // record back and, after a few rounds, says so. A copy of Regie that writes anyway is refused.
    await syncNow(c);
    expect(c.sync.status(c.profileId).pending.changes).toBeGreaterThan(0);
    expect(c.sync.status(c.profileId).errors.map((e) => e.kind)).toContain('behind');
    writeAsDevice(folder, c, 'u', encodePayload({}, [Y.encodeStateAsUpdate(c.store.doc)]));
    expect((await syncNow(b)).rejected).toEqual([expect.objectContaining({ reason: 'revoked', stream: 'u' })]);
    const refused = (await syncNow(b)).rejected;
    expect(refused).toEqual([]); // reported once, not every round
    expect(b.sync.status(b.profileId).errors.map((e) => e.kind)).toContain('revoked');
    expect(c.state.currentKey()!.epoch).toBe(1); // never learned the new key
  });

  it('a write killed mid-way leaves every device consistent', async () => {
    const { folder, devices } = await setup(2);
    const [a, b] = devices as [Device, Device];
    await pair(a, b);
    a.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    await syncNow(a);
    await syncNow(b);

    // A's next round dies while writing: a temp file, and (as a sync tool may propagate) a truncated
    // file under the next name; A's database never recorded the write.
    a.store.importResources(lab, [received(glucose('l1', 3.3, '2024-02-01'))]);
    const names = namesOf(a);
    const aId = a.state.identity().deviceId;
    const next = a.state.nextSeq(aId, 'u');
    const dir = join(folder, names.deviceDir(aId));
    writeFileSync(join(dir, '.regie-tmp-deadbeef'), Buffer.alloc(500, 7));
    writeFileSync(join(folder, names.file(aId, 'u', next)), Buffer.from('RGS1\0\0\0\x01\0\0\x10\0partial'));
    const meanwhile = await syncNow(b);
    expect(meanwhile.rejected).toEqual([]);
    expect(meanwhile.waiting).toBeGreaterThan(0);

    // A restarts and syncs: it overwrites its half-written file; B catches up.
    await syncNow(a);
    await syncNow(b);
    expectConverged(devices);
    expect(b.store.list().total).toBe(2);
  });

  it('pushes only the bodies of what changed, again after a round that died before its packs', async () => {
    const { devices } = await setup(2);
    const [a, b] = devices as [Device, Device];
    a.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    await pair(a, b);
    await rounds(devices);
    expect((await syncNow(a)).pushed.bodies).toBe(0);

    // A new record, and one added and deleted before any round: its bodies must never reach the folder.
    a.store.importResources(lab, [received(glucose('l1', 3.3, '2024-02-01'))]);
    a.store.importResources(letterFile, [received(condition('x1', 'Geheim', 'active', '2020-01-01'))]);
    const model = recordDocOf(a.store.doc);
    const secret = a.store.search('geheim').items[0]!.id;
    const secretBodies = [model.records.get(secret)!.normalized, ...[...model.provenance.values()].filter((l) => l.sourceResourceId === 'x1').map((l) => l.original)];
    a.store.deleteRecord(secret);
    const pending = a.sync.status(a.profileId).pending.bodies;
    expect(pending).toBeGreaterThan(0);

    // The round dies when it writes the first body pack (after the update went out).
    const names = namesOf(a);
    const transport = new FolderTransport(a.state.folder()!);
    const failing = {
      list: (prefix: string) => transport.list(prefix),
      read: (name: string, maxBytes: number) => transport.read(name, maxBytes),
      writeAtomic: (name: string, bytes: Uint8Array) =>
        names.parse(name)?.kind === 'b' ? Promise.reject(new Error('disk full')) : transport.writeAtomic(name, bytes),
      remove: (name: string) => transport.remove(name),
    };
    await expect(new SyncEngine(a.store, failing, a.state).syncOnce()).rejects.toThrow('disk full');
    expect(a.sync.status(a.profileId).pending.bodies).toBe(pending);

    const pushed = await syncNow(a);
    expect(pushed.pushed.bodies).toBe(pending);
    await syncNow(b);
    expectConverged(devices);
    expect(b.store.list().total).toBe(2);
    expect(a.sync.status(a.profileId).pending).toEqual({ changes: 0, bodies: 0 });
    expect((await syncNow(a)).pushed.bodies).toBe(0);
    const known = a.db.prepare('SELECT hash FROM sync_body_known').pluck().all() as string[];
    for (const hash of secretBodies) expect(known).not.toContain(hash);
  });

  it('a write made while an update or snapshot file is being written still reaches the other device', async () => {
    const { devices } = await setup(2);
    const [a, b] = devices as [Device, Device];
    await pair(a, b);
    await rounds(devices);
    // Every update file is followed by a snapshot in the same round; while each goes out, the person saves a measurement.
    const names = namesOf(a);
    const transport = new FolderTransport(a.state.folder()!);
    let saved = 0;
    const busy = {
      list: (prefix: string) => transport.list(prefix),
      read: (name: string, maxBytes: number) => transport.read(name, maxBytes),
      writeAtomic: async (name: string, bytes: Uint8Array) => {
        await transport.writeAtomic(name, bytes);
        const kind = names.parse(name)?.kind;
        if (kind === 'u' || kind === 's') a.store.addOwnResource({ resourceType: 'Observation', id: `tijdens-${kind}-${++saved}`, status: 'final', code: { text: 'Gewicht' }, valueQuantity: { value: 80, unit: 'kg' } });
      },
      remove: (name: string) => transport.remove(name),
    };
    a.store.importResources(lab, [received(glucose('l1', 3.3, '2024-02-01'))]);
    const counts = await new SyncEngine(a.store, busy, a.state, { snapshotEveryFiles: 1 }).syncOnce();
    expect(counts.pushed.snapshots).toBe(1);
    expect(saved).toBe(counts.pushed.updates + counts.pushed.snapshots);
    expect(a.sync.status(a.profileId).pending.changes).toBeGreaterThan(0);
    await rounds(devices);
    expectConverged(devices);
    expect(b.store.list().total).toBe(1 + saved);
  });

  it('leaves no plaintext of the record, the devices or the profile in the folder', async () => {
    const { folder, devices } = await setup(3);
    const [a, b, c] = devices as [Device, Device, Device];
    a.store.importResources(gp, [
      received(condition('c1', 'Zeldzame-ziekte-van-Pompe', 'active', '2010-01-01')),
      received(glucose('g1', 5.4, '2024-03-12')),
    ]);
    await pair(a, b);
    await pair(a, c);
    b.store.importResources(letterFile, [received({ resourceType: 'DocumentReference', id: 'd1', status: 'current', description: 'Ontslagbrief-cardiologie', date: '2024-01-20' })]);
    a.sync.renameDevice(a.profileId, a.state.identity().deviceId, 'Werkkamer-computer');
    await rounds(devices);
    expectConverged(devices);
    const needles = [
      'Zeldzame',
      'Pompe',
      'Glucose',
      '14749-6',
      '44054006',
      'Ontslagbrief',
      'Huisartsenpraktijk',
      'De Linde',
      'delinde',
      'Observation',
      'Condition',
      'resourceType',
      'Werkkamer',
      'Laptop',
      'Desktop',
      'Tablet',
      'Profiel',
      a.profileId,
      a.state.identity().deviceId,
      a.state.group()!.syncId,
    ];
    const files = folderFiles(folder);
    expect(files.length).toBeGreaterThan(5);
    for (const { name, bytes } of files) {
      for (const needle of needles) {
        expect(name.includes(needle), `${needle} in a name`).toBe(false);
        for (const encoding of ['utf8', 'utf16le', 'base64'] as const) {
          const form = encoding === 'base64' ? Buffer.from(needle).toString('base64').slice(0, -2) : needle;
          if (form.length < 4) continue;
          expect(bytes.includes(Buffer.from(form, encoding === 'base64' ? 'utf8' : encoding)), `${needle} (${encoding}) in ${name}`).toBe(false);
        }
      }
    }
  });
});

describe('pairing', () => {
  it('joins with a code, then refuses the same code again and an expired code', async () => {
    const { devices } = await setup(3);
    const [a, b, c] = devices as [Device, Device, Device];
    a.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    const created = a.sync.pairCreate(a.profileId);
    expect(created.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){8}$/);
    expect(created.qrPayload).toBe(`regie-pair:${created.code.replaceAll('-', '')}`);
    expect(Date.parse(created.expiresAt) - clock.t).toBeGreaterThan(9 * 60_000);

    expect((await b.sync.pairJoin(b.profileId, created.code.toLowerCase())).status).toBe('waiting');
    expect((await syncNow(b)).join).toBe('waiting');
    expect((await syncNow(a)).pairing).toEqual({ accepted: 1, refused: 0 });
    expect((await syncNow(b)).join).toBe('joined');
    expect(b.store.list().total).toBe(1);
    expect(a.sync.devices(a.profileId).map((d) => d.name).sort()).toEqual(['Desktop', 'Laptop']);
    expect(b.sync.devices(b.profileId).find((d) => d.current)?.name).toBe('Desktop');

    // Reused: C tries the code B already used.
    expect((await c.sync.pairJoin(c.profileId, created.code)).status).toBe('waiting');
    expect((await syncNow(a)).pairing).toEqual({ accepted: 0, refused: 1 });
    expect((await syncNow(c)).join).toBe('refused-used');
    expect(c.store.list().total).toBe(0);

    // Expired: the code is shown, C sends its request too late for A.
    const late = a.sync.pairCreate(a.profileId);
    clock.t += 11 * 60_000;
    await expect(c.sync.pairJoin(c.profileId, late.code)).rejects.toMatchObject({ code: 'pairing-code-expired' });
    const fresh = a.sync.pairCreate(a.profileId);
    expect((await c.sync.pairJoin(c.profileId, fresh.code)).status).toBe('waiting');
    clock.t += 11 * 60_000; // A only syncs after the code expired
    expect((await syncNow(a)).pairing).toEqual({ accepted: 0, refused: 1 });
    expect((await syncNow(c)).join).toBe('refused-expired');
    expect(c.sync.status(c.profileId).errors.map((e) => e.kind)).toContain('pairing-expired');

    await expect(c.sync.pairJoin(c.profileId, 'ABCD-EFGH')).rejects.toMatchObject({ code: 'pairing-code-invalid' });
  });
});
