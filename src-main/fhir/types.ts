/** Shared shapes of the FHIR input layer. */
export type FhirVersion = 'STU3' | 'R4';
export type FhirFormat = 'json' | 'xml';
export type FhirJson = Record<string, unknown>;

/** A bilingual problem tied to the entry that caused it; one problem fails the whole input. */
export interface ImportProblem {
  /** e.g. 'Bundle.entry[3].resource'; INPUT_PATH for the input as a whole */
  entryPath: string;
  code: string;
  message: { nl: string; en: string };
}

export interface ReceivedResource {
  resourceType: string;
  id: string | null;
  fhirVersion: FhirVersion;
  format: FhirFormat;
  /** This resource exactly as received: its JSON text, or its XML element (with the FHIR namespace). */
  originalText: string;
  /** FHIR JSON form, still in its own version. */
  json: FhirJson;
  entryPath: string;
  fullUrl?: string;
}

export type ParseResult =
  | { ok: true; fhirVersion: FhirVersion; format: FhirFormat; resources: ReceivedResource[] }
  | { ok: false; problems: ImportProblem[] };

export const INPUT_PATH = '(input)';

export function isObject(v: unknown): v is FhirJson {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
