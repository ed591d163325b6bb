/**
 * Step one of an import, before anything is written: normalize every resource to R4. A resource
 * that cannot be normalized fails the whole import here, so the write step never starts.
 *
 * Bodies and hashes are computed per resource while it is written (digestOf), not for the whole
 * import up front: their text and bytes are then garbage as soon as that resource is stored, instead
 * of all of them being held at once during a large import.
 */
import type { ImportProblem } from '../../src-preload/contract/records';
import type { FhirJson } from '../fhir/types';
import type { FhirFunctions } from './fhir-functions';
import { contentHash, sha256Hex } from './hashing';
import type { ImportResource } from './types';

export interface PreparedResource {
  resource: ImportResource;
  resourceType: string;
  r4: FhirJson;
}

/** A body to store: its hash (sha256 of the UTF-8 bytes of `text`) and its text. */
export interface TextBody {
  hash: string;
  text: string;
}

export interface ResourceDigest {
  /** The normalized R4 JSON. */
  normalized: TextBody;
  /** The resource as received. */
  original: TextBody;
  content: string;
  /** The resource's identity within its source: its id, else its fullUrl, else its content. */
  sourceKey: string;
}

export type PrepareResult = { ok: true; prepared: PreparedResource[] } | { ok: false; problems: ImportProblem[] };

export function prepareResources(resources: readonly ImportResource[], fhir: FhirFunctions, file: string): PrepareResult {
  const prepared: PreparedResource[] = [];
  const problems: ImportProblem[] = [];
  for (const resource of resources) {
    if (resource.normalizedType !== undefined) {
      // Normalized and checked already; its R4 form is parsed when it is stored (apply-import), not all at once here.
      if (problems.length === 0) prepared.push(textBacked(resource, resource.normalizedType));
      continue;
    }
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
    if (problems.length === 0) prepared.push({ resource, resourceType: r4.resourceType as string, r4 });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, prepared };
}

/** A text-backed resource as prepared: `r4` parses its normalized text on each access. */
function textBacked(resource: ImportResource, resourceType: string): PreparedResource {
  return {
    resource,
    resourceType,
    get r4() {
      return resource.r4 as FhirJson;
    },
  };
}

/** Bodies, hashes and source key of a prepared resource; `r4` is its R4 form (item.r4, taken once). */
export function digestOf(item: PreparedResource, r4: FhirJson = item.r4): ResourceDigest {
  const { resource } = item;
  const content = contentHash(r4);
  const normalized = JSON.stringify(r4);
  return {
    normalized: { hash: sha256Hex(normalized), text: normalized },
    original: { hash: sha256Hex(resource.originalText), text: resource.originalText },
    content,
    sourceKey: sourceKeyOf(resource, content),
  };
}

/** A resource's identity within its source: its id, else its fullUrl, else its content. */
export function sourceKeyOf(resource: ImportResource, content: string): string {
  return resource.id ?? resource.fullUrl ?? `#${content}`;
}
