import { isObject } from '../types';
import { agentToReference, dosagesToR4, preserve, rename, take, type R } from './helpers';

/** MedicationRequest (zib MedicationAgreement): requester.agent → requester, context → encounter, definition kept, dosage doseAndRate. */
export function medicationRequest(r: R): R {
  agentToReference(r, 'requester', 'MedicationRequest.requester');
  rename(r, 'context', 'encounter');
  preserve(r, 'MedicationRequest.definition', take(r, 'definition'));
  dosagesToR4(r, 'dosageInstruction');
  const sub = r.substitution;
  if (isObject(sub)) rename(sub, 'allowed', 'allowedBoolean');
  if (r.status === undefined) r.status = 'unknown';
  return r;
}
