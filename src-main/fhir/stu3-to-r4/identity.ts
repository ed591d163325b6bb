/**
 * Patient-adjacent types whose STU3 and R4 shapes coincide for everything a PGO receives
 * (Practitioner, PractitionerRole, Organization, EpisodeOfCare, Specimen, Flag): only the shared
 * cardinality pass applies (e.g. Flag.category 0..1 → 0..*).
 */
import type { R } from './helpers';

export const unchanged = (r: R): R => r;
