/**
 * Which BgZ section of "Mijn gegevens" a resource belongs to.
 *
 * | resource type (R4 form)                                   | section                      |
 * |-----------------------------------------------------------|------------------------------|
 * | Patient, RelatedPerson, Practitioner, PractitionerRole,   | personalia                   |
 * |   Organization, CareTeam                                  |                              |
 * | Coverage                                                  | zorgverzekering              |
 * | Consent                                                   | wilsverklaringen             |
 * | Observation, category vital-signs / vital-sign codes      | vitale-functies              |
 * | Observation, category laboratory; DiagnosticReport,       | lab                          |
 * |   Specimen                                                |                              |
 * | Observation, category social-history / lifestyle codes    | leefstijl                    |
 * | Observation, category functional / functional codes       | functionele-status           |
 * | Observation, anything else                                | overig                       |
 * | Condition                                                 | problemen                    |
 * | Flag                                                      | alerts                       |
 * | AllergyIntolerance                                        | allergieen                   |
 * | MedicationRequest                                         | medicatie-afspraken          |
 * | MedicationStatement, MedicationAdministration             | medicatie-gebruik            |
 * | MedicationDispense                                        | medicatie-verstrekkingen     |
 * | Device, DeviceUseStatement                                | hulpmiddelen                 |
 * | Immunization                                              | vaccinaties                  |
 * | Procedure                                                 | verrichtingen                |
 * | Encounter, EpisodeOfCare                                  | contacten                    |
 * | Appointment, ServiceRequest, ProcedureRequest,            | geplande-zorg                |
 * |   NutritionOrder, Task (not yet done), CarePlan, Goal,    |                              |
 * |   ImmunizationRecommendation, DeviceRequest               |                              |
 * | DocumentReference, DocumentManifest, Composition, Binary  | documenten                   |
 * | Questionnaire, QuestionnaireResponse                      | vragenlijsten                |
 * | Medication and anything else                              | overig                       |
 */
import type { BgzSection } from '../../src-preload/contract/record-sections';
import { isObject, type FhirJson } from '../fhir/types';

const byType: Readonly<Record<string, BgzSection>> = {
  Patient: 'personalia',
  RelatedPerson: 'personalia',
  Practitioner: 'personalia',
  PractitionerRole: 'personalia',
  Organization: 'personalia',
  CareTeam: 'personalia', // who treats me: next to the practitioners themselves
  Coverage: 'zorgverzekering',
  Consent: 'wilsverklaringen',
  Condition: 'problemen',
  Flag: 'alerts',
  AllergyIntolerance: 'allergieen',
  MedicationRequest: 'medicatie-afspraken',
  MedicationStatement: 'medicatie-gebruik',
  MedicationAdministration: 'medicatie-gebruik',
  MedicationDispense: 'medicatie-verstrekkingen',
  Device: 'hulpmiddelen',
  DeviceUseStatement: 'hulpmiddelen',
  Immunization: 'vaccinaties',
  Procedure: 'verrichtingen',
  Encounter: 'contacten',
  EpisodeOfCare: 'contacten',
  Appointment: 'geplande-zorg',
  ServiceRequest: 'geplande-zorg',
  ProcedureRequest: 'geplande-zorg',
  NutritionOrder: 'geplande-zorg',
  CarePlan: 'geplande-zorg',
  Goal: 'geplande-zorg',
  // BgZ puts planned vaccinations and devices under Geplande zorg, not under Vaccinaties / Hulpmiddelen.
  ImmunizationRecommendation: 'geplande-zorg',
  DeviceRequest: 'geplande-zorg',
  DocumentReference: 'documenten',
  DocumentManifest: 'documenten',
  Composition: 'documenten',
  Binary: 'documenten',
  Questionnaire: 'vragenlijsten',
  QuestionnaireResponse: 'vragenlijsten',
  DiagnosticReport: 'lab',
  Specimen: 'lab',
};

/** Observation category codes (HL7 observation-category and what Dutch senders use). */
const observationCategories: Readonly<Record<string, BgzSection>> = {
  'vital-signs': 'vitale-functies',
  laboratory: 'lab',
  'social-history': 'leefstijl',
  functional: 'functionele-status', // not in the HL7 value set, but used in the wild
  'functional-status': 'functionele-status',
  survey: 'vragenlijsten',
};

/** Codes that decide the section when a sender leaves out the category (zib examples often do). */
const observationCodes: Readonly<Record<string, BgzSection>> = {
  // LOINC vital signs
  '85354-9': 'vitale-functies', // blood pressure panel
  '8480-6': 'vitale-functies',
  '8462-4': 'vitale-functies',
  '29463-7': 'vitale-functies', // body weight
  '8302-2': 'vitale-functies', // body height
  '39156-5': 'vitale-functies', // BMI
  '8867-4': 'vitale-functies', // heart rate
  '8310-5': 'vitale-functies', // body temperature
  '9279-1': 'vitale-functies', // respiratory rate
  '59408-5': 'vitale-functies', // SpO2
  '2708-6': 'vitale-functies',
  // SNOMED CT equivalents used by zib 2020
  '75367002': 'vitale-functies', // blood pressure
  '27113001': 'vitale-functies', // body weight
  '50373000': 'vitale-functies', // body height
  '364075005': 'vitale-functies', // heart rate
  // lifestyle (zib TabakGebruik, AlcoholGebruik, DrugsGebruik, Voedingsadvies, LevensOvertuiging …)
  '365980008': 'leefstijl', // tobacco use
  '228273003': 'leefstijl', // alcohol use
  '228366006': 'leefstijl', // drug use
  '72166-2': 'leefstijl', // tobacco smoking status (LOINC)
  // functional status (zib FunctioneleOfMentaleStatus, Mobiliteit, Zelfzorg …)
  '301438001': 'functionele-status', // ability to mobilize
  '313386006': 'functionele-status', // self-care
  '118228005': 'functionele-status', // functional finding
  '384821006': 'functionele-status', // mental state
};

const doneTaskStatuses = new Set(['completed', 'cancelled', 'failed', 'rejected', 'entered-in-error']);

export function sectionOf(r4: FhirJson): BgzSection {
  const type = typeof r4.resourceType === 'string' ? r4.resourceType : '';
  if (type === 'Observation') return observationSection(r4);
  if (type === 'Task') return typeof r4.status === 'string' && doneTaskStatuses.has(r4.status) ? 'overig' : 'geplande-zorg';
  return byType[type] ?? 'overig';
}

/**
 * zib/nl-core profile names that fix the section (senders often use only a profile, or a zib
 * category such as SNOMED 275711006 "Chemie" instead of HL7's 'laboratory').
 */
const observationProfiles: ReadonlyArray<[RegExp, BgzSection]> = [
  [/LaboratoryTestResult|LaboratoriumUitslag/i, 'lab'],
  [/BloodPressure|BodyWeight|BodyHeight|HeartRate|PulseRate|BodyTemperature|O2Saturation|Respiration|GlucoseMeasurement|vitalsigns/i, 'vitale-functies'],
  [/TobaccoUse|AlcoholUse|DrugUse|LivingSituation|ParticipationInSociety|NutritionAdvice/i, 'leefstijl'],
  [/FunctionalOrMentalStatus|Mobility|SelfCare|Hearing|Vision/i, 'functionele-status'],
];

/** zib ResultType (SNOMED) categories of laboratory results: chemie, hematologie, microbiologie, pathologie … */
const labResultTypes = new Set(['275711006', '252275004', '394596001', '408454008', '394595002', '19851009', '68793005']);

function observationSection(r4: FhirJson): BgzSection {
  for (const code of codesOf(r4.category)) {
    const section = observationCategories[code] ?? (labResultTypes.has(code) ? 'lab' : undefined);
    if (section) return section;
  }
  for (const code of codesOf(r4.code)) {
    const section = observationCodes[code];
    if (section) return section;
  }
  const profiles = isObject(r4.meta) && Array.isArray(r4.meta.profile) ? r4.meta.profile.filter((p) => typeof p === 'string') : [];
  for (const [pattern, section] of observationProfiles) if (profiles.some((p: string) => pattern.test(p))) return section;
  // A measured value with a reference range that matched nothing above is, in practice, a lab result.
  if (Array.isArray(r4.referenceRange) && r4.referenceRange.length > 0) return 'lab';
  return 'overig';
}

function codesOf(concepts: unknown): string[] {
  const list = Array.isArray(concepts) ? concepts : [concepts];
  const codes: string[] = [];
  for (const concept of list) {
    if (!isObject(concept) || !Array.isArray(concept.coding)) continue;
    for (const coding of concept.coding) if (isObject(coding) && typeof coding.code === 'string') codes.push(coding.code);
  }
  return codes;
}
