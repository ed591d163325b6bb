/**
 * The MedmijDirectory built from MedMij's four lists (loaded and validated by the ListStore, which
 * keeps the last good copy of each) and Regie's query sets. Lists are loaded on first use and again
 * after `refreshMs`; a list that fails to load leaves the last good one in use.
 */
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProviderSummary } from '../../../src-preload/contract/medmij';
import type { SendProvider } from '../../../src-preload/contract/sharing';
import { RegieError } from '../../core/errors';
import type { FhirVersion } from '../../fhir/index';
import {
  buildProviderDirectory,
  fhirVersionOfSystemRole,
  isShareService,
  isSimulatorOrigin,
  ListStore,
  parseProviderDisplayFile,
  searchProviders,
  serviceInfoById,
  type DirectoryProvider,
  type DirectoryService,
  type MedmijListByKind,
  type MedmijListKind,
  type MedmijSystemRole,
  type ProviderDisplayFile,
} from '../lists/index';
import { SAMPLE_FILES, REGIE_SAMPLE_CLIENT_ID } from '../lists/samples';
import { buildQueryUrl, forbiddenPatientParams, querySetFor } from '../queries/index';
import { adviseServices } from '../lists/service-advice';
import type { MedmijDirectory, PlannedQuery, ResolvedService } from './directory';
import { sendBuilderFor } from './send-builders/index';

/** Whether Regie can send with this (sending) service in this FHIR version. */
function sendsIn(serviceId: string, version: FhirVersion): boolean {
  return isShareService(serviceId) && (sendBuilderFor(serviceId)?.fhirVersions.includes(version) ?? false);
}

/**
 * The simulator address the person chose (REGIE_MEDMIJ_SIMULATOR), used as given; undefined when
 * none was chosen. There is deliberately no default address: a fixed loopback port is shared by every
 * user of the computer, so whoever listens there first could pose as the providers.
 */
export function configuredSimulatorOrigin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.REGIE_MEDMIJ_SIMULATOR?.trim().replace(/\/+$/, '') || undefined;
}

export interface ListDirectoryOptions {
  /** The app's resources folder; the sample lists are in its medmij/ subfolder. */
  resourcesDir: string;
  /**
   * Where the last good lists are kept (the data dir; lists are public, not health data). Without
   * it they are kept in memory only (the relay keeps nothing on disk).
   */
  cacheDir?: string;
  /**
   * A folder or http(s) base URL holding zorgaanbiederslijst.xml, gegevensdienstnamenlijst.xml,
   * oauthclientlist.xml, whitelist.xml (and optionally zorgaanbieders-weergave.json), or the path or
   * URL of the Zorgaanbiederslijst itself with the other lists beside it. Default: the sample lists.
   */
  listSource?: string | ListLocations;
  /**
   * Origin of the provider simulator ({{SIMULATOR_ORIGIN}} in the sample lists): a fixed address, or a
   * function giving it once the practice simulator has started (its port is chosen by the system, so
   * it is only known then). The function is called when the lists are first needed.
   */
  simulatorOrigin?: string | (() => Promise<string>);
  /** Regie's client_id (its hostname in the OAuth client list); default: the sample list's. */
  clientId?: string;
  /** FHIR version to use when a service offers both (default: the one whose query set is published, else STU3). */
  preferFhirVersion?: FhirVersion;
  /** How long loaded lists are used before they are loaded again (default 1 hour). */
  refreshMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

/** Where each list is, when they are not all in one folder or under one base URL (files or http(s) URLs). */
export type ListLocations = Record<MedmijListKind, string> & { weergave?: string };

interface Loaded {
  at: number;
  /** The display file as read, when there is a valid one (the relay passes it on). */
  displayText: string | null;
  providers: DirectoryProvider[];
  oauthClients: MedmijListByKind['oauthclientlist'];
  whitelist: MedmijListByKind['whitelist'];
}

export class ListDirectory implements MedmijDirectory {
  /** Made once the simulator origin is known (the store resolves the placeholder with it). */
  private store: ListStore | null = null;
  private loaded: Loaded | null = null;
  private loading: Promise<Loaded> | null = null;
  /** The simulator origin in use, once known; undefined when there is none (or it is not a loopback origin). */
  private simulatorOrigin: string | undefined;

  constructor(private readonly options: ListDirectoryOptions) {}

  async clientId(): Promise<string> {
    const { oauthClients } = await this.lists();
    const wanted = this.options.clientId ?? REGIE_SAMPLE_CLIENT_ID;
    // MedMij: a provider only talks to clients on the OAuth client list; so does Regie.
    if (!oauthClients.clients.some((c) => c.hostname === wanted)) throw new RegieError('provider-list-unavailable', undefined, 'client not on OAuth client list');
    return wanted;
  }

  async searchProviders(query: string): Promise<ProviderSummary[]> {
    const { providers } = await this.lists();
    // Sending services (MedMij "Delen") are not something to fetch: Delen lists them (searchSendProviders).
    return searchProviders(providers, query, { limit: 50 }).map((p) => ({
      id: p.id,
      displayName: p.displayName,
      place: p.place ?? null,
      services: adviseServices(p.services.filter((s) => !isShareService(s.id))),
    }));
  }

  /** Providers offering at least one sending service Regie can send with, and those services. */
  async searchSendProviders(query: string): Promise<SendProvider[]> {
    const { providers } = await this.lists();
    return searchProviders(providers, query, { limit: 200 }).flatMap((p) => {
      const services = p.services.flatMap((s) => {
        const info = serviceInfoById(s.id);
        const builder = sendBuilderFor(s.id);
        if (!info || info.use !== 'share' || !builder) return [];
        return [{ id: s.id, name: info.plainName, selection: builder.selection, description: info.description }];
      });
      return services.length === 0 ? [] : [{ id: p.id, displayName: p.displayName, place: p.place ?? null, services }];
    }).slice(0, 50);
  }

  async resolve(providerId: string, serviceId: string): Promise<ResolvedService> {
    const { providers } = await this.lists();
    const provider = providers.find((p) => p.id === providerId);
    if (!provider) throw new RegieError('provider-not-found');
    const service = provider.services.find((s) => s.id === serviceId);
    if (!service) throw new RegieError('service-not-offered');
    if (service.systemRoles.length === 0) throw new RegieError('service-not-offered');
    const role = this.chooseRole(service);
    if (!role) {
      // Offered, but only in FHIR versions Regie has no query set for (e.g. GGZ in R4: MedMij defines it for STU3 only).
      const offered = [...new Set(service.systemRoles.map((r) => fhirVersionOfRole(r, service.id)))].sort();
      throw new RegieError('service-version-unsupported', { fhirVersions: offered.join(', ') }, `no query set for ${service.id} in ${offered.join(', ')}`);
    }
    return {
      providerId: provider.id,
      providerName: provider.displayName,
      serviceId: service.id,
      serviceName: service.name,
      authorizationEndpoint: service.authorizationEndpoint,
      tokenEndpoint: service.tokenEndpoint,
      resourceEndpoint: role.role.resourceEndpoint,
      fhirVersion: role.fhirVersion,
    };
  }

  queries(service: ResolvedService): PlannedQuery[] {
    // A sending service is not fetched from (and has no query set): say so rather than "no version".
    if (isShareService(service.serviceId)) throw new RegieError('service-not-offered', undefined, `${service.serviceId} is a sending service`);
    const set = querySetFor(service.serviceId, service.fhirVersion);
    if (!set) throw new RegieError('service-version-unsupported', { fhirVersions: service.fhirVersion }, `no query set for ${service.serviceId} in ${service.fhirVersion}`);
    return set.queries.map((query) => ({
      id: query.id,
      label: query.label,
      url: buildQueryUrl(service.resourceEndpoint, query),
      ...(query.follow && { follow: { ...query.follow } }),
    }));
  }

  assertNoPatientParams(url: URL): void {
    const found = forbiddenPatientParams(url);
    if (found.length > 0) throw new Error(`patient parameter(s) ${found.join(', ')} must never be sent`);
  }

  async isAllowedHost(url: URL): Promise<boolean> {
    if (url.username || url.password) return false;
    if (url.protocol === 'http:') {
      await this.listStore(); // the simulator origin is known from then on
      return this.simulatorOrigin !== undefined && url.origin === this.simulatorOrigin;
    }
    if (url.protocol !== 'https:') return false;
    const { whitelist } = await this.lists();
    return whitelist.hostnames.includes(url.hostname);
  }

  /** One system role per service: the FHIR versions Regie has a query set for, the preferred one first. */
  private chooseRole(service: DirectoryService): { role: MedmijSystemRole; fhirVersion: FhirVersion } | null {
    const candidates = service.systemRoles
      .map((role) => ({ role, fhirVersion: fhirVersionOfRole(role, service.id) }))
      .filter((c) => querySetFor(service.id, c.fhirVersion) !== undefined || sendsIn(service.id, c.fhirVersion));
    const rank = (v: FhirVersion) => {
      if (this.options.preferFhirVersion) return v === this.options.preferFhirVersion ? 0 : 1;
      return querySetFor(service.id, v)?.status === 'published' ? 0 : v === 'STU3' ? 1 : 2;
    };
    candidates.sort((a, b) => rank(a.fhirVersion) - rank(b.fhirVersion));
    return candidates[0] ?? null;
  }

  // ——— loading ———

  private async lists(): Promise<Loaded> {
    const now = this.options.now ?? Date.now;
    if (this.loaded && now() - this.loaded.at < (this.options.refreshMs ?? 60 * 60_000)) return this.loaded;
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(): Promise<Loaded> {
    const now = this.options.now ?? Date.now;
    const { weergave, ...lists } = this.locations();
    const store = await this.listStore();
    const result = await store.loadAll(lists);
    const zal = result.zorgaanbiederslijst.list;
    const oauthClients = result.oauthclientlist.list;
    const whitelist = result.whitelist.list;
    if (!zal || !oauthClients || !whitelist) {
      // No usable list and no last good one: say so once, without list contents.
      throw new RegieError('provider-list-unavailable');
    }
    const display = weergave === undefined ? undefined : await this.displayFile(weergave);
    const providers = buildProviderDirectory(zal, result.gegevensdienstnamenlijst.list ?? undefined, display?.file);
    this.loaded = { at: now(), displayText: display?.text ?? null, providers, oauthClients, whitelist };
    return this.loaded;
  }

  /** The ListStore, made on first use with the simulator origin (starting the practice simulator if that is how it is known). */
  private async listStore(): Promise<ListStore> {
    if (this.store) return this.store;
    const given = this.options.simulatorOrigin;
    const origin = typeof given === 'function' ? await given() : given;
    this.simulatorOrigin = origin !== undefined && isSimulatorOrigin(origin) ? origin : undefined;
    this.store = new ListStore({
      ...(this.options.cacheDir !== undefined && { cacheDir: this.options.cacheDir }),
      ...(this.simulatorOrigin !== undefined && { simulatorOrigin: this.simulatorOrigin }),
      ...(this.options.fetch && { fetchImpl: this.options.fetch }),
    });
    return this.store;
  }

  private locations(): ListLocations {
    const source = this.options.listSource;
    if (source !== undefined && typeof source !== 'string') return source;
    const base = this.sourceBase(source);
    const at = (file: string) => (base.type === 'url' ? new URL(file, base.url).toString() : join(base.dir, file));
    return {
      zorgaanbiederslijst: at(SAMPLE_FILES.zorgaanbiederslijst),
      gegevensdienstnamenlijst: at(SAMPLE_FILES.gegevensdienstnamenlijst),
      oauthclientlist: at(SAMPLE_FILES.oauthclientlist),
      whitelist: at(SAMPLE_FILES.whitelist),
      weergave: at(SAMPLE_FILES.weergave),
    };
  }

  private sourceBase(source: string | undefined): { type: 'file'; dir: string } | { type: 'url'; url: string } {
    if (source === undefined) return { type: 'file', dir: join(this.options.resourcesDir, 'medmij') };
    if (/^https?:\/\//i.test(source)) {
      // A URL of one list means "the lists beside it"; a base URL means "the lists in it".
      const url = /\.xml$/i.test(new URL(source).pathname) ? new URL('.', source).toString() : source.replace(/\/*$/, '/');
      return { type: 'url', url };
    }
    try {
      if (statSync(source).isDirectory()) return { type: 'file', dir: source };
    } catch {
      // A missing path fails when the lists are read, with the ListStore's own problem.
    }
    return { type: 'file', dir: dirname(source) };
  }

  /**
   * A list in use, exactly as it was received (placeholders unresolved), for passing on: the four
   * MedMij lists by kind, 'weergave' for the display file. null when there is none.
   */
  async listText(kind: MedmijListKind | 'weergave'): Promise<string | null> {
    const loaded = await this.lists();
    if (kind === 'weergave') return loaded.displayText;
    return (await this.listStore()).lastGoodText(kind);
  }

  /** Regie's display names and places (optional; without them names come from the Zorgaanbiedernaam). */
  private async displayFile(location: string): Promise<{ file: ProviderDisplayFile; text: string } | undefined> {
    try {
      let text: string;
      if (/^https?:\/\//i.test(location)) {
        const response = await (this.options.fetch ?? fetch)(location, { redirect: 'error', signal: AbortSignal.timeout(15_000) });
        if (!response.ok) return undefined;
        text = await response.text();
        if (text.length > 1024 * 1024) return undefined;
      } else {
        const { readFile, stat } = await import('node:fs/promises');
        if ((await stat(location)).size > 1024 * 1024) return undefined;
        text = await readFile(location, 'utf8');
      }
      const parsed = parseProviderDisplayFile(JSON.parse(text));
      return parsed.ok ? { file: parsed.value, text } : undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * The FHIR version of a system role: what its code says (the sample lists' "…-STU3"/"…-R4", MedMij's
 * ".../R4" roles), else the resource endpoint's last path segment, else the version the catalogue
 * gives the service (MedMij's own codes such as "MM-3.0-BZB-FHIR" do not name it), else STU3.
 */
export function fhirVersionOfRole(role: MedmijSystemRole, serviceId?: string): FhirVersion {
  const fromCode = fhirVersionOfSystemRole(role.code);
  if (fromCode) return fromCode;
  const last = new URL(role.resourceEndpoint).pathname.replace(/\/+$/, '').split('/').at(-1)?.toLowerCase();
  if (last === 'r4') return 'R4';
  if (last === 'stu3') return 'STU3';
  return (serviceId !== undefined ? serviceInfoById(serviceId)?.fhirVersion : undefined) ?? 'STU3';
}
