/**
 * Metingen: the measurements of the chosen period (from care providers and the person's own
 * entries), grouped per kind of measurement, as the core reads them (measurements.list). Adding,
 * correcting and deleting go through the core and then reload, and tell the other screens the record
 * changed. Cleared with the rest of the record state; the chosen period stays for the session.
 */
import { create } from 'zustand';
import type { MeasurementDetail, MeasurementPoint } from '../../../src-preload/contract/measurements';
import type { RecordSummary } from '../../../src-preload/contract/records';
import { call } from '../api/client';
import { type LoadState, useRecordsData } from '../records/data-store';
import { currentSession, registerReset, stillCurrent } from '../records/reset';
import { type MeasurementKind, measurementKinds } from './kinds';

export type PointsByKind = Record<MeasurementKind, MeasurementPoint[]>;

/** The periods Metingen offers; 'custom' is a chosen from–to (local calendar days, inclusive). */
export type Period =
  | { kind: 'months'; months: 3 | 12 | 24 | 60 }
  | { kind: 'all' }
  | { kind: 'custom'; from: string; to: string };

export const defaultPeriod: Period = { kind: 'months', months: 24 };

export interface NewMeasurement {
  kind: MeasurementKind;
  value: number;
  value2?: number;
  effectiveAt: string;
  note?: string;
  confirmedImplausible?: boolean;
}

/** A correction: new values; the moment only when it changed, the note always (empty removes it). */
export type MeasurementChange = Omit<NewMeasurement, 'kind' | 'effectiveAt'> & { effectiveAt?: string };

interface MeasurementsState {
  period: Period;
  points: PointsByKind;
  state: LoadState;
  /** More measurements existed in the period than were read. */
  truncated: boolean;
  /** Measurements before the period. */
  earlier: number;
  /** The records data version this was loaded for. */
  loadedVersion: number | null;
  load(): Promise<void>;
  setPeriod(period: Period): Promise<void>;
  /** Stores a measurement; resolves with its summary, rejects with the core's error. */
  add(measurement: NewMeasurement): Promise<RecordSummary>;
  detail(recordId: string): Promise<MeasurementDetail>;
  correct(recordId: string, change: MeasurementChange): Promise<MeasurementDetail>;
  remove(recordId: string): Promise<void>;
}

const emptyPoints = (): PointsByKind =>
  Object.fromEntries(measurementKinds.map((kind) => [kind, [] as MeasurementPoint[]])) as unknown as PointsByKind;

const initial = () => ({ points: emptyPoints(), state: 'idle' as LoadState, truncated: false, earlier: 0, loadedVersion: null });
let request = 0;

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** The period as local calendar days for measurements.list. */
export function rangeOf(period: Period, now = new Date()): { from?: string; to?: string } {
  switch (period.kind) {
    case 'all':
      return {};
    case 'custom':
      return { from: period.from, to: period.to };
    case 'months':
      return { from: dayOf(new Date(now.getFullYear(), now.getMonth() - period.months, now.getDate())) };
  }
}

function session(): { profileId: string; epoch: number } {
  const current = currentSession();
  if (!current) throw new Error('no open profile');
  return current;
}

export const useMeasurementsStore = create<MeasurementsState>()((set, get) => {
  /** After a change every screen that shows record data reloads, this one included (see MeasurementsScreen). */
  function changed(): void {
    useRecordsData.getState().invalidate();
  }

  return {
    period: defaultPeriod,
    ...initial(),
    async load() {
      const current = currentSession();
      if (!current) return;
      const mine = ++request;
      const version = useRecordsData.getState().version;
      set({ state: 'loading' });
      try {
        const list = await call('measurements.list', { profileId: current.profileId, ...rangeOf(get().period) });
        if (!stillCurrent(current) || mine !== request) return;
        const points = emptyPoints();
        for (const point of list.points) points[point.kind].push(point);
        set({ points, state: 'ready', truncated: list.truncated, earlier: list.earlier, loadedVersion: version });
      } catch {
        if (stillCurrent(current) && mine === request) set({ state: 'error' });
      }
    },
    setPeriod(period) {
      set({ period });
      return get().load();
    },
    async add(measurement) {
      const current = session();
      const summary = await call('records.addMeasurement', { profileId: current.profileId, ...measurement });
      if (stillCurrent(current)) changed();
      return summary;
    },
    detail(recordId) {
      return call('measurements.get', { profileId: session().profileId, recordId });
    },
    async correct(recordId, change) {
      const current = session();
      const detail = await call('measurements.correct', { profileId: current.profileId, recordId, ...change });
      if (stillCurrent(current)) changed();
      return detail;
    },
    async remove(recordId) {
      const current = session();
      await call('measurements.delete', { profileId: current.profileId, recordId });
      if (stillCurrent(current)) changed();
    },
  };
});

registerReset(() => {
  request++;
  useMeasurementsStore.setState(initial());
});
