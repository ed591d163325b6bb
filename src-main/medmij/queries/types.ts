import type { MedmijServiceKey } from '../lists/services';

export type FhirVersion = 'STU3' | 'R4';

export interface MedmijFollow {
  fromResource: string;
  /** dotted element path to a URL or relative reference, through arrays */
  element: string;
  resourceType: 'Binary' | 'Questionnaire';
}

export interface MedmijQuery {
  /** stable id within the set, e.g. 'bgz-medicatiegebruik' */
  id: string;
  /** plain Dutch label shown in progress and results */
  label: string;
  method: 'GET';
  /** resource type or operation path relative to the resource endpoint, e.g. 'Observation/$lastn' */
  path: string;
  /** search parameters in order; repeated names (e.g. `_include`) are separate pairs; values unencoded */
  params: ReadonlyArray<readonly [string, string]>;
  /**
   * Follow-up reads: for each returned resource of `fromResource`, read what `element` points at
   * when it is a `resourceType` (DocumentReference.content.attachment.url → Binary,
   * Task.input.valueReference.reference → Questionnaire). Same resource endpoint only.
   */
  follow?: MedmijFollow;
}

export interface MedmijQuerySet {
  /** GegevensdienstId as in the Zorgaanbiederslijst */
  serviceId: string;
  serviceKey: MedmijServiceKey;
  fhirVersion: FhirVersion;
  /** source document / IG page and version the queries come from, or why they are Regie's own */
  source: string;
  /**
   * published: taken from the named specification;
   * derived: Regie's translation (e.g. STU3 → R4 with zib2020 codes), not a published MedMij query list.
   * There is no stand-in status: without a service definition for a FHIR version there is no set.
   */
  status: 'published' | 'derived';
  queries: readonly MedmijQuery[];
}
