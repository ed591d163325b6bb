/**
 * App-wide preferences that belong to this computer, not to a person: the interface language,
 * whether the welcome was seen, and whether the desktop app keeps syncing with no window open.
 * Kept in `<dataDir>/app.json`; never anything about a profile's health.
 */
import { z } from 'zod';
import type { AppPreferences } from '../../src-preload/contract/api';
import { languages } from '../../src-preload/contract/api';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { privateDirMode, writeFileAtomic } from '../common/atomic-file';

const preferencesSchema = z.object({
  language: z.enum(languages).nullable().catch(null),
  welcomeSeen: z.boolean().catch(false),
  syncWhenClosed: z.boolean().catch(false),
});

const defaults: AppPreferences = { language: null, welcomeSeen: false, syncWhenClosed: false };

export class PreferencesStore {
  constructor(private readonly file: string) {}

  get(): AppPreferences {
    let stored: unknown;
    try {
      stored = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      stored = undefined;
    }
    const parsed = preferencesSchema.safeParse(stored);
    // A damaged preferences file must never block the app: fall back to the first-run defaults.
    return parsed.success ? parsed.data : { ...defaults };
  }

  update(change: Partial<AppPreferences>): AppPreferences {
    const next = { ...this.get(), ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
    mkdirSync(dirname(this.file), { recursive: true, mode: privateDirMode });
    writeFileAtomic(this.file, JSON.stringify(next, null, 2));
    return next;
  }
}
