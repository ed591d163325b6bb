/**
 * "Bestand importeren" / `regie import`: parse, normalize and validate every file first (fhir
 * layer), check that the data is about the person this profile belongs to, then store all of them
 * in one transaction. One bad file, or data of someone else, imports nothing.
 */
import { otherPersonMessage, type OtherPerson } from '../../src-preload/contract/identity';
import type { ImportProblem, ImportReport } from '../../src-preload/contract/records';
import { prepareImport } from '../fhir/index';
import { explainImportProblems, type CodedProblem } from './import-explanation';
import { gateImport } from './person-identity';
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
  /** Birth date of the person a caregiver profile represents (MedMij "namens"). */
  representationBirthDate?: string | null;
  /** The person knows the data is someone else's (CLI --other-person). */
  allowOtherPerson?: boolean;
  /** 'example': the practice profile's fictitious Voorbeeld-PGO. */
  originKind?: 'file' | 'example';
}

export function importFiles(store: RecordStore, files: readonly ImportFile[], options: ImportFilesOptions = {}): ImportReport {
  const problems: Array<ImportProblem & CodedProblem> = [];
  const batches: ImportBatch[] = [];
  for (const file of files) {
    const result = prepareImport(file.content);
    if (!result.ok) {
      for (const problem of result.problems) {
        problems.push({ file: file.name, entryPath: problem.entryPath, code: problem.code, message: problem.message });
      }
      continue;
    }
    const label = options.sourceLabel?.trim() || file.name;
    batches.push({ source: { kind: 'file', label }, resources: result.resources, file: file.name });
  }
  if (problems.length > 0) {
    return { ok: false, problems: problems.map(({ code: _code, ...rest }) => rest), explanation: explainImportProblems(problems) };
  }
  const now = new Date(options.now ?? Date.now());
  const gate = gateImport(
    store,
    batches.flatMap((batch) => batch.resources),
    {
      origin: { kind: options.originKind ?? 'file', label: options.sourceLabel?.trim() || files.map((f) => f.name).join(', ') },
      now,
      ...(options.representationBirthDate !== undefined && { representationBirthDate: options.representationBirthDate }),
      ...(options.allowOtherPerson !== undefined && { allowOtherPerson: options.allowOtherPerson }),
    },
  );
  if (!gate.ok) return otherPersonReport(files.map((f) => f.name).join(', '), gate.otherPerson);
  return store.importBatches(batches, { now, ...(gate.personSettings && { personSettings: gate.personSettings }) });
}

/** The refusal of data about someone else: one problem and one explanation, both the same words. */
export function otherPersonReport(file: string, otherPerson: OtherPerson): ImportReport {
  const message = { nl: otherPersonMessage(otherPerson, 'nl'), en: otherPersonMessage(otherPerson, 'en') };
  return { ok: false, problems: [{ file, entryPath: '', message }], explanation: message, otherPerson };
}
