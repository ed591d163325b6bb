/**
 * One bulk import run: files, folders and archives, read one file at a time and each imported whole
 * or not at all (its own transaction, its own identity check), with an outcome per file. With
 * `allOrNothing` every file is checked as it comes and kept ready, and finish() stores all of them
 * in one transaction, or nothing when any file was refused or the run was stopped. Cancelling stops
 * between two files; the files imported before stay.
 */
import type { ImportFileOutcome, ImportRunReport } from '../../src-preload/contract/imports';
import { readFile } from 'node:fs/promises';
import type { ImportReport } from '../../src-preload/contract/records';
import { RegieError } from '../core/errors';
import { importFiles, type PreparedFile, prepareImportFile, refusedReport, storePreparedFiles } from '../records/import-files';
import { maxDocumentBytes, addOwnDocument } from '../records/own-documents';
import { wallClock } from '../records/overview';
import type { RecordStore } from '../records/record-store';
import { kindOfFile, titleOfFile } from './file-kinds';
import { type ArchiveLimits, defaultArchiveLimits, readArchive } from './read-archive';
import { documentRefused, outcomeFor } from './reasons';
import { listPaths } from './walk-paths';

export interface ImportRunOptions {
  sourceLabel?: string;
  allowOtherPerson?: boolean;
  allOrNothing?: boolean;
  /** Letters and photos become own documents (titled by their file name); otherwise they are skipped. */
  documents?: boolean;
  /** YYYY-MM-DD of those documents (default: today). */
  documentDate?: string;
}

export interface ImportRunDeps {
  /** The profile's store; throws RegieError('profile-locked') once it locked. */
  store: () => RecordStore;
  now: () => number;
  /** Birth date of the person a caregiver profile represents. */
  representationBirthDate: (store: RecordStore) => string | null;
  progress: (progress: { done: number; total: number | null; current: string | null }) => void;
  archiveLimits?: Partial<ArchiveLimits>;
  /** All or nothing: the most input one run keeps ready for its one transaction. */
  maxAllOrNothingBytes?: number;
}

export const defaultMaxAllOrNothingBytes = 500 * 1024 * 1024;
/** At most this many technical problems are kept per file (the explanation says how it went). */
const maxProblemsPerFile = 20;
const progressIntervalMs = 100;

export class ImportRun {
  private readonly outcomes: ImportFileOutcome[] = [];
  /** All or nothing: the checked files waiting for finish(), with their outcome (updated then). */
  private readonly ready: Array<{ outcome: ImportFileOutcome; file: PreparedFile }> = [];
  private readyBytes = 0;
  private tooLargeForOneRun = false;
  private done = 0;
  private total: number | null;
  private lastProgress = 0;
  private stoppedBy: 'canceled' | 'locked' | null = null;
  /** All or nothing: the counts of the one transaction, once stored. */
  private storedAll: { created: number; updated: number; unchanged: number; byType: Record<string, number> } | null = null;

  constructor(
    private readonly deps: ImportRunDeps,
    private readonly options: ImportRunOptions,
    expectedFiles?: number,
  ) {
    this.total = expectedFiles ?? null;
  }

  get stopped(): 'canceled' | 'locked' | null {
    return this.stoppedBy;
  }

  cancel(): void {
    this.stoppedBy ??= 'canceled';
  }

  locked(): void {
    this.stoppedBy ??= 'locked';
  }

  /** Files, folders and archives on disk: listed first (for the count), then read one at a time. */
  async importPaths(paths: readonly string[]): Promise<void> {
    const listed = await listPaths(paths, () => this.stoppedBy !== null);
    this.total = (this.total ?? 0) + listed.length;
    this.report(null, true);
    for (const item of listed) {
      if (this.stoppedBy) return;
      if (item.kind === 'problem') {
        this.record(item.outcome);
      } else {
        const { path } = item;
        await this.importFile(item.name, item.size, () => readFile(path), { path });
      }
      await breathe();
    }
  }

  /** One file the person uploaded (a browser): imported now; returns its outcomes (an archive's, one per file). */
  async importUpload(name: string, bytes: Buffer): Promise<ImportFileOutcome[]> {
    const before = this.outcomes.length;
    if (!this.stoppedBy) await this.importFile(name, bytes.length, async () => bytes, { buffer: bytes });
    return this.outcomes.slice(before);
  }

  /**
   * Whether an upload of this name and size would be read at all: things that are skipped or too
   * large are answered at once (their outcome recorded), and system files passed over, so their
   * bytes are never sent. Null: send it.
   */
  answerUnread(name: string, size: number): ImportFileOutcome[] | null {
    if (kindOfFile(name, !name.includes('/')) === 'system') {
      this.passed();
      return [];
    }
    const outcome = this.unreadOutcome(name, size);
    if (!outcome) return null;
    this.record(outcome);
    return [outcome];
  }

  /** An archive too large to hold in memory for reading (an upload from a browser). */
  refuseArchiveTooLarge(name: string, maxBytes: number): ImportFileOutcome {
    const mb = Math.round(maxBytes / 1024 / 1024);
    const outcome: ImportFileOutcome = {
      ...outcomeFor(name, 'too-large'),
      reason: {
        code: 'too-large',
        nl: `Het archief is groter dan ${mb} MB en is niet gelezen. Pak het uit en kies de map, of importeer het met de Regie-app of regie import.`,
        en: `The archive is larger than ${mb} MB and was not read. Unpack it and choose the folder, or import it with the Regie app or regie import.`,
      },
    };
    this.record(outcome);
    return outcome;
  }

  /** Ends the run (an all-or-nothing run is stored now) and gives the summary. */
  finish(): ImportRunReport {
    if (this.options.allOrNothing) this.storeAllOrNothing();
    this.report(null, true);
    const counts = { imported: 0, unchanged: 0, refused: 0, skipped: 0 };
    const records = { created: 0, updated: 0, unchanged: 0, byType: {} as Record<string, number> };
    for (const outcome of this.outcomes) {
      counts[outcome.status] += 1;
      if (outcome.status !== 'imported' && outcome.status !== 'unchanged') continue;
      records.created += outcome.created ?? 0;
      records.updated += outcome.updated ?? 0;
      records.unchanged += outcome.unchanged ?? 0;
      if (!this.options.allOrNothing) addCounts(records.byType, outcome.byType ?? {});
    }
    if (this.options.allOrNothing && this.storedAll) Object.assign(records, this.storedAll);
    return { files: this.outcomes, counts, records, allOrNothing: this.options.allOrNothing === true, stopped: this.stoppedBy };
  }

  // ——— one file ———

  private unreadOutcome(name: string, size: number): ImportFileOutcome | null {
    const kind = kindOfFile(name, !name.includes('/'));
    if (kind === 'other') return outcomeFor(name, 'not-fhir');
    if (kind === 'document' && !this.options.documents) return outcomeFor(name, 'document-not-asked');
    if (kind === 'document' && size > maxDocumentBytes) return documentRefused(name, 'too-large');
    if (kind === 'fhir' && size > (this.deps.archiveLimits?.maxEntryBytes ?? defaultArchiveLimits.maxEntryBytes)) return outcomeFor(name, 'too-large');
    if (size === 0 && kind !== 'system') return kind === 'document' ? documentRefused(name, 'empty') : outcomeFor(name, 'empty');
    return null;
  }

  private async importFile(name: string, size: number, read: () => Promise<Buffer>, archive: { path: string } | { buffer: Buffer }): Promise<void> {
    const kind = kindOfFile(name, !name.includes('/'));
    if (kind === 'system') return this.passed();
    const unread = this.unreadOutcome(name, size);
    if (unread) return this.record(unread);
    if (kind === 'archive') return this.importArchive(name, archive);
    let bytes: Buffer;
    try {
      bytes = await read();
    } catch {
      return this.record(outcomeFor(name, 'unreadable'));
    }
    this.importBytes(name, kind === 'document' ? 'document' : 'fhir', bytes);
  }

  private async importArchive(name: string, source: { path: string } | { buffer: Buffer }): Promise<void> {
    const items = readArchive(source, name, {
      documents: this.options.documents === true,
      stopped: () => this.stoppedBy !== null,
      ...(this.deps.archiveLimits && { limits: this.deps.archiveLimits }),
    });
    for await (const item of items) {
      if (item.kind === 'opened') {
        // The archive counted as one file; now it counts as what is in it.
        if (this.total !== null) this.total += item.entries - 1;
        else this.total = item.entries;
        continue;
      }
      if (item.kind === 'passed') this.passed();
      else if (item.kind === 'problem') this.record(item.outcome);
      else this.importBytes(item.name, item.fileKind, item.bytes);
      if (this.stoppedBy) break;
      await breathe();
    }
  }

  private importBytes(name: string, kind: 'fhir' | 'document', bytes: Buffer): void {
    let store: RecordStore;
    try {
      store = this.deps.store();
    } catch (error) {
      if (error instanceof RegieError && error.code === 'profile-locked') return this.locked();
      throw error;
    }
    if (kind === 'document') return this.importDocument(store, name, bytes);
    if (this.options.allOrNothing) return this.prepareForLater(name, bytes);
    const report = importFiles(store, [{ name, content: bytes }], {
      ...(this.options.sourceLabel !== undefined && { sourceLabel: this.options.sourceLabel }),
      now: this.deps.now(),
      representationBirthDate: this.deps.representationBirthDate(store),
      ...(this.options.allowOtherPerson && { allowOtherPerson: true }),
    });
    this.record(outcomeOfReport(name, report));
  }

  private importDocument(store: RecordStore, name: string, bytes: Buffer): void {
    const now = new Date(this.deps.now());
    try {
      const summary = addOwnDocument(store, { bytes, title: titleOfFile(name), date: this.options.documentDate ?? wallClock(now).slice(0, 10) }, now);
      this.record({ file: name, status: 'imported', resources: 1, created: 1, updated: 0, unchanged: 0, byType: { DocumentReference: 1 }, recordId: summary.id });
    } catch (error) {
      if (error instanceof RegieError && error.code === 'document-rejected') return this.record(documentRefused(name, String(error.params?.reason ?? 'type')));
      if (error instanceof RegieError && error.code === 'profile-locked') return this.locked();
      throw error;
    }
  }

  private prepareForLater(name: string, bytes: Buffer): void {
    const prepared = prepareImportFile({ name, content: bytes }, { ...(this.options.sourceLabel !== undefined && { sourceLabel: this.options.sourceLabel }) });
    if (!prepared.ok) return this.record(outcomeOfReport(name, refusedReport(prepared.problems)));
    const byType: Record<string, number> = {};
    for (const resource of prepared.file.batch.resources) {
      const type = String(resource.r4?.resourceType ?? resource.resourceType);
      byType[type] = (byType[type] ?? 0) + 1;
    }
    const outcome: ImportFileOutcome = { file: name, status: 'imported', resources: prepared.file.batch.resources.length, byType };
    this.readyBytes += bytes.length;
    if (this.readyBytes > (this.deps.maxAllOrNothingBytes ?? defaultMaxAllOrNothingBytes)) this.tooLargeForOneRun = true;
    this.ready.push({ outcome, file: prepared.file });
    this.record(outcome);
  }

  private storeAllOrNothing(): void {
    const refusedOne = this.outcomes.some((outcome) => outcome.status === 'refused');
    const holdBack = (code: 'held-back' | 'run-too-large' | 'canceled') => {
      for (const { outcome } of this.ready) Object.assign(outcome, outcomeFor(outcome.file, code), { file: outcome.file });
    };
    if (this.stoppedBy) return holdBack('canceled');
    if (this.tooLargeForOneRun) return holdBack('run-too-large');
    if (refusedOne) return holdBack('held-back');
    if (this.ready.length === 0) return;
    let store: RecordStore;
    try {
      store = this.deps.store();
    } catch (error) {
      if (error instanceof RegieError && error.code === 'profile-locked') {
        this.locked();
        return holdBack('canceled');
      }
      throw error;
    }
    const report = storePreparedFiles(
      store,
      this.ready.map(({ file }) => file),
      {
        ...(this.options.sourceLabel !== undefined && { sourceLabel: this.options.sourceLabel }),
        now: this.deps.now(),
        representationBirthDate: this.deps.representationBirthDate(store),
        ...(this.options.allowOtherPerson && { allowOtherPerson: true }),
      },
    );
    if (report.ok) {
      const { ok: _ok, ...counts } = report;
      this.storedAll = counts;
      return;
    }
    // Nothing was stored: every file says why (its own problems, or whose data it is).
    for (const { outcome } of this.ready) {
      const own = report.problems.filter((problem) => problem.file === outcome.file);
      const refused = outcomeOfReport(outcome.file, { ...report, problems: own.length > 0 || report.otherPerson ? own : report.problems });
      for (const key of Object.keys(outcome) as Array<keyof ImportFileOutcome>) delete outcome[key];
      Object.assign(outcome, refused);
    }
  }

  // ——— bookkeeping ———

  private record(outcome: ImportFileOutcome): void {
    this.outcomes.push(outcome);
    this.done += 1;
    this.report(outcome.file);
  }

  private passed(): void {
    this.done += 1;
    this.report(null);
  }

  private report(current: string | null, force = false): void {
    const at = Date.now();
    if (!force && at - this.lastProgress < progressIntervalMs && this.done !== this.total) return;
    this.lastProgress = at;
    this.deps.progress({ done: this.done, total: this.total, current });
  }
}

/** A file's outcome from the import report of that one file. */
function outcomeOfReport(file: string, report: ImportReport): ImportFileOutcome {
  if (report.ok) {
    const resources = Object.values(report.byType).reduce((sum, n) => sum + n, 0);
    const changed = report.created + report.updated > 0;
    return {
      file,
      status: changed || resources === 0 ? 'imported' : 'unchanged',
      resources,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      byType: report.byType,
    };
  }
  const explanation = report.explanation ?? { nl: 'Er is niets geïmporteerd.', en: 'Nothing has been imported.' };
  return {
    file,
    status: 'refused',
    reason: { code: report.otherPerson ? 'other-person' : 'fhir-problems', ...explanation },
    ...(report.problems.length > 0 && { problems: report.problems.slice(0, maxProblemsPerFile) }),
    ...(report.otherPerson && { otherPerson: report.otherPerson }),
  };
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [type, n] of Object.entries(from)) into[type] = (into[type] ?? 0) + n;
}

/** Lets other calls (cancel, reads of the UI) in between two files. */
function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
