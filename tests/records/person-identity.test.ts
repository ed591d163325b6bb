/**
 * One person per profile: the first identity is taken from the data (or set by the person) and kept;
 * data about someone else is refused before anything is stored, with words saying whose it is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { otherPersonMessage } from '../../src-preload/contract/identity';
import { importFiles, type ImportFile } from '../../src-main/records/import-files';
import { comparePersons, readIdentity, setIdentityByPerson } from '../../src-main/records/person-identity';
import { counts, openTestProfile, type TestProfile } from './helpers';

const fixture = (name: string): ImportFile => ({ name, content: readFileSync(join(import.meta.dirname, '../fixtures/fhir', name)) });
const example = (): ImportFile => ({
  name: 'voorbeeld-pgo.r4.json',
  content: readFileSync(join(import.meta.dirname, '../../resources/voorbeeld-pgo/voorbeeld-pgo.r4.json')),
});

function bundle(name: string, ...resources: Record<string, unknown>[]): ImportFile {
  return {
    name,
    content: Buffer.from(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) })),
  };
}

const sanne = {
  resourceType: 'Patient',
  id: 'sanne',
  identifier: [{ system: 'http://fhir.nl/fhir/NamingSystem/bsn', value: '999999959' }],
  name: [{ use: 'official', text: 'Sanne Proef', family: 'Proef', given: ['Sanne'] }],
  birthDate: '1990-07-01',
};
const asthma = {
  resourceType: 'Condition',
  id: 'astma',
  code: { coding: [{ system: 'http://snomed.info/sct', code: '195967001' }], text: 'Astma' },
  subject: { reference: 'Patient/sanne' },
};
const weight = {
  resourceType: 'Observation',
  id: 'gewicht',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }], text: 'Gewicht' },
  effectiveDateTime: '2026-01-02',
  valueQuantity: { value: 80, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
};

let profile: TestProfile;
afterEach(() => profile?.remove());

describe('comparing people', () => {
  const person = (name: string | null, birthDate: string | null, bsn: string | null = null) => ({ name, birthDate, bsn });

  it('lets the BSN decide when both have one', () => {
    expect(comparePersons(person('Jan de Vries', '1958-03-14', '999911120'), person('Jan de Vries', '1958-03-14', '999999959'))).toBe('different');
    // Same BSN: a name change (marriage) or a typing difference in the birth date does not make another person.
    expect(comparePersons(person('Anna Visser', '1961-05-14', '999999990'), person('Anna de Boer-Visser', '1961-05-22', '999999990'))).toBe('same');
  });

  it('otherwise needs the same birth date and a compatible name', () => {
    expect(comparePersons(person('Anna Maria de Boer-Visser', '1961-05-14'), person('A.M. de Boer', '1961-05-14'))).toBe('same');
    expect(comparePersons(person('Anna de Boer', '1961-05-14'), person('Anna de Boer', '1990-07-01'))).toBe('different');
    expect(comparePersons(person('Jan Jansen', '1950-01-01'), person('Piet Jansen', '1950-01-01'))).toBe('different');
    expect(comparePersons(person('Kees Compleet', '1947-02-11'), person('Sanne Proef', '1947-02-11'))).toBe('different');
    // A year only does not contradict a full date.
    expect(comparePersons(person(null, '1961'), person('Anna', '1961-05-14'))).toBe('same');
    // Only a birth date on one side and only a name on the other: nothing to compare.
    expect(comparePersons(person(null, '1947-02-11'), person('Sanne Proef', null))).toBe('unknown');
  });
});

describe('one person per profile', () => {
  it('takes the first import’s person as the profile’s identity and refuses data of someone else, storing nothing', () => {
    profile = openTestProfile();
    expect(readIdentity(profile.store)).toBeNull();
    expect(importFiles(profile.store, [fixture('r4-bgz-bundle.json')], { now: Date.parse('2026-11-20T10:00:00Z') })).toMatchObject({ ok: true });
    expect(readIdentity(profile.store)).toEqual({
      name: 'Jan de Vries',
      birthDate: '1958-03-14',
      bsn: '999911120',
      origin: { kind: 'file', label: 'r4-bgz-bundle.json' },
      setAt: '2026-11-20T10:00:00.000Z',
    });
    // The same person again (STU3 this time): fine.
    expect(importFiles(profile.store, [fixture('stu3-bgz-bundle.json')])).toMatchObject({ ok: true });

    const before = counts(profile.db);
    const sources = profile.store.sources().length;
    const report = importFiles(profile.store, [example()]);
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.otherPerson).toEqual({
      kind: 'other-person',
      found: { name: 'Anna Maria de Boer-Visser', birthDate: '1961-05-14', bsn: '999999990' },
      profile: { name: 'Jan de Vries', birthDate: '1958-03-14', bsn: '999911120' },
    });
    expect(report.explanation?.nl).toBe(
      'Deze gegevens zijn van Anna Maria de Boer-Visser, geboren 14 mei 1961, maar dit profiel is van Jan de Vries, geboren 14 maart 1958. ' +
        'Er is niets opgeslagen. Zet ze in het profiel van Anna Maria de Boer-Visser, of maak een nieuw profiel voor die persoon.',
    );
    expect(report.problems[0]!.message).toEqual(report.explanation);
    expect(counts(profile.db)).toEqual(before);
    expect(profile.store.sources()).toHaveLength(sources);
    expect(readIdentity(profile.store)?.name).toBe('Jan de Vries');
  });

  it('stores someone else’s data only when the person says they know, and keeps the identity', () => {
    profile = openTestProfile();
    importFiles(profile.store, [fixture('r4-bgz-bundle.json')]);
    const report = importFiles(profile.store, [bundle('sanne.json', sanne, asthma)], { allowOtherPerson: true });
    expect(report).toMatchObject({ ok: true, created: 2 });
    expect(readIdentity(profile.store)?.bsn).toBe('999911120');
  });

  it('checks a caregiver profile without identity against the represented person’s birth date', () => {
    profile = openTestProfile();
    const report = importFiles(profile.store, [bundle('sanne.json', sanne, asthma)], { representationBirthDate: '1947-02-11' });
    expect(report).toMatchObject({
      ok: false,
      otherPerson: { kind: 'other-person', profile: { name: null, birthDate: '1947-02-11', bsn: null }, found: { name: 'Sanne Proef' } },
    });
    if (report.ok) return;
    expect(report.explanation?.nl).toContain('maar dit profiel is van iemand geboren 11 februari 1947');
    expect(counts(profile.db).record).toBe(0);
    expect(readIdentity(profile.store)).toBeNull();
  });

  it('refuses a first import that names several people, and lets data that names no one through', () => {
    profile = openTestProfile();
    const jan = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/fhir/r4-patient-jan-de-vries.json'), 'utf8')) as Record<string, unknown>;
    const mixed = importFiles(profile.store, [bundle('gemengd.json', jan, sanne)]);
    expect(mixed).toMatchObject({ ok: false, otherPerson: { kind: 'several-people', profile: null } });
    expect(counts(profile.db).record).toBe(0);

    expect(importFiles(profile.store, [bundle('gewicht.json', weight)])).toMatchObject({ ok: true, created: 1 });
    expect(readIdentity(profile.store)).toBeNull();
  });

  it('keeps the identity the person gave and checks imports against it', () => {
    profile = openTestProfile();
    const set = setIdentityByPerson(profile.store, { name: 'Sanne Proef', birthDate: '1990-07-01' }, new Date('2026-11-20T10:00:00Z'));
    expect(set).toMatchObject({ name: 'Sanne Proef', origin: { kind: 'person' } });
    expect(() => setIdentityByPerson(profile.store, { name: 'Iemand', birthDate: '1950-01-01' }, new Date())).toThrow(/identity-already-set/);
    expect(importFiles(profile.store, [fixture('r4-bgz-bundle.json')])).toMatchObject({ ok: false, otherPerson: { kind: 'other-person' } });
    expect(importFiles(profile.store, [bundle('sanne.json', sanne, asthma)])).toMatchObject({ ok: true });
    // The person's own words stay; the data's BSN is not taken over silently.
    expect(readIdentity(profile.store)).toMatchObject({ name: 'Sanne Proef', bsn: null, origin: { kind: 'person' } });
  });

  it('lets the person correct a typing mistake, but never into someone the records contradict', () => {
    profile = openTestProfile();
    setIdentityByPerson(profile.store, { name: 'Sane Proef', birthDate: '1990-01-07' }, new Date('2026-11-20T10:00:00Z'));
    // Day and month swapped, a letter missing: mended before anything was imported.
    const mended = setIdentityByPerson(profile.store, { name: 'Sanne Proef', birthDate: '1990-07-01' }, new Date(), { correct: true });
    expect(mended).toMatchObject({ name: 'Sanne Proef', birthDate: '1990-07-01', origin: { kind: 'person' } });
    expect(importFiles(profile.store, [bundle('sanne.json', sanne, asthma)])).toMatchObject({ ok: true });
    // Now Sanne's own records stand against a "correction" into another person.
    expect(() => setIdentityByPerson(profile.store, { name: 'Jan de Vries', birthDate: '1958-03-14' }, new Date(), { correct: true })).toThrow(
      /identity-contradicts-records/,
    );
    expect(readIdentity(profile.store)).toMatchObject({ name: 'Sanne Proef', birthDate: '1990-07-01' });
    // A spelling fix that agrees with the records is still fine.
    expect(setIdentityByPerson(profile.store, { name: 'S. Proef', birthDate: '1990-07-01' }, new Date(), { correct: true })).toMatchObject({
      name: 'S. Proef',
    });
  });

  it('gives a practice profile the fictitious Anna as its identity', () => {
    profile = openTestProfile();
    expect(importFiles(profile.store, [example()], { originKind: 'example', sourceLabel: 'Voorbeeld-PGO (fictieve gegevens)' })).toMatchObject({ ok: true });
    expect(readIdentity(profile.store)).toMatchObject({
      name: 'Anna Maria de Boer-Visser',
      birthDate: '1961-05-14',
      origin: { kind: 'example', label: 'Voorbeeld-PGO (fictieve gegevens)' },
    });
  });

  it('says the same in English', () => {
    expect(
      otherPersonMessage(
        {
          kind: 'other-person',
          found: { name: 'Sanne Proef', birthDate: '1990-07-01', bsn: null },
          profile: { name: null, birthDate: '1947-02-11', bsn: null },
        },
        'en',
      ),
    ).toBe(
      'This data is about Sanne Proef, born 1 July 1990, but this profile belongs to someone born 11 February 1947. ' +
        'Nothing has been stored. Put it in the profile of Sanne Proef, or make a new profile for them.',
    );
  });
});
