/** Handlers of MedMij retrieval: find a provider, log in at their side, fetch and import. */
import { RegieError } from '../errors';
import { readRepresentation, writeRepresentation } from '../../medmij/client/profile-state';
import type { HandlerDeps, HandlersFor } from './types';

const empty = {} as Record<string, never>;

export function medmijHandlers({ vault, medmij, recordStores }: HandlerDeps): HandlersFor<'medmij'> {
  return {
    'medmij.environment': () => ({ practice: medmij.sampleLists }),
    'medmij.searchProviders': ({ profileId, query }) => {
      vault.database(profileId); // only for an unlocked profile; counts as activity
      return medmij.directory.searchProviders(query);
    },
    'medmij.beginFetch': ({ profileId, providerId, serviceId }) => {
      vault.database(profileId);
      return medmij.fetches.begin(profileId, providerId, serviceId);
    },
    'medmij.fetchStatus': ({ fetchId }) => medmij.fetches.status(fetchId),
    'medmij.retryFailed': ({ fetchId }) => medmij.fetches.retryFailed(fetchId),
    'medmij.cancelFetch': ({ fetchId }) => {
      medmij.fetches.cancel(fetchId);
      return empty;
    },
    'medmij.connections': ({ profileId }) => medmij.fetches.connections(profileId),
    'medmij.getRelay': () => medmij.relay.state(),
    'medmij.setRelay': ({ relay }) => medmij.relay.set(relay),
    'medmij.getRepresentation': ({ profileId }) => readRepresentation(recordStores.of(profileId)),
    'medmij.setRepresentation': ({ profileId, representation }) => {
      if (representation && !isPastDate(representation.birthDate)) {
        throw new RegieError('invalid-request', undefined, 'birthDate must be a real date in the past');
      }
      const store = recordStores.of(profileId);
      writeRepresentation(store, representation);
      return readRepresentation(store);
    },
  };
}

/** A calendar date that exists and lies before today (a birth date). */
function isPastDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date.getTime() < Date.now();
}
