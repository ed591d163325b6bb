/**
 * The presentation model's entry: one presenter per resource type (clinical.ts, medication.ts,
 * care.ts, people.ts, documents.ts) says which fields a person wants to read, under label keys the
 * UI translates, with values in words and references by name. Codes, resource ids and raw data
 * (base64) are never a field: they are in the technical view. Other types get the generic
 * presenter, which shows only the elements it has a label for.
 */
import type { FhirJson } from '../../fhir/types';
import {
  Builder,
  type Ctx,
  date,
  type FieldKey,
  period,
  type Presentation,
  type Presenter,
  quantity,
  concept,
  type Value,
} from './builder';
import {
  appointment,
  carePlan,
  careTeam,
  consent,
  coverage,
  device,
  deviceRequest,
  deviceUse,
  encounter,
  episodeOfCare,
  goal,
  nutritionOrder,
  questionnaire,
  questionnaireResponse,
  task,
} from './care';
import {
  allergy,
  condition,
  diagnosticReport,
  flag,
  immunization,
  immunizationRecommendation,
  observation,
  procedure,
  serviceRequest,
  specimen,
} from './clinical';
import { binary, composition, documentManifest, documentReference } from './documents';
import { medicationAdministration, medicationDispense, medicationRequest, medicationResource, medicationStatement } from './medication';
import { location, organization, patient, practitioner, practitionerRole, relatedPerson } from './people';
import type { Named } from './names';
import { humanNameText, joined, obj, str, yesNo } from './values';

/** Elements the generic presenter shows (by their label key); everything else is in the technical view. */
const genericElements: ReadonlySet<string> = new Set<FieldKey>([
  'title', 'name', 'description', 'type', 'category', 'date', 'period', 'status', 'subject', 'author', 'performer',
  'requester', 'reason', 'note', 'text',
]);

/** Any element as a short readable text: concepts, references, quantities, periods, names, dates. */
function genericValue(ctx: Ctx, value: unknown, depth = 0): Value {
  if (value === null || value === undefined || depth > 2) return null;
  if (typeof value === 'boolean') return yesNo(value, ctx.language);
  if (typeof value === 'number') return quantity(ctx, { value });
  if (typeof value === 'string') return /^\d{4}-\d{2}(-\d{2})?(T.*)?$/.test(value) ? date(ctx, value) : str(value);
  if (Array.isArray(value)) {
    const parts = value.map((v) => genericValue(ctx, v, depth + 1)).filter((v): v is string | Named => typeof v === 'string' || (!!v && !Array.isArray(v)));
    if (parts.every((p) => typeof p !== 'string')) return parts as Named[];
    return joined(parts.map((p) => (typeof p === 'string' ? p : p.text)));
  }
  const o = obj(value);
  if (!o) return null;
  if ('coding' in o || 'text' in o) return concept(ctx, o);
  if ('reference' in o || 'display' in o || 'identifier' in o) return ctx.names.of(o);
  if ('value' in o && ('unit' in o || 'code' in o)) return quantity(ctx, o);
  if ('start' in o || 'end' in o) return period(ctx, o);
  if ('family' in o || 'given' in o) return humanNameText([o]);
  return null;
}

export const generic: Presenter = (r, ctx) => {
  const b = new Builder(ctx);
  for (const [key, value] of Object.entries(r)) {
    if (genericElements.has(key)) b.add(key as FieldKey, genericValue(ctx, value));
  }
  return b.done();
};

const presenters: Readonly<Record<string, Presenter>> = {
  Observation: observation,
  Condition: condition,
  AllergyIntolerance: allergy,
  Medication: medicationResource,
  MedicationRequest: medicationRequest,
  MedicationStatement: medicationStatement,
  MedicationDispense: medicationDispense,
  MedicationAdministration: medicationAdministration,
  Immunization: immunization,
  ImmunizationRecommendation: immunizationRecommendation,
  Procedure: procedure,
  ServiceRequest: serviceRequest,
  Encounter: encounter,
  EpisodeOfCare: episodeOfCare,
  Appointment: appointment,
  Patient: patient,
  Practitioner: practitioner,
  PractitionerRole: practitionerRole,
  Organization: organization,
  RelatedPerson: relatedPerson,
  Location: location,
  DocumentReference: documentReference,
  DocumentManifest: documentManifest,
  Composition: composition,
  Binary: binary,
  Consent: consent,
  Coverage: coverage,
  Flag: flag,
  Device: device,
  DeviceUseStatement: deviceUse,
  DeviceUsage: deviceUse,
  DeviceRequest: deviceRequest,
  DiagnosticReport: diagnosticReport,
  Specimen: specimen,
  NutritionOrder: nutritionOrder,
  CarePlan: carePlan,
  CareTeam: careTeam,
  Goal: goal,
  Questionnaire: questionnaire,
  QuestionnaireResponse: questionnaireResponse,
  Task: task,
};

export function presentResource(resource: FhirJson, ctx: Ctx): Presentation {
  const presenter = presenters[String(resource.resourceType)] ?? generic;
  return presenter(resource, ctx);
}


export { narrativeOf } from './documents';
export { fieldKeys, groupKeys } from './builder';
