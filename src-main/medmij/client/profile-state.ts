/**
 * What the profile database keeps about MedMij: the connected providers with their last
 * retrieval (table medmij_connection, migration 3) and the optional representation setting
 * (settings table, key 'medmij.representation'). Tokens are never stored.
 */
import { z } from 'zod';
import type { ProviderConnection } from '../../../src-preload/contract/medmij';
import type { Database } from '../../vault/database';
import type { Representation } from './oauth';

export function readConnections(db: Database): ProviderConnection[] {
  const rows = db
    .prepare(
      `SELECT provider_id, provider_name, service_id, service_name, last_retrieval_at, last_result
       FROM medmij_connection ORDER BY last_retrieval_at DESC, provider_id, service_id`,
    )
    .all() as Array<Record<string, string>>;
  return rows.map((row) => ({
    providerId: row.provider_id!,
    providerName: row.provider_name!,
    serviceId: row.service_id!,
    serviceName: row.service_name!,
    lastRetrievalAt: row.last_retrieval_at!,
    lastResult: row.last_result as ProviderConnection['lastResult'],
  }));
}

export function recordConnection(db: Database, connection: ProviderConnection): void {
  db.prepare(
    `INSERT INTO medmij_connection (provider_id, service_id, provider_name, service_name, last_retrieval_at, last_result)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (provider_id, service_id) DO UPDATE SET
       provider_name = excluded.provider_name, service_name = excluded.service_name,
       last_retrieval_at = excluded.last_retrieval_at, last_result = excluded.last_result`,
  ).run(
    connection.providerId,
    connection.serviceId,
    connection.providerName,
    connection.serviceName,
    connection.lastRetrievalAt,
    connection.lastResult,
  );
}

const representationKey = 'medmij.representation';

export const representationSchema = z.object({
  kind: z.enum(['onbehalfof', 'onbehalfofchild']),
  birthDate: z.iso.date(),
});

/**
 * A caregiver profile (the profile is for someone the person represents): MedMij's representation
 * parameters go into every authorization request of this profile. null: the person themself.
 */
export function readRepresentation(db: Database): Representation | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(representationKey) as { value: string } | undefined;
  if (!row) return null;
  try {
    const parsed = representationSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeRepresentation(db: Database, representation: Representation | null): void {
  if (representation === null) {
    db.prepare('DELETE FROM settings WHERE key = ?').run(representationKey);
    return;
  }
  const value = JSON.stringify(representationSchema.parse(representation));
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(representationKey, value);
}
