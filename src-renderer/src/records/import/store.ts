/**
 * Adding files: FHIR files are read, sent to the core and imported all or nothing; one letter (PDF)
 * or photo (JPEG, PNG) becomes the person's own document once they give it a title and a date.
 */
import { create } from 'zustand';
import type { ErrorPayload } from '../../../../src-preload/contract/errors';
import type { ImportReport, RecordSummary } from '../../../../src-preload/contract/records';
import { call, toErrorPayload } from '../../api/client';
import { useRecordsData } from '../data-store';
import { currentSession, registerReset, stillCurrent } from '../reset';
import { bytesToBase64 } from './base64';

/** The largest file Regie accepts for import (the core enforces its own limits as well). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
export const MAX_IMPORT_FILES = 100;
export const fhirExtensions = ['.json', '.xml'];
export const documentExtensions = ['.pdf', '.png', '.jpg', '.jpeg'];

export type RejectReason = 'tooLarge' | 'tooMany' | 'wrongType' | 'unreadable' | 'oneDocument' | 'documentTooLarge';

export type ImportPhase =
  | { name: 'idle' }
  | { name: 'reading'; done: number; total: number }
  | { name: 'importing'; total: number }
  | { name: 'done'; fileNames: string[]; report: ImportReport }
  | { name: 'rejected'; reason: RejectReason; fileName?: string }
  | { name: 'failed'; error: ErrorPayload }
  /** A letter or photo waiting for its title and date. */
  | { name: 'document'; file: File; saving: boolean; error: ErrorPayload | null }
  | { name: 'documentDone'; summary: RecordSummary };

interface ImportState {
  phase: ImportPhase;
  run(files: File[]): Promise<void>;
  saveDocument(title: string, date: string): Promise<void>;
  dismiss(): void;
}

const hasExtension = (name: string, extensions: readonly string[]) => extensions.some((ext) => name.toLowerCase().endsWith(ext));

export const useImportStore = create<ImportState>()((set, get) => ({
  phase: { name: 'idle' },
  async run(files) {
    const busy = get().phase;
    if (busy.name === 'reading' || busy.name === 'importing' || (busy.name === 'document' && busy.saving)) return;
    const session = currentSession();
    if (!session || files.length === 0) return;
    if (files.length > MAX_IMPORT_FILES) return set({ phase: { name: 'rejected', reason: 'tooMany' } });
    const documents = files.filter((file) => hasExtension(file.name, documentExtensions));
    if (documents.length > 0) {
      if (files.length > 1) return set({ phase: { name: 'rejected', reason: 'oneDocument' } });
      const [file] = documents as [File];
      if (file.size > MAX_DOCUMENT_BYTES) return set({ phase: { name: 'rejected', reason: 'documentTooLarge', fileName: file.name } });
      return set({ phase: { name: 'document', file, saving: false, error: null } });
    }
    for (const file of files) {
      if (!hasExtension(file.name, fhirExtensions)) return set({ phase: { name: 'rejected', reason: 'wrongType', fileName: file.name } });
      if (file.size > MAX_IMPORT_BYTES) return set({ phase: { name: 'rejected', reason: 'tooLarge', fileName: file.name } });
    }
    set({ phase: { name: 'reading', done: 0, total: files.length } });
    const payload: Array<{ name: string; contentBase64: string }> = [];
    for (const [index, file] of files.entries()) {
      try {
        payload.push({ name: file.name, contentBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) });
      } catch {
        if (stillCurrent(session)) set({ phase: { name: 'rejected', reason: 'unreadable', fileName: file.name } });
        return;
      }
      if (!stillCurrent(session)) return;
      set({ phase: { name: 'reading', done: index + 1, total: files.length } });
    }
    set({ phase: { name: 'importing', total: files.length } });
    try {
      const report = await call('records.import', { profileId: session.profileId, files: payload });
      if (!stillCurrent(session)) return;
      set({ phase: { name: 'done', fileNames: files.map((f) => f.name), report } });
      if (report.ok) useRecordsData.getState().invalidate();
    } catch (error) {
      if (stillCurrent(session)) set({ phase: { name: 'failed', error: toErrorPayload(error) } });
    }
  },
  async saveDocument(title, date) {
    const phase = get().phase;
    const session = currentSession();
    if (phase.name !== 'document' || phase.saving || !session) return;
    const { file } = phase;
    set({ phase: { ...phase, saving: true, error: null } });
    try {
      const contentBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      if (!stillCurrent(session)) return;
      const summary = await call('records.addDocument', { profileId: session.profileId, title, date, contentBase64 });
      if (!stillCurrent(session)) return;
      set({ phase: { name: 'documentDone', summary } });
      useRecordsData.getState().invalidate();
    } catch (error) {
      if (stillCurrent(session)) set({ phase: { name: 'document', file, saving: false, error: toErrorPayload(error) } });
    }
  },
  dismiss: () => set({ phase: { name: 'idle' } }),
}));

registerReset(() => useImportStore.setState({ phase: { name: 'idle' } }));
