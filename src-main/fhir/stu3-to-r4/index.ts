/**
 * STU3 → R4 conversion, following the official HL7 STU3↔R4 maps where they matter for a PGO.
 * Conversions (one module each; every one unit-tested in tests/fhir/stu3-to-r4.test.ts):
 *  - Patient: animal → cross-version extension
 *  - Practitioner, PractitionerRole, Organization, EpisodeOfCare, Specimen, Flag: same shape
 *    (cardinality pass only, e.g. Flag.category → array)
 *  - RelatedPerson: relationship → array
 *  - Condition: clinicalStatus/verificationStatus → CodeableConcept (condition-clinical /
 *    condition-ver-status), assertedDate → recordedDate + condition-assertedDate extension,
 *    context → encounter, abatementBoolean → clinicalStatus resolved
 *  - AllergyIntolerance: clinicalStatus/verificationStatus → CodeableConcept, assertedDate → recordedDate
 *  - Medication: isBrand/isOverTheCounter/image → extensions, ingredient.amount → strength,
 *    package.batch → batch
 *  - MedicationStatement: taken n/unk → status not-taken/unknown, reasonNotTaken → statusReason,
 *    reasonForUse* → reason*, dosage dose/rate → doseAndRate
 *  - MedicationRequest: requester.agent → requester, context → encounter, definition → extension,
 *    substitution.allowed → allowedBoolean, dosage → doseAndRate
 *  - MedicationDispense: notDone → status declined, notDoneReason → statusReason, dosage
 *  - MedicationAdministration: notGiven → status not-done, reasonNotGiven → statusReason,
 *    prescription → request
 *  - Immunization: notGiven → status not-done, date → occurrenceDateTime, explanation → reasonCode /
 *    statusReason, practitioner → performer (role → function), vaccinationProtocol → protocolApplied
 *  - Observation: related → hasMember/derivedFrom, context → encounter, comment → note,
 *    interpretation → array
 *  - DiagnosticReport: codedDiagnosis → conclusionCode, performer.actor → performer, image → media
 *  - Procedure: notDone → status not-done, notDoneReason → statusReason, status suspended/aborted,
 *    performer.role → function, context → encounter
 *  - ProcedureRequest → ServiceRequest (status suspended → on-hold, cancelled → revoked, requester)
 *  - Encounter: incomingReferral → basedOn, reason → reasonCode, diagnosis.role → use
 *  - Appointment: reason → reasonCode, indication → reasonReference, incomingReferral → basedOn
 *  - Consent: period/actor/action/data/except → provision, consentingParty → performer,
 *    policyRule → CodeableConcept, scope inferred (adr / treatment / patient-privacy)
 *  - Coverage: grouping → class[], sequence → extension
 *  - Device: udi → udiCarrier + deviceName, model → modelNumber, version → version[]
 *  - DeviceUseStatement: whenUsed → timingPeriod, indication → reasonCode
 *  - NutritionOrder: status → status + intent
 *  - DocumentReference: indexed → date, class → category, created → context.period.start,
 *    context.related → Reference
 *  - DocumentManifest: content.pReference → content
 *  - Binary: content → data
 *  - Composition: class → category, attester.mode → single code
 *  - Questionnaire: enableWhen, option → answerOption, options → answerValueSet, initial[x]
 *  - QuestionnaireResponse: questionnaire → canonical, parent → partOf, context → encounter
 *  - Task: definition → instantiatesUri / extension, requester.agent, context → encounter, reason → reasonCode
 *  - CarePlan: status suspended/cancelled → on-hold/revoked, definition → instantiatesCanonical,
 *    context → encounter, author[1..] → contributor; activity.detail: category → extension,
 *    definition → instantiatesCanonical, prohibited → doNotPerform, statusReason → CodeableConcept
 *  - CareTeam: context → encounter, participant.role → array
 *  - Goal: status → lifecycleStatus + achievementStatus, target → array
 *  - ImmunizationRecommendation: recommendation.date → date, doseNumber → doseNumberPositiveInt,
 *    protocol → doseNumber/description/series/authority, vaccineCode → array
 *  - DeviceRequest: status codes, intent CodeableConcept → code, requester.agent → requester,
 *    context → encounter, definition → instantiatesCanonical
 * Any other type passes through unchanged (resourceType kept). Elements without an R4 home are kept
 * as cross-version extensions, never silently dropped. Dutch zib extensions are URLs valid in both
 * versions and stay as they are. Contained resources are converted too.
 */
import type { FhirJson } from '../types';
import { allergyIntolerance } from './allergy-intolerance';
import { appointment } from './appointment';
import { binary } from './binary';
import { fixCardinality } from './cardinality';
import { carePlan } from './care-plan';
import { careTeam } from './care-team';
import { composition } from './composition';
import { condition } from './condition';
import { consent } from './consent';
import { coverage } from './coverage';
import { device } from './device';
import { deviceRequest } from './device-request';
import { deviceUseStatement } from './device-use-statement';
import { diagnosticReport } from './diagnostic-report';
import { documentManifest } from './document-manifest';
import { documentReference } from './document-reference';
import { encounter } from './encounter';
import { goal } from './goal';
import type { R } from './helpers';
import { unchanged } from './identity';
import { immunization } from './immunization';
import { immunizationRecommendation } from './immunization-recommendation';
import { medication } from './medication';
import { medicationAdministration } from './medication-administration';
import { medicationDispense } from './medication-dispense';
import { medicationRequest } from './medication-request';
import { medicationStatement } from './medication-statement';
import { nutritionOrder } from './nutrition-order';
import { observation } from './observation';
import { patient } from './patient';
import { procedure } from './procedure';
import { procedureRequest } from './procedure-request';
import { questionnaire } from './questionnaire';
import { questionnaireResponse } from './questionnaire-response';
import { relatedPerson } from './related-person';
import { task } from './task';

export const CONVERTERS: Readonly<Record<string, (r: R) => R>> = {
  Patient: patient, Practitioner: unchanged, PractitionerRole: unchanged, Organization: unchanged,
  RelatedPerson: relatedPerson, Condition: condition, AllergyIntolerance: allergyIntolerance, Flag: unchanged,
  Medication: medication, MedicationStatement: medicationStatement, MedicationRequest: medicationRequest,
  MedicationDispense: medicationDispense, MedicationAdministration: medicationAdministration,
  Immunization: immunization, Observation: observation, DiagnosticReport: diagnosticReport, Specimen: unchanged,
  Procedure: procedure, ProcedureRequest: procedureRequest, Encounter: encounter, EpisodeOfCare: unchanged,
  Appointment: appointment, Consent: consent, Coverage: coverage, Device: device,
  DeviceUseStatement: deviceUseStatement, NutritionOrder: nutritionOrder, DocumentReference: documentReference,
  DocumentManifest: documentManifest, Binary: binary, Composition: composition, Questionnaire: questionnaire,
  QuestionnaireResponse: questionnaireResponse, Task: task, CarePlan: carePlan, CareTeam: careTeam, Goal: goal,
  ImmunizationRecommendation: immunizationRecommendation, DeviceRequest: deviceRequest,
};

/** Converts one STU3 resource (FHIR JSON) to R4. The input is not modified. */
export function convertToR4(resource: FhirJson): FhirJson {
  const type = resource.resourceType;
  const convert = typeof type === 'string' ? CONVERTERS[type] : undefined;
  if (!convert) return structuredClone(resource);
  return fixCardinality(convert(structuredClone(resource)), convertToR4);
}
