import { concept, list, rename, take, type R } from './helpers';

const SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
const PROVISION_KEYS = ['period', 'actor', 'action', 'securityLabel', 'purpose', 'dataPeriod', 'data'];

/**
 * Consent (zib AdvanceDirective/TreatmentDirective): consentingParty → performer; period, actor,
 * action, securityLabel, purpose, dataPeriod, data → provision; except[] → provision.provision[]
 * (same shape); policyRule uri → CodeableConcept text; source[x] stays; scope inferred
 * (advance directive → 'adr', treatment directive → 'treatment', else 'patient-privacy').
 */
export function consent(r: R): R {
  rename(r, 'consentingParty', 'performer');
  const provision: R = {};
  for (const k of PROVISION_KEYS) if (r[k] !== undefined) provision[k] = take(r, k);
  const except = take(r, 'except');
  if (except !== undefined) provision.provision = list(except);
  if (Object.keys(provision).length > 0) r.provision = provision;
  const rule = take(r, 'policyRule');
  if (typeof rule === 'string') r.policyRule = { text: rule };
  if (r.scope === undefined) r.scope = concept(SCOPE, inferScope(r));
  return r;
}

function inferScope(r: R): string {
  const text = JSON.stringify([r.meta, r.category]);
  // zib AdvanceDirective (wilsverklaring): SNOMED 11341000146107; zib TreatmentDirective (behandelaanwijzing): 11291000146105.
  if (/AdvanceDirective|11341000146107|Wilsverklaring/i.test(text)) return 'adr';
  if (/TreatmentDirective|11291000146105|Behandelaanwijzing/i.test(text)) return 'treatment';
  return 'patient-privacy';
}
