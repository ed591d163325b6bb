/** App-wide state: preferences (language, welcome) and which screen is shown. No health data. */
import { create } from 'zustand';
import type { Language, LockReason } from '../../../src-preload/contract/api';
import { call } from '../api/client';
import { changeLanguage } from '../i18n';

export interface LockNotice {
  reason: LockReason | 'unknown';
  /** The auto-lock setting at the time of an idle lock, when known. */
  minutes?: number;
}

export type Screen =
  | { name: 'loading' }
  | { name: 'fatal'; reason: 'missingToken' | 'loadFailed' }
  | { name: 'welcome' }
  | { name: 'picker'; notice?: 'deleted' }
  /** The create wizard; `practice` makes a practice profile filled with fictitious example data. */
  | { name: 'create'; practice?: boolean }
  | { name: 'unlock'; profileId: string; notice?: LockNotice }
  | { name: 'recover'; profileId: string }
  | { name: 'shell'; profileId: string };

interface AppState {
  language: Language;
  welcomeSeen: boolean;
  screen: Screen;
  setPreferences(preferences: { language: Language; welcomeSeen: boolean }): void;
  chooseLanguage(language: Language): Promise<void>;
  finishWelcome(): Promise<void>;
  go(screen: Screen): void;
}

export const useAppStore = create<AppState>()((set, get) => ({
  language: 'nl',
  welcomeSeen: false,
  screen: { name: 'loading' },
  setPreferences: (preferences) => set(preferences),
  async chooseLanguage(language) {
    if (language === get().language) return;
    set({ language });
    await changeLanguage(language);
    await call('app.setPreferences', { language });
  },
  async finishWelcome() {
    await call('app.setPreferences', { welcomeSeen: true, language: get().language });
    set({ welcomeSeen: true });
  },
  go: (screen) => set({ screen }),
}));
