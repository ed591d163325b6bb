/** The record shown in the detail view. Only one at a time is kept. */
import { create } from 'zustand';
import type { Language } from '../../../../src-preload/contract/constants';
import type { ErrorPayload } from '../../../../src-preload/contract/errors';
import type { RecordDetail } from '../../../../src-preload/contract/records';
import { call, toErrorPayload } from '../../api/client';
import { currentSession, registerReset, stillCurrent } from '../reset';

interface DetailState {
  id: string | null;
  record: RecordDetail | null;
  error: ErrorPayload | null;
  /** Loads the record with its fields in words of `language`. */
  load(id: string, language: Language): Promise<void>;
}

const initial = { id: null, record: null, error: null };

export const useDetailStore = create<DetailState>()((set, get) => ({
  ...initial,
  async load(id, language) {
    const session = currentSession();
    if (!session) return;
    set({ id, record: get().record?.id === id ? get().record : null, error: null });
    try {
      const record = await call('records.get', { profileId: session.profileId, recordId: id, language });
      if (stillCurrent(session) && get().id === id) set({ record });
    } catch (error) {
      if (stillCurrent(session) && get().id === id) set({ error: toErrorPayload(error) });
    }
  },
}));

registerReset(() => useDetailStore.setState(initial));
