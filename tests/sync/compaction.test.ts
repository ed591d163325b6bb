/**
 * The folder is compacted (issue 11.4): snapshots supersede the updates before them, files every
 * known device has applied are removed, revoked devices count as gone, and a long-used folder stays
 * within 1.5× of one fresh snapshot — while a device that joins later still gets everything.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { freshSnapshotBytes } from '../../src-main/sync/compaction';
import { SyncEngine } from '../../src-main/sync/engine';
import { FolderTransport } from '../../src-main/sync/transport';
import { SyncState } from '../../src-main/sync/state';
import { condition, glucose, gp, lab, received } from '../records/helpers';
import { makeTempDir } from '../helpers/temp-dir';
import { clock, derived, type Device, folderFiles, makeDevice, namesOf, pair, syncNow } from './helpers';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const remove of cleanup.splice(0).reverse()) remove();
});

const tuning = { snapshotEveryFiles: 8, bodyCompactionEvery: 5, packBytes: 8 * 1024 };

async function devices(names: string[], options = tuning) {
  const temp = makeTempDir('regie-sync-compaction-');
  cleanup.push(temp.remove);
  const out: Device[] = [];
  for (const name of names) {
    const device = await makeDevice(name, temp.dir, options);
    cleanup.push(device.remove);
    out.push(device);
  }
  return { folder: temp.dir, devices: out };
}

function folderBytes(folder: string): number {
  return folderFiles(folder).reduce((sum, f) => sum + f.bytes.length, 0);
}

function fresh(device: Device): number {
  const engine = new SyncEngine(device.store, new FolderTransport(device.state.folder()!), device.state, tuning);
  return freshSnapshotBytes(device.store, engine.referencedBodies());
}

/** Kinds of a device's files in the folder, by seq. */
function filesOf(folder: string, reader: Device, writer: Device): Array<{ kind: string; seq: number }> {
  const names = namesOf(reader);
  const id = writer.state.identity().deviceId;
  return folderFiles(folder)
    .map(({ name }) => names.parse(name))
    .filter((p) => p !== null && p.deviceId === id)
    .map((p) => ({ kind: p!.kind, seq: p!.seq }))
    .sort((a, b) => a.seq - b.seq);
}

/** A day of use: new measurements on both, a correction, a replaced lab result, a deletion. */
function useFor(day: number, a: Device, b: Device): void {
  clock.t += 24 * 60 * 60 * 1000;
  a.store.importResources(gp, [received(glucose(`a${day}`, 5 + (day % 10) / 10, `2024-05-${String((day % 28) + 1).padStart(2, '0')}`))]);
  b.store.addOwnResource({ resourceType: 'Observation', id: `b${day}`, status: 'final', code: { text: 'Gewicht' }, valueQuantity: { value: 80 + day / 10, unit: 'kg' } });
  // The lab sends a new version of the same result now and then: its old body becomes garbage.
  a.store.importResources(lab, [received(glucose('l1', 4 + day / 100, '2024-01-01', { note: [{ text: `versie ${day} ${'x'.repeat(400)}` }] }))]);
  if (day % 7 === 0) a.store.deleteRecord(a.store.search(`a${day - 3}`).items[0]?.id ?? a.store.list().items.at(-1)!.id);
}

describe('folder compaction', () => {
  it('keeps a long-used folder within 1.5× of one fresh snapshot, and a device joining later gets everything', async () => {
    const { folder, devices: [a, b, c] } = await devices(['Laptop', 'Desktop', 'Later']);
    a!.store.importResources(gp, Array.from({ length: 150 }, (_, i) => received(condition(`c${i}`, `Aandoening ${i} ${'omschrijving '.repeat(20)}`, 'active', '2015-01-01'))));
    await pair(a!, b!);
    let peak = 0;
    for (let day = 1; day <= 60; day += 1) {
      useFor(day, a!, b!);
      await syncNow(a!);
      await syncNow(b!);
      peak = Math.max(peak, folderBytes(folder));
    }
    // Two rounds with nothing new: acks go round, the last superseded files go.
    for (let i = 0; i < 2; i += 1) {
      await syncNow(a!);
      await syncNow(b!);
    }
    await a!.sync.syncNow(a!.profileId);
    expect(derived(a!)).toEqual(derived(b!));
    const size = folderBytes(folder);
    const yardstick = fresh(a!);
    expect(size).toBeLessThan(yardstick * 1.5);
    expect(peak).toBeGreaterThan(size); // it did grow, and was compacted
    // Not every old update is kept: each device's stream starts late.
    expect(filesOf(folder, a!, a!).filter((f) => f.kind === 'u' || f.kind === 's')[0]!.seq).toBeGreaterThan(10);
    expect(filesOf(folder, a!, a!).filter((f) => f.kind === 'a')).toHaveLength(1);

    // A device paired now starts from what is left and holds the same record.
    await pair(a!, c!);
    for (let i = 0; i < 2; i += 1) for (const device of [a!, b!, c!]) await syncNow(device);
    expect(derived(c!)).toEqual(derived(a!));
    expect(c!.store.missingBodies()).toEqual([]);
    expect(c!.sync.status(c!.profileId).errors).toEqual([]);
  });

  it('a known device that does not sync holds back what it has not applied; revoked, it counts as gone', async () => {
    const { folder, devices: [a, b, c] } = await devices(['Laptop', 'Desktop', 'Oud']);
    await pair(a!, b!);
    await pair(a!, c!);
    await syncNow(c!);
    const firstOfA = () => filesOf(folder, a!, a!).filter((f) => f.kind === 'u' || f.kind === 's')[0]!.seq;
    // C stays away: A keeps the updates C has not applied, up to two snapshots back.
    for (let day = 1; day <= 12; day += 1) {
      useFor(day, a!, b!);
      await syncNow(a!);
      await syncNow(b!);
    }
    const snapshotsOfA = filesOf(folder, a!, a!).filter((f) => f.kind === 's');
    expect(snapshotsOfA.length).toBeGreaterThanOrEqual(2);
    expect(firstOfA()).toBeLessThanOrEqual(snapshotsOfA.at(-2)!.seq);
    const held = folderBytes(folder);

    a!.sync.revokeDevice(a!.profileId, c!.state.identity().deviceId);
    for (let i = 0; i < 3; i += 1) {
      await syncNow(a!);
      await syncNow(b!);
    }
    expect(folderBytes(folder)).toBeLessThan(held);
    expect(firstOfA()).toBeGreaterThanOrEqual(filesOf(folder, a!, a!).filter((f) => f.kind === 's').at(-1)?.seq ?? 0);
    expect(derived(a!)).toEqual(derived(b!));
  });

  it('a compaction cut off at its first removal leaves nothing a device joining later waits for', async () => {
    // Body packs are left alone in the rounds, so the cut-off compaction has many to remove.
    const { folder, devices: [a, b, c] } = await devices(['Laptop', 'Desktop', 'Later'], { ...tuning, bodyCompactionEvery: 1000 });
    await pair(a!, b!);
    for (let day = 1; day <= 12; day += 1) {
      useFor(day, a!, b!);
      await syncNow(a!);
      await syncNow(b!);
    }
    // The process dies right after it removed its first body pack (a kill at that instant, made certain).
    const names = namesOf(a!);
    const transport = new FolderTransport(folder);
    const killed = new Error('killed');
    transport.remove = async (name) => {
      await FolderTransport.prototype.remove.call(transport, name);
      if (names.parse(name)?.kind === 'b') throw killed;
    };
    const engine = new SyncEngine(a!.store, transport, new SyncState(a!.db), { ...tuning, bodyCompactionEvery: 1 });
    await expect(engine.compactNow()).rejects.toBe(killed);

    await pair(a!, c!);
    for (let i = 0; i < 4; i += 1) {
      for (const device of [a!, b!, c!]) expect((await syncNow(device)).rejected).toEqual([]);
    }
    expect(derived(c!)).toEqual(derived(a!));
    expect(c!.store.missingBodies()).toEqual([]);
    expect(c!.sync.status(c!.profileId).errors).toEqual([]);
  });
});
