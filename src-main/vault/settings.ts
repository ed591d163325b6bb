import { z } from 'zod';
import type { ProfileSettings } from '../../src-preload/contract/api';
import { autoLockMaxMinutes } from '../../src-preload/contract/constants';
import type { Database } from './database';

export const defaultSettings: ProfileSettings = { autoLockMinutes: 5 };

export const settingsSchema = z.object({ autoLockMinutes: z.number().int().min(1).max(autoLockMaxMinutes) });

/** One row per setting with a JSON value, so adding a setting needs no migration. */
export function readSettings(db: Database): ProfileSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = new Map(rows.map(({ key, value }) => [key, parseJson(value)]));
  // Each setting falls back to its default on its own, so one bad value does not reset the others.
  const autoLockMinutes = settingsSchema.shape.autoLockMinutes.safeParse(stored.get('autoLockMinutes'));
  return { autoLockMinutes: autoLockMinutes.success ? autoLockMinutes.data : defaultSettings.autoLockMinutes };
}

export function writeSettings(db: Database, settings: ProfileSettings): void {
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  db.transaction(() => {
    for (const [key, value] of Object.entries(settingsSchema.parse(settings))) upsert.run(key, JSON.stringify(value));
  })();
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
