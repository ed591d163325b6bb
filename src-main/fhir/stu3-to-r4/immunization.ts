import { isObject } from '../types';
import { list, preserve, rename, take, type R } from './helpers';

/**
 * Immunization: notGiven → status 'not-done', date → occurrenceDateTime, explanation.reason → reasonCode,
 * explanation.reasonNotGiven → statusReason, practitioner {role, actor} → performer {function, actor},
 * vaccinationProtocol → protocolApplied.
 */
export function immunization(r: R): R {
  if (take(r, 'notGiven') === true) r.status = 'not-done';
  rename(r, 'date', 'occurrenceDateTime');
  const expl = take(r, 'explanation');
  if (isObject(expl)) {
    if (expl.reason !== undefined) r.reasonCode = expl.reason;
    const notGiven = list(expl.reasonNotGiven);
    if (notGiven.length > 0) r.statusReason = notGiven[0];
    if (notGiven.length > 1) preserve(r, 'Immunization.explanation.reasonNotGiven', notGiven.slice(1));
  }
  const practitioners = take(r, 'practitioner');
  if (practitioners !== undefined) {
    r.performer = list(practitioners).map((p) => {
      if (!isObject(p)) return p;
      rename(p, 'role', 'function');
      return p;
    });
  }
  const protocols = take(r, 'vaccinationProtocol');
  if (protocols !== undefined) {
    r.protocolApplied = list(protocols).map((p) => {
      if (!isObject(p)) return p;
      const out: R = {};
      if (p.series !== undefined) out.series = p.series;
      if (p.authority !== undefined) out.authority = p.authority;
      if (p.targetDisease !== undefined) out.targetDisease = p.targetDisease;
      out.doseNumberPositiveInt = typeof p.doseSequence === 'number' ? p.doseSequence : 1;
      if (typeof p.seriesDoses === 'number') out.seriesDosesPositiveInt = p.seriesDoses;
      if (p.description !== undefined) preserve(r, 'Immunization.vaccinationProtocol.description', p.description);
      return out;
    });
  }
  return r;
}
