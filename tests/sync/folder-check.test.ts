import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorMessage } from '../../src-preload/contract/errors';
import { exampleSyncFolder } from '../../src-preload/contract/sync';
import { hostPlatform } from '../../src-main/app/host';
import { toErrorPayload } from '../../src-main/core/errors';
import { usableSyncFolder } from '../../src-main/sync/folder-check';
import { makeTempDir } from '../helpers/temp-dir';

/** The message a person reads for this folder, in Dutch (throws when the folder is fine). */
function refusal(folder: string): string {
  try {
    usableSyncFolder(folder);
  } catch (error) {
    return errorMessage(toErrorPayload(error), 'nl');
  }
  throw new Error(`accepted ${folder}`);
}

describe('a sync folder typed as a path', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('an existing folder is accepted, normalized', () => {
    const folder = join(temp.dir, 'Regie');
    mkdirSync(folder);
    expect(usableSyncFolder(`${folder}/../Regie/`)).toBe(folder);
  });

  it('a folder that does not exist: says so with the path, and how to go on', () => {
    const missing = join(temp.dir, 'OneDrive', 'Regie');
    expect(refusal(missing)).toBe(`De map "${missing}" bestaat niet op deze computer. Controleer de schrijfwijze, of maak de map eerst aan.`);
  });

  it('a file instead of a folder', () => {
    const file = join(temp.dir, 'notities.txt');
    writeFileSync(file, 'x');
    expect(refusal(file)).toBe(`"${file}" is een bestand, geen map. Vul het pad van een map in.`);
  });

  it('a path that does not start at the top gets an example for this kind of computer', () => {
    expect(refusal('Sync/Regie')).toBe(`Vul het volledige pad van de map in, vanaf het begin, bijvoorbeeld ${exampleSyncFolder[hostPlatform()]}`);
  });

  it('examples and platform names fit each kind of computer', () => {
    expect(hostPlatform('win32')).toBe('windows');
    expect(hostPlatform('darwin')).toBe('mac');
    expect(hostPlatform('linux')).toBe('linux');
    expect(exampleSyncFolder.windows).toBe('C:\\Users\\Anna\\OneDrive\\Regie');
    expect(exampleSyncFolder.linux.startsWith('/home/')).toBe(true);
  });
});
