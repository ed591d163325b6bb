/**
 * Tijdlijn: filters and the pages of records loaded so far. Pages are fetched on demand as the
 * person scrolls, so 100,000 records never have to be in memory (or on screen) at once.
 */
import { create } from 'zustand';
import type { RecordSummary } from '../../../../src-preload/contract/records';
import { call } from '../../api/client';
import { currentSession, registerReset, stillCurrent } from '../reset';

export const TIMELINE_PAGE_SIZE = 200;
/** Keep at most this many pages; the ones furthest from view are dropped first. */
const MAX_PAGES = 40;

/** Type filters offered, each a set of FHIR resource types. */
export const typeFilters = {
  Observation: ['Observation'],
  DiagnosticReport: ['DiagnosticReport'],
  Condition: ['Condition'],
  medication: ['MedicationRequest', 'MedicationStatement', 'MedicationDispense', 'MedicationAdministration'],
  AllergyIntolerance: ['AllergyIntolerance'],
  Immunization: ['Immunization'],
  Procedure: ['Procedure'],
  Encounter: ['Encounter'],
  Appointment: ['Appointment'],
  DocumentReference: ['DocumentReference'],
  Flag: ['Flag'],
  QuestionnaireResponse: ['QuestionnaireResponse'],
} as const;
export type TypeFilter = keyof typeof typeFilters;

export interface TimelineFilters {
  type: TypeFilter | '';
  sourceId: string;
  from: string;
  to: string;
}

interface TimelineState {
  filters: TimelineFilters;
  total: number | null;
  /** How many records (the first ones) lie after now: the "vandaag" marker comes right after them. */
  upcoming: number;
  pages: ReadonlyMap<number, RecordSummary[]>;
  failed: boolean;
  scrollOffset: number;
  setFilters(filters: Partial<TimelineFilters>): void;
  /** Make sure the records at these indexes are (being) loaded. */
  ensure(startIndex: number, endIndex: number): void;
  rememberScroll(offset: number): void;
  reload(): void;
}

const emptyFilters: TimelineFilters = { type: '', sourceId: '', from: '', to: '' };
let generation = 0;
const inFlight = new Set<number>();

export const useTimelineStore = create<TimelineState>()((set, get) => {
  async function fetchPage(page: number, mine: number): Promise<void> {
    const session = currentSession();
    if (!session) return;
    const { filters } = get();
    inFlight.add(page);
    try {
      const result = await call('records.list', {
        profileId: session.profileId,
        offset: page * TIMELINE_PAGE_SIZE,
        limit: TIMELINE_PAGE_SIZE,
        ...(filters.type && { resourceTypes: [...typeFilters[filters.type]] }),
        ...(filters.sourceId && { sourceId: filters.sourceId }),
        ...(filters.from && { from: filters.from }),
        ...(filters.to && { to: filters.to }),
      });
      if (!stillCurrent(session) || mine !== generation) return;
      const pages = new Map(get().pages);
      pages.set(page, result.items);
      if (pages.size > MAX_PAGES) {
        const far = [...pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
        for (const key of far.slice(0, pages.size - MAX_PAGES)) pages.delete(key);
      }
      // The marker's place is taken from the first page, so it cannot shift while scrolling.
      set({ pages, total: result.total, ...(page === 0 && { upcoming: result.upcoming }), failed: false });
    } catch {
      if (stillCurrent(session) && mine === generation) set({ failed: true });
    } finally {
      if (mine === generation) inFlight.delete(page);
    }
  }

  return {
    filters: emptyFilters,
    total: null,
    upcoming: 0,
    pages: new Map(),
    failed: false,
    scrollOffset: 0,
    setFilters(filters) {
      set({ filters: { ...get().filters, ...filters } });
      get().reload();
    },
    reload() {
      generation++;
      inFlight.clear();
      set({ total: null, upcoming: 0, pages: new Map(), failed: false, scrollOffset: 0 });
      void fetchPage(0, generation);
    },
    ensure(startIndex, endIndex) {
      const first = Math.floor(Math.max(0, startIndex) / TIMELINE_PAGE_SIZE);
      const last = Math.floor(Math.max(0, endIndex) / TIMELINE_PAGE_SIZE);
      const { pages } = get();
      for (let page = first; page <= last; page++) {
        if (!pages.has(page) && !inFlight.has(page)) void fetchPage(page, generation);
      }
    },
    rememberScroll: (offset) => set({ scrollOffset: offset }),
  };
});

registerReset(() => {
  generation++;
  inFlight.clear();
  useTimelineStore.setState({ filters: emptyFilters, total: null, upcoming: 0, pages: new Map(), failed: false, scrollOffset: 0 });
});
