import { isObject } from '../types';
import { dosagesToR4, list, preserve, rename, take, type R } from './helpers';

/** MedicationDispense: notDone → status 'declined', notDoneReason → statusReason, performer.onBehalfOf kept. */
export function medicationDispense(r: R): R {
  if (take(r, 'notDone') === true) r.status = 'declined';
  rename(r, 'notDoneReasonCodeableConcept', 'statusReasonCodeableConcept');
  rename(r, 'notDoneReasonReference', 'statusReasonReference');
  for (const p of list(r.performer)) {
    if (isObject(p)) preserve(r, 'MedicationDispense.performer.onBehalfOf', take(p, 'onBehalfOf'));
  }
  dosagesToR4(r, 'dosageInstruction');
  if (r.status === undefined) r.status = 'unknown';
  return r;
}
