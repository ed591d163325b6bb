import { RecordStore } from '../records/record-store';
import type { Vault } from '../vault/vault';

/**
 * The open record store of each unlocked profile, opened on first use and closed the moment the
 * profile locks, so no decrypted record stays in memory after a lock.
 */
export class RecordStores {
  private readonly open = new Map<string, RecordStore>();

  constructor(private readonly vault: Vault) {
    vault.onLocked((profileId) => this.close(profileId));
  }

  /** The store of an unlocked profile, up to date with other processes; throws 'profile-locked' otherwise. */
  of(profileId: string): RecordStore {
    const db = this.vault.database(profileId);
    let store = this.open.get(profileId);
    if (!store) {
      store = RecordStore.open(db);
      this.open.set(profileId, store);
    } else {
      // Another process (a CLI command beside the app) may have written since the last request.
      store.refresh();
    }
    return store;
  }

  private close(profileId: string): void {
    this.open.get(profileId)?.close();
    this.open.delete(profileId);
  }
}
