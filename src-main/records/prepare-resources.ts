/**
 * Step one of an import, before anything is written: normalize every resource to R4 and compute
 * its bodies and hashes. A resource that cannot be normalized fails the whole import here, so the
 * write step never starts.
 */
import type { ImportProblem } from '../../src-preload/contract/records';
import type { FhirJson } from '../fhir/types';
import { bodyOf, type Body } from './bodies';
import type { FhirFunctions } from './fhir-functions';
import { contentHash } from './hashing';
import type { ImportResource } from './types';

export interface PreparedResource {
  resource: ImportResource;
  resourceType: string;
  r4: FhirJson;
  normalized: Body;
  original: Body;
  content: string;
  /** The resource's identity within its source: its id, else its fullUrl, else its content. */
  sourceKey: string;
}

export type PrepareResult = { ok: true; prepared: PreparedResource[] } | { ok: false; problems: ImportProblem[] };

export function prepareResources(resources: readonly ImportResource[], fhir: FhirFunctions, file: string): PrepareResult {
  const prepared: PreparedResource[] = [];
  const problems: ImportProblem[] = [];
  for (const resource of resources) {
    let r4: FhirJson;
    try {
      r4 = resource.r4 ?? (resource.fhirVersion === 'STU3' ? fhir.convertToR4(resource.json) : resource.json);
      if (typeof r4.resourceType !== 'string') throw new Error('no resourceType');
    } catch {
      // The reason stays generic: an exception message may quote health data.
      problems.push({
        file,
        entryPath: resource.entryPath,
        message: { nl: 'Dit onderdeel kon niet naar FHIR R4 worden omgezet.', en: 'This entry could not be converted to FHIR R4.' },
      });
      continue;
    }
    const content = contentHash(r4);
    prepared.push({
      resource,
      resourceType: r4.resourceType as string,
      r4,
      normalized: bodyOf(JSON.stringify(r4)),
      original: bodyOf(resource.originalText),
      content,
      sourceKey: resource.id ?? resource.fullUrl ?? `#${content}`,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, prepared };
}
