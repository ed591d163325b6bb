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
import type { EarlyDigests } from './early-digests';
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
  const prepared: PreparedFile[] = [];
  // A large file's digests begin on a worker while the rest of it is still read and checked.
  const early = store.earlyDigests();
  try {
    for (const file of files) {
      const result = prepareImportFile(file, { ...options, ...(problems.length === 0 && { early }) });
      if (result.ok) prepared.push(result.file);
      else problems.push(...result.problems);
    }
    if (problems.length > 0) return refusedReport(problems);
    return storePreparedFiles(store, prepared, { ...options, early });
  } finally {
    early.close();
  }
}

/** One file read and checked by the FHIR layer, ready to store (nothing written yet). */
export interface PreparedFile {
  name: string;
  batch: ImportBatch;
}

/** Parses, converts and validates one file; its problems carry the file's name and a code. */
export function prepareImportFile(
  file: ImportFile,
  options: Pick<ImportFilesOptions, 'sourceLabel'> & { early?: EarlyDigests } = {},
): { ok: true; file: PreparedFile } | { ok: false; problems: Array<ImportProblem & CodedProblem> } {
  const result = prepareImport(file.content, options.early ? { sink: options.early } : {});
  if (!result.ok) {
    return {
      ok: false,
      problems: result.problems.map((problem) => ({ file: file.name, entryPath: problem.entryPath, code: problem.code, message: problem.message })),
    };
  }
  const label = options.sourceLabel?.trim() || file.name;
  return { ok: true, file: { name: file.name, batch: { source: { kind: 'file', label }, resources: result.resources, file: file.name } } };
}

/** The refusal of files the FHIR layer found problems in, with the plain-words explanation. */
export function refusedReport(problems: ReadonlyArray<ImportProblem & CodedProblem>): ImportReport {
  return { ok: false, problems: problems.map(({ code: _code, ...rest }) => rest), explanation: explainImportProblems(problems) };
}

/** Checks whom prepared files are about (one person per profile), then stores all of them in one transaction. */
export function storePreparedFiles(
  store: RecordStore,
  files: readonly PreparedFile[],
  options: ImportFilesOptions & { early?: EarlyDigests } = {},
): ImportReport {
  const now = new Date(options.now ?? Date.now());
  const names = files.map((f) => f.name).join(', ');
  const gate = gateImport(
    store,
    files.flatMap((file) => file.batch.resources),
    {
      origin: { kind: options.originKind ?? 'file', label: options.sourceLabel?.trim() || names },
      now,
      ...(options.representationBirthDate !== undefined && { representationBirthDate: options.representationBirthDate }),
      ...(options.allowOtherPerson !== undefined && { allowOtherPerson: options.allowOtherPerson }),
    },
  );
  if (!gate.ok) return otherPersonReport(names, gate.otherPerson);
  return store.importBatches(
    files.map((file) => file.batch),
    { now, ...(gate.personSettings && { personSettings: gate.personSettings }), ...(options.early && { early: options.early }) },
  );
}

/** The refusal of data about someone else: one problem and one explanation, both the same words. */
export function otherPersonReport(file: string, otherPerson: OtherPerson): ImportReport {
  const message = { nl: otherPersonMessage(otherPerson, 'nl'), en: otherPersonMessage(otherPerson, 'en') };
  return { ok: false, problems: [{ file, entryPath: '', message }], explanation: message, otherPerson };
}
