/**
 * Metingen: the vital signs of the last two years (from care providers and the person's own
 * entries), grouped per kind of measurement. Loaded page by page from the Vitale functies section;
 * a measurement the person adds is put in straight away. Cleared with the rest of the record state.
 */
import { create } from 'zustand';
import type { RecordSummary } from '../../../src-preload/contract/records';
import { call } from '../api/client';
import { type LoadState, useRecordsData } from '../records/data-store';
import { currentSession, registerReset, stillCurrent } from '../records/reset';
import { kindOf, type MeasurementKind, measurementKinds, type MeasurementPoint, pointOf } from './kinds';

const PAGE_SIZE = 500;
/** At most this many vital-sign records are read (the chart is about trends, not every reading). */
const MAX_RECORDS = 10_000;
const WINDOW_YEARS = 2;

export type PointsByKind = Record<MeasurementKind, MeasurementPoint[]>;

export interface NewMeasurement {
  kind: MeasurementKind;
  value: number;
  value2?: number;
  effectiveAt: string;
  note?: string;
}

interface MeasurementsState {
  points: PointsByKind;
  state: LoadState;
  /** More records existed than were read. */
  truncated: boolean;
  /** The records data version this was loaded for. */
  loadedVersion: number | null;
  load(): Promise<void>;
  /** Stores a measurement; resolves with its summary, rejects with the core's error. */
  add(measurement: NewMeasurement): Promise<RecordSummary>;
}

const emptyPoints = (): PointsByKind =>
  Object.fromEntries(measurementKinds.map((kind) => [kind, [] as MeasurementPoint[]])) as unknown as PointsByKind;

const initial = () => ({ points: emptyPoints(), state: 'idle' as LoadState, truncated: false, loadedVersion: null });
let request = 0;

/** YYYY-MM-DD two years before today (local calendar). */
function windowStart(now = new Date()): string {
  const from = new Date(now.getFullYear() - WINDOW_YEARS, now.getMonth(), now.getDate());
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${from.getFullYear()}-${pad(from.getMonth() + 1)}-${pad(from.getDate())}`;
}

function addPoint(points: PointsByKind, record: RecordSummary): boolean {
  const kind = kindOf(record);
  if (!kind) return false;
  const point = pointOf(record, kind);
  if (!point) return false;
  const list = points[kind].filter((p) => p.id !== point.id);
  list.push(point);
  list.sort((a, b) => a.time - b.time || a.id.localeCompare(b.id));
  points[kind] = list;
  return true;
}

export const useMeasurementsStore = create<MeasurementsState>()((set, get) => ({
  ...initial(),
  async load() {
    const session = currentSession();
    if (!session) return;
    const mine = ++request;
    const version = useRecordsData.getState().version;
    set({ state: 'loading' });
    const points = emptyPoints();
    const from = windowStart();
    let offset = 0;
    let truncated = false;
    try {
      for (;;) {
        const page = await call('records.list', {
          profileId: session.profileId,
          section: 'vitale-functies',
          from,
          offset,
          limit: PAGE_SIZE,
        });
        if (!stillCurrent(session) || mine !== request) return;
        for (const record of page.items) addPoint(points, record);
        offset += page.items.length;
        if (page.items.length === 0 || offset >= page.total) break;
        if (offset >= MAX_RECORDS) {
          truncated = true;
          break;
        }
      }
    } catch {
      if (stillCurrent(session) && mine === request) set({ state: 'error' });
      return;
    }
    set({ points, state: 'ready', truncated, loadedVersion: version });
  },
  async add(measurement) {
    const session = currentSession();
    if (!session) throw new Error('no open profile');
    const summary = await call('records.addMeasurement', { profileId: session.profileId, ...measurement });
    if (!stillCurrent(session)) return summary;
    const points = { ...get().points };
    addPoint(points, summary);
    // Other screens (Overzicht, Mijn gegevens) reload; this screen already shows the new point.
    useRecordsData.getState().invalidate();
    set({ points, loadedVersion: useRecordsData.getState().version });
    return summary;
  },
}));

registerReset(() => {
  request++;
  useMeasurementsStore.setState(initial());
});
