/**
 * The core's bulk imports in progress (imports.* in the API): a run per session, fed with paths (the
 * CLI), with what the person picked in the system's dialog (the desktop app), or with uploads in
 * chunks (a browser). An upload is held in memory only until its last chunk arrives and is imported
 * then, so the core never holds more than one file of a session; a file that would be skipped or is
 * too large is answered at its first chunk, so the rest is never sent. Sessions of a profile end
 * when it locks; an abandoned session is dropped after half an hour.
 */
import { randomBytes } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import type { ImportEvents, ImportRunReport, ImportResponses } from '../../src-preload/contract/imports';
import { importChunkBytes } from '../../src-preload/contract/imports';
import type { ParsedRequest } from '../../src-preload/contract/api';
import { RegieError } from '../core/errors';
import type { RecordStores } from '../core/record-stores';
import { readRepresentation } from '../medmij/client/profile-state';
import type { Vault } from '../vault/vault';
import { kindOfFile } from './file-kinds';
import { type ArchiveLimits } from './read-archive';
import { ImportRun } from './import-run';

/**
 * The system's own file or folder picker (the desktop app): resolves with the absolute paths the
 * person chose, or none when they closed it.
 */
export type ImportPicker = (options: { what: 'files' | 'folder'; title: string }) => Promise<string[]>;

export interface ImportSessionsOptions {
  vault: Vault;
  recordStores: RecordStores;
  now: () => number;
  /** Only the CLI may name paths: a web page or the app's window must not read files nobody chose. */
  pathsAllowed: boolean;
  picker: ImportPicker | null;
  emit: (payload: ImportEvents['imports.progress']) => void;
  archiveLimits?: Partial<ArchiveLimits>;
  /** The largest upload held for import: an archive from a browser (other files have their own limits). */
  maxUploadBytes?: number;
  idleMs?: number;
}

interface Upload {
  name: string;
  size: number;
  chunks: Buffer[];
  received: number;
  /** Answered at its first chunk (skipped, too large): the rest is ignored. */
  answered: boolean;
}

interface Session {
  id: string;
  profileId: string;
  run: ImportRun;
  paths: string[];
  upload: Upload | null;
  /** Calls of one session run one after another. */
  queue: Promise<unknown>;
  lastUsed: number;
}

const defaultMaxUploadBytes = 512 * 1024 * 1024;
const defaultIdleMs = 30 * 60 * 1000;

export class ImportSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: ImportSessionsOptions) {
    // A lock ends the profile's sessions: a run in progress stops and still reports to its caller,
    // but nothing of it (file names, whose data it was) stays behind for later calls.
    options.vault.onLocked((profileId) => {
      for (const session of this.sessions.values()) {
        if (session.profileId !== profileId) continue;
        session.run.locked();
        session.upload = null;
        this.sessions.delete(session.id);
      }
    });
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /** Whether imports.pick works here (the desktop app). */
  get canPick(): boolean {
    return this.options.picker !== null;
  }

  begin(request: ParsedRequest<'imports.begin'>): ImportResponses['imports.begin'] {
    if (request.documents && request.allOrNothing) {
      throw new RegieError('invalid-request', undefined, 'documents cannot be part of an all-or-nothing run');
    }
    // Refused at once for a locked profile.
    this.options.recordStores.of(request.profileId);
    const id = randomBytes(18).toString('base64url');
    const { profileId } = request;
    const run = new ImportRun(
      {
        store: () => this.options.recordStores.of(profileId),
        now: this.options.now,
        representationBirthDate: (store) => readRepresentation(store)?.birthDate ?? null,
        progress: (progress) => this.options.emit({ importId: id, ...progress }),
        ...(this.options.archiveLimits && { archiveLimits: this.options.archiveLimits }),
      },
      {
        ...(request.sourceLabel !== undefined && { sourceLabel: request.sourceLabel }),
        ...(request.allowOtherPerson && { allowOtherPerson: true }),
        ...(request.allOrNothing && { allOrNothing: true }),
        ...(request.documents && { documents: true }),
        ...(request.documentDate !== undefined && { documentDate: request.documentDate }),
      },
      request.expectedFiles,
    );
    this.sessions.set(id, { id, profileId, run, paths: [], upload: null, queue: Promise.resolve(), lastUsed: Date.now() });
    return { importId: id, chunkBytes: importChunkBytes };
  }

  addPaths({ importId, paths }: ParsedRequest<'imports.addPaths'>): ImportResponses['imports.addPaths'] {
    if (!this.options.pathsAllowed) throw new RegieError('host-unsupported');
    const session = this.session(importId);
    session.paths.push(...paths.map((path) => (isAbsolute(path) ? path : resolve(path))));
    return { added: paths.length };
  }

  async pick({ importId, what, title }: ParsedRequest<'imports.pick'>): Promise<ImportResponses['imports.pick']> {
    const picker = this.options.picker;
    if (!picker) throw new RegieError('host-unsupported');
    const session = this.session(importId);
    const chosen = await picker({ what, title });
    session.paths.push(...chosen);
    return { picked: chosen.length };
  }

  upload(request: ParsedRequest<'imports.upload'>): Promise<ImportResponses['imports.upload']> {
    const session = this.session(request.importId);
    return this.serially(session, () => this.receive(session, request));
  }

  finish({ importId }: ParsedRequest<'imports.finish'>): Promise<ImportRunReport> {
    const session = this.session(importId);
    return this.serially(session, async () => {
      try {
        if (session.paths.length > 0) await session.run.importPaths(session.paths);
        return session.run.finish();
      } finally {
        this.sessions.delete(session.id);
      }
    });
  }

  cancel({ importId }: ParsedRequest<'imports.cancel'>): ImportResponses['imports.cancel'] {
    // Not queued: it has to reach a run that is busy reading.
    this.sessions.get(importId)?.run.cancel();
    return {};
  }

  private async receive(session: Session, request: ParsedRequest<'imports.upload'>): Promise<ImportResponses['imports.upload']> {
    const { name, size, offset, last } = request;
    if (offset === 0) {
      session.upload = { name, size, chunks: [], received: 0, answered: false };
      const maxUpload = this.options.maxUploadBytes ?? defaultMaxUploadBytes;
      const unread = session.run.stopped ? null : session.run.answerUnread(name, size);
      const archiveTooLarge = !unread && kindOfFile(name) === 'archive' && size > maxUpload;
      if (unread || archiveTooLarge || session.run.stopped) {
        session.upload.answered = true;
        const outcomes = unread ?? (archiveTooLarge && !session.run.stopped ? [session.run.refuseArchiveTooLarge(name, maxUpload)] : []);
        return { received: size, outcomes };
      }
    }
    const upload = session.upload;
    if (!upload || upload.name !== name || upload.size !== size) throw new RegieError('invalid-request', undefined, 'upload: a chunk of a file that was not started');
    if (upload.answered) return { received: size, outcomes: [] };
    if (offset !== upload.received) throw new RegieError('invalid-request', undefined, 'upload: chunks out of order');
    const chunk = Buffer.from(request.dataBase64, 'base64');
    if (upload.received + chunk.length > size) throw new RegieError('invalid-request', undefined, 'upload: more bytes than the size given');
    upload.chunks.push(chunk);
    upload.received += chunk.length;
    if (!last) return { received: upload.received, outcomes: [] };
    if (upload.received !== size) throw new RegieError('invalid-request', undefined, 'upload: fewer bytes than the size given');
    session.upload = null;
    const bytes = Buffer.concat(upload.chunks, size);
    upload.chunks = [];
    return { received: size, outcomes: await session.run.importUpload(name, bytes) };
  }

  private session(importId: string): Session {
    const session = this.sessions.get(importId);
    if (!session) throw new RegieError('import-not-found');
    session.lastUsed = Date.now();
    return session;
  }

  private serially<T>(session: Session, work: () => Promise<T>): Promise<T> {
    const next = session.queue.then(work, work);
    session.queue = next.catch(() => undefined);
    return next;
  }

  private sweep(): void {
    const idleMs = this.options.idleMs ?? defaultIdleMs;
    for (const session of this.sessions.values()) {
      if (Date.now() - session.lastUsed < idleMs) continue;
      session.run.cancel();
      this.sessions.delete(session.id);
    }
  }

  /** Ends every session (the core shuts down). */
  close(): void {
    clearInterval(this.sweeper);
    for (const session of this.sessions.values()) session.run.cancel();
    this.sessions.clear();
  }
}
