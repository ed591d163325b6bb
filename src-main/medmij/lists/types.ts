/** Typed results of the four MedMij lists (Afsprakenstelsel, XML release 2 / release 1 namespaces). */
import type { ListProblem } from './problems';

export type MedmijListKind = 'zorgaanbiederslijst' | 'gegevensdienstnamenlijst' | 'oauthclientlist' | 'whitelist';

/** The namespaces as the published XSDs declare them (note the unusual `xmlns://` scheme). */
export const MEDMIJ_NAMESPACES: Record<MedmijListKind, string> = {
  zorgaanbiederslijst: 'xmlns://afsprakenstelsel.medmij.nl/zorgaanbiederslijst/release2/',
  gegevensdienstnamenlijst: 'xmlns://afsprakenstelsel.medmij.nl/gegevensdienstnamenlijst/release1/',
  oauthclientlist: 'xmlns://afsprakenstelsel.medmij.nl/oauthclientlist/release2/',
  whitelist: 'xmlns://afsprakenstelsel.medmij.nl/whitelist/release2/',
};

export const MEDMIJ_ROOTS: Record<MedmijListKind, string> = {
  zorgaanbiederslijst: 'Zorgaanbiederslijst',
  gegevensdienstnamenlijst: 'Gegevensdienstnamenlijst',
  oauthclientlist: 'OAuthclientlist',
  whitelist: 'Whitelist',
};

interface ListHeader {
  /** Tijdstempel as written (xs:dateTime with zone) */
  timestamp: string;
  /** Volgnummer: increases with every publication */
  sequence: number;
}

export interface MedmijSystemRole {
  /** Systeemrolcode, e.g. 'MM-1.0.0-BZB-FHIR' */
  code: string;
  resourceEndpoint: string;
}

export interface MedmijProviderService {
  /** GegevensdienstId */
  id: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  systemRoles: MedmijSystemRole[];
}

export interface MedmijProvider {
  /** Zorgaanbiedernaam, e.g. 'delinde@medmij': the only name the list itself carries */
  name: string;
  services: MedmijProviderService[];
}

export interface MedmijProviderList extends ListHeader {
  kind: 'zorgaanbiederslijst';
  providers: MedmijProvider[];
}

export interface MedmijServiceNameList extends ListHeader {
  kind: 'gegevensdienstnamenlijst';
  /** GegevensdienstId → Weergavenaam */
  services: { id: string; displayName: string }[];
}

export interface MedmijOAuthClientList extends ListHeader {
  kind: 'oauthclientlist';
  clients: { hostname: string; organisationName: string }[];
}

export interface MedmijWhitelist extends ListHeader {
  kind: 'whitelist';
  hostnames: string[];
}

export type MedmijList = MedmijProviderList | MedmijServiceNameList | MedmijOAuthClientList | MedmijWhitelist;

export interface MedmijListByKind {
  zorgaanbiederslijst: MedmijProviderList;
  gegevensdienstnamenlijst: MedmijServiceNameList;
  oauthclientlist: MedmijOAuthClientList;
  whitelist: MedmijWhitelist;
}

export type ListParseResult<T> = { ok: true; list: T } | { ok: false; problems: ListProblem[] };

export interface ListParseOptions {
  /** Byte cap on the list text (default 16 MiB). */
  maxBytes?: number;
  /**
   * Accept `http://127.0.0.1[:port]/…` endpoints (the local provider simulator). Off by default:
   * real MedMij endpoints are https with a DNS hostname, as the XSD's Frontchanneluri and
   * Backchanneluri patterns require.
   */
  allowLoopback?: boolean;
  /** Origin (e.g. 'http://127.0.0.1:53123') that replaces the `{{SIMULATOR_ORIGIN}}` placeholder. */
  simulatorOrigin?: string;
}
