/** Handlers of MedMij retrieval: find a provider, log in at their side, fetch and import. */
import type { HandlerDeps, HandlersFor } from './types';

const empty = {} as Record<string, never>;

export function medmijHandlers({ vault, medmij }: HandlerDeps): HandlersFor<'medmij'> {
  return {
    'medmij.searchProviders': ({ profileId, query }) => {
      vault.database(profileId); // only for an unlocked profile; counts as activity
      return medmij.directory.searchProviders(query);
    },
    'medmij.beginFetch': ({ profileId, providerId, serviceId }) => medmij.fetches.begin(profileId, providerId, serviceId),
    'medmij.fetchStatus': ({ fetchId }) => medmij.fetches.status(fetchId),
    'medmij.retryFailed': ({ fetchId }) => medmij.fetches.retryFailed(fetchId),
    'medmij.cancelFetch': ({ fetchId }) => {
      medmij.fetches.cancel(fetchId);
      return empty;
    },
    'medmij.connections': ({ profileId }) => medmij.fetches.connections(profileId),
  };
}
