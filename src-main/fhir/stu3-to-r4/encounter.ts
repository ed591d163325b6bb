import { isObject } from '../types';
import { list, rename, type R } from './helpers';

/** Encounter: incomingReferral → basedOn, reason → reasonCode, diagnosis.role → use; class Coding and classHistory stay. */
export function encounter(r: R): R {
  rename(r, 'incomingReferral', 'basedOn');
  rename(r, 'reason', 'reasonCode');
  for (const d of list(r.diagnosis)) if (isObject(d)) rename(d, 'role', 'use');
  return r;
}
