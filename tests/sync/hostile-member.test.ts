/**
 * A hostile member of the sync group (issue 9, item 1): a device that, while still paired, prepares
 * to keep reading after it is revoked. Its moves are written with the real primitives (its own keys,
 * its own stream in the folder, the real file format), as a modified copy of Regie would; what it can
 * read is checked with every key wrapped to it anywhere in the folder (attacker.ts), not only with
 * what its own engine accepted.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodePayload } from '../../src-main/sync/container';
import { newKeyPair, wrapTo } from '../../src-main/sync/crypto';
import { signEntry } from '../../src-main/sync/membership';
import { glucose, gp, lab, received } from '../records/helpers';
import { folderNames, keysObtainableBy, readableWith } from './attacker';
import { clock, type Device, devicesOnOneFolder, namesOf, pair, syncNow, writeAsDevice } from './helpers';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const remove of cleanup.splice(0).reverse()) remove();
});

const group = (names: string[]) => devicesOnOneFolder(cleanup, names);

async function rounds(devices: Device[], n = 2) {
  for (let i = 0; i < n; i += 1) for (const device of devices) await syncNow(device);
}

const idOf = (device: Device) => device.state.identity().deviceId;
const problems = (device: Device) => device.sync.status(device.profileId).errors.map((e) => e.kind);
const writtenSince = (folder: string, before: Set<string>) => folderNames(folder).filter((name) => !before.has(name));

describe('a revoked device reads nothing written after its revocation', () => {
  it('poisoned epoch: a key a member published with epoch 2^60 and creator ff… is never written with', async () => {
    const { folder, devices } = await group(['Laptop', 'Desktop', 'Gestolen']);
    const [a, b, h] = devices as [Device, Device, Device];
    a.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    await pair(a, b);
    await pair(a, h);
    await rounds(devices);
    expect(h.store.list().total).toBe(1);

    // While still a member, H publishes a key of its own making in its key stream, wrapped to everyone.
    const { syncId, namingKey } = h.state.group()!;
    const poisoned = { keyId: 0x7ffffff0, epoch: 2 ** 60, creator: 'f'.repeat(32), key: randomBytes(32).toString('base64'), members: devices.map(idOf) };
    const bundle = Buffer.from(JSON.stringify({ syncId, namingKey, keys: [poisoned] }));
    const wraps = h.state.devices().map((d) => wrapTo(d.x25519, bundle, `keys:${syncId}`).toString('base64'));
    writeAsDevice(folder, h, 'k', encodePayload({ wraps }));
    await rounds(devices);

    a.sync.revokeDevice(a.profileId, idOf(h));
    const before = new Set(folderNames(folder));
    a.store.importResources(lab, [received(glucose('after', 7.7, '2024-05-05'))]);
    b.store.importResources(lab, [received(glucose('fromb', 8.8, '2024-05-06'))]);
    await rounds([a, b, h], 3);

    expect(a.store.list().total).toBe(3);
    expect(b.store.list().total).toBe(3);
    expect(h.store.list().total).toBe(1);
    expect(readableWith(folder, h, keysObtainableBy(folder, h), [a, b], writtenSince(folder, before))).toEqual([]);
    // Epochs are counted: the revocation made epoch 2, on both remaining devices.
    expect(a.state.currentKey()!.epoch).toBe(2);
    expect(b.state.currentKey()!.epoch).toBe(2);
  });

  it.each([
    ['the registry files', ['r']],
    ['the registry and key files', ['r', 'k']],
  ])('withholding: deleting %s written after the revocation does not make a third device leak to it', async (_, kinds) => {
    const { folder, devices } = await group(['Laptop', 'Gestolen', 'Tablet']);
    const [a, h, c] = devices as [Device, Device, Device];
    a.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    await pair(a, h);
    await pair(a, c);
    await rounds(devices);

    const before = new Set(folderNames(folder));
    a.sync.revokeDevice(a.profileId, idOf(h));
    a.store.importResources(lab, [received(glucose('after', 7.7, '2024-05-05'))]);
    await syncNow(a);
    // H still has the folder: it deletes what A wrote after the revocation, again after every round of A.
    const names = namesOf(a);
    const withhold = () => {
      for (const name of folderNames(folder)) {
        const parsed = names.parse(name);
        if (parsed && parsed.deviceId === idOf(a) && kinds.includes(parsed.kind) && !before.has(name)) rmSync(join(folder, name));
      }
    };
    withhold();
    c.store.importResources(lab, [received(glucose('fromc', 9.9, '2024-05-06'))]);
    for (let i = 0; i < 3; i += 1) {
      await syncNow(c);
      await syncNow(h);
      await syncNow(a);
      withhold();
    }

    // Nothing new for H: no key wrapped to it since, no file it can open, no record.
    const written = writtenSince(folder, before);
    expect([...keysObtainableBy(folder, h, new Set(written)).keys()]).toEqual([]);
    expect(readableWith(folder, h, keysObtainableBy(folder, h), [a, c], written)).toEqual([]);
    expect(h.store.list().total).toBe(1);
    // A noticed that its files were deleted, and wrote them again.
    expect(problems(a)).toContain('removed');
    if (kinds.includes('k')) {
      // C could not learn of the revocation, but saw A use a key it lacks: it held its record back and said so.
      expect(problems(c)).toContain('behind');
      expect(c.sync.status(c.profileId).pending.changes).toBeGreaterThan(0);
      expect(a.store.list().total).toBe(2);
    }

    // Once A's files stay, C catches up and its record goes out, under the new key only.
    await syncNow(a);
    await syncNow(c);
    await syncNow(a);
    await syncNow(h);
    expect(c.sync.devices(c.profileId).find((d) => d.name === 'Gestolen')?.revoked).toBe(true);
    expect(a.store.list().total).toBe(3);
    expect(c.store.list().total).toBe(3);
    expect(h.store.list().total).toBe(1);
    expect(readableWith(folder, h, keysObtainableBy(folder, h), [a, c], writtenSince(folder, before))).toEqual([]);
  });

  it('shadow devices: a device a member paired is revoked with it and reads nothing new', async () => {
    const { folder, devices } = await group(['Laptop', 'Desktop', 'Gestolen', 'Schaduw']);
    const [a, b, h, s] = devices as [Device, Device, Device, Device];
    a.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    await pair(a, b);
    await pair(a, h);
    await rounds([a, b, h]);
    // H pairs a device of its own while it is still a member.
    await pair(h, s);
    await rounds(devices);
    expect(a.sync.devices(a.profileId)).toHaveLength(4);
    expect(s.store.list().total).toBe(1);

    a.sync.revokeDevice(a.profileId, idOf(h));
    const revoked = (d: Device) => d.sync.devices(d.profileId).filter((x) => x.revoked).map((x) => x.name).sort();
    expect(revoked(a)).toEqual(['Gestolen', 'Schaduw']);
    const before = new Set(folderNames(folder));
    a.store.importResources(lab, [received(glucose('after', 7.7, '2024-05-05'))]);
    await rounds(devices, 3);

    expect(revoked(b)).toEqual(['Gestolen', 'Schaduw']);
    expect(b.store.list().total).toBe(2);
    expect(s.store.list().total).toBe(1);
    expect(h.store.list().total).toBe(1);
    const written = writtenSince(folder, before);
    for (const attacker of [h, s]) expect(readableWith(folder, attacker, keysObtainableBy(folder, attacker), [a, b], written)).toEqual([]);

    // Nor can H add one after its revocation: its files from then on are refused.
    const head = h.state.head()!;
    const shadow = { id: 'e'.repeat(32), name: 'Nog een', x25519: newKeyPair('x25519').publicKey, ed25519: newKeyPair('ed25519').publicKey };
    const late = signEntry(
      { v: 1, group: h.state.group()!.syncId, h: head.h + 1, prev: head.hash, author: idOf(h), at: new Date(clock.t).toISOString(), op: { type: 'add', device: shadow } },
      h.state.identity().ed25519.privateJwk,
    );
    writeAsDevice(folder, h, 'r', encodePayload({ entries: [late.signed] }));
    expect((await syncNow(b)).rejected).toEqual([expect.objectContaining({ reason: 'revoked', stream: 'r' })]);
    expect(b.sync.devices(b.profileId).map((d) => d.name)).not.toContain('Nog een');
  });
});

describe('only members change the group, by the rules', () => {
  it('an epoch out of turn and an entry in the name of another device are refused and reported', async () => {
    const { folder, devices } = await group(['Laptop', 'Desktop', 'Gestolen']);
    const [a, b, h] = devices as [Device, Device, Device];
    await pair(a, b);
    await pair(a, h);
    await rounds(devices);
    const syncId = h.state.group()!.syncId;
    const head = h.state.head()!;
    const at = new Date(clock.t).toISOString();
    const signing = h.state.identity().ed25519.privateJwk;
    // H revokes B and introduces epoch 2^60; and adds a device in A's name (signed with its own key).
    const outOfTurn = signEntry(
      { v: 1, group: syncId, h: head.h + 1, prev: head.hash, author: idOf(h), at, op: { type: 'revoke', devices: [idOf(b)], upTo: {}, epoch: { n: 2 ** 60, keyId: 77, commit: '0'.repeat(64) } } },
      signing,
    );
    const shadow = { id: 'e'.repeat(32), name: 'Laptop', x25519: newKeyPair('x25519').publicKey, ed25519: newKeyPair('ed25519').publicKey };
    const inAsName = signEntry({ v: 1, group: syncId, h: head.h + 1, prev: head.hash, author: idOf(a), at, op: { type: 'add', device: shadow } }, signing);
    writeAsDevice(folder, h, 'r', encodePayload({ entries: [outOfTurn.signed, inAsName.signed] }));
    await rounds([a, b]);

    for (const device of [a, b]) {
      expect(device.sync.devices(device.profileId).map((d) => [d.name, d.revoked]).sort()).toEqual([
        ['Desktop', false],
        ['Gestolen', false],
        ['Laptop', false],
      ]);
      expect(problems(device).filter((k) => k === 'chain-invalid')).toHaveLength(2);
      expect(device.state.currentKey()!.epoch).toBe(1);
    }
    // The real next epoch is 2.
    a.sync.revokeDevice(a.profileId, idOf(h));
    await rounds([a, b]);
    expect(b.state.currentKey()!.epoch).toBe(2);
  });
});
