/** Start-up: pick the transport, load preferences and profiles, choose the first screen. */
import type { Language } from '../../../src-preload/contract/api';
import { call, setTransport } from '../api/client';
import { createTransport, MissingTokenError } from '../api/transport';
import { initI18n } from '../i18n';
import { useProfilesStore } from '../profiles/store';
import { subscribeToCoreEvents } from './actions';
import { useAppStore } from './store';

export async function bootstrap(): Promise<void> {
  const app = useAppStore.getState();
  try {
    setTransport(createTransport());
  } catch (error) {
    await initI18n('nl');
    app.go({ name: 'fatal', reason: error instanceof MissingTokenError ? 'missingToken' : 'loadFailed' });
    return;
  }
  try {
    const preferences = await call('app.getPreferences', {});
    const language: Language = preferences.language ?? 'nl';
    await initI18n(language);
    app.setPreferences({ language, welcomeSeen: preferences.welcomeSeen });
    subscribeToCoreEvents();
    // A new window finds no profile open that the person did not leave open on purpose ("open laten"):
    // after closing or reloading the window, whoever sits down next must unlock.
    await call('auth.lockAll', { exceptKeptOpen: true });
    const profiles = await useProfilesStore.getState().reload();
    if (!preferences.welcomeSeen) app.go({ name: 'welcome' });
    else if (profiles.length === 0) app.go({ name: 'create' });
    else app.go({ name: 'picker' });
  } catch {
    await initI18n('nl').catch(() => undefined);
    app.go({ name: 'fatal', reason: 'loadFailed' });
  }
}
