/** Handlers of sync between own devices; the work is in src-main/sync. */
import type { HandlerDeps, HandlersFor } from './types';

export function syncHandlers({ sync }: HandlerDeps): HandlersFor<'sync'> {
  return {
    'sync.status': ({ profileId }) => sync.status(profileId),
    'sync.setFolder': ({ profileId, folder }) => sync.setFolder(profileId, folder),
    'sync.syncNow': ({ profileId }) => sync.syncNow(profileId),
    'sync.pairCreate': ({ profileId }) => sync.pairCreate(profileId),
    'sync.pairJoin': ({ profileId, code }) => sync.pairJoin(profileId, code),
    'sync.devices': ({ profileId }) => sync.devices(profileId),
    'sync.renameDevice': ({ profileId, deviceId, name }) => sync.renameDevice(profileId, deviceId, name),
    'sync.revokeDevice': ({ profileId, deviceId, keep }) => sync.revokeDevice(profileId, deviceId, keep),
  };
}
