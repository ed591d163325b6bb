import { isObject } from '../types';
import { list, preserve, rename, take, type R } from './helpers';

/** MedicationAdministration: notGiven → status 'not-done', reasonNotGiven → statusReason, prescription → request. */
export function medicationAdministration(r: R): R {
  if (take(r, 'notGiven') === true) r.status = 'not-done';
  rename(r, 'reasonNotGiven', 'statusReason');
  rename(r, 'prescription', 'request');
  preserve(r, 'MedicationAdministration.definition', take(r, 'definition'));
  for (const p of list(r.performer)) {
    if (isObject(p)) preserve(r, 'MedicationAdministration.performer.onBehalfOf', take(p, 'onBehalfOf'));
  }
  return r;
}
