/**
 * The fictitious care providers the simulator hosts, each under its own path prefix, and which
 * resource types each data service may return. All providers are test providers ("(TEST)").
 */
import { MEDMIJ_SERVICES, type MedmijServiceKey } from '../lists/services';

export interface SimProvider {
  /** Zorgaanbiedernaam as in the Zorgaanbiederslijst and in the scope (`<name>~<gegevensdienstid>`). */
  name: string;
  /** Path prefix: every endpoint of this provider lives under `/<slug>/`. */
  slug: string;
  displayName: string;
  place: string;
  services: MedmijServiceKey[];
}

/**
 * Must match resources/medmij/zorgaanbiederslijst.xml (+ zorgaanbieders-weergave.json): every
 * Zorgaanbieder there points at `{{SIMULATOR_ORIGIN}}/<slug>/…` with these GegevensdienstIds.
 * tests/medmij/simulator checks the sample list against this table. FHIR versions are not listed
 * here: the sample list offers each service in every version Regie has a query set for
 * (src-main/medmij/queries/sets.ts), e.g. GGZ in STU3 only, Medicatieproces 9 3.0 in R4 only.
 */
export const SIM_PROVIDERS: readonly SimProvider[] = [
  {
    name: 'delinde@medmij', slug: 'delinde', displayName: 'Huisartsenpraktijk De Linde (TEST)', place: 'Utrecht',
    services: [
      'bgz', 'huisartsgegevens', 'medicatie', 'medicatie-mp9-3', 'labuitslagen', 'afspraken', 'zelfmetingen', 'documenten', 'vaccinaties', 'vragenlijsten', 'vragenlijst-antwoorden',
      'overgevoeligheden', 'zelfmetingen-delen', 'beelden', 'documenten-delen', 'overgevoeligheden-delen',
    ],
  },
  {
    name: 'rijnstad@medmij', slug: 'rijnstad', displayName: 'Ziekenhuis Rijnstad (TEST)', place: 'Arnhem',
    services: ['bgz', 'medicatie', 'medicatie-mp9-3', 'labuitslagen', 'afspraken', 'documenten', 'vragenlijsten', 'vragenlijst-antwoorden', 'overgevoeligheden', 'beelden', 'documenten-delen'],
  },
  {
    name: 'hetkruispunt@medmij', slug: 'hetkruispunt', displayName: 'Apotheek Het Kruispunt (TEST)', place: 'Zwolle',
    services: ['medicatie', 'medicatie-mp9-3', 'vaccinaties', 'vaccinaties-2', 'overgevoeligheden', 'overgevoeligheden-delen'],
  },
  {
    name: 'noorderlicht@medmij', slug: 'noorderlicht', displayName: 'GGZ Noorderlicht (TEST)', place: 'Groningen',
    services: ['ggz', 'medicatie', 'afspraken', 'documenten', 'vragenlijsten', 'vragenlijst-antwoorden', 'documenten-delen'],
  },
  {
    name: 'determ@medmij', slug: 'determ', displayName: 'Woonzorgcentrum De Terp (TEST)', place: 'Súdwest-Fryslân',
    services: ['langdurige-zorg', 'medicatie', 'documenten'],
  },
];

const PRACTICAL = ['Patient', 'Practitioner', 'PractitionerRole', 'Organization', 'Location', 'RelatedPerson'];

/**
 * Resource types a token for a data service may read (besides the ones its query set names, which
 * the server adds). STU3 ProcedureRequest and R4 ServiceRequest are both listed where relevant.
 */
export const SERVICE_RESOURCE_TYPES: Record<MedmijServiceKey, string[]> = {
  bgz: [
    ...PRACTICAL, 'Coverage', 'Consent', 'Observation', 'Condition', 'Flag', 'AllergyIntolerance', 'Medication',
    'MedicationStatement', 'MedicationRequest', 'MedicationDispense', 'DeviceUseStatement', 'Device', 'Immunization',
    'ImmunizationRecommendation', 'Procedure', 'Encounter', 'ProcedureRequest', 'ServiceRequest', 'DeviceRequest',
    'Appointment', 'NutritionOrder', 'Specimen', 'DiagnosticReport',
  ],
  huisartsgegevens: [
    ...PRACTICAL, 'Encounter', 'EpisodeOfCare', 'Condition', 'Observation', 'Composition', 'Flag', 'DiagnosticReport',
    'Specimen', 'Medication', 'MedicationRequest', 'MedicationStatement', 'MedicationDispense', 'AllergyIntolerance',
    'Immunization', 'Procedure', 'ProcedureRequest', 'ServiceRequest',
  ],
  medicatie: [...PRACTICAL, 'Medication', 'MedicationRequest', 'MedicationStatement', 'MedicationDispense', 'MedicationAdministration'],
  'medicatie-mp9-3': [...PRACTICAL, 'Medication', 'MedicationRequest', 'MedicationStatement', 'MedicationDispense', 'MedicationAdministration', 'Condition'],
  labuitslagen: [...PRACTICAL, 'Observation', 'DiagnosticReport', 'Specimen'],
  afspraken: [...PRACTICAL, 'Appointment'],
  zelfmetingen: [...PRACTICAL, 'Observation', 'Device', 'DeviceUseStatement'],
  documenten: [...PRACTICAL, 'DocumentReference', 'DocumentManifest', 'Binary'],
  ggz: [
    ...PRACTICAL, 'Coverage', 'Consent', 'Condition', 'Observation', 'Specimen', 'CarePlan', 'Procedure', 'DiagnosticReport', 'CareTeam',
    'Encounter', 'EpisodeOfCare', 'Flag', 'AllergyIntolerance', 'MedicationStatement', 'MedicationRequest', 'Medication',
  ],
  'langdurige-zorg': [
    ...PRACTICAL, 'Consent', 'Condition', 'AllergyIntolerance', 'Observation', 'Specimen', 'Procedure', 'CarePlan', 'Goal',
    'DeviceUseStatement', 'Device', 'CareTeam', 'Encounter', 'Flag', 'MedicationStatement', 'Medication',
  ],
  vaccinaties: [...PRACTICAL, 'Immunization', 'ImmunizationRecommendation'],
  'vaccinaties-2': [...PRACTICAL, 'Immunization', 'ImmunizationRecommendation'],
  vragenlijsten: [...PRACTICAL, 'Task', 'Questionnaire', 'QuestionnaireResponse'],
  overgevoeligheden: [...PRACTICAL, 'AllergyIntolerance'],
  // Sending services: what a send may POST (the simulator reads nothing back with these tokens).
  'zelfmetingen-delen': ['Patient', 'Observation'],
  beelden: ['Patient', 'List', 'Media', 'Binary', 'Organization', 'Practitioner', 'PractitionerRole'],
  'documenten-delen': ['Patient', 'DocumentReference', 'DocumentManifest', 'Binary', 'Organization', 'Practitioner', 'PractitionerRole'],
  'overgevoeligheden-delen': ['Patient', 'AllergyIntolerance'],
  // The answers to a questionnaire: the Task updated (PUT) and the QuestionnaireResponse created.
  'vragenlijst-antwoorden': ['Task', 'QuestionnaireResponse'],
};

export function providerBySlug(slug: string): SimProvider | undefined {
  return SIM_PROVIDERS.find((p) => p.slug === slug);
}

export function serviceIdOf(key: MedmijServiceKey): string {
  const info = MEDMIJ_SERVICES.find((s) => s.key === key);
  if (!info) throw new Error(`unknown service key ${key}`);
  return info.id;
}

export function serviceKeyOf(id: string): MedmijServiceKey | undefined {
  return MEDMIJ_SERVICES.find((s) => s.id === id)?.key;
}
