import type { Database } from './database';

/** Auth state kept inside the encrypted database, where only an unlocked profile can read it. */
export const metaKeys = {
  totpSecret: 'totp.secret',
  totpLastStep: 'totp.lastStep',
} as const;

export function readMeta(db: Database, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeMeta(db: Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}
