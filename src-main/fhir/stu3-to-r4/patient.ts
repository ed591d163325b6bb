import { preserve, take, type R } from './helpers';

/** Patient: `animal` was removed in R4; kept as a cross-version extension. */
export function patient(r: R): R {
  preserve(r, 'Patient.animal', take(r, 'animal'));
  return r;
}
