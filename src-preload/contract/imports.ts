/**
 * Bulk import: any number of files, folders and .zip archives, each file imported whole or not at
 * all, with a summary per file. An import is a session in the core, so no single message is large:
 *
 *   imports.begin → (imports.addPaths | imports.pick | imports.upload…) → imports.finish
 *
 * The CLI hands the core paths (addPaths; only where the core runs as the CLI), the desktop app lets
 * the core open the system's own picker (pick), and a browser uploads what the person chose in
 * chunks (upload). Uploaded files are imported as soon as their last chunk arrives; paths are read
 * from disk by finish. imports.progress reports the count as it goes; imports.cancel stops between
 * two files.
 */
import { z } from 'zod';
import type { OtherPerson } from './identity';
import type { ImportProblem } from './records';

const profileId = z.string().regex(/^[a-z0-9]{26}$/, 'profile id');
const importId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'import id');

/** The largest piece of a file one imports.upload carries (bytes, before base64). */
export const importChunkBytes = 4 * 1024 * 1024;

export const importRequestSchemas = {
  'imports.begin': z.object({
    profileId,
    /** One source label for every file (by default each file is its own source, named after it). */
    sourceLabel: z.string().max(200).optional(),
    /** The person knows this is someone else's data and wants it in this profile anyway (--other-person). */
    allowOtherPerson: z.boolean().optional(),
    /** The whole run is one transaction: one refused file stores nothing at all (--all-or-nothing). */
    allOrNothing: z.boolean().optional(),
    /** Letters (PDF) and photos (JPEG, PNG) among the files become own documents, titled by their file name (--documents). */
    documents: z.boolean().optional(),
    /** YYYY-MM-DD: the date of those documents (default: today). */
    documentDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'date (YYYY-MM-DD)')
      .optional(),
    /** How many files the caller is about to upload, for the progress count. */
    expectedFiles: z.number().int().min(0).max(10_000_000).optional(),
  }),
  /** Files, folders and archives on this computer, read by the core itself. Only where the core runs as the CLI. */
  'imports.addPaths': z.object({ importId, paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000) }),
  /** The system's own picker (the desktop app: app.info canPickImport); what the person chooses is added. */
  'imports.pick': z.object({ importId, what: z.enum(['files', 'folder']), title: z.string().min(1).max(200) }),
  /**
   * One piece of one file, in order (offset = bytes sent before). `name` is the file's path inside
   * what the person chose ("export/brieven/a.json"); `size` its total size.
   */
  'imports.upload': z.object({
    importId,
    name: z.string().min(1).max(1024),
    size: z.number().int().min(0),
    offset: z.number().int().min(0),
    dataBase64: z.string().max(Math.ceil(importChunkBytes / 3) * 4),
    last: z.boolean(),
  }),
  /** Reads and imports the added paths, then ends the run (an all-or-nothing run is stored here) and gives the summary. */
  'imports.finish': z.object({ importId }),
  /** Stops between two files: what was imported stays (nothing, in an all-or-nothing run). */
  'imports.cancel': z.object({ importId }),
} as const;

/** Why a file was not imported (or only skipped), in words for people and as a code for scripts. */
export type FileReasonCode =
  /** Not a FHIR file (.json, .xml), letter, photo or .zip archive. */
  | 'not-fhir'
  /** A letter or photo in a folder or archive (or among other files), while documents were not asked for. */
  | 'document-not-asked'
  | 'document-rejected'
  | 'empty'
  | 'too-large'
  /** The FHIR layer found problems (technical detail in `problems`). */
  | 'fhir-problems'
  | 'other-person'
  /** An archive entry that would expand far beyond its packed size, or an archive beyond the total limit. */
  | 'zip-bomb'
  /** An archive entry whose name leads outside the archive ("../", an absolute path, a drive letter). */
  | 'unsafe-name'
  /** A link inside an archive (never followed). */
  | 'archive-link'
  /** A folder link that leads back into a folder already being read. */
  | 'link-loop'
  /** An archive inside an archive: unpack it first. */
  | 'nested-archive'
  | 'archive-damaged'
  | 'encrypted'
  | 'unreadable'
  /** All or nothing: stored nothing because another file was refused. */
  | 'held-back'
  /** All or nothing: too much data for one transaction. */
  | 'run-too-large'
  /** All or nothing: the person stopped the run, so nothing was stored. */
  | 'canceled';

export interface ImportFileOutcome {
  /** The file's path as the person knows it: "export.zip/brieven/a.json". */
  file: string;
  status: 'imported' | 'unchanged' | 'refused' | 'skipped';
  /** Records in the file, and (when stored on its own) how many were new, updated or already there. */
  resources?: number;
  created?: number;
  updated?: number;
  unchanged?: number;
  byType?: Record<string, number>;
  /** An own document that was added. */
  recordId?: string;
  reason?: { code: FileReasonCode; nl: string; en: string };
  /** The technical detail of a refused FHIR file (at most 20). */
  problems?: ImportProblem[];
  otherPerson?: OtherPerson;
}

export interface ImportRunReport {
  files: ImportFileOutcome[];
  /** Files per status. */
  counts: { imported: number; unchanged: number; refused: number; skipped: number };
  /** Records over all stored files. */
  records: { created: number; updated: number; unchanged: number; byType: Record<string, number> };
  allOrNothing: boolean;
  /** Set when the run stopped before every file was read: the person cancelled, or the profile locked. */
  stopped: 'canceled' | 'locked' | null;
}

export interface ImportResponses {
  'imports.begin': { importId: string; chunkBytes: number };
  'imports.addPaths': { added: number };
  /** How many files, folders or archives the person chose (0: the dialog was closed). */
  'imports.pick': { picked: number };
  /** When `last`: the outcome of that file (an archive: of each file in it). */
  'imports.upload': { received: number; outcomes: ImportFileOutcome[] };
  'imports.finish': ImportRunReport;
  'imports.cancel': Record<string, never>;
}

export interface ImportEvents {
  /** done: files handled so far; total: files known so far (archives add theirs once opened); null when unknown. */
  'imports.progress': { importId: string; done: number; total: number | null; current: string | null };
}
