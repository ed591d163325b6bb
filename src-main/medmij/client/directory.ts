/**
 * What the fetch flow needs to know about providers, services and queries. The implementation
 * (provider-directory.ts) builds it from MedMij's lists (src-main/medmij/lists) and the query sets
 * (src-main/medmij/queries); tests can hand in their own.
 */
import type { ProviderSummary } from '../../../src-preload/contract/medmij';
import type { SendProvider } from '../../../src-preload/contract/sharing';
import type { FhirVersion } from '../../fhir/index';
import type { MedmijFollow } from '../queries/types';

export interface ResolvedService {
  /** Zorgaanbiedernaam, e.g. "delinde@medmij": the MedMij identity used in the scope. */
  providerId: string;
  providerName: string;
  serviceId: string;
  serviceName: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  resourceEndpoint: string;
  fhirVersion: FhirVersion;
}

export interface PlannedQuery {
  /** Stable id within the service, e.g. "bgz-medicationstatement". */
  id: string;
  /** Plain Dutch, e.g. "Medicatiegebruik". */
  label: string;
  /** Absolute URL of the first page. */
  url: string;
  /** Reads after the search, e.g. DocumentReference.content.attachment.url → Binary. */
  follow?: MedmijFollow;
}

export interface MedmijDirectory {
  /** Regie's client_id: its hostname in MedMij's OAuth client list. */
  clientId(): Promise<string>;
  searchProviders(query: string): Promise<ProviderSummary[]>;
  /** Providers offering a sending service (MedMij "Delen"); absent where sending is not set up. */
  searchSendProviders?(query: string): Promise<SendProvider[]>;
  /** Throws RegieError when the provider or the service is unknown. */
  resolve(providerId: string, serviceId: string): Promise<ResolvedService>;
  /** The data service's query set for the provider's FHIR version, as absolute URLs. */
  queries(service: ResolvedService): PlannedQuery[];
  /** Throws when the URL carries a parameter that names the patient (patient=, subject=, …). */
  assertNoPatientParams(url: URL): void;
  /** Whether Regie may contact this host (MedMij's whitelist; the simulator's loopback origin). */
  isAllowedHost(url: URL): Promise<boolean>;
}
