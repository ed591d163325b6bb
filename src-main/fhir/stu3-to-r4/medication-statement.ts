import { dosagesToR4, rename, take, type R } from './helpers';

const TAKEN_TO_STATUS: Record<string, string> = { n: 'not-taken', unk: 'unknown' };

/** MedicationStatement: taken → status, reasonNotTaken → statusReason, reasonForUse* → reason*, dosage doseAndRate. */
export function medicationStatement(r: R): R {
  const taken = take(r, 'taken');
  delete r._taken;
  if (typeof taken === 'string' && TAKEN_TO_STATUS[taken]) r.status = TAKEN_TO_STATUS[taken];
  // R4 requires status; Nictiz STU3 sends `_status` with data-absent-reason instead.
  if (r.status === undefined) r.status = 'unknown';
  rename(r, 'reasonNotTaken', 'statusReason');
  rename(r, 'reasonForUseCodeableConcept', 'reasonCode');
  rename(r, 'reasonForUseReference', 'reasonReference');
  dosagesToR4(r, 'dosage');
  return r;
}
