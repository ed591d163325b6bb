import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordStore } from '../../src-main/records/record-store';
import { derivedVersion } from '../../src-main/records/derived-tables';
import { defaultFhirFunctions } from '../../src-main/records/fhir-functions';
import {
  bloodPressure,
  condition,
  counts,
  dumpDerived,
  glucose,
  gp,
  lab,
  openTestProfile,
  received,
  type TestProfile,
} from './helpers';

let profile: TestProfile;
afterEach(() => profile?.remove());

describe('importing resources', () => {
  it('creates records with provenance and Dutch display fields', () => {
    profile = openTestProfile({ now: () => new Date('2024-04-01T10:00:00Z') });
    const report = profile.store.importResources(gp, [
      received(glucose('g1', 7.2, '2024-03-12T08:30:00+01:00')),
      received(bloodPressure('bp1', 132, 84, '2024-03-12')),
      received(condition('c1', 'Diabetes mellitus type 2', 'active', '2018-06-01')),
    ]);
    expect(report).toEqual({ ok: true, created: 3, updated: 0, unchanged: 0, byType: { Observation: 2, Condition: 1 } });
    const { items, total } = profile.store.list();
    expect(total).toBe(3);
    const g = items.find((item) => item.resourceType === 'Observation' && item.section === 'lab');
    expect(g).toMatchObject({ title: 'Glucose nuchter', valueText: '7,2 mmol/l (hoog)', outOfRange: true, section: 'lab' });
    expect(g?.sources).toEqual([
      { source: { id: expect.any(String), kind: 'provider', label: gp.label, provider: 'delinde', service: '48' }, receivedAt: '2024-04-01T10:00:00.000Z', fhirVersion: 'R4', format: 'json' },
    ]);
    const bp = items.find((item) => item.section === 'vitale-functies');
    expect(bp).toMatchObject({ valueText: '132/84 mmHg', outOfRange: false, date: '2024-03-12' });
    const detail = profile.store.get(g!.id);
    expect(detail.resource).toMatchObject({ id: 'g1', resourceType: 'Observation' });
    expect(detail.originals).toHaveLength(1);
    expect(JSON.parse(detail.originals[0]!.text)).toEqual(glucose('g1', 7.2, '2024-03-12T08:30:00+01:00'));
  });

  it('re-importing the same data changes nothing and duplicates nothing', () => {
    profile = openTestProfile();
    const input = [received(glucose('g1', 5.4, '2024-03-12')), received(condition('c1', 'Astma', 'active', '2010-01-01'))];
    profile.store.importResources(gp, input);
    const before = counts(profile.db);
    const stateBefore = Y.encodeStateVector(profile.store.doc);
    expect(profile.store.importResources(gp, input)).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 2 });
    expect(counts(profile.db)).toEqual(before);
    expect(Y.encodeStateVector(profile.store.doc)).toEqual(stateBefore);
  });

  it('updates a changed resource in place (same source, type and id)', () => {
    profile = openTestProfile();
    profile.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    const [first] = profile.store.list().items;
    const report = profile.store.importResources(gp, [received(glucose('g1', 8.9, '2024-03-12'))]);
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const { items, total } = profile.store.list();
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ id: first!.id, valueText: '8,9 mmol/l (hoog)' });
    expect(profile.store.get(first!.id).originals[0]!.text).toContain('8.9');
  });

  it('shows identical content from two sources once, with both sources', () => {
    profile = openTestProfile();
    profile.store.importResources(gp, [received(glucose('gp-17', 5.4, '2024-03-12'))]);
    // Another server, its own id and meta, same fact.
    const report = profile.store.importResources(lab, [
      received({ ...glucose('lab-99', 5.4, '2024-03-12'), meta: { lastUpdated: '2024-03-13T00:00:00Z' } }),
    ]);
    expect(report).toMatchObject({ created: 0, updated: 1 });
    const { items, total } = profile.store.list();
    expect(total).toBe(1);
    expect(items[0]!.sources.map((s) => s.source.label).sort()).toEqual([gp.label, lab.label].sort());
    expect(profile.store.get(items[0]!.id).originals).toHaveLength(2);
    // Re-importing either source stays one record.
    expect(profile.store.importResources(lab, [received({ ...glucose('lab-99', 5.4, '2024-03-12'), meta: { lastUpdated: '2024-03-13T00:00:00Z' } })])).toMatchObject({ unchanged: 1 });
    expect(profile.store.list().total).toBe(1);
    expect(profile.store.sources().map((s) => s.recordCount)).toEqual([1, 1]);
  });

  it('imports nothing when one resource fails to normalize, and says which entry', () => {
    profile = openTestProfile({
      fhir: {
        convertToR4: (json) => {
          if (json.id === 'bad') throw new Error('boom');
          return defaultFhirFunctions.convertToR4(json);
        },
      },
    });
    profile.store.importResources(gp, [received(glucose('g0', 5, '2024-01-01'))]);
    const before = { counts: counts(profile.db), doc: Y.encodeStateAsUpdate(profile.store.doc) };
    const stu3 = (json: Record<string, unknown>, path: string) => received(json, { fhirVersion: 'STU3', entryPath: path });
    const report = profile.store.importResources(lab, [
      stu3(glucose('g1', 5, '2024-01-02'), 'Bundle.entry[0].resource'),
      stu3(glucose('bad', 5, '2024-01-03'), 'Bundle.entry[1].resource'),
      stu3(glucose('g3', 5, '2024-01-04'), 'Bundle.entry[2].resource'),
    ]);
    expect(report.ok).toBe(false);
    if (!report.ok) expect(report.problems.map((p) => p.entryPath)).toEqual(['Bundle.entry[1].resource']);
    expect(counts(profile.db)).toEqual(before.counts);
    expect(Y.encodeStateAsUpdate(profile.store.doc)).toEqual(before.doc);
  });

  it('rolls back the database and the document when a write fails halfway', () => {
    let failOn: string | null = null;
    profile = openTestProfile({
      fhir: {
        // Runs while deriving rows, after the document has already changed.
        indexFields: (r4) => {
          if (r4.id === failOn) throw new Error('disk on fire');
          return defaultFhirFunctions.indexFields(r4);
        },
      },
    });
    profile.store.importResources(gp, [received(glucose('g0', 5, '2024-01-01'))]);
    const before = { counts: counts(profile.db), doc: Y.encodeStateAsUpdate(profile.store.doc), derived: dumpDerived(profile.db) };
    const seen: Uint8Array[] = [];
    profile.store.onUpdate((update) => seen.push(update));
    failOn = 'g2';
    expect(() =>
      profile.store.importResources(lab, [received(glucose('g1', 6, '2024-01-02')), received(glucose('g2', 7, '2024-01-03'))]),
    ).toThrow('disk on fire');
    expect(counts(profile.db)).toEqual(before.counts);
    expect(dumpDerived(profile.db)).toEqual(before.derived);
    expect(Y.encodeStateAsUpdate(profile.store.doc)).toEqual(before.doc);
    expect(seen).toEqual([]);
    // And the store still works.
    failOn = null;
    expect(profile.store.importResources(lab, [received(glucose('g1', 6, '2024-01-02'))])).toMatchObject({ created: 1 });
    expect(seen).toHaveLength(1);
  });

  it('keeps incremental derived tables equal to a full rebuild', () => {
    profile = openTestProfile();
    profile.store.importResources(gp, [
      received(glucose('g1', 5.4, '2024-03-12')),
      received(condition('c1', 'Astma', 'active', '2010-01-01')),
      received({ resourceType: 'Medication', id: 'm1', code: { text: 'Metformine 500 mg' } }, { fullUrl: 'urn:uuid:0b8a-m1' }),
      received({
        resourceType: 'MedicationRequest',
        id: 'mr1',
        status: 'active',
        medicationReference: { reference: 'urn:uuid:0b8a-m1' },
        authoredOn: '2024-01-01',
      }),
    ]);
    profile.store.importResources(lab, [received(glucose('x', 5.4, '2024-03-12')), received(glucose('g2', 3.1, '2024-02-01'))]);
    profile.store.importResources(gp, [received(glucose('g1', 6.6, '2024-03-12'))]);
    const some = profile.store.list({ resourceTypes: ['Condition'] }).items[0]!;
    profile.store.deleteRecord(some.id);
    const incremental = dumpDerived(profile.db);
    expect(incremental.record).toHaveLength(4); // g1 (+ lab twin), m1, mr1, g2; c1 deleted
    expect(incremental.record_source).toHaveLength(5);
    profile.store.rebuildDerived();
    expect(dumpDerived(profile.db)).toEqual(incremental);
  });

  it('re-derives the tables on open when the way they are derived changed (older derivedVersion)', () => {
    profile = openTestProfile();
    profile.store.importResources(gp, [received(condition('c1', 'Astma', 'active', '2010-01-01'))]);
    const fresh = dumpDerived(profile.db);
    // As an older Regie left it: another title, and the older version mark.
    profile.db.prepare("UPDATE record SET title = 'oud'").run();
    profile.db.prepare("UPDATE meta SET value = '1' WHERE key = 'records.derivedVersion'").run();
    profile = profile.reopen();
    expect(dumpDerived(profile.db)).toEqual(fresh);
    expect(profile.db.prepare("SELECT value FROM meta WHERE key = 'records.derivedVersion'").pluck().get()).toBe(derivedVersion);
  });

  it('derives the Medicatie facts on open for a profile that has none yet (derivedVersion 2)', () => {
    profile = openTestProfile();
    profile.store.importResources(gp, [
      received({ resourceType: 'Medication', id: 'm1', code: { text: 'Metformine 500 mg' } }),
      received({ resourceType: 'MedicationRequest', id: 'mr1', status: 'active', medicationReference: { reference: 'Medication/m1' }, authoredOn: '2024-01-01' }),
    ]);
    const fresh = dumpDerived(profile.db);
    expect(fresh.record_medication).toHaveLength(2);
    const now = new Date(2026, 10, 23, 9);
    const medication = profile.store.medication(now);
    // As Regie with schema 4 left it: the new table empty, the older version mark.
    profile.db.prepare('DELETE FROM record_medication').run();
    profile.db.prepare("UPDATE meta SET value = '2' WHERE key = 'records.derivedVersion'").run();
    profile = profile.reopen();
    expect(dumpDerived(profile.db)).toEqual(fresh);
    expect(profile.store.medication(now)).toEqual(medication);
    expect(medication.current.map((m) => m.name)).toEqual(['Metformine 500 mg']);
  });

  it('recomputes the medication overview after any write, and reuses it until then (same day)', () => {
    profile = openTestProfile();
    const use = (id: string, name: string) =>
      received({ resourceType: 'MedicationStatement', id, status: 'active', medicationCodeableConcept: { text: name }, effectivePeriod: { start: '2024-01-01' } });
    profile.store.importResources(gp, [use('u1', 'Metformine 500 mg')]);
    const first = profile.store.medication(new Date(2026, 10, 23, 9));
    expect(first.current.map((m) => m.name)).toEqual(['Metformine 500 mg']);
    expect(profile.store.medication(new Date(2026, 10, 23, 17))).toBe(first); // nothing changed: the same answer
    expect(profile.store.overview(new Date(2026, 10, 23, 17)).currentMedication.map((r) => r.title)).toEqual(['Metformine 500 mg']);
    profile.store.importResources(gp, [use('u2', 'Paracetamol 500 mg')]);
    expect(profile.store.medication(new Date(2026, 10, 23, 17)).current.map((m) => m.name)).toEqual(['Metformine 500 mg', 'Paracetamol 500 mg']);
    const some = profile.store.list({ resourceTypes: ['MedicationStatement'] }).items.find((r) => r.title === 'Paracetamol 500 mg')!;
    profile.store.deleteRecord(some.id);
    expect(profile.store.medication(new Date(2026, 10, 23, 17)).current.map((m) => m.name)).toEqual(['Metformine 500 mg']);
  });

  it('resolves references per source, including urn:uuid fullUrls', () => {
    profile = openTestProfile();
    profile.store.importResources(gp, [
      received({ resourceType: 'Medication', id: 'm1', code: { text: 'Metformine 500 mg' } }, { fullUrl: 'urn:uuid:6c3c-m1' }),
      received({ resourceType: 'Medication', id: 'm2', code: { text: 'Paracetamol 500 mg' } }),
      received({ resourceType: 'MedicationRequest', id: 'mr1', status: 'active', medicationReference: { reference: 'urn:uuid:6c3c-m1' } }),
      received({ resourceType: 'MedicationRequest', id: 'mr2', status: 'active', medicationReference: { reference: 'https://fhir.delinde.nl/fhir/Medication/m2' } }),
    ]);
    // The same id in another source is another resource.
    profile.store.importResources(lab, [received({ resourceType: 'Medication', id: 'm2', code: { text: 'Iets anders' } })]);
    const requests = profile.store.list({ resourceTypes: ['MedicationRequest'] }).items;
    const related = requests.map((r) => profile.store.get(r.id).related.map((x) => x.title)).sort();
    expect(related).toEqual([['Metformine 500 mg'], ['Paracetamol 500 mg']]);
  });

  it('serves attachments inline and from a referenced Binary', () => {
    profile = openTestProfile();
    const pdf = Buffer.from('%PDF-1.4 brief');
    profile.store.importResources(gp, [
      received({ resourceType: 'Binary', id: 'b1', contentType: 'application/pdf', data: pdf.toString('base64') }),
      received({
        resourceType: 'DocumentReference',
        id: 'd1',
        status: 'current',
        description: 'Ontslagbrief',
        date: '2024-02-02',
        content: [
          { attachment: { contentType: 'application/pdf', url: 'Binary/b1', title: 'Ontslagbrief.pdf' } },
          { attachment: { contentType: 'text/plain', data: Buffer.from('hallo').toString('base64') } },
        ],
      }),
    ]);
    const doc = profile.store.list({ section: 'documenten', resourceTypes: ['DocumentReference'] }).items[0]!;
    const detail = profile.store.get(doc.id);
    expect(detail.attachments).toEqual([
      { index: 0, title: 'Ontslagbrief.pdf', contentType: 'application/pdf', size: null },
      { index: 1, title: 'Ontslagbrief', contentType: 'text/plain', size: 5 },
    ]);
    expect(profile.store.attachment(doc.id, 0).data.equals(pdf)).toBe(true);
    expect(profile.store.attachment(doc.id, 1).data.toString()).toBe('hallo');
    expect(() => profile.store.attachment(doc.id, 2)).toThrow('attachment-not-found');
  });

  it('adds own resources and deletes records for good', () => {
    profile = openTestProfile();
    const id = profile.store.addOwnResource(glucose('eigen', 6, '2024-05-01'));
    expect(profile.store.get(id).sources[0]!.source).toMatchObject({ kind: 'self', label: 'Zelf ingevoerd' });
    profile.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    const g1 = profile.store.list({ sourceId: profile.store.sources().find((s) => s.kind === 'provider')!.id }).items[0]!;
    profile.store.deleteRecord(g1.id);
    expect(() => profile.store.get(g1.id)).toThrow();
    // Fetching the same data again does not bring back what the person deleted.
    expect(profile.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))])).toMatchObject({ created: 0 });
    expect(profile.store.list().total).toBe(1);
  });

  it('closes without leaving the document reachable', () => {
    profile = openTestProfile();
    profile.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    const store: RecordStore = profile.store;
    store.close();
    expect(store.isOpen).toBe(false);
    expect(() => store.list()).toThrow('profile-locked');
    expect(() => store.doc).toThrow('profile-locked');
  });
});
