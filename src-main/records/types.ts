import type { RecordSource } from '../../src-preload/contract/records';
import type { FhirJson, ReceivedResource } from '../fhir/types';

/** Where an import comes from; its id is derived from it (see ids.sourceIdOf). */
export type SourceInput = Omit<RecordSource, 'id'>;

/**
 * A resource to import; `r4` when the caller (e.g. fhir.prepareImport) has already normalized it.
 * With `normalizedType` (fhir TextBackedResource: a large input) it is normalized and checked, and
 * held as text: its `r4` getter parses (and converts) it on every access, so take it once per use.
 */
export type ImportResource = ReceivedResource & { r4?: FhirJson; readonly normalizedType?: string };

export interface ImportBatch {
  source: SourceInput;
  resources: readonly ImportResource[];
  /** File name for problems in the report (default: the source label). */
  file?: string;
}

export interface ImportOptions {
  /** Time of receipt (default: the store's clock). */
  now?: Date | number;
  /** File name for problems in the report. */
  file?: string;
  /** Attach identical content from another source to the existing record (default true). */
  dedupe?: boolean;
  /** Person settings written in the import's own transaction (e.g. the identity the profile takes on). */
  personSettings?: Record<string, unknown>;
}

export interface Attachment {
  title: string;
  contentType: string;
  data: Buffer;
}
