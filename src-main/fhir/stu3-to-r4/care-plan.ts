import { isObject } from '../types';
import { definitionToCanonical, list, mapCode, preserve, rename, take, type R } from './helpers';

/** R4 dropped ProcedureRequest and ReferralRequest for ServiceRequest; the other kinds kept their names. */
const KIND: Record<string, string> = { ProcedureRequest: 'ServiceRequest', ReferralRequest: 'ServiceRequest' };

/**
 * CarePlan (zib NursingIntervention / HelpFromOthers, BgLZ zorgplan): status suspended → on-hold,
 * cancelled → revoked; definition → instantiatesCanonical; context → encounter; author[0] → author,
 * further authors → contributor. activity.detail: category → cross-version extension on the detail,
 * definition → instantiatesCanonical, prohibited → doNotPerform, statusReason string → CodeableConcept
 * text, kind ProcedureRequest/ReferralRequest → ServiceRequest. intent, activity status, reason*, goal
 * and the Nictiz extension-medicaldevice on the detail keep their STU3 form.
 */
export function carePlan(r: R): R {
  mapCode(r, 'status', { suspended: 'on-hold', cancelled: 'revoked' });
  definitionToCanonical(r, 'CarePlan.definition');
  rename(r, 'context', 'encounter');
  // R4 allows one author; the others still provided the plan's content, which is what contributor holds.
  const authors = list(take(r, 'author'));
  if (authors.length > 0) r.author = authors[0];
  if (authors.length > 1) r.contributor = [...list(r.contributor), ...authors.slice(1)];
  for (const a of list(r.activity)) if (isObject(a) && isObject(a.detail)) activityDetail(a.detail);
  return r;
}

function activityDetail(d: R): void {
  preserve(d, 'CarePlan.activity.detail.category', take(d, 'category'));
  definitionToCanonical(d, 'CarePlan.activity.detail.definition');
  rename(d, 'prohibited', 'doNotPerform');
  mapCode(d, 'kind', KIND);
  const reason = take(d, 'statusReason');
  const reasonExt = take(d, '_statusReason');
  if (typeof reason === 'string') d.statusReason = { ...(isObject(reasonExt) ? reasonExt : {}), text: reason };
}
