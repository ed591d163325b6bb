/**
 * Where encrypted sync files live. The engine only needs three operations on a flat namespace of
 * '/'-separated names, so any blind store of blobs can carry sync:
 *
 * - FolderTransport (here): a folder the person's own tools keep in sync (Syncthing, a cloud drive,
 *   a USB stick). writeAtomic = temp file + fsync + rename, so a name never holds half a file written
 *   by Regie; a sync tool may still deliver one (partial download), which the engine handles.
 * - A relay (not built yet): an S3-compatible bucket or a tiny HTTP blob store. list(prefix) =
 *   ListObjectsV2 with that prefix, read = GET (404 → null), writeAtomic = PUT (object stores replace
 *   whole objects atomically; add If-None-Match: * to refuse overwrites), remove = DELETE. The relay sees exactly what
 *   the folder shows a sync tool: opaque names, sizes and times; it holds no key, cannot read, forge,
 *   reorder unnoticed or drop files without that being detected as a stalled stream. Authentication
 *   to the relay (a bucket credential per profile) is about quota, not confidentiality.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

export interface SyncTransport {
  /** Every file name under `prefix` (a folder path ending in '/', or '' for all), recursively. */
  list(prefix: string): Promise<string[]>;
  /**
   * The file's bytes, or null when it does not exist (yet). Throws SyncFileRefused, without reading
   * anything, for a file larger than `maxBytes` or something that is not a plain file (a relay: check
   * the object's size before downloading it).
   */
  read(name: string, maxBytes: number): Promise<Uint8Array | null>;
  /** Replaces or creates the file so that readers see either nothing or all of `bytes`. */
  writeAtomic(name: string, bytes: Uint8Array): Promise<void>;
  /** Removes the file (compaction: only a device's own files); no error when it is gone already. */
  remove(name: string): Promise<void>;
}

/** Names of temporary files; never listed, and ignored by the engine if a sync tool copies one. */
export const tempPrefix = '.regie-tmp-';

const validName = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/**
 * A name in the folder that is not read: too large, or not a plain file inside the folder (a FIFO
 * would block the reading thread, and with it the whole app, until someone writes to it; a device
 * or a link could point anywhere).
 */
export class SyncFileRefused extends Error {
  constructor(readonly reason: 'too-large' | 'not-a-file') {
    super(`sync file refused: ${reason}`);
    this.name = 'SyncFileRefused';
  }
}

// Not on every platform (Windows has neither); there the lstat checks below still apply.
const openForReading = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

export class FolderTransport implements SyncTransport {
  constructor(readonly root: string) {}

  async list(prefix: string): Promise<string[]> {
    const base = prefix === '' ? this.root : this.resolve(prefix.replace(/\/$/, ''));
    const names: string[] = [];
    const walk = (dir: string, rel: string): void => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        // Dotfiles: our temp files, .stfolder, .DS_Store, a sync tool's partial downloads.
        if (entry.name.startsWith('.')) continue;
        const name = rel === '' ? entry.name : `${rel}/${entry.name}`;
        if (entry.isDirectory()) walk(join(dir, entry.name), name);
        else if (entry.isFile()) names.push(name);
      }
    };
    walk(base, prefix.replace(/\/$/, ''));
    return names.sort();
  }

  async read(name: string, maxBytes: number): Promise<Uint8Array | null> {
    const path = this.resolve(name);
    // Type and size before opening: a FIFO, device, socket, directory or link is never opened.
    let info;
    try {
      info = lstatSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    if (!info.isFile()) throw new SyncFileRefused('not-a-file');
    if (info.size > maxBytes) throw new SyncFileRefused('too-large');
    this.assertInside(dirname(path));
    let fd: number;
    try {
      // Non-blocking and not following a link, in case the name was swapped since the lstat.
      fd = openSync(path, openForReading);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      if (code === 'ELOOP' || code === 'ENXIO') throw new SyncFileRefused('not-a-file');
      throw error;
    }
    try {
      const opened = fstatSync(fd);
      if (!opened.isFile()) throw new SyncFileRefused('not-a-file');
      if (opened.size > maxBytes) throw new SyncFileRefused('too-large');
      // At most maxBytes + 1: a file that grew past the limit since the stat is refused, not read on.
      const buffer = Buffer.allocUnsafe(Math.min(opened.size, maxBytes) + 1);
      let length = 0;
      for (;;) {
        const n = readSync(fd, buffer, length, buffer.length - length, null);
        if (n === 0) break;
        length += n;
        if (length === buffer.length) break;
      }
      if (length > maxBytes) throw new SyncFileRefused('too-large');
      return buffer.subarray(0, length);
    } finally {
      closeSync(fd);
    }
  }

  async writeAtomic(name: string, bytes: Uint8Array): Promise<void> {
    const target = this.resolve(name);
    mkdirSync(dirname(target), { recursive: true });
    this.assertInside(dirname(target));
    const temp = join(dirname(target), `${tempPrefix}${randomBytes(8).toString('hex')}`);
    try {
      const fd = openSync(temp, 'wx', 0o600);
      try {
        for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, target);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }

  async remove(name: string): Promise<void> {
    const target = this.resolve(name);
    this.assertInside(dirname(target));
    rmSync(target, { force: true });
  }

  /** Size of everything in the folder (bench). */
  totalBytes(): number {
    let total = 0;
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else total += statSync(path).size;
      }
    };
    walk(this.root);
    return total;
  }

  /** A directory inside the folder, not one a link inside it points to elsewhere. */
  private assertInside(dir: string): void {
    const from = relative(realpathSync(this.root), realpathSync(dir));
    if (from === '..' || from.startsWith(`..${sep}`) || isAbsolute(from)) throw new SyncFileRefused('not-a-file');
  }

  private resolve(name: string): string {
    if (!validName.test(name) || name.split('/').some((part) => part === '..' || part === '.')) {
      throw new Error('invalid sync file name');
    }
    return join(this.root, ...name.split('/')).split('/').join(sep);
  }
}
