/**
 * What the profile database keeps about MedMij: the connected providers with their last
 * retrieval (table medmij_connection, migration 3, device-local) and the optional representation
 * setting (a person setting in the synced Yjs document, key 'medmij.representation'). Tokens are
 * never stored.
 */
import { z } from 'zod';
import type { ProviderConnection } from '../../../src-preload/contract/medmij';
import { personSettingKeys } from '../../records/person-settings';
import type { RecordStore } from '../../records/record-store';
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

export const representationSchema = z.object({
  kind: z.enum(['onbehalfof', 'onbehalfofchild']),
  birthDate: z.iso.date(),
});

/**
 * A caregiver profile (the profile is for someone the person represents): MedMij's representation
 * parameters go into every authorization request of this profile. null: the person themself.
 *
 * It follows the person to all their devices: a person setting in the profile's Yjs document (see
 * records/person-settings.ts). Before, it was a row of this device's settings table; that row is
 * moved into the document on the first read and then deleted.
 */
export function readRepresentation(store: RecordStore): Representation | null {
  store.adoptDeviceSetting(personSettingKeys.representation, representationSchema);
  return store.getPersonSetting(personSettingKeys.representation, representationSchema);
}

export function writeRepresentation(store: RecordStore, representation: Representation | null): void {
  // A stale device-local row must not be adopted later over this choice.
  store.adoptDeviceSetting(personSettingKeys.representation, representationSchema);
  store.setPersonSetting(personSettingKeys.representation, representation === null ? null : representationSchema.parse(representation));
}
