/**
 * The membership chain's rules on their own (membership.ts), and what becomes of a profile that was
 * synced before the chain existed.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { newKeyPair } from '../../src-main/sync/crypto';
import {
  activeMembers,
  buildMembership,
  cascadeOf,
  type DeviceInfo,
  type Entry,
  keyCommitment,
  type Op,
  type ParsedEntry,
  parseEntry,
  signEntry,
} from '../../src-main/sync/membership';
import { glucose, gp, lab, received } from '../records/helpers';
import { type Device, devicesOnOneFolder, pair, syncNow } from './helpers';

const group = 'a'.repeat(32);
const at = '2025-03-01T10:00:00.000Z';

function device(name: string) {
  const signing = newKeyPair('ed25519');
  const info: DeviceInfo = { id: randomBytes(16).toString('hex'), name, x25519: newKeyPair('x25519').publicKey, ed25519: signing.publicKey };
  return { info, id: info.id, jwk: signing.privateJwk };
}
type TestDevice = ReturnType<typeof device>;

const epoch = (n: number, keyId = n * 10) => ({ n, keyId, commit: keyCommitment(group, n, keyId, Buffer.alloc(32, n)) });

function entry(author: TestDevice, after: ParsedEntry | null, op: Op, signer: TestDevice = author): ParsedEntry {
  const e: Entry = { v: 1, group, h: after ? after.entry.h + 1 : 1, prev: after ? after.hash : '', author: author.id, at, op };
  return signEntry(e, signer.jwk);
}

/** laptop (genesis) → desktop → tablet, as added in that order. */
function threeDevices() {
  const laptop = device('Laptop');
  const desktop = device('Desktop');
  const tablet = device('Tablet');
  const genesis = entry(laptop, null, { type: 'genesis', device: laptop.info, epoch: epoch(1) });
  const addDesktop = entry(laptop, genesis, { type: 'add', device: desktop.info });
  const addTablet = entry(desktop, addDesktop, { type: 'add', device: tablet.info });
  return { laptop, desktop, tablet, genesis, chain: [genesis, addDesktop, addTablet] };
}

const revoke = (devices: string[], n: number) => ({ type: 'revoke' as const, devices, upTo: {}, epoch: epoch(n) });

describe('the membership chain', () => {
  it('follows signed, linked entries from the pinned genesis; epochs count up by one', () => {
    const { laptop, desktop, tablet, genesis, chain } = threeDevices();
    const revoked = entry(laptop, chain[2]!, revoke([tablet.id], 2));
    const membership = buildMembership(genesis.hash, [...chain, revoked])!;
    expect(membership.head).toEqual({ h: 4, hash: revoked.hash });
    expect(activeMembers(membership)).toEqual([laptop.id, desktop.id].sort());
    expect(membership.members.get(tablet.id)!.revoked).toMatchObject({ by: laptop.id, height: 4 });
    expect(membership.epoch.n).toBe(2);
    expect(membership.invalid).toEqual([]);
    // Another genesis for the same group is not this chain.
    const impostor = entry(tablet, null, { type: 'genesis', device: tablet.info, epoch: epoch(1) });
    expect(buildMembership(impostor.hash, [...chain, impostor])!.members.size).toBe(1);
  });

  it('refuses an epoch out of turn, a reused key id, a forged signature and anything by a revoked device', () => {
    const { laptop, desktop, tablet, genesis, chain } = threeDevices();
    const head = chain[2]!;
    const shadow = device('Schaduw');
    const skipped = entry(desktop, head, revoke([tablet.id], 3));
    const reused = entry(desktop, head, { type: 'revoke', devices: [tablet.id], upTo: {}, epoch: { ...epoch(2), keyId: 10 } });
    const forged = entry(laptop, head, { type: 'add', device: shadow.info }, tablet);
    const membership = buildMembership(genesis.hash, [...chain, skipped, reused, forged])!;
    expect(membership.head.hash).toBe(head.hash);
    expect(membership.invalid.map((p) => p.hash).sort()).toEqual([skipped.hash, reused.hash, forged.hash].sort());
    // 2^60 is not even an epoch number: the entry does not parse.
    const huge = entry(desktop, head, revoke([tablet.id], 2 ** 60));
    expect(parseEntry(huge.signed, group)).toBeNull();

    const revoked = entry(laptop, head, revoke([tablet.id], 2));
    const late = entry(tablet, revoked, { type: 'add', device: shadow.info });
    const after = buildMembership(genesis.hash, [...chain, revoked, late])!;
    expect(after.members.has(shadow.id)).toBe(false);
    expect(after.invalid.map((p) => p.hash)).toEqual([late.hash]);
  });

  it('a fork: a revocation beats what the revoked device wrote at the same height, whoever is senior', () => {
    const { laptop, desktop, genesis, chain } = threeDevices();
    const shadow = device('Schaduw');
    // The laptop (most senior) is stolen; the desktop revokes it while the thief adds a shadow device.
    const thief = entry(laptop, chain[2]!, { type: 'add', device: shadow.info });
    const revoked = entry(desktop, chain[2]!, revoke([laptop.id], 2));
    for (const order of [
      [thief, revoked],
      [revoked, thief],
    ]) {
      const membership = buildMembership(genesis.hash, [...chain, ...order])!;
      expect(membership.head.hash).toBe(revoked.hash);
      expect(membership.members.has(shadow.id)).toBe(false);
    }
    // Two ordinary entries at one height: the more senior author's wins.
    const renameByDesktop = entry(desktop, chain[2]!, { type: 'rename', device: desktop.id, name: 'Werkkamer' });
    const renameByLaptop = entry(laptop, chain[2]!, { type: 'rename', device: laptop.id, name: 'Thuis' });
    expect(buildMembership(genesis.hash, [...chain, renameByDesktop, renameByLaptop])!.head.hash).toBe(renameByLaptop.hash);
  });

  it('revoking a device takes the devices it paired, but not the one revoking nor those kept', () => {
    const { laptop, desktop, tablet, genesis, chain } = threeDevices();
    const phone = device('Telefoon');
    const addPhone = entry(tablet, chain[2]!, { type: 'add', device: phone.info });
    const membership = buildMembership(genesis.hash, [...chain, addPhone])!;
    expect(cascadeOf(membership, desktop.id, laptop.id).sort()).toEqual([desktop.id, tablet.id, phone.id].sort());
    expect(cascadeOf(membership, desktop.id, laptop.id, [tablet.id])).toEqual([desktop.id]);
    // The tablet revokes the laptop that started it all: the desktop the laptop paired goes too (unless kept), the tablet stays.
    expect(cascadeOf(membership, laptop.id, tablet.id).sort()).toEqual([laptop.id, desktop.id].sort());
  });
});

describe('a profile synced before the membership chain', () => {
  const cleanup: Array<() => void> = [];
  afterEach(() => {
    for (const remove of cleanup.splice(0).reverse()) remove();
  });

  it('starts a fresh group on its next round, says so, and pairs again without losing records', async () => {
    const { devices } = await devicesOnOneFolder(cleanup, ['Laptop', 'Desktop']);
    const [a, b] = devices as [Device, Device];
    a.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    await pair(a, b);
    await syncNow(a);
    await syncNow(b);
    // What an old version left: a group and a device list, but no chain.
    for (const d of devices) d.db.prepare("DELETE FROM sync_state WHERE key = 'chain'").run();
    const oldGroup = a.state.group()!.syncId;
    b.store.importResources(lab, [received(glucose('l1', 3.3, '2024-02-01'))]);

    await syncNow(a);
    expect(a.state.group()!.syncId).not.toBe(oldGroup);
    expect(a.sync.devices(a.profileId).map((d) => d.name)).toEqual(['Laptop']);
    expect(a.sync.status(a.profileId).errors.map((e) => e.kind)).toContain('sync-reset');

    await pair(a, b);
    await syncNow(a);
    await syncNow(b);
    await syncNow(a);
    expect(a.store.list().total).toBe(2);
    expect(b.store.list().total).toBe(2);
  });
});
