import type { EventName, Events, Method, ParsedRequest, Response } from '../../../src-preload/contract/api';
import type { FolderPicker } from '../../app/host';
import type { PreferencesStore } from '../../app/preferences';
import type { MedmijDirectory } from '../../medmij/client/directory';
import type { FetchManager } from '../../medmij/client/fetch-manager';
import type { MedmijRelay } from '../../medmij/client/relay-setting';
import type { ImportSessions } from '../../import/import-sessions';
import type { SendManager } from '../../medmij/client/send-manager';
import type { SyncService } from '../../sync/service';
import type { Vault } from '../../vault/vault';
import type { HostKind } from '../create-core';
import type { RecordStores } from '../record-stores';

export type Handler<M extends Method> = (request: ParsedRequest<M>) => Promise<Response<M>> | Response<M>;

/** The handlers of the methods whose names start with one of the given domains, e.g. 'records'. */
export type HandlersFor<Domain extends string> = {
  [M in Method as M extends `${Domain}.${string}` ? M : never]: Handler<M>;
};

export type Handlers = { [M in Method]: Handler<M> };

export interface HandlerDeps {
  vault: Vault;
  preferences: PreferencesStore;
  recordStores: RecordStores;
  host: HostKind;
  /** The host's folder picker; null where there is none (browser host, CLI). */
  pickFolder: FolderPicker | null;
  now: () => number;
  /** The app's bundled resources folder (voorbeeld-PGO, sample provider lists). */
  resourcesDir: string;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  /**
   * MedMij: the provider directory (lists + query sets), the running fetches and sends.
   * sampleLists: the bundled lists of fictitious practice providers are in use. relay: the relay in use.
   */
  medmij: { directory: MedmijDirectory; fetches: FetchManager; sends: SendManager; sampleLists: boolean; relay: MedmijRelay };
  /** Sync between the person's own devices. */
  sync: SyncService;
  /** Bulk imports in progress. */
  imports: ImportSessions;
}
