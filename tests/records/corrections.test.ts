/**
 * Mistakes can be corrected: own measurements corrected (with their history) or deleted, received
 * records hidden with a reason and shown again, and Metingen's periods.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { errorMessage } from '../../src-preload/contract/errors';
import { RegieError } from '../../src-main/core/errors';
import { addMeasurement, correctMeasurement, deleteMeasurement, measurementDetail } from '../../src-main/records/own-measurements';
import { bloodPressure, condition, dumpDerived, glucose, gp, medicationStatement, openTestProfile, received, type TestProfile } from './helpers';

const now = new Date('2025-06-01T12:00:00Z');
const at = '2025-06-01T09:30:00+02:00';

let profile: TestProfile;
afterEach(() => profile?.remove());

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof RegieError ? error.code : String(error);
  }
  return undefined;
}

describe('correcting an own measurement', () => {
  it('replaces the values in place and keeps what was there as its history', () => {
    let clock = now;
    profile = openTestProfile({ now: () => clock });
    const added = addMeasurement(
      profile.store,
      { kind: 'blood-pressure', value: 300, value2: 80, effectiveAt: at, note: 'thuis', confirmedImplausible: true },
      now,
    );
    expect(profile.store.measurements().points.map((p) => p.valueText)).toEqual(['300/80 mmHg']);

    const later = new Date('2025-06-01T12:10:00Z');
    clock = later;
    const corrected = correctMeasurement(profile.store, added.id, { value: 130, value2: 80 }, later);
    expect(corrected).toMatchObject({ id: added.id, kind: 'blood-pressure', value: 130, value2: 80, valueText: '130/80 mmHg', own: true, corrected: true });
    expect(corrected.note).toBe('thuis');
    expect(corrected.revisions).toEqual([{ changedAt: later.toISOString(), date: at, valueText: '300/80 mmHg', note: 'thuis' }]);

    // Everywhere the new value; one record, not two.
    expect(profile.store.list({ section: 'vitale-functies' }).items.map((r) => r.valueText)).toEqual(['130/80 mmHg']);
    expect(profile.store.measurements().points).toEqual([expect.objectContaining({ id: added.id, value: 130, corrected: true })]);
    expect(profile.store.search('bloeddruk').total).toBe(1);

    // A second correction (also of the moment and the note) adds to the history, newest first.
    const evenLater = new Date('2025-06-01T12:20:00Z');
    clock = evenLater;
    correctMeasurement(profile.store, added.id, { value: 131, value2: 79, effectiveAt: '2025-06-01T09:00:00+02:00', note: '' }, evenLater);
    const detail = measurementDetail(profile.store, added.id);
    expect(detail).toMatchObject({ value: 131, value2: 79, date: '2025-06-01T09:00:00+02:00', note: null });
    expect(detail.revisions.map((r) => r.valueText)).toEqual(['130/80 mmHg', '300/80 mmHg']);

    // The same values again change nothing.
    correctMeasurement(profile.store, added.id, { value: 131, value2: 79 }, evenLater);
    expect(measurementDetail(profile.store, added.id).revisions).toHaveLength(2);

    // History and values survive reopening (they live in the document).
    profile = profile.reopen({ now: () => clock });
    expect(measurementDetail(profile.store, added.id).revisions.map((r) => r.valueText)).toEqual(['130/80 mmHg', '300/80 mmHg']);
  });

  it('checks a correction like a new entry and refuses anything that is not an own measurement', () => {
    profile = openTestProfile({ now: () => now });
    const added = addMeasurement(profile.store, { kind: 'weight', value: 82.4, effectiveAt: at }, now);
    expect(codeOf(() => correctMeasurement(profile.store, added.id, { value: 320 }, now))).toBe('measurement-implausible');
    expect(codeOf(() => correctMeasurement(profile.store, added.id, { value: 900 }, now))).toBe('measurement-impossible');
    expect(measurementDetail(profile.store, added.id)).toMatchObject({ value: 82.4, revisions: [] });
    expect(correctMeasurement(profile.store, added.id, { value: 82.4 * 3, confirmedImplausible: true }, now).value).toBe(247.2);

    profile.store.importResources(gp, [received(bloodPressure('bp1', 142, 88, '2025-05-01'))]);
    const providers = profile.store.measurements({ kind: 'blood-pressure' }).points[0]!;
    expect(providers.own).toBe(false);
    expect(codeOf(() => correctMeasurement(profile.store, providers.id, { value: 120, value2: 80 }, now))).toBe('not-own-measurement');
    expect(codeOf(() => deleteMeasurement(profile.store, providers.id))).toBe('not-own-measurement');
    expect(codeOf(() => deleteMeasurement(profile.store, 'no-such-record'))).toBe('record-not-found');
    expect(profile.store.list().total).toBe(2);
  });
});

describe('deleting an own measurement', () => {
  it('removes it from every list, for good', () => {
    profile = openTestProfile({ now: () => now });
    const keep = addMeasurement(profile.store, { kind: 'heart-rate', value: 64, effectiveAt: at }, now);
    const wrong = addMeasurement(profile.store, { kind: 'heart-rate', value: 46, effectiveAt: at }, now);
    deleteMeasurement(profile.store, wrong.id);
    expect(profile.store.measurements().points.map((p) => p.id)).toEqual([keep.id]);
    expect(profile.store.list().items.map((r) => r.id)).toEqual([keep.id]);
    expect(codeOf(() => measurementDetail(profile.store, wrong.id))).toBe('record-not-found');
    profile = profile.reopen();
    expect(profile.store.list().total).toBe(1);
  });
});

describe('hiding a received record', () => {
  it('takes it out of lists, search, Overzicht, Medicatie and Metingen, and brings it back when shown again', () => {
    profile = openTestProfile({ now: () => now });
    profile.store.importResources(gp, [
      received(condition('c1', 'Suikerziekte type 2', 'active', '2015-01-01')),
      received(medicationStatement('m1', 'Metformine 500 mg', '2015-02-01')),
      received(bloodPressure('bp1', 300, 80, '2025-05-01')),
      received(glucose('g1', 5.4, '2025-05-02')),
    ]);
    const idOf = (title: RegExp) => profile.store.list().items.find((r) => title.test(r.title))!.id;
    const problem = idOf(/Suikerziekte/);
    const medicine = idOf(/Metformine/);
    const bp = idOf(/Bloeddruk/);
    const before = {
      list: profile.store.list().total,
      problems: profile.store.overview(now).activeProblems.length,
      medication: profile.store.medication(now).current.length,
      measurements: profile.store.measurements().points.length,
    };
    expect(before).toEqual({ list: 4, problems: 1, medication: 1, measurements: 1 });

    profile.store.setHidden(problem, { reason: 'not-mine', note: 'Dit is van mijn broer', hiddenAt: now.toISOString() });
    profile.store.setHidden(medicine, { reason: 'incorrect', note: null, hiddenAt: '2025-06-01T12:01:00.000Z' });
    profile.store.setHidden(bp, { reason: 'duplicate', note: null, hiddenAt: '2025-06-01T12:02:00.000Z' });

    expect(profile.store.list().items.map((r) => r.title)).toEqual([expect.stringMatching(/Glucose/)]);
    expect(profile.store.list({ section: 'problemen' }).total).toBe(0);
    expect(profile.store.sectionCounts().problemen).toBe(0);
    expect(profile.store.search('suikerziekte').total).toBe(0);
    expect(profile.store.search('metformine').total).toBe(0);
    const overview = profile.store.overview(now);
    expect(overview.activeProblems).toEqual([]);
    expect(overview.currentMedication).toEqual([]);
    expect(overview.recentResults.map((r) => r.id)).not.toContain(bp);
    expect(profile.store.medication(now).current).toEqual([]);
    expect(profile.store.measurements().points).toEqual([]);

    // "Verborgen gegevens": most recently hidden first, with the reason; the record itself still opens.
    expect(profile.store.hiddenRecords().map((r) => [r.id, r.hidden.reason, r.hidden.note])).toEqual([
      [bp, 'duplicate', null],
      [medicine, 'incorrect', null],
      [problem, 'not-mine', 'Dit is van mijn broer'],
    ]);
    expect(profile.store.get(problem).hidden).toMatchObject({ reason: 'not-mine' });
    expect(profile.store.get(idOf(/Glucose/)).hidden).toBeUndefined();

    // The same data fetched again stays hidden: never deleted, never back by surprise.
    profile.store.importResources(gp, [received(condition('c1', 'Suikerziekte type 2', 'active', '2015-01-01'))]);
    expect(profile.store.search('suikerziekte').total).toBe(0);
    // The derived tables are what a rebuild from the document gives.
    const derived = dumpDerived(profile.db);
    profile.store.rebuildDerived();
    expect(dumpDerived(profile.db)).toEqual(derived);

    profile = profile.reopen();
    profile.store.setHidden(problem, null);
    profile.store.setHidden(medicine, null);
    profile.store.setHidden(bp, null);
    expect(profile.store.list().total).toBe(4);
    expect(profile.store.search('suikerziekte').total).toBe(1);
    expect(profile.store.overview(now).activeProblems.map((r) => r.id)).toEqual([problem]);
    expect(profile.store.medication(now).current).toHaveLength(1);
    expect(profile.store.measurements().points.map((p) => p.id)).toEqual([bp]);
    expect(profile.store.hiddenRecords()).toEqual([]);
    expect(profile.store.get(problem).hidden).toBeUndefined();
  });

  it('refuses a record that is not there', () => {
    profile = openTestProfile({ now: () => now });
    expect(codeOf(() => profile.store.setHidden('nope', { reason: 'other', note: null, hiddenAt: now.toISOString() }))).toBe('record-not-found');
  });
});

describe('Metingen over a chosen period', () => {
  it('lists the measurements of the period per kind, oldest first, and counts the earlier ones', () => {
    profile = openTestProfile({ now: () => now });
    profile.store.importResources(gp, [
      received(bloodPressure('bp-2024-03', 150, 95, '2024-03-12T09:00:00+01:00')),
      received(bloodPressure('bp-2024-04', 145, 90, '2024-04-02')),
      received(bloodPressure('bp-2025', 138, 86, '2025-05-01')),
      // Not a measurement Metingen knows (a lab glucose): not listed.
      received(glucose('g1', 5.4, '2025-05-02')),
    ]);
    addMeasurement(profile.store, { kind: 'weight', value: 82.4, effectiveAt: at }, now);

    const all = profile.store.measurements();
    expect(all.points.map((p) => [p.kind, p.date, p.value, p.value2])).toEqual([
      ['blood-pressure', '2024-03-12T09:00:00+01:00', 150, 95],
      ['blood-pressure', '2024-04-02', 145, 90],
      ['blood-pressure', '2025-05-01', 138, 86],
      ['weight', at, 82.4, undefined],
    ]);
    expect(all).toMatchObject({ truncated: false, earlier: 0 });

    const lastYear = profile.store.measurements({ from: '2024-06-01' });
    expect(lastYear.points.map((p) => p.date)).toEqual(['2025-05-01', at]);
    expect(lastYear.earlier).toBe(2);

    const march = profile.store.measurements({ from: '2024-03-01', to: '2024-03-31' });
    expect(march.points.map((p) => p.value)).toEqual([150]);
    expect(march.earlier).toBe(0);
    expect(profile.store.measurements({ kind: 'weight', from: '2025-01-01' }).points.map((p) => p.valueText)).toEqual(['82,4 kg']);
  });
});

describe('messages', () => {
  it('say in plain words what is wrong with a value, in Dutch and English', () => {
    const implausible = { code: 'measurement-implausible' as const, params: { problem: 'high', field: 'systolic', value: 300, unit: 'mmHg' } };
    expect(errorMessage(implausible, 'nl')).toBe(
      'Klopt dit? Een bovendruk van 300 mmHg is ongebruikelijk hoog. Bevestig de meting als de waarde juist is; er is nog niets opgeslagen.',
    );
    expect(errorMessage(implausible, 'en')).toBe(
      'Is this right? An upper pressure of 300 mmHg is unusually high. Confirm the measurement if the value is correct; nothing has been stored yet.',
    );
    const impossible = { code: 'measurement-impossible' as const, params: { problem: 'range', field: 'temperature', value: 29.9, low: 30, high: 45, unit: '°C' } };
    expect(errorMessage(impossible, 'nl')).toBe('Een temperatuur van 29,9 °C kan niet kloppen; een meting ligt tussen 30 en 45 °C. Er is niets opgeslagen.');
    expect(errorMessage({ code: 'measurement-impossible', params: { problem: 'too-close', field: 'pulse-pressure', value: 5, low: 10, unit: 'mmHg' } }, 'nl')).toBe(
      'Een verschil tussen bovendruk en onderdruk van 5 mmHg kan niet kloppen; dat is minstens 10 mmHg. Er is niets opgeslagen.',
    );
  });
});
