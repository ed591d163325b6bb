/**
 * The search queries per MedMij data service and FHIR version, as data. No query names the
 * patient: the access token identifies the person (see forbiddenPatientParams).
 *
 * GGZ (Basisgegevens GGZ 2.0) and langdurige zorg (BgLZ 3.0) are STU3 information standards: MedMij
 * defines these services for STU3 only, so they have an STU3 set and no R4 set. A provider list that
 * offers a service in a FHIR version without a set here is refused by the client (no generic stand-in).
 *
 * Value tokens: `{today}` in a parameter value is replaced by buildQueryUrl with today's date
 * (yyyy-mm-dd), as the huisartsgegevens medication query asks; `{today-150d}` with the date that many
 * days earlier (the eAfspraak window).
 *
 * Where MedMij defines a service in one FHIR version only, the other version's set (if any) is
 * marked `derived`: Regie's translation, used with the simulator and ready for an R4 successor; a
 * real provider list offers these services in MedMij's version, which has the published set.
 */
import { serviceInfoByKey, type MedmijServiceKey } from '../lists/services';
import type { FhirVersion, MedmijQuery, MedmijQuerySet } from './types';

const SCT = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
/** G-Standaard-derived code system for the medication-use category in the Dutch medication process */
const MP_CATEGORY_OID = 'urn:oid:2.16.840.1.113883.2.4.3.11.60.20.77.5.3';
const ACTCODE_STU3 = 'http://hl7.org/fhir/v3/ActCode';
const ACTCODE_R4 = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

/**
 * Results a lab result points at: STU3's `related-target` (Observation.related.target) became
 * `has-member` and `derived-from` in R4, which has no `related-target` search parameter.
 */
function relatedResultIncludes(v: FhirVersion): [string, string][] {
  return v === 'STU3' ? [['_include', 'Observation:related-target']] : [['_include', 'Observation:has-member'], ['_include', 'Observation:derived-from']];
}

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
      ['category', `${SCT}|275711006`], ...relatedResultIncludes(v), ['_include', 'Observation:specimen']),
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

function huisarts(v: FhirVersion): MedmijQuery[] {
  return [
    q('ha-patient', 'Persoonsgegevens en huisarts', 'Patient', ['_include', 'Patient:general-practitioner']),
    q('ha-episodes', 'Episodes (gezondheidsproblemen)', 'EpisodeOfCare'),
    q('ha-medicatie', 'Huidige medicatie', 'MedicationRequest',
      ['periodofuse', 'ge{today}'], ['category', `${SCT}|16076005`], ['_include', 'MedicationRequest:medication']),
    q('ha-intoleranties', 'Medicatie-intoleranties', 'AllergyIntolerance', ['category', 'medication']),
    q('ha-uitslagen', 'Bepalingen en labuitslagen', 'Observation',
      ['code', 'https://referentiemodel.nhg.org/tabellen/nhg-tabel-45-diagnostische-bepalingen|'],
      ...relatedResultIncludes(v), ['_include', 'Observation:specimen']),
    q('ha-journaal', 'Journaalregels (SOEP)', 'Composition', ['type', `${LOINC}|67781-5`]),
    q('ha-contacten', 'Contacten', 'Encounter'),
  ];
}

// ---------------------------------------------------------------- Medicatie

/** Medicatieproces 9.0.7 (STU3). */
function medicatie(): MedmijQuery[] {
  return [
    q('med-medicatieafspraken', 'Medicatieafspraken', 'MedicationRequest', ['category', `${SCT}|16076005`], ['_include', 'MedicationRequest:medication']),
    q('med-verstrekkingen', 'Verstrekkingen door de apotheek', 'MedicationDispense', ['category', `${SCT}|373784005`], ['_include', 'MedicationDispense:medication']),
    q('med-toedieningsafspraken', 'Toedieningsafspraken', 'MedicationDispense', ['category', `${SCT}|422037009`], ['_include', 'MedicationDispense:medication']),
    q('med-gebruik', 'Medicatiegebruik', 'MedicationStatement', ['category', `${MP_CATEGORY_OID}|6`], ['_include', 'MedicationStatement:medication']),
  ];
}

/**
 * Medicatieproces 9 3.0 (R4, MedMij): the PHR-client retrievals of Nictiz's qualification material, in
 * the order medicatieafspraak, verstrekkingsverzoek, wisselend doseerschema, medicatiegebruik,
 * toedieningsafspraak, medicatieverstrekking, medicatietoediening.
 */
function medicatieMp9v3(): MedmijQuery[] {
  const roleIncludes: [string, string][] = [
    ['_include:iterate', 'PractitionerRole:organization'], ['_include:iterate', 'PractitionerRole:practitioner'], ['_include:iterate', 'PractitionerRole:location'],
  ];
  return [
    q('mp9-medicatieafspraken', 'Medicatieafspraken', 'MedicationRequest', ['category', `${SCT}|33633005`],
      ['_include', 'MedicationRequest:medication'], ['_include', 'MedicationRequest:reason'], ['_include', 'MedicationRequest:next-practitioner'],
      ['_include', 'MedicationRequest:requester'], ...roleIncludes),
    q('mp9-verstrekkingsverzoeken', 'Verstrekkingsverzoeken aan de apotheek', 'MedicationRequest', ['category', `${SCT}|52711000146108`],
      ['_include', 'MedicationRequest:medication'], ['_include', 'MedicationRequest:requester'], ['_include', 'MedicationRequest:dispense-location'], ...roleIncludes),
    q('mp9-wisselend-doseerschema', 'Wisselende doseerschema’s', 'MedicationRequest', ['category', `${SCT}|395067002`], ['_include', 'MedicationRequest:medication']),
    q('mp9-medicatiegebruik', 'Medicatiegebruik', 'MedicationStatement', ['category', `${SCT}|422979000`],
      ['_include', 'MedicationStatement:medication'], ['_include', 'MedicationStatement:author'], ['_include', 'MedicationStatement:prescriber'],
      ['_include', 'MedicationStatement:source'], ...roleIncludes),
    q('mp9-toedieningsafspraken', 'Toedieningsafspraken', 'MedicationDispense', ['category', `${SCT}|422037009`], ['_include', 'MedicationDispense:medication']),
    q('mp9-verstrekkingen', 'Verstrekkingen door de apotheek', 'MedicationDispense', ['category', `${SCT}|373784005`], ['_include', 'MedicationDispense:medication']),
    q('mp9-toedieningen', 'Toedieningen', 'MedicationAdministration', ['category', `${SCT}|18629005`], ['_include', 'MedicationAdministration:medication']),
  ];
}

const MP9_3_SOURCE =
  'Nictiz Medicatieproces 9 3.0 (R4), kwalificatiemateriaal in github.com/Nictiz/Nictiz-testscripts: MedMij Cert-mbhid ' +
  '(output/R4/MP9-3-0-0-beta/MedMij/Cert-mbhid/: Step-3/MA/…/mp9-c-ret-meddata-MA-00-1.xml, Step-3/VV/…/mp9-c-ret-meddata-VV-00-1.xml, ' +
  'Step-3/WDS/…/mp9-c-ret-meddata-WDS-00-1.xml, Step-4/MGB/…/mp9-c-ret-meddata-MGB-00-1.xml, version r4-mp9-3.0.0) en, voor toedieningsafspraak, ' +
  'verstrekking en toediening, src/MP9-3-0-0-beta.3/Test/MedicationData/Retrieve/ (TA-Scenarioset7.xml, MVE-Scenarioset7.xml, MTD-Scenarioset6.xml).';

// ---------------------------------------------------------------- others

/** Laboratoriumresultaten 2.0 (STU3): all results, SNOMED 49581000146104 "Laboratory test finding". */
const labuitslagenStu3 = (): MedmijQuery[] => [q('lab-uitslagen', 'Laboratoriumuitslagen', 'Observation', ['category', `${SCT}|49581000146104`])];

const labuitslagenR4 = (): MedmijQuery[] => [
  q('lab-uitslagen', 'Laboratoriumuitslagen', 'Observation', ['category', `${SCT}|275711006`], ...relatedResultIncludes('R4'), ['_include', 'Observation:specimen']),
];

/** eAfspraak 2.0: appointments from 150 days ago and everything in the future (PHR scenario 1.1). */
const afspraken = (): MedmijQuery[] => [q('afs-afspraken', 'Afspraken (vanaf 150 dagen geleden)', 'Appointment', ['date', 'ge{today-150d}'])];

/** Zelfmetingen 2.0 (STU3): all vital-sign measurements in one search (category code without system, as published). */
const zelfmetingenStu3 = (): MedmijQuery[] => [q('zm-vitale-functies', 'Metingen van vitale functies', 'Observation', ['category', 'vital-signs'])];

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

const vaccinaties = (): MedmijQuery[] => [q('vac-vaccinaties', 'Vaccinaties', 'Immunization')];

/** Overgevoeligheden 2.0 (STU3): every AllergyIntolerance of the person, no parameters. */
const overgevoeligheden = (): MedmijQuery[] => [q('ovg-overgevoeligheden', 'Allergieën en overgevoeligheden', 'AllergyIntolerance')];

/**
 * Vragenlijsten 2.0 (STU3): open invitations, LOINC 74468-0 "Questionnaire form definition Document",
 * then a read of each Questionnaire a Task names in its input (scenario 2.1).
 */
const vragenlijsten = (): MedmijQuery[] => [
  {
    ...q('vl-taken', 'Uitnodigingen voor vragenlijsten, met de vragenlijst', 'Task', ['code', `${LOINC}|74468-0`], ['status', 'requested']),
    follow: { fromResource: 'Task', element: 'input.valueReference.reference', resourceType: 'Questionnaire' },
  },
];


/** Basisgegevens GGZ 2.0, STU3: the PHR-client queries of the Nictiz qualification TestScript (scenario 1.1), in its order. */
function ggzStu3(): MedmijQuery[] {
  return [
    q('ggz-patient', 'Persoonsgegevens en huisarts', 'Patient', ['_include', 'Patient:general-practitioner']),
    q('ggz-betaler', 'Zorgverzekering', 'Coverage', ['_include', 'Coverage:payor:Patient'], ['_include', 'Coverage:payor:Organization']),
    q('ggz-behandelaanwijzing', 'Behandelaanwijzingen', 'Consent', ['category', `${SCT}|11291000146105`]),
    q('ggz-wilsverklaring', 'Wilsverklaringen', 'Consent', ['category', `${SCT}|11341000146107`]),
    q('ggz-functionele-status', 'Functionele of mentale status', 'Observation', ['category', `${SCT}|118228005,${SCT}|384821006`]),
    q('ggz-problemen', 'Problemen en diagnosen', 'Condition'),
    q('ggz-drugsgebruik', 'Drugsgebruik', 'Observation', ['code', `${SCT}|228366006`]),
    q('ggz-alcoholgebruik', 'Alcoholgebruik', 'Observation', ['code', `${SCT}|228273003`]),
    q('ggz-tabaksgebruik', 'Tabaksgebruik', 'Observation', ['code', `${SCT}|365980008`]),
    q('ggz-woonsituatie', 'Woonsituatie (laatste)', 'Observation/$lastn', ['code', `${SCT}|365508006`]),
    q('ggz-gezinssituatie', 'Gezinssituatie', 'Observation', ['code', `${SCT}|365470003`]),
    q('ggz-participatie', 'Participatie in maatschappij', 'Observation', ['code', `${SCT}|314845004`]),
    q('ggz-hulp-van-anderen', 'Hulp van anderen', 'CarePlan', ['category', `${SCT}|243114000`]),
    q('ggz-labuitslagen', 'Laboratoriumuitslagen (laatste per soort)', 'Observation/$lastn',
      ['category', `${SCT}|275711006`], ['_include', 'Observation:related-target'], ['_include', 'Observation:specimen']),
    q('ggz-meetinstrumenten', 'Metingen met meetinstrumenten (vragenlijsten, schalen)', 'Observation', ['category', 'http://hl7.org/fhir/observation-category|survey']),
    q('ggz-verrichtingen', 'Verrichtingen', 'Procedure'),
    q('ggz-tekstuitslagen', 'Tekstuitslagen (verslagen)', 'DiagnosticReport'),
    q('ggz-zorgteam', 'Zorgteam', 'CareTeam', ['_include', 'CareTeam:participant']),
  ];
}

const GGZ_STU3_SOURCE =
  'Nictiz/MedMij Basisgegevens GGZ 2.0 (STU3), kwalificatie-TestScript "BgGGZ - PHR Client - Scenario 1.1" (version stu3-2.0), ' +
  'github.com/Nictiz/Nictiz-testscripts src/GGZ-2-0/Cert/PHR-Client/medmij-ggz-phr-1-1-retrieve.xml (tests 01–18, zelfde volgorde en parameters).';

/** Basisgegevens Langdurige Zorg (BgLZ) 3.0, STU3: the PHR-client queries of the Nictiz qualification TestScript (scenario 1.1), in its order. */
function lzStu3(): MedmijQuery[] {
  return [
    q('lz-patient', 'Persoonsgegevens en huisarts', 'Patient', ['_include', 'Patient:general-practitioner']),
    q('lz-behandelaanwijzing', 'Behandelaanwijzingen', 'Consent', ['category', `${SCT}|11291000146105`]),
    q('lz-wilsverklaring', 'Wilsverklaringen', 'Consent', ['category', `${SCT}|11341000146107`]),
    q('lz-problemen', 'Problemen', 'Condition'),
    q('lz-allergieen', 'Allergieën en overgevoeligheden', 'AllergyIntolerance'),
    q('lz-labuitslagen', 'Laboratoriumuitslagen (laatste per soort)', 'Observation/$lastn',
      ['category', `${SCT}|275711006`], ['_include', 'Observation:related-target'], ['_include', 'Observation:specimen']),
    q('lz-verrichtingen', 'Verrichtingen', 'Procedure'),
    q('lz-zorgplan', 'Zorgplan: verpleegkundige interventies, doelen, hulpmiddelen en uitkomsten', 'CarePlan',
      ['_include', 'CarePlan:activity-goal:Goal'], ['_include', 'CarePlan:activity-outcomereference:Observation'],
      ['_include', 'CarePlan:activity-medicaldevice:DeviceUseStatement'], ['_include:recurse', 'DeviceUseStatement:device:Device']),
    q('lz-zorgteam', 'Zorgteam', 'CareTeam', ['_include', 'CareTeam:participant']),
  ];
}

const LZ_STU3_SOURCE =
  'Nictiz/MedMij Basisgegevens Langdurige Zorg (BgLZ) 3.0 (STU3), kwalificatie-TestScript "BgLZ - PHR Client - Scenario 1.1" (version stu3-3.0), ' +
  'github.com/Nictiz/Nictiz-testscripts src/BgLZ-3-0/Cert/PHR-Client/medmij-bglz-phr-1-1-retrieve-bglz.xml (tests 01–09, zelfde volgorde en parameters).';

const R4_DERIVED =
  'Regie-afleiding naar R4/zib2020: zelfde onderdelen als de STU3-set, met R4-resources en -codesystemen (ServiceRequest i.p.v. ProcedureRequest, ' +
  'terminology.hl7.org ActCode, medicatiegebruik-categorie SNOMED 422979000 uit Medicatieproces 9 3.0, _include Observation:has-member en :derived-from ' +
  'i.p.v. het STU3-only related-target). Geen gepubliceerde MedMij-querylijst voor R4 gevonden.';

export const MEDMIJ_QUERY_SETS: readonly MedmijQuerySet[] = [
  set('bgz', 'STU3', 'published', 'Nictiz/MedMij Informatiestandaard BgZ 2017, Technisch ontwerp FHIR STU3 (MedMij:V2020.01/FHIR_BGZ_2017), secties 1–17', bgz('STU3')),
  set('bgz', 'R4', 'derived', R4_DERIVED, bgz('R4')),
  set('huisartsgegevens', 'STU3', 'published', 'Nictiz/MedMij Informatiestandaard Huisartsgegevens, Technisch ontwerp FHIR STU3 (MedMij:V2020.01/FHIR_GP_Data)', huisarts('STU3')),
  set('huisartsgegevens', 'R4', 'derived', R4_DERIVED, huisarts('R4')),
  set('medicatie', 'STU3', 'published',
    'Nictiz/MedMij Medicatieproces 9.0.7 (STU3), kwalificatie-TestScripts "Medication Process 9.0.7 - PHR Client - Scenario 1.1" (version stu3-9.0.7), ' +
    'github.com/Nictiz/Nictiz-testscripts src/Medication-9-0-7/Cert/PHR-Client/: Agreement/medmij-medication-medicationagreement-phr-1-1.xml, ' +
    'Dispense/medmij-medication-dispense-phr-1-1.xml, AdministrationAgreement/medmij-medication-administrationagreement-phr-1-1.xml, ' +
    'MedicationUse/medmij-medication-medicationuse-phr-1-1.xml (alle vier: category + _include …:medication, zonder verdere filters).', medicatie()),
  set('medicatie-mp9-3', 'R4', 'published', MP9_3_SOURCE, medicatieMp9v3()),
  set('labuitslagen', 'STU3', 'published',
    'Nictiz/MedMij Laboratoriumresultaten 2.0 (STU3), kwalificatie-TestScript "LaboratoryResults - PHR client - Scenario 1.1" (version stu3-2.0), ' +
    'github.com/Nictiz/Nictiz-testscripts src/LaboratoryResults-2-0/Cert/PHR-Client/medmij-laboratoryresults-phr-1-1-retrieve-all-labresults.xml: ' +
    'Observation?category=http://snomed.info/sct|49581000146104', labuitslagenStu3()),
  set('labuitslagen', 'R4', 'derived',
    'Regie-afleiding: de BgZ-labquery (MedMij:V2020.01/FHIR_BGZ_2017 sectie 14, categorie SNOMED 275711006) zonder $lastn, voor alle uitslagen. ' +
    'De R4-testscripts van Laboratoriumresultaten 3.0 (bèta) vragen per bepaling een DiagnosticReport op; geen algemene R4-querylijst gevonden.', labuitslagenR4()),
  set('afspraken', 'STU3', 'published',
    'Nictiz/MedMij eAfspraak 2.0 (STU3), kwalificatie-TestScript "eAppointment - PHR Client - Scenario 1.1" (version stu3-2.0), ' +
    'github.com/Nictiz/Nictiz-testscripts src/eAppointment-2-0/Cert/PHR-Client/medmij-eappt-phr-1-1-retrieve-future.xml: ' +
    'Appointment?date=ge<T-150 dagen> (“van T-150 en alles in de toekomst”).', afspraken()),
  set('afspraken', 'R4', 'derived', R4_DERIVED, afspraken()),
  set('zelfmetingen', 'STU3', 'published',
    'Nictiz/MedMij Zelfmetingen (Vital Signs) 2.0 (STU3, MedMij:V2020.01/FHIR_VitalSigns), kwalificatie-TestScript "Scenario 1.7 - Retrieve all ' +
    'VitalSign Observation resources" (version stu3-2.0), github.com/Nictiz/Nictiz-testscripts ' +
    'src/SelfMeasurements-2-0/Cert/Retrieving-PHR/selfmeasurements-phr-1-7-retrieve-all-vitalsigns.xml: Observation?category=vital-signs', zelfmetingenStu3()),
  set('zelfmetingen', 'R4', 'derived',
    'Regie-afleiding: per meting een Observation-zoekvraag op de zib-LOINC-codes (bloeddruk, gewicht, lengte, hartslag, temperatuur) zoals in de BgZ 2017. ' +
    'Geen R4-querylijst voor zelfmetingen gevonden (STU3 2.0 vraagt alles op met Observation?category=vital-signs).', zelfmetingen()),
  set('documenten', 'STU3', 'published',
    'Nictiz/MedMij Informatiestandaard PDF/A, Technisch ontwerp FHIR STU3 (MedMij:V2020.01/FHIR_PDFA): DocumentReference, daarna Binary via content.attachment.url', documenten()),
  set('documenten', 'R4', 'derived', R4_DERIVED, documenten()),
  set('vaccinaties', 'R4', 'published',
    'MedMij Informatiestandaard Vaccinatie-Immunisatie, Technisch ontwerp FHIR R4 (MedMij:V6/FHIR_Vaccination-Immunization); ' +
    'zelfde zoekvraag in de MGO-configuratie (minvws/nl-mgo-app-web packages/config/src/data-services/63-vaccination-immunization.json): Immunization', vaccinaties()),
  set('vaccinaties-2', 'R4', 'published',
    'Nictiz Immunization 2.0 (R4), TestScript github.com/Nictiz/Nictiz-testscripts output/R4/Immunization-2-0/MedMij/Test/PHR-Client/imm-retrieve-test-1-1.xml: ' +
    'Immunization zonder parameters', vaccinaties()),
  set('vragenlijsten', 'STU3', 'published',
    'Nictiz/MedMij Vragenlijsten 2.0 (STU3), kwalificatie-TestScript "MedMij Questionnaires - PHR Client - Scenario 1.1, 2.1, 3.1" (version stu3-2.0), ' +
    'github.com/Nictiz/Nictiz-testscripts src/Questionnaires-2-0/Cert/PHR-Client/medmij-questionnaires-phr-1-1_2-1_3-1.xml met ' +
    '_components/phr-scenario1-searchTask.xml: Task?code=http://loinc.org|74468-0&status=requested, en scenario 2.1 ' +
    '(_components/phr-scenario2-retrieveQuestionnaire.xml): GET Questionnaire/<id> uit Task.input (valueReference). ' +
    'Scenario 3 (antwoorden terugsturen) valt buiten ophalen.', vragenlijsten()),
  set('vragenlijsten', 'R4', 'derived', `${R4_DERIVED} Zelfde zoekvraag en vervolglezing als de gepubliceerde STU3-set (Vragenlijsten 2.0).`, vragenlijsten()),
  set('overgevoeligheden', 'STU3', 'published',
    'Nictiz/MedMij Allergie-intolerantie (STU3), kwalificatie-TestScripts "MedMij AllergyIntolerance - PHR Client - Scenario 1.1" (version stu3-2.0), ' +
    'github.com/Nictiz/Nictiz-testscripts src/AllergyIntolerance-3-0/Cert/PHR-Client/AllergyIntolerance20/medmij-allergyintolerance-phr-1-1.xml ' +
    '(medmij/test.phr.search resource="AllergyIntolerance"): AllergyIntolerance zonder parameters.', overgevoeligheden()),
  set('ggz', 'STU3', 'published', GGZ_STU3_SOURCE, ggzStu3()),
  set('langdurige-zorg', 'STU3', 'published', LZ_STU3_SOURCE, lzStu3()),
];

export function querySetFor(serviceId: string, fhirVersion: FhirVersion): MedmijQuerySet | undefined {
  return MEDMIJ_QUERY_SETS.find((s) => s.serviceId === serviceId && s.fhirVersion === fhirVersion);
}
