/**
 * The import's digest workers (records/digest-pool.ts, digest-worker.ts) run the main thread's own
 * functions: for awkward resources (non-ASCII text, escapes, decimals with trailing zeros, deep
 * nesting) they must give the very hashes, bodies and derived rows the main thread gives; a pool that
 * is gone is not waited for.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareImport } from '../../src-main/fhir/index';
import { deriveBody } from '../../src-main/records/body-derivation';
import { DigestPool, KeptPool, useBuiltDigestWorker } from '../../src-main/records/digest-pool';
import { defaultFhirFunctions } from '../../src-main/records/fhir-functions';
import { sha256Hex } from '../../src-main/records/hashing';
import { digestOf, type PreparedResource } from '../../src-main/records/prepare-resources';

const pools: DigestPool[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.close();
});

const awkward = [
  { resourceType: 'Observation', id: 'o1', status: 'final', code: { text: 'Glucose — nuchter "vóór" ontbijt \u2028 ☕ 𝄞' }, valueQuantity: { value: 5.5, unit: 'mmol/l' } },
  { resourceType: 'Patient', id: 'p1', name: [{ family: 'Ërtürk', given: ['Zoë', 'Ĳsbrand'] }], meta: { versionId: '3' }, text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' } },
  { resourceType: 'Condition', code: { coding: [{ system: 'http://snomed.info/sct', code: '44054006' }] }, subject: { reference: 'Patient/p1' } },
  { resourceType: 'Basic', id: 'b1', code: { text: 'x' }, extension: [{ url: 'http://example.org/deep', extension: [{ url: 'a', valueString: '\\\\ \t \n / \u0000' }] }] },
];

/** Pretty-printed, with decimals written as the sender wrote them (5.50, 1e2), which only the original keeps. */
function bundleOf(resources: readonly object[]): Buffer {
  const text = JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) }, null, 2)
    .replace('"value": 5.5', '"value": 5.50')
    .replace('"versionId": "3"', '"versionId": "3",\n      "lastUpdated": "2024-01-01T10:00:00+01:00"');
  return Buffer.from(text, 'utf8');
}

function prepared(bytes: Buffer): PreparedResource[] {
  const result = prepareImport(bytes, { streamAboveBytes: 0 });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.resources.map((resource) => ({ resource, resourceType: String(resource.r4?.resourceType ?? (resource as { normalizedType?: string }).normalizedType), r4: resource.r4! }));
}

describe('the digest pool', () => {
  it('gives the hashes and bodies the main thread gives', () => {
    const items = prepared(bundleOf(awkward)).map((item) => ({ ...item, get r4() { return item.resource.r4!; } }));
    const pool = DigestPool.open(2);
    if (!pool) throw new Error('worker threads are available in Node');
    pools.push(pool);
    const digests = pool.take(pool.submit(items));
    expect(digests.size).toBe(awkward.length);
    for (const item of items) {
      const expected = digestOf(item);
      const got = digests.get(item.resource)!;
      expect(got.content).toBe(expected.content);
      expect(got.normalized.hash).toBe(expected.normalized.hash);
      expect(got.original.hash).toBe(expected.original.hash);
      expect(inflateRawSync(got.normalized.data).toString('utf8')).toBe(expected.normalized.text);
      expect(inflateRawSync(got.original.data).toString('utf8')).toBe(expected.original.text);
      expect(got.original.size).toBe(Buffer.byteLength(expected.original.text));
    }
    expect(digestOf(items[0]!).original.text).toContain('5.50');
  });

  it('works out what each body says for its rows as the main thread does, when asked', () => {
    const rich = [
      ...awkward,
      { resourceType: 'MedicationStatement', id: 'm1', status: 'active', medicationCodeableConcept: { coding: [{ system: 'urn:oid:2.16.840.1.113883.2.4.4.7', code: '2345', display: 'Metformine 500 mg tablet' }] }, effectivePeriod: { start: '2024-01-01' }, dosage: [{ text: '2 maal per dag 1 tablet' }] },
      { resourceType: 'Observation', id: 'i1', identifier: [{ system: 'urn:oid:2.16.840.1.113883.2.4.3.11.999', value: 'lab-1' }], status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '4548-4' }] }, effectiveDateTime: '2024-02-01', valueQuantity: { value: 48, unit: 'mmol/mol' }, referenceRange: [{ high: { value: 42 } }] },
    ];
    const items = prepared(bundleOf(rich));
    const pool = DigestPool.open(1)!;
    pools.push(pool);
    const asked = pool.take(pool.submit(items, true));
    const plain = pool.take(pool.submit(items));
    for (const item of items) {
      const expected = deriveBody(item.resource.r4!, defaultFhirFunctions);
      expect(JSON.parse(asked.get(item.resource)!.derivation!)).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(plain.get(item.resource)!.derivation).toBeUndefined();
    }
    expect(JSON.parse(asked.get(items.at(-1)!.resource)!.derivation!).factKeys).toHaveLength(2);
    expect(JSON.parse(asked.get(items.at(-2)!.resource)!.derivation!).medication).toMatchObject({ type: 'record' });

    // Checking shipped bodies: derivations for the indexes asked, none for the rest or for what is not JSON.
    const texts = [JSON.stringify(rich[4]), JSON.stringify(rich[5]), 'geen JSON'];
    const bodies = texts.map((text) => {
      const bytes = Buffer.from(text, 'utf8');
      return { hash: sha256Hex(bytes), size: bytes.length, data: deflateRawSync(bytes) };
    });
    const verified = pool.takeVerified(pool.submitVerify(bodies, [1, 2]));
    expect(verified).toMatchObject({ ok: true });
    expect(verified?.ok && verified.derivations).toEqual([null, JSON.stringify(deriveBody(rich[5]!, defaultFhirFunctions)), null]);
    // The one whose rows could not be worked out comes back inflated, for the main thread to derive.
    expect(verified?.ok && verified.inflated.map((data) => data?.toString('utf8') ?? null)).toEqual([null, null, 'geen JSON']);
  });

  it('spreads jobs over its workers and answers each ticket with its own resources', () => {
    const items = prepared(bundleOf([...awkward, ...awkward.map((r, i) => ({ ...r, id: `x${i}` }))]));
    const pool = DigestPool.open(2)!;
    pools.push(pool);
    const tickets = [pool.submit(items.slice(0, 3)), pool.submit(items.slice(3, 5)), pool.submit(items.slice(5))];
    const taken = [pool.take(tickets[0]!), pool.take(tickets[1]!), pool.take(tickets[2]!)];
    expect(taken.map((map) => map.size)).toEqual([3, 2, 3]);
    expect([...taken[1]!.keys()]).toEqual(items.slice(3, 5).map((item) => item.resource));
    expect(taken[1]!.get(items[3]!.resource)!.normalized.hash).toBe(digestOf(items[3]!).normalized.hash);
  });

  it('inflates bodies shipped as stored and checks each against its size and hash', () => {
    const texts = ['{"resourceType":"Observation"}', 'Zoë 𝄞 '.repeat(500), ''];
    const bodies = texts.map((text) => {
      const bytes = Buffer.from(text, 'utf8');
      return { hash: sha256Hex(bytes), size: bytes.length, data: deflateRawSync(bytes) };
    });
    const pool = DigestPool.open(2)!;
    pools.push(pool);
    const verified = pool.takeVerified(pool.submitVerify(bodies, [], [0, 1, 2]));
    expect(verified).toMatchObject({ ok: true });
    expect(verified?.ok && verified.inflated.map((data) => data?.toString('utf8'))).toEqual(texts);
    // Only what is asked back comes back.
    const some = pool.takeVerified(pool.submitVerify(bodies, [], [1]));
    expect(some?.ok && some.inflated.map((data) => data?.toString('utf8') ?? null)).toEqual([null, texts[1], null]);
    // Other bytes under a hash, a wrong size, not deflate at all: the first such body is named.
    const other = deflateRawSync(Buffer.from('vervalst'));
    const wrong = [
      [bodies[0]!, { ...bodies[1]!, data: other }],
      [{ ...bodies[1]!, size: 4 }],
      [bodies[0]!, bodies[2]!, { ...bodies[0]!, data: Buffer.from('geen deflate') }],
    ];
    expect(wrong.map((set) => pool.takeVerified(pool.submitVerify(set)))).toEqual([
      { ok: false, refused: 1 },
      { ok: false, refused: 0 },
      { ok: false, refused: 2 },
    ]);
  });

  it('leaves resources that are not spans of a JSON input to the main thread, and a closed pool is not waited for', () => {
    const pool = DigestPool.open(1)!;
    pools.push(pool);
    const plain = awkward.map((json) => ({ resource: { resourceType: json.resourceType, id: null, fhirVersion: 'R4' as const, format: 'json' as const, entryPath: 'x', originalText: JSON.stringify(json), json, r4: json }, resourceType: json.resourceType, r4: json }));
    expect(pool.submit(plain)).toBeNull();
    const ticket = pool.submit(prepared(bundleOf(awkward)));
    pool.close();
    expect(pool.take(ticket).size).toBe(0);
  });

  it('is not opened when the worker\'s file is missing, so nothing waits for a worker that cannot start', () => {
    useBuiltDigestWorker('/nonexistent/regie/digest-worker.js');
    try {
      expect(DigestPool.open(1)).toBeNull();
    } finally {
      useBuiltDigestWorker(null);
    }
    const pool = DigestPool.open(1);
    expect(pool).not.toBeNull();
    pool?.close();
  });

  it('is kept between uses in a row, closed when idle or asked, and not kept once it gave up', async () => {
    let opened = 0;
    const kept = new KeptPool(() => {
      opened += 1;
      const pool = DigestPool.open(1);
      if (pool) pools.push(pool);
      return pool;
    }, 50);
    const first = kept.take()!;
    kept.giveBack(first);
    expect(kept.take()).toBe(first);
    expect(opened).toBe(1);
    kept.giveBack(first);
    kept.close();
    expect(first.gaveUp).toBe(true);
    const second = kept.take()!;
    expect(second).not.toBe(first);
    kept.giveBack(second);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(second.gaveUp).toBe(true);
    const third = kept.take()!;
    third.close();
    kept.giveBack(third);
    expect(kept.take()).not.toBe(third);
    expect(opened).toBe(4);
    kept.close();
  });
});
