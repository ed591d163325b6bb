/** FHIR references inside a resource, and the keys under which a resource can be referenced. */
import { isObject, type FhirJson } from '../fhir/types';

const maxReferences = 200;

/** Every Reference.reference in the resource (contained resources' own '#id' references skipped). */
export function referencesIn(r4: FhirJson): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 32 || found.size >= maxReferences) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
    } else if (isObject(value)) {
      if (typeof value.reference === 'string' && !value.reference.startsWith('#')) found.add(value.reference);
      for (const [key, child] of Object.entries(value)) if (key !== 'contained' && typeof child === 'object') visit(child, depth + 1);
    }
  };
  visit(r4, 0);
  return [...found];
}

/**
 * Forms a reference to this resource can take within its source: "Type/id", its fullUrl
 * (urn:uuid:… in transaction and document Bundles, or an absolute URL).
 */
export function referenceKeysOf(resourceType: string, sourceResourceId: string | null, fullUrl: string | null): string[] {
  const keys = new Set<string>();
  // Resources without an id get a synthetic key (see record-store), which nothing can reference.
  if (sourceResourceId && /^[A-Za-z0-9\-.]{1,64}$/.test(sourceResourceId)) keys.add(`${resourceType}/${sourceResourceId}`);
  if (fullUrl) keys.add(fullUrl);
  return [...keys];
}

/** The lookup forms of a reference: as written, and "Type/id" when it is an absolute or versioned URL. */
export function lookupFormsOf(reference: string): string[] {
  const forms = [reference];
  const match = /(?:^|\/)([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  if (match?.[1] && match[1] !== reference) forms.push(match[1]);
  return forms;
}
