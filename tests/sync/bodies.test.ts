/**
 * Bodies travel as they are stored (deflated): the sender neither inflates nor deflates them again,
 * the receiver inflates each once to check it against its hash and stores the shipped bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { recordDocOf } from '../../src-main/records/doc-model';
import { sha256Hex } from '../../src-main/records/hashing';
import { decodePayload, encodePayload, fileKeyOf, openFile } from '../../src-main/sync/container';
import { dumpDerived, glucose, gp, openTestProfile, received } from '../records/helpers';
import { makeTempDir } from '../helpers/temp-dir';
import { type Device, derived, folderFiles, makeDevice, namesOf, pair, syncNow, twoPairedDevices, writeAsDevice } from './helpers';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const remove of cleanup.splice(0).reverse()) remove();
});

function storedRows(device: Device): Map<string, { size: number; data: Buffer }> {
  const rows = device.db.prepare('SELECT hash, size, data FROM body').all() as Array<{ hash: string; size: number; data: Buffer }>;
  return new Map(rows.map((row) => [row.hash, { size: row.size, data: row.data }]));
}

/** The opened payloads of `writer`'s body packs in the folder. */
function bodyPacks(folder: string, reader: Device, writer: Device) {
  const names = namesOf(reader);
  const syncId = reader.state.group()!.syncId;
  const writerId = writer.state.identity().deviceId;
  return folderFiles(folder).flatMap(({ name }) => {
    const parsed = names.parse(name);
    if (!parsed || parsed.deviceId !== writerId || parsed.kind !== 'b') return [];
    const opened = openFile({ syncId, ...parsed }, readFileSync(join(folder, name)), writer.state.identity().ed25519.publicKey, (id) => {
      const key = reader.state.key(id);
      return key ? fileKeyOf(key.key, syncId) : null;
    });
    if (!opened.ok) throw new Error(`cannot open ${name}`);
    return [decodePayload<{ hashes: string[]; sizes: number[]; stored: boolean }>(opened.payload)];
  });
}

describe('bodies in the sync folder', () => {
  it('ship as stored and arrive as shipped', async () => {
    const [a, b] = await twoPairedDevices(cleanup);
    a.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12')), received(glucose('g2', 6.1, '2024-04-02'))]);
    await syncNow(a);
    await syncNow(b);

    const atA = storedRows(a);
    const packs = bodyPacks(a.state.folder()!, b, a);
    expect(packs.length).toBeGreaterThan(0);
    for (const { meta, blobs } of packs) {
      expect(meta.stored).toBe(true);
      meta.hashes.forEach((hash, i) => {
        expect(Buffer.from(blobs[i]!)).toEqual(atA.get(hash)!.data);
        expect(meta.sizes[i]).toBe(atA.get(hash)!.size);
      });
    }
    const atB = storedRows(b);
    for (const [hash, row] of atA) expect(atB.get(hash)).toEqual(row);
    expect(b.store.missingBodies()).toEqual([]);
    expect(b.store.list().items.map((item) => item.title).sort()).toEqual(a.store.list().items.map((item) => item.title).sort());
  });

  it('a stored body that does not inflate to its hash, or to another length, is refused whole', async () => {
    const [a, b] = await twoPairedDevices(cleanup);
    const real = Buffer.from('{"resourceType":"Basic","id":"echt"}');
    const other = Buffer.from('{"resourceType":"Basic","id":"vals"}');
    const good = deflateRawSync(real);
    const cases = [
      // The right hash and length, other bytes.
      { hashes: [sha256Hex(real)], sizes: [real.length], blobs: [deflateRawSync(other)] },
      // The right bytes, a wrong length (the reader must not trust it to size its buffer).
      { hashes: [sha256Hex(real)], sizes: [4], blobs: [good] },
      // Not deflate at all.
      { hashes: [sha256Hex(real)], sizes: [real.length], blobs: [real] },
      // One good body beside one bad one: neither is kept.
      { hashes: [sha256Hex(real), sha256Hex(other)], sizes: [real.length, other.length], blobs: [good, deflateRawSync(real)] },
    ];
    for (const { hashes, sizes, blobs } of cases) {
      writeAsDevice(a.state.folder()!, a, 'b', encodePayload({ hashes, sizes, stored: true }, blobs, { compressed: true }));
    }
    const counts = await syncNow(b);
    expect(counts.rejected.map((r) => r.reason)).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
    expect(storedRows(b).size).toBe(0);
    expect(b.state.knownBodies().size).toBe(0);
  });

  it('many bodies are checked on worker threads: one that does not match refuses them all, the rest are stored as shipped, pack after pack', () => {
    const a = openTestProfile();
    const b = openTestProfile();
    cleanup.push(a.remove, b.remove);
    a.store.importResources(gp, Array.from({ length: 600 }, (_, i) => received(glucose(`g${i}`, 4 + (i % 50) / 10, `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`))));
    const hashes = [...recordDocOf(a.store.doc).records.values()].map((record) => record.normalized);
    const originals = [...recordDocOf(a.store.doc).provenance.values()].map((link) => link.original);
    const shipped = a.store.readStoredBodies([...hashes, ...originals]);
    expect(shipped.length).toBeGreaterThanOrEqual(1_200);
    const tampered = shipped.map((body, i) => (i === 417 ? { ...body, data: deflateRawSync(Buffer.from('vervalst')) } : body));
    const bodyCount = () => b.db.prepare('SELECT count(*) FROM body').pluck().get();
    expect(() => b.store.putStoredBodies(tampered)).toThrow('hash');
    expect(bodyCount()).toBe(0);
    // In two packs, one after the other (the second through the pool the first one started).
    const half = Math.ceil(shipped.length / 2);
    b.store.putStoredBodies(shipped.slice(0, half), new Set(hashes));
    b.store.putStoredBodies(shipped.slice(half), new Set(hashes));
    expect(bodyCount()).toBe(shipped.length);
    b.store.applyRemoteUpdate(Y.encodeStateAsUpdate(a.store.doc));
    const values = (profile: typeof a) => profile.db.prepare('SELECT id, value_text FROM record ORDER BY id').all();
    expect(values(b)).toEqual(values(a));
    expect(b.store.missingBodies()).toEqual([]);
  });

  it('checks started ahead finish in order: a forged pack among them is refused alone, a dropped check leaves the rest intact', () => {
    const a = openTestProfile();
    const b = openTestProfile();
    cleanup.push(a.remove, b.remove);
    a.store.importResources(gp, Array.from({ length: 1_100 }, (_, i) => received(glucose(`g${i}`, 4 + (i % 50) / 10, `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`))));
    const hashes = new Set([...recordDocOf(a.store.doc).records.values()].map((record) => record.normalized));
    const originals = [...recordDocOf(a.store.doc).provenance.values()].map((link) => link.original);
    const shipped = a.store.readStoredBodies([...hashes, ...originals]);
    const packs = [0, 1, 2, 3].map((k) => shipped.slice(k * 550, (k + 1) * 550));
    const forged = packs[1]!.map((body, i) => (i === 100 ? { ...body, data: deflateRawSync(Buffer.from('vervalst')) } : body));
    const bodyCount = () => b.db.prepare('SELECT count(*) FROM body').pluck().get();
    // As a pull does: the next pack's check starts before this one is stored.
    const first = b.store.checkStoredBodies(packs[0]!, hashes);
    const second = b.store.checkStoredBodies(forged, hashes);
    b.store.putShippedBodies(first);
    const third = b.store.checkStoredBodies(packs[2]!, hashes);
    expect(() => b.store.putShippedBodies(second)).toThrow('hash');
    const fourth = b.store.checkStoredBodies(packs[3]!, hashes);
    b.store.putShippedBodies(third);
    b.store.dropShippedBodies(fourth);
    expect(bodyCount()).toBe(1_100);
    // The forged pack shipped again as it should be, and the dropped one: then everything is here and derived as on the first device.
    b.store.putStoredBodies(packs[1]!, hashes);
    b.store.putStoredBodies(packs[3]!, hashes);
    b.store.applyRemoteUpdate(Y.encodeStateAsUpdate(a.store.doc));
    expect(b.store.missingBodies()).toEqual([]);
    expect(dumpDerived(b.db)).toEqual(dumpDerived(a.db));
  });

  it('a pull over many large packs (read and checked one ahead) holds everything, derived as on the first device', async () => {
    const temp = makeTempDir('regie-sync-packs-');
    cleanup.push(temp.remove);
    const a = await makeDevice('Laptop', temp.dir, { packBytes: 400 * 1024 });
    const b = await makeDevice('Desktop', temp.dir);
    cleanup.push(a.remove, b.remove);
    a.store.importResources(gp, Array.from({ length: 3_000 }, (_, i) => received(glucose(`g${i}`, 4 + (i % 50) / 10, `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`))));
    await pair(a, b);
    const packs = bodyPacks(temp.dir, b, a);
    expect(packs.length).toBeGreaterThanOrEqual(4);
    expect(packs.filter(({ meta }) => meta.hashes.length >= 500).length).toBeGreaterThanOrEqual(3);
    expect(b.store.missingBodies()).toEqual([]);
    expect(derived(b).record).toHaveLength(3_000);
    expect(derived(b)).toEqual(derived(a));
  });

  it('a first push reads most bodies in stored order and hands them on in hash order, the same bodies a lookup per hash gives', () => {
    const a = openTestProfile();
    cleanup.push(a.remove);
    a.store.importResources(gp, Array.from({ length: 1_200 }, (_, i) => received(glucose(`g${i}`, 4 + (i % 50) / 10, `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`))));
    const all = (a.db.prepare('SELECT hash FROM body').pluck().all() as string[]).sort();
    expect(all.length).toBeGreaterThanOrEqual(2_400);
    const asked = [...all.slice(0, 2_000), 'f'.repeat(64)]; // one that is not here: skipped, as a lookup skips it
    const walked = [...a.store.storedBodiesInBatches(asked)];
    const looked = a.store.readStoredBodies(asked);
    expect(walked).toHaveLength(2_000);
    expect(new Map(walked.map((b) => [b.hash, b]))).toEqual(new Map(looked.map((b) => [b.hash, b])));
    // Read in stored order, handed on in hash order (per window of 64 MiB: here all of them).
    expect(walked.map((b) => b.hash)).toEqual([...walked.map((b) => b.hash)].sort());
    // A few: looked up one by one, in the order asked.
    expect([...a.store.storedBodiesInBatches(all.slice(0, 30))]).toEqual(a.store.readStoredBodies(all.slice(0, 30)));
  });

  it('bodies kept for the update that follows are dropped when their write is rolled back', () => {
    const a = openTestProfile();
    const b = openTestProfile();
    cleanup.push(a.remove, b.remove);
    a.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    const normalized = [...recordDocOf(a.store.doc).records.values()][0]!.normalized;
    const [good] = a.store.readStoredBodies([normalized]);
    // Sorted after the good one (bodies are written in hash order), so the good one is kept first.
    const bad = { hash: 'f'.repeat(64), size: 8, data: deflateRawSync(Buffer.from('vervalst')) };
    // One bad body: the pack is refused whole, and the good body it carried is not kept either.
    expect(() => b.store.putStoredBodies([good!, bad], new Set([normalized]))).toThrow('hash');
    b.store.applyRemoteUpdate(Y.encodeStateAsUpdate(a.store.doc));
    const valueOf = () => b.db.prepare('SELECT value_text FROM record').pluck().get();
    expect(valueOf()).toBeNull(); // derived without its body: nothing but its type
    expect(b.store.missingBodies()).toContain(normalized);
    // Kept, then used by the update that follows: the record is derived from it.
    b.store.putStoredBodies([good!], new Set([normalized]));
    expect(valueOf()).toBe(a.db.prepare('SELECT value_text FROM record').pluck().get());
    expect(valueOf()).not.toBeNull();
  });
});
