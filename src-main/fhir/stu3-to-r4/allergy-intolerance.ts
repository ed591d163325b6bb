import { codeToConcept, rename, type R } from './helpers';

/** AllergyIntolerance: clinical/verification status → CodeableConcepts; assertedDate → recordedDate. */
export function allergyIntolerance(r: R): R {
  codeToConcept(r, 'clinicalStatus', 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical');
  codeToConcept(r, 'verificationStatus', 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification');
  rename(r, 'assertedDate', 'recordedDate');
  return r;
}
