/** A correction, a deletion and a hidden record made on one device reach the person's other device. */
import { afterEach, describe, expect, it } from 'vitest';
import { addMeasurement, correctMeasurement, deleteMeasurement, measurementDetail } from '../../src-main/records/own-measurements';
import { bloodPressure, condition, gp, received } from '../records/helpers';
import { clock, derived, type Device, syncNow, twoPairedDevices } from './helpers';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const remove of cleanup.splice(0).reverse()) remove();
});

async function both(a: Device, b: Device) {
  for (let i = 0; i < 2; i += 1) {
    await syncNow(a);
    await syncNow(b);
  }
}

describe('corrections between devices', () => {
  it('a correction with its history, a deletion and a hide on one device, an un-hide on the other', async () => {
    const [laptop, desktop] = await twoPairedDevices(cleanup);
    const now = new Date(clock.t);
    const at = new Date(clock.t - 3600_000).toISOString();
    const wrong = addMeasurement(laptop.store, { kind: 'blood-pressure', value: 300, value2: 80, effectiveAt: at, confirmedImplausible: true }, now);
    const twice = addMeasurement(laptop.store, { kind: 'weight', value: 82.4, effectiveAt: at }, now);
    laptop.store.importResources(gp, [
      received(condition('c1', 'Astma', 'active', '2010-01-01')),
      received(bloodPressure('bp1', 142, 88, '2025-02-01')),
    ]);
    await both(laptop, desktop);
    expect(desktop.store.list().total).toBe(4);

    clock.t += 60_000;
    correctMeasurement(laptop.store, wrong.id, { value: 130, value2: 80 }, new Date(clock.t));
    deleteMeasurement(laptop.store, twice.id);
    const astma = laptop.store.list({ section: 'problemen' }).items[0]!.id;
    laptop.store.setHidden(astma, { reason: 'not-mine', note: 'Van mijn broer', hiddenAt: new Date(clock.t).toISOString() });
    await both(laptop, desktop);

    const onDesktop = measurementDetail(desktop.store, wrong.id);
    expect(onDesktop).toMatchObject({ valueText: '130/80 mmHg', corrected: true });
    expect(onDesktop.revisions.map((r) => r.valueText)).toEqual(['300/80 mmHg']);
    expect(() => desktop.store.get(twice.id)).toThrow('record-not-found');
    expect(desktop.store.search('astma').total).toBe(0);
    expect(desktop.store.list({ section: 'problemen' }).total).toBe(0);
    expect(desktop.store.overview(new Date(clock.t)).activeProblems).toEqual([]);
    expect(desktop.store.hiddenRecords().map((r) => [r.id, r.hidden.reason, r.hidden.note])).toEqual([[astma, 'not-mine', 'Van mijn broer']]);
    expect(derived(desktop)).toEqual(derived(laptop));

    // Shown again on the other device: back on both.
    desktop.store.setHidden(astma, null);
    await both(laptop, desktop);
    expect(laptop.store.search('astma').total).toBe(1);
    expect(laptop.store.hiddenRecords()).toEqual([]);
    expect(derived(laptop)).toEqual(derived(desktop));
  });
});
