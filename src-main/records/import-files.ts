/**
 * "Bestand importeren" / `regie import`: parse, normalize and validate every file first (fhir
 * layer), then store all of them in one transaction. One bad file imports nothing.
 */
import type { ImportProblem, ImportReport } from '../../src-preload/contract/records';
import { prepareImport } from '../fhir/index';
import type { RecordStore } from './record-store';
import type { ImportBatch } from './types';

export interface ImportFile {
  name: string;
  content: Buffer;
}

export interface ImportFilesOptions {
  /** One source label for all files (e.g. "Brief cardioloog"); by default each file is its own source. */
  sourceLabel?: string;
  now?: Date | number;
}

export function importFiles(store: RecordStore, files: readonly ImportFile[], options: ImportFilesOptions = {}): ImportReport {
  const problems: ImportProblem[] = [];
  const batches: ImportBatch[] = [];
  for (const file of files) {
    const result = prepareImport(file.content);
    if (!result.ok) {
      for (const problem of result.problems) problems.push({ file: file.name, entryPath: problem.entryPath, message: problem.message });
      continue;
    }
    const label = options.sourceLabel?.trim() || file.name;
    batches.push({ source: { kind: 'file', label }, resources: result.resources, file: file.name });
  }
  if (problems.length > 0) return { ok: false, problems };
  return store.importBatches(batches, { ...(options.now !== undefined && { now: options.now }) });
}
