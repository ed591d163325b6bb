/** Handlers of Delen: sending to a care provider through MedMij, and the Verstuurd log. */
import type { HandlerDeps, HandlersFor } from './types';

const empty = {} as Record<string, never>;

export function sharingHandlers({ vault, medmij }: HandlerDeps): HandlersFor<'sharing'> {
  const { sends } = medmij;
  return {
    'sharing.searchProviders': ({ profileId, query }) => {
      vault.database(profileId); // only for an unlocked profile; counts as activity
      return sends.searchProviders(query);
    },
    'sharing.prepare': ({ profileId, providerId, serviceId, selection }) => {
      vault.database(profileId);
      return sends.prepare(profileId, providerId, serviceId, selection);
    },
    'sharing.send': ({ sendId }) => sends.send(sendId),
    'sharing.status': ({ sendId }) => sends.status(sendId),
    'sharing.cancel': ({ sendId }) => {
      sends.cancel(sendId);
      return empty;
    },
    'sharing.sent': ({ profileId }) => sends.sent(profileId),
  };
}
