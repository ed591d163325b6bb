/**
 * Collecting records from care providers via MedMij: find a provider, log in at their side with
 * DigiD in the system browser, come back on a loopback redirect, fetch and import.
 */
import { z } from 'zod';
import type { OtherPerson } from './identity';
import type { ImportReport } from './records';

const profileId = z.string().regex(/^[a-z0-9]{26}$/, 'profile id');
const fetchId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'fetch id');

export interface ProviderService {
  /** MedMij gegevensdienst id, e.g. "48" for BgZ. */
  id: string;
  /** Plain Dutch name, e.g. "Basisgegevens zorg (BgZ)". */
  name: string;
  /** One plain Dutch line on what it holds; null for a service Regie does not know. */
  description: string | null;
  /** Ticked beforehand: what most people want from this provider (`advice` says why). */
  recommended: boolean;
  /**
   * One line on choosing it, in Dutch and English: why it is recommended, or that another service of
   * this provider holds the same data in a newer format. null when there is nothing to say.
   */
  advice: { nl: string; en: string } | null;
}

export interface ProviderSummary {
  /** The provider's MedMij name, e.g. "delinde@medmij". */
  id: string;
  displayName: string;
  place: string | null;
  services: ProviderService[];
}

export type FetchStage = 'waiting-for-login' | 'exchanging-code' | 'querying' | 'done' | 'failed' | 'cancelled';
export type QueryStatus = 'pending' | 'running' | 'done' | 'failed';

export interface FetchQueryProgress {
  id: string;
  /** Plain Dutch, e.g. "Medicatiegebruik". */
  label: string;
  status: QueryStatus;
  /** Resources received (after paging). */
  received: number;
  /** Why it failed, in Dutch and English. */
  error?: { nl: string; en: string };
}

export interface FetchProgress {
  fetchId: string;
  profileId: string;
  providerId: string;
  serviceId: string;
  stage: FetchStage;
  queries: FetchQueryProgress[];
  /** What was imported so far; each query imports all-or-nothing. */
  imported: { created: number; updated: number; unchanged: number; byType: Record<string, number> };
  /** Why the whole fetch failed or stopped, in Dutch and English. */
  error?: { nl: string; en: string };
  /** Set when the provider's data is about someone else than this profile's person: nothing was stored. */
  otherPerson?: OtherPerson;
  /** The relay this fetch goes through, as the person sees it (its host); absent when Regie goes directly. */
  relay?: string;
}

/**
 * MedMij representation (extension "vertegenwoordiging"): the profile belongs to someone the person
 * acts for. 'onbehalfof': a voluntary mandate (machtiging); 'onbehalfofchild': parental authority
 * over a child under 12. The birth date (YYYY-MM-DD) is that of the represented person.
 */
export interface Representation {
  kind: 'onbehalfof' | 'onbehalfofchild';
  birthDate: string;
}

export interface ProviderConnection {
  providerId: string;
  providerName: string;
  serviceId: string;
  serviceName: string;
  lastRetrievalAt: string;
  lastResult: 'complete' | 'partial' | 'failed';
}

/**
 * The relay: Regie's MedMij node (a small server run by whoever offers Regie), which holds the
 * PKIoverheid certificate real providers demand. Without one, only the practice providers answer.
 */
export interface RelaySetting {
  /** https://… (or http://127.0.0.1:… for a relay on this computer). */
  url: string;
  /** MedMij's lists come through the relay; else from where they came before. */
  listsViaRelay: boolean;
}

export interface RelayState {
  /** null: no relay. label: the relay's address as shown; hostname: its MedMij name, as it said when chosen. */
  relay: (RelaySetting & { label: string; hostname: string | null }) | null;
  /** Chosen for this one command (regie fetch --relay), not the saved setting. */
  fromCommand: boolean;
}

/** Where providers come from: the built-in practice providers (sample lists) or configured MedMij lists. */
export interface MedmijEnvironment {
  /** true: the fictitious practice providers of the simulator; nothing real is reachable */
  practice: boolean;
}

export const medmijRequestSchemas = {
  'medmij.environment': z.object({}),
  'medmij.searchProviders': z.object({ profileId, query: z.string().max(100) }),
  /**
   * Starts the authorization: Regie listens on a loopback port, and the desktop app opens the
   * system browser at the returned URL (the browser host and the CLI open it themselves).
   */
  'medmij.beginFetch': z.object({ profileId, providerId: z.string().max(200), serviceId: z.string().max(30) }),
  'medmij.fetchStatus': z.object({ fetchId }),
  /** Runs the failed queries of a finished fetch again (while its token is valid). */
  'medmij.retryFailed': z.object({ fetchId }),
  'medmij.cancelFetch': z.object({ fetchId }),
  'medmij.connections': z.object({ profileId }),
  /** The relay in use (a setting of this computer, not of a profile). */
  'medmij.getRelay': z.object({}),
  /** Chooses the relay (after checking that a Regie relay answers there) or none (null). */
  'medmij.setRelay': z.object({
    relay: z.object({ url: z.string().trim().min(1).max(300), listsViaRelay: z.boolean() }).nullable(),
  }),
  /** Whether this profile is for someone the person represents (MedMij "namens"). */
  'medmij.getRepresentation': z.object({ profileId }),
  'medmij.setRepresentation': z.object({
    profileId,
    representation: z
      .object({ kind: z.enum(['onbehalfof', 'onbehalfofchild']), birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })
      .nullable(),
  }),
} as const;

export interface MedmijResponses {
  'medmij.environment': MedmijEnvironment;
  'medmij.searchProviders': ProviderSummary[];
  'medmij.beginFetch': { fetchId: string; authorizationUrl: string };
  'medmij.fetchStatus': FetchProgress;
  'medmij.retryFailed': FetchProgress;
  'medmij.cancelFetch': Record<string, never>;
  'medmij.connections': ProviderConnection[];
  'medmij.getRelay': RelayState;
  'medmij.setRelay': RelayState;
  'medmij.getRepresentation': Representation | null;
  'medmij.setRepresentation': Representation | null;
}

export interface MedmijEvents {
  'medmij.progress': FetchProgress;
}

export type { ImportReport };
