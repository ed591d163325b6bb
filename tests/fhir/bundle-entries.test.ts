/**
 * Large JSON Bundles are read entry by entry and kept as text (memory near the input's size). The
 * result must be exactly what reading the input whole gives: the same resources, originals, R4 forms,
 * version, and the same refusals.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareImport, TextBackedResource, type PrepareResult } from '../../src-main/fhir/index';
import { fixture } from './helpers';

const whole = (text: string) => prepareImport(text, { streamAboveBytes: Number.MAX_SAFE_INTEGER });
const byEntry = (text: string) => prepareImport(text, { streamAboveBytes: 0 });

/** A result as plain data, with every getter read. */
function plain(result: PrepareResult) {
  if (!result.ok) return { ok: false, problems: result.problems.map((p) => [p.code, p.entryPath]) };
  return {
    ok: true,
    fhirVersion: result.fhirVersion,
    format: result.format,
    resources: result.resources.map((r) => ({
      resourceType: r.resourceType, id: r.id, fhirVersion: r.fhirVersion, format: r.format, originalText: r.originalText,
      entryPath: r.entryPath, fullUrl: r.fullUrl, json: r.json, r4: r.r4,
    })),
  };
}

const bundle = (entries: unknown[], extra: object = {}) => JSON.stringify({ resourceType: 'Bundle', type: 'collection', ...extra, entry: entries }, null, 2);
const patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Vries' }] };
const stu3Condition = {
  resourceType: 'Condition', id: 'c1', clinicalStatus: 'active', code: { text: 'Astma' },
  meta: { profile: ['http://nictiz.nl/fhir/StructureDefinition/zib-Problem'] }, subject: { reference: 'Patient/p1' },
};

describe('a JSON Bundle read entry by entry', () => {
  const jsonFixtures = readdirSync(join(import.meta.dirname, '../fixtures/fhir')).filter((name) => name.endsWith('.json'));

  it.each(jsonFixtures)('gives what reading %s whole gives', (name) => {
    const text = fixture(name);
    expect(plain(byEntry(text))).toEqual(plain(whole(text)));
  });

  it('keeps the resources of a large input as text, and of a small one as objects', () => {
    const text = fixture('r4-bgz-bundle.json');
    const streamed = byEntry(text);
    expect(streamed.ok && streamed.resources.every((r) => r instanceof TextBackedResource && Object.keys(r).every((key) => key !== 'json' && key !== 'r4'))).toBe(true);
    // Copying or serializing one does not drag the input's bytes along.
    expect(streamed.ok && Math.max(...streamed.resources.map((r) => JSON.stringify(r).length))).toBeLessThan(400);
    const small = prepareImport(text);
    expect(small.ok && small.resources.some((r) => r instanceof TextBackedResource)).toBe(false);
  });

  it('reads an STU3 Bundle again as STU3 when its first entries carry no version signal', () => {
    const text = bundle([{ resource: patient }, { resource: { ...patient, id: 'p2' } }, { resource: stu3Condition }]);
    const streamed = byEntry(text);
    expect(streamed).toMatchObject({ ok: true, fhirVersion: 'STU3' });
    expect(plain(streamed)).toEqual(plain(whole(text)));
    // The STU3 string status became an R4 CodeableConcept.
    expect(streamed.ok && streamed.resources[2]!.r4.clinicalStatus).toMatchObject({ coding: [expect.objectContaining({ code: 'active' })] });
  });

  it('refuses what reading it whole refuses', () => {
    const good = bundle([{ resource: patient }, { resource: { ...patient, id: 'p2' } }]);
    const cases: Array<[string, string]> = [
      [good.replace('},\n    {', '}\n    {'), 'json-syntax'], // a missing comma between entries
      [good.replace(/}\n {2}\]/, '},\n  ]'), 'json-syntax'], // a trailing comma
      [good.replace('"family": "Vries"', '"family": "Vries",'), 'json-syntax'], // a syntax error inside an entry
      [good.replace('"type": "collection"', '"type": collection'), 'json-syntax'], // … in the Bundle itself
      [bundle([{ resource: patient }, 7]), 'wrong-type'],
      [bundle([{ resource: patient }, { fullUrl: 5, resource: patient }]), 'wrong-type'],
      [bundle([{ resource: { resourceType: 'NoSuchThing' } }]), 'unknown-resource-type'],
      [bundle([{ resource: { resourceType: 7 } }]), 'not-a-resource'],
      // As strong for STU3 (a zib profile, a string status) as for R4 (an nl-core profile, hasMember).
      [bundle([{ resource: stu3Condition }, { resource: { resourceType: 'Observation', id: 'o', status: 'final', code: { text: 'x' }, hasMember: [],
        meta: { profile: ['http://nictiz.nl/fhir/StructureDefinition/nl-core-Observation'] } } }]), 'version-mixed'],
      [bundle([{ resource: patient }], { id: 12 }), 'wrong-type'],
    ];
    for (const [text, code] of cases) {
      const streamed = byEntry(text);
      expect(streamed.ok, code).toBe(false);
      expect(!streamed.ok && streamed.problems[0]!.code, text).toBe(code);
      expect(plain(whole(text)).problems?.[0]?.[0], code).toBe(code);
    }
  });

  it('reads the bytes: characters of any width, a byte order mark, leading white space', () => {
    const text = bundle([{ resource: { ...patient, name: [{ family: 'Patiënt €5 😀', given: ['Zoë'] }] } }, { resource: { resourceType: 'Basic', id: 'b', code: { text: '\u2028 "aan" \\ 🩺' } } }]);
    for (const input of [Buffer.from(text), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(` \n\t${text}`)])]) {
      const streamed = prepareImport(input, { streamAboveBytes: 0 });
      expect(plain(streamed)).toEqual(plain(prepareImport(input, { streamAboveBytes: Number.MAX_SAFE_INTEGER })));
      expect(streamed.ok && streamed.resources[0]!.originalText).toContain('"family": "Patiënt €5 😀"');
      expect(streamed.ok && JSON.parse(streamed.resources[1]!.originalText)).toEqual(JSON.parse(text).entry[1].resource);
    }
    // White space JSON does not allow before the Bundle: the same refusal either way.
    const nbsp = Buffer.from(`\u00a0${text}`);
    expect(plain(prepareImport(nbsp, { streamAboveBytes: 0 }))).toEqual(plain(prepareImport(nbsp, { streamAboveBytes: Number.MAX_SAFE_INTEGER })));
    expect(prepareImport(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), { streamAboveBytes: 0 })).toMatchObject({ ok: false, problems: [{ code: 'bad-encoding' }] });
  });

  it('leaves a root with two entry members, or entries that are not all objects, to the whole read', () => {
    const twice = `{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Basic","id":"a"}}],"entry":[{"resource":{"resourceType":"Basic","id":"b"}}]}`;
    expect(plain(byEntry(twice))).toEqual(plain(whole(twice)));
    expect(byEntry(twice)).toMatchObject({ ok: true, resources: [{ id: 'b' }] });
    const notABundle = JSON.stringify({ resourceType: 'List', id: 'l', status: 'current', mode: 'working', entry: [{ item: { reference: 'Patient/p1' } }] });
    expect(plain(byEntry(notABundle))).toEqual(plain(whole(notABundle)));
  });
});
