import { concept, list, rename, take, type R } from './helpers';

const SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
const PROVISION_KEYS = ['period', 'actor', 'action', 'securityLabel', 'purpose', 'dataPeriod', 'data'];

const NICTIZ = 'http://nictiz.nl/fhir/StructureDefinition';
const TREATMENT = `${NICTIZ}/zib-TreatmentDirective-Treatment`;
const TREATMENT_PERMITTED = `${NICTIZ}/zib-TreatmentDirective-TreatmentPermitted`;

/**
 * Consent (zib AdvanceDirective/TreatmentDirective): consentingParty → performer; period, actor,
 * action, securityLabel, purpose, dataPeriod, data → provision; except[] → provision.provision[]
 * (same shape); policyRule uri → CodeableConcept text; source[x] stays; scope inferred
 * (advance directive → 'adr', treatment directive → 'treatment', else 'patient-privacy').
 * A zib TreatmentDirective's treatment (extension) → provision.code, and whether it is permitted
 * (modifier extension JA / NEE / JA_MAAR) → provision.type permit / deny; the modifier extension
 * stays, as it alone says "yes, but" (with restrictions).
 */
export function consent(r: R): R {
  rename(r, 'consentingParty', 'performer');
  const provision: R = {};
  for (const k of PROVISION_KEYS) if (r[k] !== undefined) provision[k] = take(r, k);
  const except = take(r, 'except');
  if (except !== undefined) provision.provision = list(except);
  treatmentDirective(r, provision);
  if (Object.keys(provision).length > 0) r.provision = provision;
  const rule = take(r, 'policyRule');
  if (typeof rule === 'string') r.policyRule = { text: rule };
  if (r.scope === undefined) r.scope = concept(SCOPE, inferScope(r));
  return r;
}

function treatmentDirective(r: R, provision: R): void {
  const extensions = Array.isArray(r.extension) ? (r.extension as R[]) : [];
  const treatment = extensions.find((e) => e?.url === TREATMENT);
  if (treatment?.valueCodeableConcept !== undefined) {
    provision.code = [treatment.valueCodeableConcept];
    r.extension = extensions.filter((e) => e !== treatment);
    if ((r.extension as R[]).length === 0) delete r.extension;
  }
  const modifiers = Array.isArray(r.modifierExtension) ? (r.modifierExtension as R[]) : [];
  const permitted = modifiers.find((e) => e?.url === TREATMENT_PERMITTED)?.valueCodeableConcept as R | undefined;
  const codes = Array.isArray(permitted?.coding) ? (permitted.coding as R[]).map((c) => c?.code) : [];
  if (codes.includes('NEE')) provision.type = 'deny';
  else if (codes.includes('JA') || codes.includes('JA_MAAR')) provision.type = 'permit';
}

function inferScope(r: R): string {
  const text = JSON.stringify([r.meta, r.category]);
  // zib AdvanceDirective (wilsverklaring): SNOMED 11341000146107; zib TreatmentDirective (behandelaanwijzing): 11291000146105.
  if (/AdvanceDirective|11341000146107|Wilsverklaring/i.test(text)) return 'adr';
  if (/TreatmentDirective|11291000146105|Behandelaanwijzing/i.test(text)) return 'treatment';
  return 'patient-privacy';
}
