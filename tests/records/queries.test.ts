import { afterEach, describe, expect, it } from 'vitest';
import { ftsQueryOf } from '../../src-main/records/fts-query';
import { listWhere, timelineSql } from '../../src-main/records/list-records';
import {
  allergy,
  appointment,
  bloodPressure,
  condition,
  glucose,
  gp,
  lab,
  medicationStatement,
  openTestProfile,
  received,
  type TestProfile,
} from './helpers';

let profile: TestProfile;
afterEach(() => profile?.remove());

function seed(): TestProfile {
  let clock = new Date('2024-01-01T12:00:00Z');
  const p = openTestProfile({ now: () => clock });
  p.store.importResources(gp, [
    received(condition('c1', 'Suikerziekte type 2', 'active', '2018-06-01')),
    received(condition('c2', 'Enkelfractuur', 'resolved', '2015-02-01')),
    received(allergy('a1', 'Allergie voor pinda’s')),
    received(medicationStatement('ms1', 'Metformine 500 mg tablet', '2023-01-01')),
    received(medicationStatement('ms2', 'Amoxicilline 500 mg', '2022-01-01', '2022-01-10')),
    received(appointment('ap1', '2024-06-01T09:00:00+02:00', 'Controle bij de praktijkondersteuner')),
    received(appointment('ap0', '2023-06-01T09:00:00+02:00', 'Griepprik')),
    received({ resourceType: 'Patient', id: 'p1', name: [{ use: 'official', family: 'de Vries', given: ['Jan'] }], birthDate: '1956-04-12' }),
    received({ resourceType: 'Observation', id: 'roken', status: 'final', code: { coding: [{ system: 'http://snomed.info/sct', code: '365980008', display: 'Tabakgebruik' }] }, valueCodeableConcept: { text: 'Gestopt met roken' }, effectiveDateTime: '2020-01-01' }),
    received({ resourceType: 'Basic', id: 'x1', code: { text: 'Iets onbekends' } }),
  ]);
  clock = new Date('2024-02-01T12:00:00Z');
  p.store.markVisited(new Date('2024-02-01T12:00:00Z'));
  clock = new Date('2024-03-01T12:00:00Z');
  p.store.importResources(lab, [
    received(glucose('l1', 5.4, '2024-02-20T08:00:00+01:00')),
    received(glucose('l2', 3.1, '2023-11-20')),
    received(bloodPressure('bp1', 145, 92, '2024-02-21')),
  ]);
  return p;
}

describe('list', () => {
  it('orders by date, newest first, dateless last; pages and filters', () => {
    profile = seed();
    const all = profile.store.list({ limit: 500 });
    expect(all.total).toBe(13);
    const dates = all.items.map((item) => item.date);
    expect(dates.slice(0, 3)).toEqual(['2024-06-01T09:00:00+02:00', '2024-02-21', '2024-02-20T08:00:00+01:00']);
    expect(dates.at(-1)).toBeNull();
    const page = profile.store.list({ offset: 2, limit: 3 });
    expect(page.total).toBe(13);
    expect(page.items.map((i) => i.id)).toEqual(all.items.slice(2, 5).map((i) => i.id));

    expect(profile.store.list({ section: 'lab' }).items.map((i) => i.date)).toEqual(['2024-02-20T08:00:00+01:00', '2023-11-20']);
    expect(profile.store.list({ resourceTypes: ['Condition', 'AllergyIntolerance'] }).total).toBe(3);
    expect(profile.store.list({ from: '2024-02', to: '2024-02' }).total).toBe(2);
    expect(profile.store.list({ from: '2023', to: '2023' }).items.map((i) => i.resourceType).sort()).toEqual(['Appointment', 'MedicationStatement', 'Observation']);
    const labSource = profile.store.sources().find((s) => s.label === lab.label)!;
    expect(labSource.recordCount).toBe(3);
    expect(profile.store.list({ sourceId: labSource.id }).total).toBe(3);
  });

  it('marks what arrived after the last visit as new', () => {
    profile = seed();
    const items = profile.store.list({ limit: 500 }).items;
    expect(items.filter((i) => i.isNew)).toHaveLength(3);
    expect(profile.store.overview(new Date('2024-03-02T00:00:00Z'))).toMatchObject({ newSinceLastVisit: 3, lastVisit: '2024-02-01T12:00:00.000Z' });
  });

  it('says whether the profile holds records, also when none of its lists shows one', () => {
    profile = openTestProfile();
    expect(profile.store.overview(new Date('2024-03-02T00:00:00Z')).hasRecords).toBe(false);
    // A measurement without a category: in the timeline, in none of Overzicht's lists.
    profile.store.importResources(gp, [received({ resourceType: 'Observation', id: 'x1', status: 'final', code: { text: 'Stappen' }, effectiveDateTime: '2024-03-01', valueQuantity: { value: 8000, unit: 'stappen' } })]);
    const overview = profile.store.overview(new Date('2024-03-02T00:00:00Z'));
    expect([overview.activeProblems, overview.currentMedication, overview.allergies, overview.recentResults, overview.upcomingAppointments].flat()).toEqual([]);
    expect(overview.hasRecords).toBe(true);
  });

  it('on the first visit nothing is new: new means since a previous visit', () => {
    profile = openTestProfile({ now: () => new Date('2024-01-01T12:00:00Z') });
    profile.store.importResources(gp, [received(condition('c1', 'Suikerziekte type 2', 'active', '2018-06-01'))]);
    expect(profile.store.list().items.map((i) => i.isNew)).toEqual([false]);
    expect(profile.store.search('suiker').items.map((i) => i.isNew)).toEqual([false]);
    expect(profile.store.overview(new Date('2024-01-01T12:00:00Z'))).toMatchObject({ newSinceLastVisit: 0, lastVisit: null });
  });

  it('says how many records lie after now, so the timeline can mark today', () => {
    profile = seed();
    const now = new Date(2024, 2, 10, 12, 0); // local time, like the wall clock of sort_date
    expect(profile.store.list({}, now).upcoming).toBe(1); // the appointment on 2024-06-01
    expect(profile.store.list({ resourceTypes: ['Appointment'] }, now)).toMatchObject({ total: 2, upcoming: 1 });
    expect(profile.store.list({ section: 'lab' }, now).upcoming).toBe(0);
    // 2023-06 to 2024-06; a record dated on the day itself counts as today, not as to come.
    expect(profile.store.list({}, new Date(2023, 0, 1)).upcoming).toBe(5);
  });

  it('reads the timeline from an index, without sorting, for every filter', () => {
    profile = seed();
    for (const query of [{}, { section: 'lab' as const }, { resourceTypes: ['Observation'] }, { from: '2020-01', to: '2024-12' }]) {
      const { where, params } = listWhere(query);
      const plan = (profile.db.prepare(`EXPLAIN QUERY PLAN ${timelineSql(where)}`).all(...params, 100, 0) as Array<{ detail: string }>)
        .map((row) => row.detail)
        .join('\n');
      expect(plan, JSON.stringify(query)).toMatch(/USING (COVERING )?INDEX record_by_/);
      expect(plan, JSON.stringify(query)).not.toMatch(/TEMP B-TREE/);
    }
  });
});

describe('search', () => {
  it('finds Dutch text with and without diacritics, by prefix, grouped by type', () => {
    profile = seed();
    profile.store.importResources(gp, [received(condition('c9', 'Coeliakie met ernstige allergieën', 'active', '2001-01-01'))]);
    for (const query of ['allergieën', 'allergieen', 'ALLERGIEEN', 'allergiee', 'coeliakie', 'cöeliakie']) {
      const result = profile.store.search(query);
      expect(result.total, query).toBe(1);
      expect(result.items[0]!.title, query).toBe('Coeliakie met ernstige allergieën');
    }
    const prefix = profile.store.search('allerg');
    expect(prefix.total).toBe(2);
    expect(prefix.items.map((item) => item.resourceType).sort()).toEqual(['AllergyIntolerance', 'Condition']);
    expect(profile.store.search('suiker ziekte').total).toBe(0); // every word must occur
    expect(profile.store.search('suikerz type').items[0]!.title).toBe('Suikerziekte type 2');
    expect(profile.store.search('jan vries').items[0]!.resourceType).toBe('Patient');
    expect(profile.store.search('gestopt').total).toBe(1);
  });

  it('pages through every match: newest first by default, best match first on request, per type', () => {
    profile = seed();
    // 120 readings more than one page holds, and one old diagnosis that names the word only rarely used.
    const readings = Array.from({ length: 120 }, (_, i) =>
      received(glucose(`g${i}`, 5 + (i % 10) / 10, new Date(Date.UTC(2020, 0, 1 + i * 3)).toISOString().slice(0, 10))),
    );
    profile.store.importResources(lab, readings);
    profile.store.importResources(gp, [received(condition('dm', 'Diabetes mellitus type 2', 'active', '2010-05-01'))]);

    const first = profile.store.search({ query: 'suiker', limit: 50 });
    expect(first.total).toBe(124); // 122 glucose results (incl. the seed's two), the diagnosis, "Suikerziekte type 2"
    expect(first.byType).toEqual([
      { resourceType: 'Observation', count: 122 },
      { resourceType: 'Condition', count: 2 },
    ]);
    const seen = [...first.items];
    for (let offset = 50; offset < first.total; offset += 50) {
      seen.push(...profile.store.search({ query: 'suiker', offset, limit: 50 }).items);
    }
    expect(new Set(seen.map((item) => item.id)).size).toBe(124);
    const dates = seen.map((item) => item.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(seen[0]!.date).toBe('2024-02-20T08:00:00+01:00'); // the newest reading comes first

    const best = profile.store.search({ query: 'suiker', sort: 'relevance', limit: 5 }).items.map((item) => item.title);
    expect(best.slice(0, 2).sort()).toEqual(['Diabetes mellitus type 2', 'Suikerziekte type 2']);

    const conditions = profile.store.search({ query: 'suiker', resourceType: 'Condition' });
    expect(conditions.total).toBe(2);
    expect(conditions.items.map((item) => item.title)).toEqual(['Suikerziekte type 2', 'Diabetes mellitus type 2']);
    expect(conditions.byType).toEqual(first.byType);
    expect(profile.store.search({ query: 'suiker', offset: 200 }).items).toEqual([]);
  });

  it('leaves out records the person hid, as every list does', () => {
    profile = seed();
    const penicillin = profile.store.search('pinda').items[0]!.id;
    profile.store.setHidden(penicillin, { reason: 'incorrect', note: null, hiddenAt: '2024-03-02T00:00:00Z' });
    expect(profile.store.search('pinda')).toEqual({ total: 0, items: [], byType: [] });
    profile.store.setHidden(penicillin, null);
    expect(profile.store.search('pinda').total).toBe(1);
  });

  it('treats FTS syntax in user input as plain words', () => {
    profile = seed();
    for (const query of ['"', '*', 'NEAR(', 'OR', 'pinda OR', '"pinda', 'pinda*', 'NEAR(pinda', 'text:pinda', '^pinda', 'a AND', 'NOT pinda', ')(', '']) {
      expect(() => profile.store.search(query), query).not.toThrow();
    }
    expect(profile.store.search('"pinda').total).toBe(1);
    expect(profile.store.search('NEAR(pinda').total).toBe(0); // "near" must occur too
    expect(profile.store.search('*')).toEqual({ total: 0, items: [], byType: [] });
    expect(ftsQueryOf('pinda" OR "x')).toBe('"pinda"* AND "or"* AND "x"*');
  });
});

describe('overview and sections', () => {
  it('shows what matters now', () => {
    profile = seed();
    const overview = profile.store.overview(new Date('2024-03-02T00:00:00Z'));
    expect(overview.activeProblems.map((r) => r.title)).toEqual(['Suikerziekte type 2']);
    expect(overview.currentMedication.map((r) => r.title)).toContain('Metformine 500 mg tablet');
    expect(overview.currentMedication.map((r) => r.title)).not.toContain('Amoxicilline 500 mg');
    expect(overview.allergies.map((r) => r.title)).toEqual(['Allergie voor pinda’s']);
    expect(overview.recentResults.map((r) => r.valueText)).toEqual(['145/92 mmHg', '5,4 mmol/l', '3,1 mmol/l (laag)']);
    expect(overview.recentResults.map((r) => r.outOfRange)).toEqual([false, false, true]);
    expect(overview.upcomingAppointments.map((r) => r.title)).toEqual(['Controle bij de praktijkondersteuner']);
  });

  it('counts records per BgZ section', () => {
    profile = seed();
    expect(profile.store.sectionCounts()).toMatchObject({
      personalia: 1,
      problemen: 2,
      allergieen: 1,
      'medicatie-gebruik': 2,
      'geplande-zorg': 2,
      lab: 2,
      'vitale-functies': 1,
      leefstijl: 1,
      overig: 1,
      vaccinaties: 0,
    });
  });
});
