import { codeToConcept, list, rename, take, type R } from './helpers';

/** Condition: status strings → CodeableConcepts (R4 code systems), assertedDate → recordedDate, context → encounter. */
export function condition(r: R): R {
  codeToConcept(r, 'clinicalStatus', 'http://terminology.hl7.org/CodeSystem/condition-clinical');
  // R4 dropped 'unknown'; 'unconfirmed' is its closest meaning.
  codeToConcept(r, 'verificationStatus', 'http://terminology.hl7.org/CodeSystem/condition-ver-status', { unknown: 'unconfirmed' });
  const asserted = take(r, 'assertedDate');
  if (typeof asserted === 'string') {
    // R4 has both the core extension for the assertion date and recordedDate; fill both.
    r.extension = [...list(r.extension), { url: 'http://hl7.org/fhir/StructureDefinition/condition-assertedDate', valueDateTime: asserted }];
    if (r.recordedDate === undefined) r.recordedDate = asserted;
  }
  rename(r, 'context', 'encounter');
  // abatementBoolean is gone in R4: true means resolved.
  const abated = take(r, 'abatementBoolean');
  if (abated === true && r.clinicalStatus === undefined) {
    r.clinicalStatus = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'resolved' }] };
  }
  return r;
}
