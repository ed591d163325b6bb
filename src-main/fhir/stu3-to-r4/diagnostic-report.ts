import { isObject } from '../types';
import { list, rename, take, type R } from './helpers';

/** DiagnosticReport: codedDiagnosis → conclusionCode, performer {actor} → Reference, image → media, context → encounter. */
export function diagnosticReport(r: R): R {
  rename(r, 'codedDiagnosis', 'conclusionCode');
  rename(r, 'image', 'media');
  rename(r, 'context', 'encounter');
  const performers = take(r, 'performer');
  if (performers !== undefined) {
    r.performer = list(performers).map((p) => (isObject(p) && p.actor !== undefined ? p.actor : p));
  }
  return r;
}
