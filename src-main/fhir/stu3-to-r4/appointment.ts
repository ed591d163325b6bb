import { rename, type R } from './helpers';

/** Appointment: reason → reasonCode, indication → reasonReference, incomingReferral → basedOn. */
export function appointment(r: R): R {
  rename(r, 'reason', 'reasonCode');
  rename(r, 'indication', 'reasonReference');
  rename(r, 'incomingReferral', 'basedOn');
  return r;
}
