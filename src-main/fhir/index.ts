/** FHIR input layer: parse what a provider or file sends, normalise to R4, validate, index. */
import { parseFhirInput, type ParseOptions } from './parse-input';
import { convertToR4 } from './stu3-to-r4/index';
import type { FhirJson, ImportProblem, ReceivedResource } from './types';
import { isResourceType } from './resource-types';
import { unknownResourceType, validateResource } from './validate';

export { parseFhirInput, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, type ParseOptions } from './parse-input';
export { convertToR4 } from './stu3-to-r4/index';
export { validateResource } from './validate';
export { isResourceType, RESOURCE_TYPES } from './resource-types';
export { readableText } from './readable-text';
export { indexFields, type IndexFields } from './summary';
export * from './types';

export interface PreparedResource extends ReceivedResource {
  /** The R4 form the app uses. */
  r4: FhirJson;
}

export type PrepareResult =
  | { ok: true; fhirVersion: ReceivedResource['fhirVersion']; format: ReceivedResource['format']; resources: PreparedResource[] }
  | { ok: false; problems: ImportProblem[] };

/** Parse → convert to R4 → validate, all or nothing: the import pipeline's entry point. */
export function prepareImport(bytes: Buffer | string, options?: ParseOptions): PrepareResult {
  const parsed = parseFhirInput(bytes, options);
  if (!parsed.ok) return parsed;
  const resources: PreparedResource[] = [];
  const problems: ImportProblem[] = [];
  for (const res of parsed.resources) {
    // Before conversion: an STU3 input's types are STU3's (ProcedureRequest, not ServiceRequest).
    if (!isResourceType(res.fhirVersion, res.resourceType)) {
      problems.push(unknownResourceType(res.entryPath, res.resourceType, res.fhirVersion));
      continue;
    }
    let r4: FhirJson;
    try {
      r4 = res.fhirVersion === 'STU3' ? convertToR4(res.json) : res.json;
    } catch {
      problems.push({ entryPath: res.entryPath, code: 'conversion-failed', message: { nl: 'Omzetten naar FHIR R4 is mislukt.', en: 'Conversion to FHIR R4 failed.' } });
      continue;
    }
    problems.push(...validateResource(r4, res.entryPath, res.fhirVersion));
    resources.push({ ...res, r4 });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, fhirVersion: parsed.fhirVersion, format: parsed.format, resources };
}
