/**
 * The search queries per MedMij data service and FHIR version, as data. No query names the
 * patient: the access token identifies the person (see forbiddenPatientParams).
 *
 * Value tokens: `{today}` in a parameter value is replaced by buildQueryUrl with today's date
 * (yyyy-mm-dd), as the huisartsgegevens medication query asks.
 */
import { serviceInfoByKey, type MedmijServiceKey } from '../lists/services';
import type { FhirVersion, MedmijQuery, MedmijQuerySet } from './types';

const SCT = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
/** G-Standaard-derived code system for the medication-use category in the Dutch medication process */
const MP_CATEGORY_OID = 'urn:oid:2.16.840.1.113883.2.4.3.11.60.20.77.5.3';
const ACTCODE_STU3 = 'http://hl7.org/fhir/v3/ActCode';
const ACTCODE_R4 = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

function q(id: string, label: string, path: string, ...params: [string, string][]): MedmijQuery {
  return { id, label, method: 'GET', path, params };
}

function set(key: MedmijServiceKey, fhirVersion: FhirVersion, status: MedmijQuerySet['status'], source: string, queries: MedmijQuery[]): MedmijQuerySet {
  return { serviceId: serviceInfoByKey(key).id, serviceKey: key, fhirVersion, source, status, queries };
}

// ---------------------------------------------------------------- BgZ

function bgz(v: FhirVersion): MedmijQuery[] {
  const actCode = v === 'STU3' ? ACTCODE_STU3 : ACTCODE_R4;
  const medicationUseCategory = v === 'STU3' ? `${MP_CATEGORY_OID}|6` : `${SCT}|422979000`;
  return [
    q('bgz-patient', 'Persoonsgegevens, contactpersonen en huisarts', 'Patient', ['_include', 'Patient:general-practitioner']),
    q('bgz-betaler', 'Zorgverzekering', 'Coverage', ['_include', 'Coverage:payor:Patient'], ['_include', 'Coverage:payor:Organization']),
    q('bgz-behandelaanwijzing', 'Behandelaanwijzingen', 'Consent', ['category', `${SCT}|11291000146105`]),
    q('bgz-wilsverklaring', 'Wilsverklaringen', 'Consent', ['category', `${SCT}|11341000146107`]),
    q('bgz-functionele-status', 'Functionele of mentale status (laatste)', 'Observation/$lastn', ['category', `${SCT}|118228005,${SCT}|384821006`]),
    q('bgz-problemen', 'Problemen en diagnosen', 'Condition'),
    q('bgz-woonsituatie', 'Woonsituatie (laatste)', 'Observation/$lastn', ['code', `${SCT}|365508006`]),
    q('bgz-drugsgebruik', 'Drugsgebruik', 'Observation', ['code', `${SCT}|228366006`]),
    q('bgz-alcoholgebruik', 'Alcoholgebruik', 'Observation', ['code', `${SCT}|228273003`]),
    q('bgz-tabaksgebruik', 'Tabaksgebruik', 'Observation', ['code', `${SCT}|365980008`]),
    q('bgz-voedingsadvies', 'Voedingsadviezen', 'NutritionOrder'),
    q('bgz-alerts', 'Waarschuwingen (alerts)', 'Flag'),
    q('bgz-allergieen', 'Allergieën en overgevoeligheden', 'AllergyIntolerance'),
    q('bgz-medicatiegebruik', 'Medicatiegebruik', 'MedicationStatement', ['category', medicationUseCategory], ['_include', 'MedicationStatement:medication']),
    q('bgz-medicatieafspraken', 'Medicatieafspraken', 'MedicationRequest', ['category', `${SCT}|16076005`], ['_include', 'MedicationRequest:medication']),
    q('bgz-toedieningsafspraken', 'Toedieningsafspraken', 'MedicationDispense', ['category', `${SCT}|422037009`], ['_include', 'MedicationDispense:medication']),
    q('bgz-hulpmiddelen', 'Medische hulpmiddelen', 'DeviceUseStatement', ['_include', 'DeviceUseStatement:device']),
    q('bgz-vaccinaties', 'Vaccinaties', 'Immunization', ['status', 'completed']),
    q('bgz-bloeddruk', 'Bloeddruk (laatste)', 'Observation/$lastn', ['code', `${LOINC}|85354-9`]),
    q('bgz-gewicht', 'Lichaamsgewicht (laatste)', 'Observation/$lastn', ['code', `${LOINC}|29463-7`]),
    q('bgz-lengte', 'Lichaamslengte (laatste)', 'Observation/$lastn', ['code', `${LOINC}|8302-2,${LOINC}|8306-3,${LOINC}|8308-9`]),
    q('bgz-labuitslagen', 'Laboratoriumuitslagen (laatste per soort)', 'Observation/$lastn',
      ['category', `${SCT}|275711006`], ['_include', 'Observation:related-target'], ['_include', 'Observation:specimen']),
    q('bgz-verrichtingen', 'Operaties en verrichtingen', 'Procedure', ['category', `${SCT}|387713003`]),
    q('bgz-opnames', 'Ziekenhuisopnames', 'Encounter', ['class', `${actCode}|IMP,${actCode}|ACUTE,${actCode}|NONAC`]),
    v === 'STU3'
      ? q('bgz-geplande-verrichtingen', 'Geplande verrichtingen', 'ProcedureRequest', ['status', 'active'])
      : q('bgz-geplande-verrichtingen', 'Geplande verrichtingen', 'ServiceRequest', ['status', 'active']),
    q('bgz-geplande-vaccinaties', 'Geplande vaccinaties', 'ImmunizationRecommendation'),
    q('bgz-geplande-hulpmiddelen', 'Geplande hulpmiddelen', 'DeviceRequest', ['status', 'active'], ['_include', 'DeviceRequest:device']),
    q('bgz-geplande-afspraken', 'Geplande afspraken', 'Appointment', ['status', 'booked,pending,proposed']),
  ];
}

// ---------------------------------------------------------------- Huisartsgegevens

function huisarts(): MedmijQuery[] {
  return [
    q('ha-patient', 'Persoonsgegevens en huisarts', 'Patient', ['_include', 'Patient:general-practitioner']),
    q('ha-episodes', 'Episodes (gezondheidsproblemen)', 'EpisodeOfCare'),
    q('ha-medicatie', 'Huidige medicatie', 'MedicationRequest',
      ['periodofuse', 'ge{today}'], ['category', `${SCT}|16076005`], ['_include', 'MedicationRequest:medication']),
    q('ha-intoleranties', 'Medicatie-intoleranties', 'AllergyIntolerance', ['category', 'medication']),
    q('ha-uitslagen', 'Bepalingen en labuitslagen', 'Observation',
      ['code', 'https://referentiemodel.nhg.org/tabellen/nhg-tabel-45-diagnostische-bepalingen|'],
      ['_include', 'Observation:related-target'], ['_include', 'Observation:specimen']),
    q('ha-journaal', 'Journaalregels (SOEP)', 'Composition', ['type', `${LOINC}|67781-5`]),
    q('ha-contacten', 'Contacten', 'Encounter'),
  ];
}

// ---------------------------------------------------------------- Medicatie

function medicatie(v: FhirVersion): MedmijQuery[] {
  const medicationUseCategory = v === 'STU3' ? `${MP_CATEGORY_OID}|6` : `${SCT}|422979000`;
  return [
    q('med-medicatieafspraken', 'Medicatieafspraken', 'MedicationRequest', ['category', `${SCT}|16076005`], ['_include', 'MedicationRequest:medication']),
    q('med-verstrekkingen', 'Verstrekkingen door de apotheek', 'MedicationDispense', ['category', `${SCT}|373784005`], ['_include', 'MedicationDispense:medication']),
    q('med-toedieningsafspraken', 'Toedieningsafspraken', 'MedicationDispense', ['category', `${SCT}|422037009`], ['_include', 'MedicationDispense:medication']),
    q('med-gebruik', 'Medicatiegebruik', 'MedicationStatement', ['category', medicationUseCategory], ['_include', 'MedicationStatement:medication']),
  ];
}

// ---------------------------------------------------------------- others

const labuitslagen = (): MedmijQuery[] => [
  q('lab-uitslagen', 'Laboratoriumuitslagen', 'Observation',
    ['category', `${SCT}|275711006`], ['_include', 'Observation:related-target'], ['_include', 'Observation:specimen']),
];

const afspraken = (): MedmijQuery[] => [q('afs-afspraken', 'Afspraken', 'Appointment', ['_include', 'Appointment:actor'])];

const zelfmetingen = (): MedmijQuery[] => [
  q('zm-bloeddruk', 'Bloeddruk', 'Observation', ['code', `${LOINC}|85354-9`]),
  q('zm-gewicht', 'Lichaamsgewicht', 'Observation', ['code', `${LOINC}|29463-7`]),
  q('zm-lengte', 'Lichaamslengte', 'Observation', ['code', `${LOINC}|8302-2,${LOINC}|8306-3,${LOINC}|8308-9`]),
  q('zm-hartslag', 'Hartslag', 'Observation', ['code', `${LOINC}|8867-4`]),
  q('zm-temperatuur', 'Lichaamstemperatuur', 'Observation', ['code', `${LOINC}|8310-5`]),
];

const documenten = (): MedmijQuery[] => [
  {
    ...q('doc-documenten', 'Documenten (PDF/A)', 'DocumentReference'),
    follow: { fromResource: 'DocumentReference', element: 'content.attachment.url', resourceType: 'Binary' },
  },
];

const vaccinatiesR4 = (): MedmijQuery[] => [q('vac-vaccinaties', 'Vaccinaties', 'Immunization')];
const vaccinatiesStu3 = (): MedmijQuery[] => [q('vac-vaccinaties', 'Vaccinaties', 'Immunization', ['status', 'completed'])];

const vragenlijsten = (): MedmijQuery[] => [
  q('vl-taken', 'Uitnodigingen voor vragenlijsten (met de vragenlijst)', 'Task', ['status', 'requested,received,accepted,in-progress'], ['_include', 'Task:focus']),
];

function ggzPlaceholder(v: FhirVersion): MedmijQuery[] {
  const medicationUseCategory = v === 'STU3' ? `${MP_CATEGORY_OID}|6` : `${SCT}|422979000`;
  return [
    q('ggz-patient', 'Persoonsgegevens en huisarts', 'Patient', ['_include', 'Patient:general-practitioner']),
    q('ggz-problemen', 'Problemen en diagnosen', 'Condition'),
    q('ggz-zorgepisodes', 'Behandeltrajecten', 'EpisodeOfCare'),
    q('ggz-contacten', 'Contacten', 'Encounter'),
    q('ggz-behandelplan', 'Behandelplannen', 'CarePlan'),
    q('ggz-alerts', 'Waarschuwingen (alerts)', 'Flag'),
    q('ggz-allergieen', 'Allergieën', 'AllergyIntolerance'),
    q('ggz-medicatiegebruik', 'Medicatiegebruik', 'MedicationStatement', ['category', medicationUseCategory], ['_include', 'MedicationStatement:medication']),
  ];
}

function lzPlaceholder(v: FhirVersion): MedmijQuery[] {
  const medicationUseCategory = v === 'STU3' ? `${MP_CATEGORY_OID}|6` : `${SCT}|422979000`;
  return [
    q('lz-patient', 'Persoonsgegevens en contactpersonen', 'Patient', ['_include', 'Patient:general-practitioner']),
    q('lz-problemen', 'Problemen', 'Condition'),
    q('lz-alerts', 'Waarschuwingen (alerts)', 'Flag'),
    q('lz-zorgplan', 'Zorgplan', 'CarePlan'),
    q('lz-doelen', 'Doelen', 'Goal'),
    q('lz-metingen', 'Metingen en observaties', 'Observation'),
    q('lz-verrichtingen', 'Verrichtingen', 'Procedure'),
    q('lz-medicatiegebruik', 'Medicatiegebruik', 'MedicationStatement', ['category', medicationUseCategory], ['_include', 'MedicationStatement:medication']),
  ];
}

const R4_DERIVED =
  'Regie-afleiding naar R4/zib2020: zelfde onderdelen als de STU3-set, met R4-resources en -codesystemen (ServiceRequest i.p.v. ProcedureRequest, ' +
  'terminology.hl7.org ActCode, medicatiegebruik-categorie SNOMED 422979000 uit Medicatieproces 9 3.0). Geen gepubliceerde MedMij-querylijst voor R4 gevonden.';

export const MEDMIJ_QUERY_SETS: readonly MedmijQuerySet[] = [
  set('bgz', 'STU3', 'published', 'Nictiz/MedMij Informatiestandaard BgZ 2017, Technisch ontwerp FHIR STU3 (MedMij:V2020.01/FHIR_BGZ_2017), secties 1–17', bgz('STU3')),
  set('bgz', 'R4', 'derived', R4_DERIVED, bgz('R4')),
  set('huisartsgegevens', 'STU3', 'published', 'Nictiz/MedMij Informatiestandaard Huisartsgegevens, Technisch ontwerp FHIR STU3 (MedMij:V2020.01/FHIR_GP_Data)', huisarts()),
  set('huisartsgegevens', 'R4', 'derived', R4_DERIVED, huisarts()),
  set('medicatie', 'STU3', 'derived',
    'Afgeleid van Medicatieproces 9.0.7 (MedMij:V2020.01/FHIR_Medication_Process): categorieën medicatieafspraak 16076005, verstrekking 373784005, ' +
    'toedieningsafspraak 422037009, medicatiegebruik OID|6; de exacte querylijst is door Regie gereconstrueerd.', medicatie('STU3')),
  set('medicatie', 'R4', 'derived', `${R4_DERIVED} Basis: Medicatieproces 9 3.0 (zib2020).`, medicatie('R4')),
  set('labuitslagen', 'STU3', 'derived',
    'Afgeleid van de BgZ-labquery (MedMij:V2020.01/FHIR_BGZ_2017 sectie 14) zonder $lastn, voor alle uitslagen; ' +
    'Informatiestandaard Laboratoriumresultaten niet ingezien.', labuitslagen()),
  set('labuitslagen', 'R4', 'derived', R4_DERIVED, labuitslagen()),
  set('afspraken', 'STU3', 'derived', 'Afgeleid van Informatiestandaard eAfspraak 1.0 (Appointment met deelnemers); exacte querylijst niet ingezien.', afspraken()),
  set('afspraken', 'R4', 'derived', R4_DERIVED, afspraken()),
  set('zelfmetingen', 'STU3', 'derived',
    'Afgeleid van zib-metingen (LOINC-codes bloeddruk, gewicht, lengte, hartslag, temperatuur) zoals in de BgZ 2017; ' +
    'MedMij "Meetwaarden vitale functies"/zelfmetingen niet ingezien.', zelfmetingen()),
  set('zelfmetingen', 'R4', 'derived', R4_DERIVED, zelfmetingen()),
  set('documenten', 'STU3', 'published',
    'Nictiz/MedMij Informatiestandaard PDF/A, Technisch ontwerp FHIR STU3 (MedMij:V2020.01/FHIR_PDFA): DocumentReference, daarna Binary via content.attachment.url', documenten()),
  set('documenten', 'R4', 'derived', R4_DERIVED, documenten()),
  set('vaccinaties', 'STU3', 'derived', 'Afgeleid van de BgZ-vaccinatiequery (MedMij:V2020.01/FHIR_BGZ_2017 sectie 12).', vaccinatiesStu3()),
  set('vaccinaties', 'R4', 'published', 'MedMij Informatiestandaard Vaccinatie-Immunisatie, Technisch ontwerp FHIR R4 (MedMij:V6/FHIR_Vaccination-Immunization)', vaccinatiesR4()),
  set('vragenlijsten', 'STU3', 'derived',
    'Afgeleid van MedMij Vragenlijsten (uitnodiging als Task met de Questionnaire als focus); exacte querylijst niet ingezien.', vragenlijsten()),
  set('vragenlijsten', 'R4', 'derived', R4_DERIVED, vragenlijsten()),
  set('ggz', 'STU3', 'placeholder',
    'PLAATSHOUDER: algemene queries. Functioneel ontwerp Basisgegevens GGZ 2.0 (MedMij:V2020.01/OntwerpGGZ) bestaat, de technische querylijst is niet ingezien.', ggzPlaceholder('STU3')),
  set('ggz', 'R4', 'placeholder', 'PLAATSHOUDER: algemene queries; geen R4-specificatie voor Basisgegevens GGZ ingezien.', ggzPlaceholder('R4')),
  set('langdurige-zorg', 'STU3', 'placeholder',
    'PLAATSHOUDER: algemene queries. Basisgegevens Langdurige Zorg (BgLZ, MedMij-STU3-LongTermHealthcare) niet ingezien.', lzPlaceholder('STU3')),
  set('langdurige-zorg', 'R4', 'placeholder', 'PLAATSHOUDER: algemene queries; geen R4-specificatie voor langdurige zorg ingezien.', lzPlaceholder('R4')),
];

export function querySetFor(serviceId: string, fhirVersion: FhirVersion): MedmijQuerySet | undefined {
  return MEDMIJ_QUERY_SETS.find((s) => s.serviceId === serviceId && s.fhirVersion === fhirVersion);
}
