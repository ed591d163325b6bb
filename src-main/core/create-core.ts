/**
 * The core: every capability of Regie behind one message API (method + request → result), in the
 * spirit of Actual Budget's loot-core. Electron IPC, the loopback test host and the CLI are thin
 * transports over `core.call`; none of them contains logic of its own.
 */
import { dirname, join, resolve } from 'node:path';
import type { CallResult, EventMessage, EventName, Events, Method, Response } from '../../src-preload/contract/api';
import { requestSchemas } from '../../src-preload/contract/api';
import type { FolderPicker } from '../app/host';
import { PreferencesStore } from '../app/preferences';
import { Vault } from '../vault/vault';
import type { KdfParams } from '../vault/kdf';
import { RegieError, toErrorPayload } from './errors';
import { FetchManager } from '../medmij/client/fetch-manager';
import { SendManager } from '../medmij/client/send-manager';
import type { QueryLimits } from '../medmij/client/fhir-query';
import { ListDirectory, configuredSimulatorOrigin } from '../medmij/client/provider-directory';
import { MedmijRelay, RelayAwareDirectory, RelayRoutes, RelaySettingStore } from '../medmij/client/relay-setting';
import { PracticeProvider } from '../medmij/simulator/practice';
import { createHandlers, type Handlers } from './handlers';
import { RecordStores } from './record-stores';
import { type ImportPicker, ImportSessions } from '../import/import-sessions';
import { SyncScheduler } from '../sync/scheduler';
import { receivedSomething } from '../sync/engine';
import { SyncService } from '../sync/service';

// From src-main/core and from the bundled out/main alike, resources/ is two folders up.
const defaultResourcesDir = resolve(import.meta.dirname, '../../resources');

export type HostKind = 'electron' | 'browser' | 'cli';

export interface CoreOptions {
  dataDir: string;
  host: HostKind;
  kdf?: KdfParams;
  /** Tests only: lock after this many ms of inactivity instead of the profile's setting. */
  idleLockMsOverride?: number;
  now?: () => number;
  /** Bundled resources (default: the repository's resources/, which the Electron build ships too). */
  resourcesDir?: string;
  /** MedMij retrieval. */
  medmij?: MedmijOptions;
  /**
   * Opens a URL in the system browser (desktop). Without it the caller opens the authorization URL
   * that medmij.beginFetch returns (the browser host's renderer, the CLI).
   */
  openExternal?: (url: string) => Promise<void> | void;
  /** The system's folder picker (desktop); without it app.pickFolder is refused and folders are typed. */
  pickFolder?: FolderPicker;
  /**
   * Background sync rounds for every unlocked profile with a sync folder (src-main/sync/scheduler.ts):
   * the app and the test host run them, the CLI only with `sync --watch`. Timings for tests.
   */
  backgroundSync?: boolean | { intervalMs?: number; afterChangeMs?: number };
  /** The system's file and folder pickers for imports (desktop); without them files are uploaded. */
  pickImport?: ImportPicker;
}

export interface MedmijOptions {
  /**
   * Where MedMij's lists come from: a folder or an http(s) base URL holding the four lists (see
   * resources/medmij/README.md). Default: the sample lists in resources/medmij, which point at the
   * provider simulator.
   */
  listSource?: string;
  /**
   * Origin of a provider simulator the person runs themselves (`npm run provider-sim`), replacing the
   * sample lists' placeholder; used as given, and then no practice simulator is started. Default: the
   * REGIE_MEDMIJ_SIMULATOR environment variable, else none.
   */
  simulatorOrigin?: string;
  /** Regie's client_id (its hostname on MedMij's OAuth client list); default: the sample list's. */
  clientId?: string;
  /** FHIR version when a service offers both (default: the one with a published query set, else STU3). */
  preferFhirVersion?: 'STU3' | 'R4';
  /** How long to wait for the person to log in at the provider (default 10 minutes). */
  loginTimeoutMs?: number;
  /** Per-query timeouts and caps (see fhir-query.ts). */
  limits?: Partial<QueryLimits>;
  /**
   * Start the fictitious practice providers (the provider simulator) inside this process, on a port
   * the system picks, when the provider lists are first needed; only with the sample lists (no
   * `listSource`) and no `simulatorOrigin`. The app, the browser host and the CLI set it; tests
   * start their own simulator.
   */
  practiceProvider?: boolean;
  /** Tests only: changes the PKCE code_verifier sent to the token endpoint. */
  transformCodeVerifier?: (verifier: string) => string;
  /** Tests only: the transport of a send's requests to the provider (see medmij/client/http.ts). */
  sendFetch?: typeof fetch;
  /**
   * The relay for this process only (`regie fetch --relay URL`), instead of the saved setting
   * (<dataDir>/medmij-relay.json, Zorgaanbieders → Relay). See medmij/client/relay-setting.ts.
   */
  relay?: { url: string; listsViaRelay: boolean };
}

export interface Core {
  readonly vault: Vault;
  call<M extends Method>(method: M, request: unknown): Promise<CallResult<M>>;
  onEvent(listener: (message: EventMessage) => void): () => void;
  /** Locks every profile; used on quit. */
  shutdown(): void;
  /** Background sync (null when this core runs none): wake() after the computer slept. */
  readonly backgroundSync: SyncScheduler | null;
}

export function createCore(options: CoreOptions): Core {
  const preferences = new PreferencesStore(join(options.dataDir, 'app.json'));
  const vault = new Vault({
    dataDir: options.dataDir,
    language: () => preferences.get().language ?? 'nl',
    ...(options.kdf && { kdf: options.kdf }),
    ...(options.now && { now: options.now }),
    ...(options.idleLockMsOverride !== undefined && { idleLockMsOverride: options.idleLockMsOverride }),
  });
  const listeners = new Set<(message: EventMessage) => void>();

  const emit = <E extends EventName>(event: E, payload: Events[E]): void => {
    for (const listener of listeners) listener({ event, payload } as EventMessage);
  };
  vault.onLocked((profileId, reason) => {
    emit('profile.locked', { profileId, reason });
    emit('profiles.changed', {});
  });
  vault.onLockSoon((profileId, locksAt) => emit('profile.lockSoon', { profileId, locksAt: new Date(locksAt).toISOString() }));

  const now = options.now ?? Date.now;
  const recordStores = new RecordStores(vault);
  const imports = new ImportSessions({
    vault,
    recordStores,
    now,
    pathsAllowed: options.host === 'cli',
    picker: options.pickImport ?? null,
    emit: (progress) => emit('imports.progress', progress),
  });
  const resourcesDir = options.resourcesDir ?? defaultResourcesDir;
  const medmijOptions = options.medmij ?? {};
  const chosenSimulator = medmijOptions.simulatorOrigin ?? configuredSimulatorOrigin();
  const sampleLists = medmijOptions.listSource === undefined;
  // Only a simulator the person chose, or the one this process starts: never whatever listens on some port.
  const practice =
    sampleLists && chosenSimulator === undefined && medmijOptions.practiceProvider ? new PracticeProvider({ root: dirname(resourcesDir) }) : null;
  const simulatorOrigin = chosenSimulator ?? (practice ? () => startPractice(practice) : undefined);
  const listedDirectory = new ListDirectory({
    resourcesDir,
    cacheDir: join(options.dataDir, 'medmij-lists'),
    ...(medmijOptions.listSource !== undefined && { listSource: medmijOptions.listSource }),
    ...(simulatorOrigin !== undefined && { simulatorOrigin }),
    ...(medmijOptions.clientId !== undefined && { clientId: medmijOptions.clientId }),
    ...(medmijOptions.preferFhirVersion !== undefined && { preferFhirVersion: medmijOptions.preferFhirVersion }),
    now,
  });
  const relay = new MedmijRelay({
    store: new RelaySettingStore(join(options.dataDir, 'medmij-relay.json')),
    ...(medmijOptions.relay && { override: medmijOptions.relay }),
  });
  // The lists through the relay get their own last good copies: their numbering is not the sample lists'.
  const directory = new RelayAwareDirectory(listedDirectory, sampleLists, relay, (listsUrl) =>
    new ListDirectory({
      resourcesDir,
      cacheDir: join(options.dataDir, 'medmij-lists-via-relay'),
      listSource: listsUrl,
      ...(medmijOptions.preferFhirVersion !== undefined && { preferFhirVersion: medmijOptions.preferFhirVersion }),
      now,
    }),
  );
  const fetches = new FetchManager({
    vault,
    recordStores,
    directory,
    now,
    emit: (progress) => emit('medmij.progress', progress),
    ...(options.openExternal && { openExternal: options.openExternal }),
    ...(medmijOptions.loginTimeoutMs !== undefined && { loginTimeoutMs: medmijOptions.loginTimeoutMs }),
    ...(medmijOptions.limits && { limits: medmijOptions.limits }),
    ...(medmijOptions.transformCodeVerifier && { transformCodeVerifier: medmijOptions.transformCodeVerifier }),
    routes: new RelayRoutes(relay, directory),
  });
  const sends = new SendManager({
    vault,
    recordStores,
    directory,
    now,
    emit: (progress) => emit('sharing.progress', progress),
    ...(options.openExternal && { openExternal: options.openExternal }),
    ...(medmijOptions.loginTimeoutMs !== undefined && { loginTimeoutMs: medmijOptions.loginTimeoutMs }),
    ...(medmijOptions.transformCodeVerifier && { transformCodeVerifier: medmijOptions.transformCodeVerifier }),
    ...(medmijOptions.sendFetch && { fetch: medmijOptions.sendFetch }),
    // Sending takes the fetch's route: through the relay when one is chosen, the practice providers directly.
    routes: new RelayRoutes(relay, directory, medmijOptions.sendFetch),
  });
  const sync = new SyncService({ vault, recordStores, now });
  const handlers: Handlers = createHandlers({
    vault,
    preferences,
    recordStores,
    host: options.host,
    pickFolder: options.pickFolder ?? null,
    now,
    resourcesDir,
    emit,
    imports,
    medmij: {
      directory,
      fetches,
      sends,
      get sampleLists() {
        return directory.practice;
      },
      relay,
    },
    sync,
  });
  const scheduler = options.backgroundSync
    ? new SyncScheduler({
        vault,
        recordStores,
        sync,
        ...(typeof options.backgroundSync === 'object' && options.backgroundSync),
        onRound: ({ profileId, counts, error }) =>
          emit('sync.round', {
            profileId,
            error,
            received: counts !== null && receivedSomething(counts),
            join: counts?.join ?? null,
            paired: (counts?.pairing.accepted ?? 0) > 0,
          }),
      })
    : null;
  scheduler?.start();

  async function call<M extends Method>(method: M, request: unknown): Promise<CallResult<M>> {
    try {
      if (!Object.hasOwn(requestSchemas, method)) throw new RegieError('unknown-method');
      const parsed = requestSchemas[method].safeParse(request ?? {});
      if (!parsed.success) {
        const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
        throw new RegieError('invalid-request', undefined, `invalid field(s): ${where}`);
      }
      const handler = handlers[method] as (request: unknown) => unknown;
      return { ok: true, value: (await handler(parsed.data)) as Response<M> };
    } catch (error) {
      if (!(error instanceof RegieError)) {
        // Only the kind of failure is logged: messages and stacks may quote data.
        console.error(`[regie] internal error in ${String(method)}: ${error instanceof Error ? error.name : typeof error}`);
      }
      return { ok: false, error: toErrorPayload(error) };
    }
  }

  return {
    vault,
    call,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    backgroundSync: scheduler,
    shutdown: () => {
      scheduler?.stop();
      fetches.shutdown();
      sends.shutdown();
      imports.close();
      vault.lockAll('manual');
      void practice?.close();
    },
  };
}

/** The practice simulator's origin once it runs; a failed start is said in plain words. */
async function startPractice(practice: PracticeProvider): Promise<string> {
  try {
    return await practice.ensureRunning();
  } catch (error) {
    throw new RegieError('practice-provider-unavailable', undefined, `practice simulator did not start: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
