/**
 * Which relay Regie fetches through, and what follows from that choice. The relay is a setting of
 * this computer, not of a profile (<dataDir>/medmij-relay.json: an address, no health data), or is
 * chosen for one command (`regie fetch --relay URL`).
 *
 * - Routes: with a relay, every fetch from a provider goes through it; the practice providers on
 *   this computer (http://127.0.0.1) always go directly, and without a relay everything does, as before.
 * - Lists: MedMij's lists come through the relay when the setting says so (then the practice
 *   providers are not in them), else from where they came before (the sample lists by default).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { ProviderSummary, RelaySetting, RelayState } from '../../../src-preload/contract/medmij';
import type { SendProvider } from '../../../src-preload/contract/sharing';
import { privateDirMode, writeFileAtomic } from '../../common/atomic-file';
import type { MedmijDirectory, PlannedQuery, ResolvedService } from './directory';
import type { ListDirectory } from './provider-directory';
import { DirectRoute, type ProviderRoute, type RouteChooser } from './provider-route';
import { normalizeRelayUrl, RelayClient } from './relay-route';

const storedSchema = z.object({
  url: z.string(),
  listsViaRelay: z.boolean(),
  hostname: z.string().nullable(),
});
type Stored = z.infer<typeof storedSchema>;

export class RelaySettingStore {
  constructor(private readonly file: string) {}

  get(): Stored | null {
    try {
      const parsed = storedSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (!parsed.success) return null;
      // A damaged or hand-edited address is not used: only what normalizeRelayUrl accepts.
      return { ...parsed.data, url: normalizeRelayUrl(parsed.data.url) };
    } catch {
      return null;
    }
  }

  set(value: Stored | null): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: privateDirMode });
    writeFileAtomic(this.file, `${JSON.stringify(value, null, 2)}\n`);
  }
}

export interface MedmijRelayOptions {
  store: RelaySettingStore;
  /** Chosen for this one command; wins over the saved setting and is never saved. */
  override?: RelaySetting;
  fetch?: typeof fetch;
}

export class MedmijRelay {
  private readonly override: Stored | null;
  private client: RelayClient | null = null;

  constructor(private readonly options: MedmijRelayOptions) {
    this.override = options.override
      ? { url: normalizeRelayUrl(options.override.url), listsViaRelay: options.override.listsViaRelay, hostname: null }
      : null;
  }

  /** The relay in use, or null. */
  current(): Stored | null {
    return this.override ?? this.options.store.get();
  }

  /** A client for the relay in use (the same one while the address stays the same), or null. */
  relayClient(): RelayClient | null {
    const current = this.current();
    if (!current) return null;
    if (this.client?.url !== current.url) this.client = new RelayClient(current.url, this.options.fetch);
    return this.client;
  }

  state(): RelayState {
    const current = this.current();
    return {
      relay: current ? { url: current.url, listsViaRelay: current.listsViaRelay, label: new URL(current.url).host, hostname: current.hostname } : null,
      fromCommand: this.override !== null,
    };
  }

  /** Saves the choice after checking that a Regie relay answers at the address; null: no relay. */
  async set(setting: RelaySetting | null): Promise<RelayState> {
    if (setting === null) {
      this.options.store.set(null);
      return this.state();
    }
    const client = new RelayClient(normalizeRelayUrl(setting.url), this.options.fetch);
    const health = await client.health();
    this.options.store.set({ url: client.url, listsViaRelay: setting.listsViaRelay, hostname: health.hostname });
    return this.state();
  }
}

/** Fetches from providers go through the relay when one is set, the practice providers never. */
export class RelayRoutes implements RouteChooser {
  constructor(
    private readonly relay: MedmijRelay,
    private readonly directory: Pick<MedmijDirectory, 'clientId'>,
    private readonly doFetch?: typeof fetch,
  ) {}

  async routeFor(service: ResolvedService): Promise<ProviderRoute> {
    const client = this.relay.relayClient();
    // http is only ever the practice simulator on 127.0.0.1 (the lists refuse it otherwise): not for a relay.
    if (!client || new URL(service.tokenEndpoint).protocol === 'http:') return new DirectRoute(this.directory, this.doFetch);
    return client.route();
  }
}

/**
 * The provider directory in use: MedMij's lists through the relay when the relay setting says so,
 * else the configured lists. The directory for a relay is made once per relay address.
 */
export class RelayAwareDirectory implements MedmijDirectory {
  private viaRelay: { url: string; directory: ListDirectory } | null = null;

  constructor(
    private readonly direct: ListDirectory,
    /** Whether `direct` has the built-in sample lists (the practice providers). */
    private readonly directIsSample: boolean,
    private readonly relay: MedmijRelay,
    private readonly listsFrom: (listsUrl: string) => ListDirectory,
  ) {}

  /** Whether the providers in use are the fictitious practice providers. */
  get practice(): boolean {
    return this.directIsSample && this.current() === this.direct;
  }

  clientId(): Promise<string> {
    return this.current().clientId();
  }

  searchProviders(query: string): Promise<ProviderSummary[]> {
    return this.current().searchProviders(query);
  }

  async searchSendProviders(query: string): Promise<SendProvider[]> {
    const directory = this.current();
    return directory.searchSendProviders ? directory.searchSendProviders(query) : [];
  }

  resolve(providerId: string, serviceId: string): Promise<ResolvedService> {
    return this.current().resolve(providerId, serviceId);
  }

  queries(service: ResolvedService): PlannedQuery[] {
    return this.current().queries(service);
  }

  assertNoPatientParams(url: URL): void {
    this.current().assertNoPatientParams(url);
  }

  isAllowedHost(url: URL): Promise<boolean> {
    return this.current().isAllowedHost(url);
  }

  private current(): ListDirectory {
    const client = this.relay.relayClient();
    if (!client || !this.relay.current()?.listsViaRelay) return this.direct;
    if (this.viaRelay?.url !== client.listsUrl) this.viaRelay = { url: client.listsUrl, directory: this.listsFrom(client.listsUrl) };
    return this.viaRelay.directory;
  }
}
