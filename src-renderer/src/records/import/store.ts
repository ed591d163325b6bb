/**
 * Adding files: any number of files, folders and .zip archives go to the core's import session
 * (imports.*), which imports each file whole or not at all and ends with an outcome per file. The
 * desktop app lets the core open the system's own dialogs and read from disk; a browser sends what
 * the person chose piece by piece. One letter (PDF) or photo (JPEG, PNG) chosen on its own becomes
 * the person's own document once they give it a title and a date.
 */
import { create } from 'zustand';
import type { ErrorPayload } from '../../../../src-preload/contract/errors';
import type { ImportFileOutcome, ImportRunReport } from '../../../../src-preload/contract/imports';
import type { RecordSummary } from '../../../../src-preload/contract/records';
import { call, onEvent, toErrorPayload } from '../../api/client';
import { i18n } from '../../i18n';
import { useRecordsData } from '../data-store';
import { currentSession, registerReset, stillCurrent } from '../reset';
import { bytesToBase64 } from './base64';
import type { PickedFile } from './picked-files';
import { uploadFiles } from './upload';

/** The largest letter or photo (the core enforces its own limits as well). */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
export const documentExtensions = ['.pdf', '.png', '.jpg', '.jpeg'];

export type RejectReason = 'documentTooLarge';

export type ImportPhase =
  | { name: 'idle' }
  | { name: 'importing'; done: number; total: number | null; current: string | null; stopping: boolean }
  /** `folder`: something other than single files was chosen, so the summary is per file. */
  | { name: 'done'; report: ImportRunReport; folder: boolean }
  | { name: 'rejected'; reason: RejectReason; fileName?: string }
  | { name: 'failed'; error: ErrorPayload }
  /** A letter or photo waiting for its title and date. */
  | { name: 'document'; file: File; saving: boolean; error: ErrorPayload | null }
  | { name: 'documentDone'; summary: RecordSummary };

interface ImportState {
  phase: ImportPhase;
  /** What the person picked or dropped (a browser, or a drop in the app). */
  run(files: PickedFile[]): Promise<void>;
  /** The desktop app: the core opens the system's dialog and reads what is chosen from disk. */
  pick(what: 'files' | 'folder', title: string): Promise<void>;
  /** Stops between two files; what was imported stays. */
  stop(): void;
  saveDocument(title: string, date: string): Promise<void>;
  dismiss(): void;
}

const hasExtension = (name: string, extensions: readonly string[]) => extensions.some((ext) => name.toLowerCase().endsWith(ext));

let activeImport: string | null = null;
let stopRequested = false;

export const isBusy = (phase: ImportPhase): boolean => phase.name === 'importing' || (phase.name === 'document' && phase.saving);

export const useImportStore = create<ImportState>()((set, get) => {
  /** Runs one import session: begin, feed it (`feed`), finish; the count follows the core's progress events. */
  async function session(feed: (importId: string, chunkBytes: number, extra: ImportFileOutcome[]) => Promise<boolean>, expectedFiles?: number, folder = false) {
    const current = currentSession();
    if (!current || isBusy(get().phase)) return;
    stopRequested = false;
    set({ phase: { name: 'importing', done: 0, total: expectedFiles ?? null, current: null, stopping: false } });
    let importId: string | null = null;
    const stopListening = onEvent((message) => {
      if (message.event !== 'imports.progress') return;
      const progress = message.payload as { importId: string; done: number; total: number | null; current: string | null };
      const phase = get().phase;
      if (progress.importId !== importId || phase.name !== 'importing' || !stillCurrent(current)) return;
      set({ phase: { ...phase, done: progress.done, total: progress.total ?? phase.total, current: progress.current ?? phase.current } });
    });
    try {
      const begun = await call('imports.begin', { profileId: current.profileId, ...(expectedFiles !== undefined && { expectedFiles }) });
      importId = begun.importId;
      activeImport = importId;
      const extra: ImportFileOutcome[] = [];
      const chose = await feed(begun.importId, begun.chunkBytes, extra);
      if (!chose) {
        await call('imports.cancel', { importId: begun.importId });
        await call('imports.finish', { importId: begun.importId }).catch(() => undefined);
        if (stillCurrent(current)) set({ phase: { name: 'idle' } });
        return;
      }
      const report = await call('imports.finish', { importId: begun.importId });
      if (!stillCurrent(current)) return;
      const files = [...report.files, ...extra];
      const withExtra = extra.length === 0 ? report : { ...report, files, counts: { ...report.counts, refused: report.counts.refused + extra.length } };
      set({ phase: { name: 'done', report: withExtra, folder: folder || files.length !== 1 || files[0]!.file.includes('/') } });
      if (report.counts.imported > 0) useRecordsData.getState().invalidate();
    } catch (error) {
      if (importId) void call('imports.cancel', { importId }).catch(() => undefined);
      if (stillCurrent(current)) set({ phase: { name: 'failed', error: toErrorPayload(error) } });
    } finally {
      stopListening();
      activeImport = null;
    }
  }

  return {
    phase: { name: 'idle' },
    async run(picked) {
      if (picked.length === 0 || isBusy(get().phase)) return;
      const [only] = picked;
      if (picked.length === 1 && only && !only.inFolder && hasExtension(only.file.name, documentExtensions)) {
        if (only.file.size > MAX_DOCUMENT_BYTES) return set({ phase: { name: 'rejected', reason: 'documentTooLarge', fileName: only.file.name } });
        return set({ phase: { name: 'document', file: only.file, saving: false, error: null } });
      }
      const folder = picked.some((p) => p.inFolder);
      await session(
        async (importId, chunkBytes, extra) => {
          for (const one of picked) {
            if (stopRequested) break;
            try {
              await uploadFiles(importId, chunkBytes, [one], { stopped: () => stopRequested, onOutcomes: () => undefined });
            } catch (error) {
              // A file that vanished or cannot be read is one refused file, not the end of the import.
              if (!(error instanceof DOMException)) throw error;
              extra.push(unreadable(one.path));
            }
          }
          return true;
        },
        picked.length,
        folder,
      );
    },
    async pick(what, title) {
      await session(async (importId) => (await call('imports.pick', { importId, what, title })).picked > 0, undefined, what === 'folder');
    },
    stop() {
      const phase = get().phase;
      if (phase.name !== 'importing' || phase.stopping) return;
      stopRequested = true;
      set({ phase: { ...phase, stopping: true } });
      if (activeImport) void call('imports.cancel', { importId: activeImport }).catch(() => undefined);
    },
    async saveDocument(title, date) {
      const phase = get().phase;
      const current = currentSession();
      if (phase.name !== 'document' || phase.saving || !current) return;
      const { file } = phase;
      set({ phase: { ...phase, saving: true, error: null } });
      try {
        const contentBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
        if (!stillCurrent(current)) return;
        const summary = await call('records.addDocument', { profileId: current.profileId, title, date, contentBase64 });
        if (!stillCurrent(current)) return;
        set({ phase: { name: 'documentDone', summary } });
        useRecordsData.getState().invalidate();
      } catch (error) {
        if (stillCurrent(current)) set({ phase: { name: 'document', file, saving: false, error: toErrorPayload(error) } });
      }
    },
    dismiss: () => set({ phase: { name: 'idle' } }),
  };
});

function unreadable(file: string): ImportFileOutcome {
  const words = (language: 'nl' | 'en') => i18n.getFixedT(language)('bulk.unreadable');
  return { file, status: 'refused', reason: { code: 'unreadable', nl: words('nl'), en: words('en') } };
}

registerReset(() => {
  if (activeImport) void call('imports.cancel', { importId: activeImport }).catch(() => undefined);
  stopRequested = true;
  useImportStore.setState({ phase: { name: 'idle' } });
});
