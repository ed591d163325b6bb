import type { R } from './helpers';

/** RelatedPerson: relationship 0..1 → 0..* (done by the cardinality pass); otherwise the same. */
export function relatedPerson(r: R): R {
  return r;
}
