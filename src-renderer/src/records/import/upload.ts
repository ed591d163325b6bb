/**
 * Sends chosen files to the core's import session one piece at a time (imports.upload), never a
 * whole file or all files in one message: the browser reads each piece from disk as it goes. The
 * core answers a file it will not read (not FHIR, too large) at its first piece, and the rest of
 * that file is not sent.
 */
import type { ImportFileOutcome } from '../../../../src-preload/contract/imports';
import { call } from '../../api/client';
import { bytesToBase64 } from './base64';
import type { PickedFile } from './picked-files';

export async function uploadFiles(
  importId: string,
  chunkBytes: number,
  files: readonly PickedFile[],
  options: { stopped: () => boolean; onOutcomes: (outcomes: ImportFileOutcome[]) => void },
): Promise<void> {
  for (const { file, path } of files) {
    if (options.stopped()) return;
    let offset = 0;
    do {
      const end = Math.min(offset + chunkBytes, file.size);
      const piece = new Uint8Array(await file.slice(offset, end).arrayBuffer());
      const answer = await call('imports.upload', {
        importId,
        name: path,
        size: file.size,
        offset,
        dataBase64: bytesToBase64(piece),
        last: end === file.size,
      });
      options.onOutcomes(answer.outcomes);
      offset = answer.received >= file.size ? file.size : end;
    } while (offset < file.size && !options.stopped());
  }
}
