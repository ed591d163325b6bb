/**
 * Is a typed (or picked) sync folder usable? Each "no" gets its own plain message: a person typing a
 * path in the browser host needs to know whether it was mistyped, is a file, or is not a full path.
 */
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { exampleSyncFolder } from '../../src-preload/contract/sync';
import { hostPlatform } from '../app/host';
import { RegieError } from '../core/errors';

/** The folder as stored (absolute, normalized); throws a RegieError saying what is wrong with it. */
export function usableSyncFolder(folder: string): string {
  if (!isAbsolute(folder)) throw new RegieError('sync-folder-not-absolute', { folder, example: exampleSyncFolder[hostPlatform()] });
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw new RegieError('sync-folder-missing', { folder });
  }
  if (!isFolder) throw new RegieError('sync-folder-not-a-folder', { folder });
  return resolve(folder);
}
