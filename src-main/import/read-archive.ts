/**
 * Reads a .zip archive (a provider's export, another PGO's export) one file at a time with yauzl:
 * from disk for a path, from memory for an upload; only one inflated file is held at once.
 *
 * Hostile archives get a reason per file, never a crash: names that lead outside the archive
 * ("../", absolute paths, drive letters, backslashes), links, encrypted files, archives inside the
 * archive, files larger than the import limit, and zip bombs. Bombs are caught while inflating,
 * whatever the headers claim: one file may grow at most `maxRatio` times its packed size (past a
 * floor, so small files never trip it) and the archive's files together at most `maxTotalBytes`;
 * yauzl itself refuses a file that inflates past the size its header declares. Each file's CRC-32
 * is checked, so a damaged file is not read as if it were whole.
 */
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { ImportFileOutcome } from '../../src-preload/contract/imports';
import { maxDocumentBytes } from '../records/own-documents';
import { type FileKind, kindOfFile, looksLikeZip } from './file-kinds';
import { documentRefused, outcomeFor } from './reasons';

export interface ArchiveLimits {
  /** A FHIR file inside (the FHIR layer's own limit). */
  maxEntryBytes: number;
  /** Everything inflated from one archive together. */
  maxTotalBytes: number;
  /** Inflated size / packed size of one file, checked once it passes `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
  maxEntries: number;
}

export const defaultArchiveLimits: ArchiveLimits = {
  maxEntryBytes: 100 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  // Real FHIR JSON packs 10–30×, very repetitive exports up to ~100×; zip bombs go to 1000× and beyond.
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 100_000,
};

export type ArchiveItem =
  /** The archive is open; `entries` counts everything in it (folders too), for the progress count. */
  | { kind: 'opened'; entries: number }
  | { kind: 'file'; name: string; fileKind: 'fhir' | 'document'; bytes: Buffer }
  | { kind: 'problem'; outcome: ImportFileOutcome }
  /** A folder or system file inside: nothing to import, but it counts as done. */
  | { kind: 'passed' };

export interface ReadArchiveOptions {
  /** Letters and photos are read (own documents were asked for); otherwise they are skipped unread. */
  documents: boolean;
  stopped: () => boolean;
  limits?: Partial<ArchiveLimits>;
}

type Source = { path: string } | { buffer: Buffer };

export async function* readArchive(source: Source, archiveName: string, options: ReadArchiveOptions): AsyncGenerator<ArchiveItem> {
  const limits = { ...defaultArchiveLimits, ...options.limits };
  let zip: ZipFile;
  try {
    zip = await openZip(source);
  } catch {
    yield { kind: 'problem', outcome: outcomeFor(archiveName, 'archive-damaged') };
    return;
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      yield { kind: 'problem', outcome: outcomeFor(archiveName, 'zip-bomb') };
      return;
    }
    yield { kind: 'opened', entries: zip.entryCount };
    let inflated = 0;
    for (;;) {
      if (options.stopped()) return;
      let entry: Entry | null;
      try {
        entry = await nextEntry(zip);
      } catch {
        yield { kind: 'problem', outcome: outcomeFor(archiveName, 'archive-damaged') };
        return;
      }
      if (!entry) return;
      const rawName = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      const name = `${archiveName}/${printable(rawName)}`;
      if (yauzl.validateFileName(rawName) !== null || rawName.split('/').includes('..')) {
        yield { kind: 'problem', outcome: outcomeFor(name, 'unsafe-name') };
        continue;
      }
      if (rawName.endsWith('/')) {
        yield { kind: 'passed' };
        continue;
      }
      const kind = kindOfFile(name);
      const problem = unreadReason(entry, kind, options.documents);
      if (problem === 'pass') {
        yield { kind: 'passed' };
        continue;
      }
      if (problem) {
        yield { kind: 'problem', outcome: outcomeFor(name, problem) };
        continue;
      }
      const maxBytes = kind === 'document' ? maxDocumentBytes : limits.maxEntryBytes;
      if (entry.uncompressedSize > maxBytes) {
        yield { kind: 'problem', outcome: kind === 'document' ? documentRefused(name, 'too-large') : outcomeFor(name, 'too-large') };
        continue;
      }
      const remaining = limits.maxTotalBytes - inflated;
      const read = await readEntry(zip, entry, Math.min(maxBytes + 1, remaining + 1), limits);
      if (!read.ok) {
        if (read.tooMuch && remaining <= maxBytes) {
          // The archive as a whole would inflate past its limit: nothing more is read from it.
          yield { kind: 'problem', outcome: outcomeFor(name, 'zip-bomb') };
          return;
        }
        yield { kind: 'problem', outcome: outcomeFor(name, read.code) };
        continue;
      }
      inflated += read.bytes.length;
      if (looksLikeZip(read.bytes)) {
        yield { kind: 'problem', outcome: outcomeFor(name, 'nested-archive') };
        continue;
      }
      yield { kind: 'file', name, fileKind: kind as 'fhir' | 'document', bytes: read.bytes };
    }
  } finally {
    zip.close();
  }
}

/** Why an entry is not read at all, 'pass' for what is silently passed over, null to read it. */
function unreadReason(entry: Entry, kind: FileKind, documents: boolean): 'pass' | 'archive-link' | 'encrypted' | 'nested-archive' | 'not-fhir' | 'document-not-asked' | null {
  if (kind === 'system') return 'pass';
  // Unix file type in the upper half of the external attributes: 0o120000 is a symbolic link.
  if (((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000) return 'archive-link';
  if (entry.isEncrypted()) return 'encrypted';
  if (kind === 'archive') return 'nested-archive';
  if (kind === 'other') return 'not-fhir';
  if (kind === 'document' && !documents) return 'document-not-asked';
  return null;
}

function printable(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]/g, '?');
}

function openZip(source: Source): Promise<ZipFile> {
  const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true };
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zip?: ZipFile) => (error || !zip ? reject(error ?? new Error('no zip')) : resolve(zip));
    if ('path' in source) yauzl.open(source.path, options, done);
    else yauzl.fromBuffer(source.buffer, options, done);
  });
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

type EntryRead = { ok: true; bytes: Buffer } | { ok: false; code: 'zip-bomb' | 'too-large' | 'archive-damaged'; tooMuch?: boolean };

/** Inflates one entry, stopping at `maxBytes` or at a packing ratio no real file has. */
function readEntry(zip: ZipFile, entry: Entry, maxBytes: number, limits: ArchiveLimits): Promise<EntryRead> {
  return new Promise((resolve) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return resolve({ ok: false, code: 'archive-damaged' });
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const stop = (result: EntryRead) => {
        if (settled) return;
        settled = true;
        stream.destroy();
        resolve(result);
      };
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size >= maxBytes) return stop({ ok: false, code: 'too-large', tooMuch: true });
        if (size > limits.ratioFloorBytes && size / Math.max(1, entry.compressedSize) > limits.maxRatio) return stop({ ok: false, code: 'zip-bomb' });
        chunks.push(chunk);
      });
      // yauzl: "too many bytes in the stream" when a file inflates past the size its header declares.
      stream.on('error', (streamError: Error) => stop({ ok: false, code: /too many bytes/.test(streamError.message) ? 'zip-bomb' : 'archive-damaged' }));
      stream.on('end', () => {
        if (settled) return;
        const bytes = Buffer.concat(chunks, size);
        if (crc32(bytes) !== entry.crc32) return stop({ ok: false, code: 'archive-damaged' });
        settled = true;
        resolve({ ok: true, bytes });
      });
    });
  });
}
