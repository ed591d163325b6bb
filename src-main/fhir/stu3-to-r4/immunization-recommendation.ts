import { isObject } from '../types';
import { list, preserve, rename, take, type R } from './helpers';

const REC = 'ImmunizationRecommendation.recommendation';

/**
 * ImmunizationRecommendation (zib VaccinationRecommendation): recommendation.date → date (R4 has one
 * date for the resource; a differing one stays on its recommendation as extension),
 * doseNumber → doseNumberPositiveInt, protocol.doseSequence/description/series → doseNumberPositiveInt/
 * description/series, protocol.authority → authority. vaccineCode (0..1 → 0..*) is left to the
 * cardinality pass; targetDisease, forecastStatus, dateCriterion and supporting* stay.
 */
export function immunizationRecommendation(r: R): R {
  for (const rec of list(r.recommendation)) if (isObject(rec)) recommendation(r, rec);
  return r;
}

function recommendation(r: R, rec: R): void {
  const date = take(rec, 'date');
  const dateExt = take(rec, '_date');
  if (r.date === undefined && date !== undefined) {
    r.date = date;
    if (dateExt !== undefined) r._date = dateExt;
  } else if (date !== undefined && date !== r.date) {
    preserve(rec, `${REC}.date`, date);
  }
  rename(rec, 'doseNumber', 'doseNumberPositiveInt');
  const protocol = take(rec, 'protocol');
  if (!isObject(protocol)) return;
  const sequence = take(protocol, 'doseSequence');
  if (rec.doseNumberPositiveInt === undefined) {
    if (sequence !== undefined) rec.doseNumberPositiveInt = sequence;
  } else if (sequence !== undefined && sequence !== rec.doseNumberPositiveInt) {
    preserve(rec, `${REC}.protocol.doseSequence`, sequence);
  }
  // Not STU3 elements of the recommendation itself, so nothing there to collide with.
  for (const key of ['description', 'series', '_description', '_series']) if (protocol[key] !== undefined) rec[key] = take(protocol, key);
  const authority = take(protocol, 'authority');
  if (authority !== undefined) {
    if (r.authority === undefined) r.authority = authority;
    else if (JSON.stringify(authority) !== JSON.stringify(r.authority)) preserve(rec, `${REC}.protocol.authority`, authority);
  }
  // Whatever else the protocol carried (its id, its own extensions) is kept whole.
  if (Object.keys(protocol).length > 0) preserve(rec, `${REC}.protocol`, protocol);
}
