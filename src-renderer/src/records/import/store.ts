/** "Bestand importeren": reading the chosen files, sending them to the core, and the outcome. */
import { create } from 'zustand';
import type { ErrorPayload } from '../../../../src-preload/contract/errors';
import type { ImportReport } from '../../../../src-preload/contract/records';
import { call, toErrorPayload } from '../../api/client';
import { useRecordsData } from '../data-store';
import { currentSession, registerReset, stillCurrent } from '../reset';
import { bytesToBase64 } from './base64';

/** The largest file Regie accepts for import (the core enforces its own limits as well). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
export const MAX_IMPORT_FILES = 100;
export const acceptedExtensions = ['.json', '.xml'];

export type ImportPhase =
  | { name: 'idle' }
  | { name: 'reading'; done: number; total: number }
  | { name: 'importing'; total: number }
  | { name: 'done'; fileNames: string[]; report: ImportReport }
  | { name: 'rejected'; reason: 'tooLarge' | 'tooMany' | 'wrongType' | 'unreadable'; fileName?: string }
  | { name: 'failed'; error: ErrorPayload };

interface ImportState {
  phase: ImportPhase;
  run(files: File[]): Promise<void>;
  dismiss(): void;
}

export const useImportStore = create<ImportState>()((set, get) => ({
  phase: { name: 'idle' },
  async run(files) {
    const busy = get().phase.name;
    if (busy === 'reading' || busy === 'importing') return;
    const session = currentSession();
    if (!session || files.length === 0) return;
    if (files.length > MAX_IMPORT_FILES) return set({ phase: { name: 'rejected', reason: 'tooMany' } });
    for (const file of files) {
      const lower = file.name.toLowerCase();
      if (!acceptedExtensions.some((ext) => lower.endsWith(ext)))
        return set({ phase: { name: 'rejected', reason: 'wrongType', fileName: file.name } });
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
  dismiss: () => set({ phase: { name: 'idle' } }),
}));

registerReset(() => useImportStore.setState({ phase: { name: 'idle' } }));
