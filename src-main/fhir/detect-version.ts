/**
 * FHIR version detection. Signals, strongest first:
 *  1. the caller's versionHint (always wins);
 *  2. the MIME parameter `fhirVersion=3.0|4.0` in the content type (FHIR R4 §http.html#version);
 *  3. a `fhirVersion` element (CapabilityStatement, StructureDefinition…) — weight 10;
 *  4. meta.profile — weight 10: Nictiz zib2017 `http://nictiz.nl/fhir/StructureDefinition/zib-*` and
 *     `http://fhir.nl/fhir/StructureDefinition/nl-core-*` are STU3; zib2020
 *     `http://nictiz.nl/fhir/StructureDefinition/nl-core-*` is R4;
 *  5. version-only resource types (ProcedureRequest, ReferralRequest… vs ServiceRequest,
 *     MedicationKnowledge…) — weight 3;
 *  6. version-specific elements — weight 1: STU3 has MedicationStatement.taken,
 *     Immunization.notGiven, Procedure/MedicationDispense.notDone, MedicationAdministration.notGiven,
 *     string clinicalStatus/verificationStatus (Condition, AllergyIntolerance), assertedDate,
 *     DocumentReference.indexed/class, Binary.content, DiagnosticReport.codedDiagnosis/image,
 *     Observation.related/context, Consent.except/policyRule (string), Medication.isBrand, Goal.status,
 *     CarePlan/CareTeam/DeviceRequest.context, DeviceRequest.intent (CodeableConcept) and
 *     requester.agent, ImmunizationRecommendation.recommendation.date;
 *     R4 has the same elements as CodeableConcepts or renamed: MedicationStatement without taken,
 *     Immunization.occurrence[x], recordedDate, Binary.data, DiagnosticReport.conclusionCode/media,
 *     Observation.hasMember/derivedFrom, Consent.provision/scope, Goal.lifecycleStatus, encounter,
 *     ImmunizationRecommendation.date.
 * The sum decides; no signal at all means R4 (the current version, and the two are largely
 * compatible for the rest). Works on JSON and on table-less XML→JSON (singletons not yet arrays).
 */
import type { FhirJson, FhirVersion } from './types';
import { isObject } from './types';

const STU3_TYPES = new Set(['ProcedureRequest', 'ReferralRequest', 'EligibilityRequest', 'EligibilityResponse',
  'ProcessRequest', 'ProcessResponse', 'DataElement', 'ServiceDefinition', 'ImagingManifest', 'BodySite',
  'Sequence', 'DeviceComponent', 'ExpansionProfile']);
const R4_TYPES = new Set(['ServiceRequest', 'MedicationKnowledge', 'CoverageEligibilityRequest',
  'CoverageEligibilityResponse', 'ImmunizationEvaluation', 'InsurancePlan', 'Invoice', 'MolecularSequence',
  'ObservationDefinition', 'OrganizationAffiliation', 'SpecimenDefinition', 'TerminologyCapabilities',
  'VerificationResult', 'BiologicallyDerivedProduct', 'DeviceDefinition', 'ChargeItemDefinition',
  'EffectEvidenceSynthesis', 'RiskEvidenceSynthesis', 'ResearchElementDefinition', 'CatalogEntry']);

export interface VersionScore { stu3: number; r4: number }

export function versionFromMime(contentType: string | undefined): FhirVersion | 'other' | null {
  const m = contentType ? /fhirVersion\s*=\s*"?(\d+)\.(\d+)/i.exec(contentType) : null;
  if (!m) return null;
  if (m[1] === '3') return 'STU3';
  if (m[1] === '4' && m[2] === '0') return 'R4';
  return 'other';
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

export function scoreResource(r: FhirJson, score: VersionScore): void {
  const type = r.resourceType;
  const add = (stu3: number, r4: number) => { score.stu3 += stu3; score.r4 += r4; };
  if (typeof r.fhirVersion === 'string') {
    if (r.fhirVersion.startsWith('3.')) add(10, 0);
    else if (r.fhirVersion.startsWith('4.0')) add(0, 10);
  }
  const meta = r.meta;
  if (isObject(meta)) {
    for (const p of list(meta.profile)) {
      if (typeof p !== 'string') continue;
      if (p.startsWith('http://nictiz.nl/fhir/StructureDefinition/zib-') || p.startsWith('http://fhir.nl/fhir/StructureDefinition/nl-core-')) add(10, 0);
      else if (p.startsWith('http://nictiz.nl/fhir/StructureDefinition/nl-core-')) add(0, 10);
    }
  }
  if (typeof type !== 'string') return;
  if (STU3_TYPES.has(type)) add(3, 0);
  if (R4_TYPES.has(type)) add(0, 3);
  const has = (k: string) => r[k] !== undefined;
  switch (type) {
    case 'MedicationStatement':
      if (has('taken')) add(1, 0);
      else add(0, 1);
      break;
    case 'Immunization':
      if (has('notGiven') || has('date')) add(1, 0);
      if (has('occurrenceDateTime') || has('occurrenceString')) add(0, 1);
      break;
    case 'Procedure': case 'MedicationDispense': if (has('notDone')) add(1, 0); break;
    case 'MedicationAdministration': if (has('notGiven')) add(1, 0); break;
    case 'Condition': case 'AllergyIntolerance':
      for (const k of ['clinicalStatus', 'verificationStatus']) {
        if (typeof r[k] === 'string') add(1, 0);
        else if (isObject(r[k])) add(0, 1);
      }
      if (has('assertedDate')) add(1, 0);
      if (has('recordedDate')) add(0, 1);
      break;
    case 'DocumentReference': if (has('indexed') || has('class')) add(1, 0); break;
    case 'Binary': if (has('content')) add(1, 0); if (has('data')) add(0, 1); break;
    case 'DiagnosticReport':
      if (has('codedDiagnosis') || has('image')) add(1, 0);
      if (has('conclusionCode') || has('media')) add(0, 1);
      break;
    case 'Observation':
      if (has('related') || has('context')) add(1, 0);
      if (has('hasMember') || has('derivedFrom') || has('encounter')) add(0, 1);
      break;
    case 'Consent':
      if (has('except') || typeof r.policyRule === 'string') add(1, 0);
      if (has('provision') || has('scope')) add(0, 1);
      break;
    case 'Medication': if (has('isBrand') || has('isOverTheCounter')) add(1, 0); break;
    case 'Goal':
      if (has('status')) add(1, 0);
      if (has('lifecycleStatus')) add(0, 1);
      break;
    case 'CarePlan': case 'CareTeam':
      if (has('context')) add(1, 0);
      if (has('encounter')) add(0, 1);
      break;
    case 'DeviceRequest':
      if (has('context') || (isObject(r.intent) && (r.intent.coding !== undefined || r.intent.text !== undefined))
        || (isObject(r.requester) && r.requester.agent !== undefined)) add(1, 0);
      if (has('encounter')) add(0, 1);
      break;
    case 'ImmunizationRecommendation':
      if (list(r.recommendation).some((rec) => isObject(rec) && rec.date !== undefined)) add(1, 0);
      if (has('date')) add(0, 1);
      break;
  }
}

export function decideVersion(score: VersionScore): FhirVersion | 'mixed' {
  if (score.stu3 > score.r4) return 'STU3';
  if (score.r4 > score.stu3 || score.r4 === 0) return 'R4';
  return 'mixed';
}
