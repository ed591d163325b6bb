/**
 * Kees Compleet, the simulator's complete fictitious person: his resources import cleanly through
 * Regie's pipeline (STU3 converted to R4 and validated, R4 validated), are marked as test data, and
 * hang together (every reference points at one of his resources).
 */
import { describe, expect, it } from 'vitest';
import { isObject, prepareImport, type FhirJson } from '../../../src-main/fhir';
import { keesCompleetResources } from '../../../src-main/medmij/simulator/kees-compleet';
import { loadPeople } from '../../../src-main/medmij/simulator/people';

const VERSIONS = ['STU3', 'R4'] as const;

/** A searchset Bundle as the simulator would send it. */
function searchset(resources: FhirJson[]): string {
  return JSON.stringify({
    resourceType: 'Bundle', type: 'searchset', total: resources.length,
    entry: resources.map((r) => ({ fullUrl: `http://127.0.0.1/fhir/${String(r.resourceType)}/${String(r.id)}`, resource: r, search: { mode: 'match' } })),
  });
}

/** Every relative `Type/id` reference (Reference.reference and attachment URLs) in a resource. */
function references(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) references(v, out);
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'reference' || k === 'url') && typeof v === 'string' && /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(v)) out.push(v);
      else references(v, out);
    }
  }
  return out;
}

describe('Kees Compleet (fictief)', () => {
  for (const version of VERSIONS) {
    it(`${version}: the whole record imports through prepareImport`, () => {
      const resources = keesCompleetResources(version);
      const result = prepareImport(searchset(resources), { versionHint: version });
      const problems = result.ok ? [] : result.problems.map((p) => `${p.entryPath}: ${p.code} ${p.message.en}`);
      expect(problems).toEqual([]);
      expect(result.ok && result.resources.length).toBe(resources.length);
      // The version is also recognised without a hint, as from a file.
      const detected = prepareImport(searchset(resources));
      expect(detected.ok && detected.fhirVersion).toBe(version);
    });

    it(`${version}: every resource is tagged HTEST, ids are unique, references resolve`, () => {
      const resources = keesCompleetResources(version);
      const keys = resources.map((r) => `${String(r.resourceType)}/${String(r.id)}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const r of resources) {
        const tags = isObject(r.meta) && Array.isArray(r.meta.tag) ? r.meta.tag : [];
        expect(tags.some((t) => isObject(t) && t.code === 'HTEST'), `${String(r.resourceType)}/${String(r.id)}`).toBe(true);
      }
      const existing = new Set(keys);
      const dangling = resources.flatMap((r) => references(r).filter((ref) => !existing.has(ref)).map((ref) => `${String(r.resourceType)}/${String(r.id)} → ${ref}`));
      expect(dangling).toEqual([]);
    });

    it(`${version}: people and organisations are marked fictitious; the BSN is a test BSN`, () => {
      const resources = keesCompleetResources(version);
      for (const r of resources.filter((x) => ['Patient', 'Practitioner', 'RelatedPerson'].includes(String(x.resourceType)))) {
        const names = Array.isArray(r.name) ? r.name : [];
        expect(names.every((n) => isObject(n) && typeof n.text === 'string' && n.text.includes('(fictief)')), `${String(r.resourceType)}/${String(r.id)}`).toBe(true);
      }
      for (const r of resources.filter((x) => x.resourceType === 'Organization' || x.resourceType === 'Location')) {
        expect(String(r.name), `${String(r.resourceType)}/${String(r.id)}`).toContain('(fictief)');
      }
      const patient = resources.find((r) => r.resourceType === 'Patient')!;
      const bsn = (patient.identifier as { system: string; value: string }[]).find((i) => i.system === 'http://fhir.nl/fhir/NamingSystem/bsn')!.value;
      expect(bsn).toMatch(/^9999\d{5}$/);
      const digits = [...bsn].map(Number);
      const sum = digits.slice(0, 8).reduce((s, d, i) => s + d * (9 - i), 0) - digits[8]!;
      expect(sum % 11).toBe(0);
    });
  }

  it('tells the same story in both versions (only version-specific kinds differ)', () => {
    const ids = (v: (typeof VERSIONS)[number]) => new Set(keesCompleetResources(v).map((r) => String(r.id)));
    const stu3 = ids('STU3');
    const r4 = ids('R4');
    expect([...stu3].filter((id) => !r4.has(id))).toEqual([]);
    // Medicatieproces 9 3.0 only: the dispense request and the variable dosing schedule.
    expect([...r4].filter((id) => !stu3.has(id)).sort()).toEqual(['kc-vv-levodopa', 'kc-wds-acenocoumarol']);
  });

  it('is served by the simulator, with a DigiD-page description', () => {
    const kees = loadPeople().find((p) => p.id === 'kees-compleet');
    expect(kees).toMatchObject({ displayName: 'Kees Compleet', birthDate: '1947-02-11' });
    expect(kees?.description).toMatch(/STU3 én R4/);
    expect(Object.keys(kees?.data ?? {}).sort()).toEqual(['R4', 'STU3']);
  });
});
