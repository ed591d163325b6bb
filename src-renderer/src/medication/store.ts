/**
 * Medicatie: the medicines of the open profile (records.medication) and which one is open. The open
 * medicine stays while a record of its history is shown on top, so "Terug" returns to it.
 * Reloaded when the record changes (import, fetch, sync); cleared with the rest of the record state.
 */
import { create } from 'zustand';
import type { MedicationOverview, Medicine } from '../../../src-preload/contract/records';
import { call } from '../api/client';
import { type LoadState, useRecordsData } from '../records/data-store';
import { currentSession, registerReset, stillCurrent } from '../records/reset';

interface MedicationState {
  overview: MedicationOverview | null;
  state: LoadState;
  /** The records data version this was loaded for. */
  loadedVersion: number | null;
  openKey: string | null;
  load(): Promise<void>;
  open(key: string): void;
  close(): void;
}

const initial = { overview: null, state: 'idle' as LoadState, loadedVersion: null, openKey: null };
let request = 0;

export const useMedicationStore = create<MedicationState>()((set) => ({
  ...initial,
  async load() {
    const session = currentSession();
    if (!session) return;
    const mine = ++request;
    const version = useRecordsData.getState().version;
    set({ state: 'loading' });
    try {
      const overview = await call('records.medication', { profileId: session.profileId });
      if (stillCurrent(session) && mine === request) set({ overview, state: 'ready', loadedVersion: version });
    } catch {
      if (stillCurrent(session) && mine === request) set({ state: 'error', loadedVersion: version });
    }
  },
  open: (key) => set({ openKey: key }),
  close: () => set({ openKey: null }),
}));

/** The open medicine, if it is still in the loaded overview. */
export function openMedicine(state: Pick<MedicationState, 'overview' | 'openKey'>): Medicine | null {
  if (!state.overview || state.openKey === null) return null;
  return [...state.overview.current, ...state.overview.earlier].find((m) => m.key === state.openKey) ?? null;
}

registerReset(() => {
  request++;
  useMedicationStore.setState(initial);
});
