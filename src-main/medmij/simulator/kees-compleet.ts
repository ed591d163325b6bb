/**
 * Kees Compleet (fictief): a generated, complete record for every MedMij data service, in STU3
 * (zib2017 / Medicatieproces 9.0.7 shapes) and in R4 (zib2020 / Medicatieproces 9 3.0 shapes).
 * ALL OF THIS IS TEST DATA: invented people and organisations, a BSN from the 9999xxxxx test range,
 * every name marked "(fictief)" and every resource tagged HTEST.
 *
 * The story: a man born in 1947, widower, living on the psychogeriatric ward of a nursing home (Wlz)
 * since 2024. Parkinson's disease, a mild cognitive disorder, recurrent depression treated by an
 * old-age psychiatry team (GGZ), hypertension, atrial fibrillation on acenocoumarol, a healed hip
 * fracture (operated 2019) and a pressure ulcer on the left heel that the nursing plan is healing.
 * His daughter is his informal carer. The data's "now" is late November 2026.
 *
 * What each MedMij query finds here (tests/medmij/simulator/coverage.test.ts checks all of them):
 * Patient + huisarts; Coverage with an insurer, a care office and the patient himself as payor;
 * wilsverklaring and behandelaanwijzingen (Consent); functional and mental status, living, family,
 * participation, alcohol, tobacco and drug use (Observation); survey scores (GDS-15, MMSE); vital
 * signs; lab results with Specimen, NHG table 45 codes and a Cockcroft-Gault clearance derived from
 * creatinine and body weight (so `Observation:related-target` has something to include); surgical
 * and GGZ procedures; a hospital admission (class IMP) and GP/GGZ contacts; GP episodes; a SOAP
 * journal Composition; medication agreements, dispenses, administration agreements, medication use,
 * administrations (plus the MP9 3.0 dispense request and variable dosing schedule in R4); allergies;
 * alert; diet; devices in use and one requested; vaccinations and a recommendation; a planned
 * referral; appointments; a questionnaire Task with its Questionnaire; a PDF letter (Binary); the
 * GGZ "hulp van anderen" CarePlan; the BgLZ care plan with goals, outcomes and the medical device
 * extension; and the care team.
 */
import type { FhirJson, FhirVersion } from '../../fhir/types';
import { HTEST, tinyPdf } from './test-data';

export const KEES_ID = 'kees-compleet';

const SCT = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const ATC = 'http://www.whocc.no/atc';
const UCUM = 'http://unitsofmeasure.org';
const ICPC = 'http://hl7.org/fhir/sid/icpc-1-nl';
const NHG45 = 'https://referentiemodel.nhg.org/tabellen/nhg-tabel-45-diagnostische-bepalingen';
const NICTIZ_SD = 'http://nictiz.nl/fhir/StructureDefinition';
/** G-Standaard farmaceutische vorm, route, unit ("stuk") as the Dutch medication process uses them */
const GSTD_FORM = 'urn:oid:2.16.840.1.113883.2.4.4.1.750';
const GSTD_ROUTE = 'urn:oid:2.16.840.1.113883.2.4.4.9';
const GSTD_UNIT = 'urn:oid:2.16.840.1.113883.2.4.4.1.900.2';
/** zib 2017 medication-use category (Medicatieproces 9.0.7) */
const MP_CATEGORY_OID = 'urn:oid:2.16.840.1.113883.2.4.3.11.60.20.77.5.3';

type Json = FhirJson;

const coding = (system: string, code: string, display: string) => ({ system, code, display });
const cc = (system: string, code: string, display: string, text?: string): Json => ({ coding: [coding(system, code, display)], ...(text ? { text } : {}) });
const text = (t: string): Json => ({ text: t });
const ref = (reference: string, display?: string): Json => ({ reference, ...(display ? { display } : {}) });
const qty = (value: number, unit: string, code = unit, system = UCUM): Json => ({ value, unit, system, code });
const stuks = (value: number): Json => ({ value, unit: 'stuk', system: GSTD_UNIT, code: '245' });

/** The fictitious parties, by id. */
const P = {
  patient: `Patient/${KEES_ID}`,
  dochter: 'RelatedPerson/kc-dochter',
  huisarts: 'Practitioner/kc-huisarts',
  specialistOg: 'Practitioner/kc-specialist-og',
  psychiater: 'Practitioner/kc-psychiater',
  neuroloog: 'Practitioner/kc-neuroloog',
  verpleegkundige: 'Practitioner/kc-verpleegkundige',
  rolHuisarts: 'PractitionerRole/kc-rol-huisarts',
  rolSpecialistOg: 'PractitionerRole/kc-rol-specialist-og',
  rolPsychiater: 'PractitionerRole/kc-rol-psychiater',
  rolNeuroloog: 'PractitionerRole/kc-rol-neuroloog',
  huisartsenpraktijk: 'Organization/kc-huisartsenpraktijk',
  zorgcentrum: 'Organization/kc-zorgcentrum',
  ggz: 'Organization/kc-ggz',
  ziekenhuis: 'Organization/kc-ziekenhuis',
  apotheek: 'Organization/kc-apotheek',
  trombosedienst: 'Organization/kc-trombosedienst',
  zorgverzekeraar: 'Organization/kc-zorgverzekeraar',
  zorgkantoor: 'Organization/kc-zorgkantoor',
  locatieWilgenhof: 'Location/kc-locatie-wilgenhof',
  locatieApotheek: 'Location/kc-locatie-apotheek',
} as const;

const NAMES: Record<string, string> = {
  [P.patient]: 'Kees Compleet (fictief)',
  [P.dochter]: 'Marieke Compleet (fictief)',
  [P.huisarts]: 'H. Huisman, huisarts (fictief)',
  [P.specialistOg]: 'M. Ouderkerk, specialist ouderengeneeskunde (fictief)',
  [P.psychiater]: 'R. Spiegel, psychiater (fictief)',
  [P.neuroloog]: 'J. Beverman, neuroloog (fictief)',
  [P.verpleegkundige]: 'F. Zorgman, verpleegkundige (fictief)',
  [P.huisartsenpraktijk]: 'Huisartsenpraktijk Compleetstad (fictief)',
  [P.zorgcentrum]: 'Zorgcentrum De Wilgenhof (fictief)',
  [P.ggz]: 'GGZ Ouderenpsychiatrie Rivierland (fictief)',
  [P.ziekenhuis]: 'Ziekenhuis Compleetstad (fictief)',
  [P.apotheek]: 'Apotheek Compleetstad (fictief)',
  [P.trombosedienst]: 'Trombosedienst Compleetstad (fictief)',
  [P.zorgverzekeraar]: 'Zorgverzekeraar Compleet (fictief)',
  [P.zorgkantoor]: 'Zorgkantoor Compleetstad (fictief)',
};
/** A reference with the party's display name. */
const to = (reference: string): Json => ref(reference, NAMES[reference]);

/** Kees Compleet's resources in the given FHIR version; the same story in both. */
export function keesCompleetResources(version: FhirVersion): FhirJson[] {
  const r4 = version === 'R4';
  const meta = { tag: [HTEST] };
  const out: Json[] = [];
  const add = (...resources: Json[]) => {
    for (const r of resources) {
      const { resourceType, id, ...rest } = r;
      out.push({ resourceType, id, meta, ...rest });
    }
  };
  const subject = to(P.patient);

  // Version-specific code systems.
  const OBS_CAT = r4 ? 'http://terminology.hl7.org/CodeSystem/observation-category' : 'http://hl7.org/fhir/observation-category';
  const ACTCODE = r4 ? 'http://terminology.hl7.org/CodeSystem/v3-ActCode' : 'http://hl7.org/fhir/v3/ActCode';
  const ROLECODE = r4 ? 'http://terminology.hl7.org/CodeSystem/v3-RoleCode' : 'http://hl7.org/fhir/v3/RoleCode';
  const PARTICIPATION = r4 ? 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType' : 'http://hl7.org/fhir/v3/ParticipationType';
  const MARITAL = r4 ? 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus' : 'http://hl7.org/fhir/v3/MaritalStatus';
  const SELFPAY = r4 ? 'http://terminology.hl7.org/CodeSystem/coverage-selfpay' : 'http://hl7.org/fhir/coverage-selfpay';
  const INTERPRETATION = r4 ? 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation' : 'http://hl7.org/fhir/v2/0078';
  const V2_0074 = r4 ? 'http://terminology.hl7.org/CodeSystem/v2-0074' : 'http://hl7.org/fhir/v2/0074';

  /** STU3 has single CodeableConcepts where R4 repeats them (Flag.category, MedicationRequest.category …). */
  const oneOrMany = (c: Json) => (r4 ? [c] : c);
  /** An Observation's interpretation: a single CodeableConcept in STU3, an array in R4. */
  const interpretation = (code: 'L' | 'H' | 'N', display: string) => oneOrMany(cc(INTERPRETATION, code, display));
  /** Condition/AllergyIntolerance status: a code in STU3, a CodeableConcept in R4. */
  const status = (kind: 'condition-clinical' | 'condition-ver-status' | 'allergyintolerance-clinical' | 'allergyintolerance-verification', code: string) =>
    r4 ? { coding: [{ system: `http://terminology.hl7.org/CodeSystem/${kind}`, code }] } : code;
  /** Dosage quantity: doseQuantity in STU3, doseAndRate in R4. */
  const dose = (q: Json) => (r4 ? { doseAndRate: [{ doseQuantity: q }] } : { doseQuantity: q });
  /** A request's requester: { agent } in STU3, the reference itself in R4. */
  const requester = (reference: string) => (r4 ? to(reference) : { agent: to(reference) });
  const ORAAL = cc(GSTD_ROUTE, '9', 'ORAAL');

  // ------------------------------------------------------------ people and organisations

  add(
    {
      resourceType: 'Patient', id: KEES_ID,
      identifier: [{ system: 'http://fhir.nl/fhir/NamingSystem/bsn', value: '999990147' }],
      name: [{ use: 'official', family: 'Compleet', given: ['Kees'], text: 'Kees Compleet (fictief)' }],
      gender: 'male', birthDate: '1947-02-11',
      address: [{ use: 'home', line: ['Wilgenlaan 1 (fictief)'], city: 'Compleetstad', postalCode: '9999 ZZ', country: 'NL' }],
      maritalStatus: cc(MARITAL, 'W', 'Widowed', 'Weduwnaar'),
      communication: [{ language: cc('urn:ietf:bcp:47', 'nl', 'Nederlands'), preferred: true }],
      contact: [{
        relationship: [cc(ROLECODE, 'DAU', 'Dochter')],
        name: { family: 'Compleet', given: ['Marieke'], text: 'Marieke Compleet (fictief)' },
        telecom: [{ system: 'phone', value: '06-00000000', use: 'mobile' }],
      }],
      generalPractitioner: [to(P.huisartsenpraktijk), to(P.huisarts)],
    },
    {
      resourceType: 'RelatedPerson', id: 'kc-dochter', patient: subject,
      relationship: oneOrMany(cc(ROLECODE, 'DAU', 'Dochter', 'Dochter, mantelzorger en contactpersoon')),
      name: [{ family: 'Compleet', given: ['Marieke'], text: 'Marieke Compleet (fictief)' }],
      telecom: [{ system: 'phone', value: '06-00000000', use: 'mobile' }],
      gender: 'female',
    },
  );
  const practitioner = (id: string, family: string, given: string, reference: string): Json => ({
    resourceType: 'Practitioner', id, name: [{ family, given: [given], text: NAMES[reference] }],
  });
  add(
    practitioner('kc-huisarts', 'Huisman', 'Hanneke', P.huisarts),
    practitioner('kc-specialist-og', 'Ouderkerk', 'Marloes', P.specialistOg),
    practitioner('kc-psychiater', 'Spiegel', 'Ruben', P.psychiater),
    practitioner('kc-neuroloog', 'Beverman', 'Joost', P.neuroloog),
    practitioner('kc-verpleegkundige', 'Zorgman', 'Fatima', P.verpleegkundige),
  );
  const organization = (id: string, reference: string, type?: Json): Json => ({
    resourceType: 'Organization', id, active: true, name: NAMES[reference], ...(type ? { type: [type] } : {}),
  });
  const ORG_TYPE = 'http://nictiz.nl/fhir/NamingSystem/organization-type';
  add(
    organization('kc-huisartsenpraktijk', P.huisartsenpraktijk, cc(ORG_TYPE, 'Z3', 'Huisartspraktijk (zelfstandig of duo)')),
    organization('kc-zorgcentrum', P.zorgcentrum, text('Verpleeghuis')),
    organization('kc-ggz', P.ggz, text('GGZ-instelling')),
    organization('kc-ziekenhuis', P.ziekenhuis, cc(ORG_TYPE, 'V4', 'Ziekenhuis')),
    organization('kc-apotheek', P.apotheek, cc(ORG_TYPE, 'J8', 'Openbare apotheek')),
    organization('kc-trombosedienst', P.trombosedienst, text('Trombosedienst')),
    organization('kc-zorgverzekeraar', P.zorgverzekeraar, text('Zorgverzekeraar')),
    organization('kc-zorgkantoor', P.zorgkantoor, text('Zorgkantoor (Wet langdurige zorg)')),
    {
      resourceType: 'Location', id: 'kc-locatie-wilgenhof', status: 'active', name: 'De Wilgenhof, afdeling Esdoorn (fictief)',
      address: { line: ['Wilgenlaan 1 (fictief)'], city: 'Compleetstad', postalCode: '9999 ZZ', country: 'NL' }, managingOrganization: to(P.zorgcentrum),
    },
    {
      resourceType: 'Location', id: 'kc-locatie-apotheek', status: 'active', name: 'Apotheek Compleetstad, balie Marktplein (fictief)',
      address: { line: ['Marktplein 2 (fictief)'], city: 'Compleetstad', postalCode: '9999 ZY', country: 'NL' }, managingOrganization: to(P.apotheek),
    },
  );
  const role = (id: string, who: string, org: string, specialty: Json, location?: string): Json => ({
    resourceType: 'PractitionerRole', id, active: true, practitioner: to(who), organization: to(org),
    specialty: [specialty], ...(location ? { location: [ref(location)] } : {}),
  });
  add(
    role('kc-rol-huisarts', P.huisarts, P.huisartsenpraktijk, cc('urn:oid:2.16.840.1.113883.2.4.6.7', '0100', 'Huisartsen, niet nader gespecificeerd')),
    role('kc-rol-specialist-og', P.specialistOg, P.zorgcentrum, text('Specialist ouderengeneeskunde'), P.locatieWilgenhof),
    role('kc-rol-psychiater', P.psychiater, P.ggz, text('Psychiater')),
    role('kc-rol-neuroloog', P.neuroloog, P.ziekenhuis, text('Neuroloog')),
  );

  // ------------------------------------------------------------ payers

  add(
    {
      resourceType: 'Coverage', id: 'kc-zvw', status: 'active',
      type: cc('urn:oid:2.16.840.1.113883.2.4.3.11.60.101.5.1', 'B', 'Basis verzekerd', 'Zorgverzekering (Zvw)'),
      subscriberId: '999900001', beneficiary: subject, period: { start: '2006-01-01' }, payor: [to(P.zorgverzekeraar)],
      ...(r4
        ? { class: [{ type: cc('http://terminology.hl7.org/CodeSystem/coverage-class', 'plan', 'Plan'), value: 'basis', name: 'Basisverzekering' }] }
        : { grouping: { plan: 'basis', planDisplay: 'Basisverzekering' } }),
    },
    {
      resourceType: 'Coverage', id: 'kc-wlz', status: 'active',
      type: cc(ACTCODE, 'PUBLICPOL', 'public healthcare', 'Wet langdurige zorg (Wlz), verblijf met behandeling'),
      beneficiary: subject, period: { start: '2024-03-01' }, payor: [to(P.zorgkantoor)],
    },
    {
      resourceType: 'Coverage', id: 'kc-eigen-bijdrage', status: 'active',
      type: cc(SELFPAY, 'pay', 'Pay', 'Eigen bijdrage Wlz'),
      beneficiary: subject, period: { start: '2024-03-01' }, payor: [subject],
    },
  );

  // ------------------------------------------------------------ advance directive and treatment directives

  add(r4
    ? {
        resourceType: 'Consent', id: 'kc-wilsverklaring', status: 'active',
        scope: cc('http://terminology.hl7.org/CodeSystem/consentscope', 'adr', 'Advanced Care Directive'),
        category: [cc(SCT, '11341000146107', 'Wilsverklaring'), cc('urn:oid:2.16.840.1.113883.2.4.3.11.60.40.4.14.1', 'NR', 'Niet reanimeren verklaring')],
        patient: subject, dateTime: '2022-05-10', performer: [subject],
        sourceAttachment: { contentType: 'application/pdf', title: 'Niet-reanimerenverklaring (fictief)' },
        policy: [{ uri: 'https://wetten.overheid.nl/' }],
      }
    : {
        resourceType: 'Consent', id: 'kc-wilsverklaring', status: 'active',
        category: [cc(SCT, '11341000146107', 'Wilsverklaring'), cc('urn:oid:2.16.840.1.113883.2.4.3.11.60.40.4.14.1', 'NR', 'Niet reanimeren verklaring')],
        patient: subject, dateTime: '2022-05-10', consentingParty: [subject],
        sourceAttachment: { contentType: 'application/pdf', title: 'Niet-reanimerenverklaring (fictief)' },
        policy: [{ uri: 'https://wetten.overheid.nl/' }],
      });
  const treatmentDirective = (id: string, treatment: Json, comment: string): Json => r4
    ? {
        resourceType: 'Consent', id, status: 'active',
        extension: [
          { url: `${NICTIZ_SD}/ext-TreatmentDirective2.AdvanceDirective`, valueReference: ref('Consent/kc-wilsverklaring', 'Niet-reanimerenverklaring') },
          { url: `${NICTIZ_SD}/ext-Comment`, valueString: comment },
        ],
        scope: cc('http://terminology.hl7.org/CodeSystem/consentscope', 'treatment', 'Treatment'),
        category: [cc(SCT, '11291000146105', 'Behandelaanwijzing')],
        patient: subject, dateTime: '2024-03-04', performer: [to(P.specialistOg)],
        policy: [{ uri: 'https://wetten.overheid.nl/' }],
        provision: { type: 'deny', period: { start: '2024-03-04' }, code: [treatment] },
      }
    : {
        resourceType: 'Consent', id, status: 'active',
        extension: [
          { url: `${NICTIZ_SD}/zib-TreatmentDirective-Treatment`, valueCodeableConcept: treatment },
          { url: `${NICTIZ_SD}/zib-TreatmentDirective-AdvanceDirective`, valueReference: ref('Consent/kc-wilsverklaring', 'Niet-reanimerenverklaring') },
          { url: `${NICTIZ_SD}/Comment`, valueString: comment },
        ],
        modifierExtension: [{
          url: `${NICTIZ_SD}/zib-TreatmentDirective-TreatmentPermitted`,
          valueCodeableConcept: cc('urn:oid:2.16.840.1.113883.2.4.3.11.60.40.4', 'NEE', 'Behandeling niet toegestaan en/of wenselijk'),
        }],
        category: [cc(SCT, '11291000146105', 'Behandelaanwijzing')],
        patient: subject, dateTime: '2024-03-04', period: { start: '2024-03-04' },
        consentingParty: [subject, to(P.dochter)], policy: [{ uri: 'https://wetten.overheid.nl/' }],
      };
  add(
    treatmentDirective('kc-ba-reanimatie', cc(SCT, '89666000', 'Cardiopulmonale resuscitatie', 'Reanimatie'),
      'Niet reanimeren; besproken met patiënt en dochter.'),
    treatmentDirective('kc-ba-beademing', cc(SCT, '40617009', 'Kunstmatige beademing', 'Beademing'),
      'Geen beademing of IC-opname; wel opname in het ziekenhuis bij een behandelbare oorzaak.'),
  );

  // ------------------------------------------------------------ problems, allergies, alert

  const condition = (id: string, code: Json, onset: string, opts: { resolved?: string; asserter?: string; note?: string } = {}): Json => ({
    resourceType: 'Condition', id,
    clinicalStatus: status('condition-clinical', opts.resolved ? 'resolved' : 'active'),
    verificationStatus: status('condition-ver-status', 'confirmed'),
    category: [cc(SCT, '439401001', 'Diagnose')],
    code, subject, onsetDateTime: onset,
    ...(opts.resolved ? { abatementDateTime: opts.resolved } : {}),
    ...(r4 ? { recordedDate: onset } : { assertedDate: onset }),
    ...(opts.asserter ? { asserter: to(opts.asserter) } : {}),
    ...(opts.note ? { note: [{ text: opts.note }] } : {}),
  });
  add(
    condition('kc-parkinson', { coding: [coding(SCT, '49049000', 'Ziekte van Parkinson'), coding(ICPC, 'N87', 'Parkinsonisme')], text: 'Ziekte van Parkinson' }, '2016-04-20', { asserter: P.neuroloog }),
    condition('kc-depressie', { coding: [coding(SCT, '35489007', 'Depressieve stoornis'), coding(ICPC, 'P76', 'Depressie')], text: 'Depressieve stoornis, recidiverend' }, '2023-09-12',
      { asserter: P.psychiater, note: 'Behandeling door ouderenpsychiatrie; sinds mirtazapine duidelijk opgeknapt.' }),
    condition('kc-cognitie', cc(SCT, '386805003', 'Lichte cognitieve stoornis', 'Lichte cognitieve stoornis'), '2024-02-05', { asserter: P.specialistOg }),
    condition('kc-hypertensie', { coding: [coding(SCT, '38341003', 'Hypertensie'), coding(ICPC, 'K86', 'Hypertensie zonder orgaanbeschadiging')], text: 'Hoge bloeddruk' }, '2005-06-01'),
    condition('kc-atriumfibrilleren', { coding: [coding(SCT, '49436004', 'Atriumfibrilleren'), coding(ICPC, 'K78', 'Boezemfibrilleren/-fladderen')], text: 'Boezemfibrilleren' }, '2018-11-15'),
    condition('kc-decubitus', cc(SCT, '399912005', 'Decubitus', 'Decubitus hiel links, categorie 2'), '2026-09-20', { asserter: P.specialistOg }),
    condition('kc-heupfractuur', cc(SCT, '5913000', 'Collumfractuur', 'Gebroken heup rechts na val'), '2019-03-02', { resolved: '2019-06-01' }),
  );
  const allergy = (id: string, type: string, category: string, criticality: string, code: Json, recorded: string, reaction: Json): Json => ({
    resourceType: 'AllergyIntolerance', id,
    clinicalStatus: status('allergyintolerance-clinical', 'active'),
    verificationStatus: status('allergyintolerance-verification', 'confirmed'),
    type, category: [category], criticality, code, patient: subject,
    ...(r4 ? { recordedDate: recorded } : { assertedDate: recorded }),
    reaction: [reaction],
  });
  add(
    allergy('kc-codeine', 'intolerance', 'medication', 'low', cc(SCT, '387494007', 'Codeïne', 'Codeïne'), '2018-06-01',
      { manifestation: [cc(SCT, '422587007', 'Misselijkheid'), cc(SCT, '14760008', 'Obstipatie')], severity: 'moderate', description: 'Misselijk en ernstig verstopt na codeïne.' }),
    allergy('kc-pleister', 'allergy', 'environment', 'low', text('Pleister (kleefstof)'), '2020-01-15',
      { manifestation: [cc(SCT, '40275004', 'Contactdermatitis')], severity: 'mild' }),
    {
      resourceType: 'Flag', id: 'kc-valrisico', status: 'active',
      category: oneOrMany(cc(SCT, '129839007', 'Valrisico')),
      code: cc(SCT, '129839007', 'Valrisico', 'Let op: verhoogd valrisico (Parkinson, heupfractuur in 2019)'),
      subject, period: { start: '2019-03-09' }, author: to(P.specialistOg),
    },
  );

  // ------------------------------------------------------------ observations: status, lifestyle, surveys

  const obs = (id: string, category: Json[] | undefined, code: Json, when: string, value: Json, extra: Json = {}): Json => ({
    resourceType: 'Observation', id, status: 'final',
    ...(category ? { category } : {}),
    code, subject, ...(when.includes('/') ? { effectivePeriod: { start: when.split('/')[0], end: when.split('/')[1] } } : { effectiveDateTime: when }),
    ...value, ...extra,
  });
  const comment = (t: string) => (r4 ? { note: [{ text: t }] } : { comment: t });
  const FUNCTIONAL = [cc(SCT, '118228005', 'Functionele bevinding')];
  const MENTAL = [cc(SCT, '384821006', 'Bevinding betreffende mentale toestand, gedrag en/of psychosociaal functioneren')];
  const SOCIAL = [cc(OBS_CAT, 'social-history', 'Social History')];
  const SURVEY = [cc(OBS_CAT, 'survey', 'Survey')];
  const VITAL = [cc(OBS_CAT, 'vital-signs', 'Vital Signs')];
  const LOPEN = cc(SCT, '282097004', 'Vermogen om te lopen', 'Lopen');
  add(
    obs('kc-lopen-2026-03', FUNCTIONAL, LOPEN, '2026-03-10', { valueCodeableConcept: text('Loopt zelfstandig met rollator') }, { performer: [to(P.specialistOg)] }),
    obs('kc-lopen-2026-10', FUNCTIONAL, LOPEN, '2026-10-14', { valueCodeableConcept: text('Loopt korte afstanden met rollator onder begeleiding') },
      { performer: [to(P.specialistOg)], ...comment('Achteruitgang door decubitus hiel links; fysiotherapie aangevraagd.') }),
    obs('kc-cognitie-2026-10', MENTAL, cc(SCT, '373930000', 'Cognitieve functie', 'Cognitief functioneren'), '2026-10-14',
      { valueCodeableConcept: cc(SCT, '386807006', 'Geheugenstoornis', 'Kortetermijngeheugen verminderd; oriëntatie in tijd wisselend') },
      { performer: [to(P.specialistOg)] }),
    obs('kc-adl-wassen-2026-11', FUNCTIONAL, text('Zichzelf wassen'), '2026-11-16',
      { valueCodeableConcept: text('Wast bovenlichaam zelf met aanwijzingen; onderlichaam met hulp') }, { performer: [to(P.verpleegkundige)] }),
    obs('kc-wond-2026-11', [cc(OBS_CAT, 'exam', 'Exam')], text('Beoordeling decubituswond hiel links'), '2026-11-16',
      { valueString: 'Categorie 1: huid intact, niet-wegdrukbare roodheid. Verbeterd ten opzichte van categorie 2 op 20 september.' },
      { performer: [to(P.verpleegkundige)] }),
  );
  const WOON = cc(SCT, '365508006', 'Woonsituatie');
  add(
    obs('kc-woonsituatie-2019', SOCIAL, WOON, '2019-01-15',
      { valueCodeableConcept: cc('urn:oid:2.16.840.1.113883.2.4.3.11.60.40.4.13.1', 'EENGEZW', 'Eengezinswoning', 'Eengezinswoning, woont zelfstandig') }),
    obs('kc-woonsituatie-2024', SOCIAL, WOON, '2024-03-01',
      { valueCodeableConcept: cc(SCT, '42665001', 'Verpleeghuis', 'Verpleeghuis, psychogeriatrische afdeling') },
      comment('Sinds maart 2024 in Zorgcentrum De Wilgenhof (fictief).')),
    obs('kc-drugs', SOCIAL, cc(SCT, '228366006', 'Drugsgebruik'), '2023-09-12', { valueCodeableConcept: cc(SCT, '228367002', 'Gebruikt geen drugs') }),
    obs('kc-alcohol', SOCIAL, cc(SCT, '228273003', 'Alcoholgebruik'), '2023-09-12', { valueCodeableConcept: cc(SCT, '228276006', 'Drinkt af en toe alcohol') },
      comment('Eén glas bier op zondag.')),
    obs('kc-tabak', SOCIAL, cc(SCT, '365980008', 'Tabakgebruik'), '1962-01-01/1998-06-01', { valueCodeableConcept: cc(SCT, '8517006', 'Voormalig roker') },
      comment('Rookte 35 jaar sigaretten, gestopt in 1998.')),
    obs('kc-gezinssituatie', SOCIAL, cc(SCT, '365470003', 'Gezinssituatie'), '2023-09-12', {
      component: [
        { code: cc(SCT, '224130005', 'Gezinssamenstelling'), valueCodeableConcept: text('Weduwnaar sinds 2019; woont in een zorginstelling') },
        { code: cc(SCT, '224118004', 'Aantal kinderen'), valueQuantity: { value: 2 } },
        { code: cc(SCT, '55811000146107', 'Aantal thuiswonende kinderen'), valueQuantity: { value: 0 } },
      ],
    }),
    obs('kc-participatie', SOCIAL, cc(SCT, '314845004', 'Participatie in maatschappij'), '2023-09-12',
      { valueString: 'Gepensioneerd timmerman. Doet mee aan de dagbesteding (houtbewerking) en zingt in het koor van het zorgcentrum.' }),
  );
  const GDS = cc(LOINC, '48545-8', 'Geriatric depression scale (GDS) short version total', 'GDS-15 totaalscore');
  add(
    obs('kc-gds-2025-11', SURVEY, GDS, '2025-11-18', { valueQuantity: qty(10, 'score', '{score}') }, { performer: [to(P.psychiater)] }),
    obs('kc-gds-2026-08', SURVEY, GDS, '2026-08-20', { valueQuantity: qty(5, 'score', '{score}') },
      { performer: [to(P.psychiater)], ...comment('Duidelijke verbetering van de stemming.') }),
    obs('kc-mmse-2026-08', SURVEY, cc(LOINC, '72106-8', 'Total score [MMSE]', 'MMSE totaalscore'), '2026-08-20', { valueQuantity: qty(24, 'score', '{score}') },
      { performer: [to(P.psychiater)] }),
  );

  // ------------------------------------------------------------ vital signs

  const vital = (id: string, code: Json, when: string, value: Json) => obs(id, VITAL, code, when, value, { performer: [to(P.verpleegkundige)] });
  add(
    vital('kc-lengte-2024', cc(LOINC, '8302-2', 'Body height', 'Lichaamslengte'), '2024-03-04T10:00:00+01:00', { valueQuantity: qty(176, 'cm') }),
    vital('kc-hartslag-2026-11', cc(LOINC, '8867-4', 'Heart rate', 'Hartfrequentie'), '2026-11-16T09:00:00+01:00', { valueQuantity: qty(78, '/min') }),
    vital('kc-temperatuur-2026-11', cc(LOINC, '8310-5', 'Body temperature', 'Lichaamstemperatuur'), '2026-11-16T09:00:00+01:00', { valueQuantity: qty(36.8, '°C', 'Cel') }),
  );
  for (const [date, sys, dia] of [['2026-06-15', 148, 84], ['2026-11-16', 136, 78]] as const) {
    add(vital(`kc-bloeddruk-${date}`, cc(LOINC, '85354-9', 'Blood pressure panel with all children optional', 'Bloeddruk'), `${date}T09:00:00+01:00`, {
      component: [
        { code: cc(LOINC, '8480-6', 'Systolic blood pressure'), valueQuantity: qty(sys, 'mmHg', 'mm[Hg]') },
        { code: cc(LOINC, '8462-4', 'Diastolic blood pressure'), valueQuantity: qty(dia, 'mmHg', 'mm[Hg]') },
      ],
    }));
  }
  // Monthly weights in the nursing home, June–November 2026.
  const weights = [72.4, 72.0, 71.6, 71.1, 70.6, 70.3];
  weights.forEach((kg, i) => {
    const month = String(6 + i).padStart(2, '0');
    add(vital(`kc-gewicht-2026-${month}`, cc(LOINC, '29463-7', 'Body weight', 'Lichaamsgewicht'), `2026-${month}-05T08:30:00+02:00`, { valueQuantity: qty(kg, 'kg') }));
  });

  // ------------------------------------------------------------ laboratory

  // NHG Tabel 45 numbers below are illustrative (fictitious record); the GP query asks for the code system.
  const LAB = [cc(SCT, '275711006', 'Chemie'), cc(SCT, '49581000146104', 'Laboratoriumuitslag')];
  const HEMA = [cc(SCT, '252275004', 'Hematologisch onderzoek'), cc(SCT, '49581000146104', 'Laboratoriumuitslag')];
  const specimen = (id: string, collected: string): Json => ({
    resourceType: 'Specimen', id, type: cc(SCT, '119297000', 'Bloedmonster', 'Veneus bloed'), subject,
    receivedTime: collected, collection: { collectedDateTime: collected, collector: to(P.verpleegkundige) },
  });
  const lab = (id: string, category: Json[], loinc: Json, nhg: [string, string], when: string, specimenId: string, value: Json, range: [number, number] | null, flag: 'L' | 'H' | 'N', extra: Json = {}): Json =>
    obs(id, category, { coding: [...(loinc.coding as Json[]), coding(NHG45, nhg[0], nhg[1])], text: loinc.text }, `${when}T08:15:00+02:00`, {
      valueQuantity: value,
    }, {
      issued: `${when}T14:00:00+02:00`,
      performer: [to(P.ziekenhuis)],
      interpretation: interpretation(flag, flag === 'L' ? 'Onder referentiewaarde' : flag === 'H' ? 'Boven referentiewaarde' : 'Normaal'),
      ...(range ? { referenceRange: [{ low: { ...value, value: range[0] }, high: { ...value, value: range[1] } }] } : {}),
      specimen: ref(`Specimen/${specimenId}`),
      ...extra,
    });
  const NATRIUM = cc(LOINC, '2951-2', 'Sodium [Moles/volume] in Serum or Plasma', 'Natrium');
  const KREATININE = cc(LOINC, '14682-9', 'Creatinine [Moles/volume] in Serum or Plasma', 'Kreatinine');
  add(
    specimen('kc-bloed-2026-05', '2026-05-12T08:15:00+02:00'),
    specimen('kc-bloed-2026-10', '2026-10-14T08:15:00+02:00'),
    lab('kc-natrium-2026-05', LAB, NATRIUM, ['374', 'Natrium (serum)'], '2026-05-12', 'kc-bloed-2026-05', qty(131, 'mmol/l', 'mmol/L'), [135, 145], 'L'),
    lab('kc-natrium-2026-10', LAB, NATRIUM, ['374', 'Natrium (serum)'], '2026-10-14', 'kc-bloed-2026-10', qty(137, 'mmol/l', 'mmol/L'), [135, 145], 'N'),
    lab('kc-kreatinine-2026-05', LAB, KREATININE, ['382', 'Kreatinine (serum)'], '2026-05-12', 'kc-bloed-2026-05', qty(98, 'µmol/l', 'umol/L'), [64, 104], 'N'),
    lab('kc-kreatinine-2026-10', LAB, KREATININE, ['382', 'Kreatinine (serum)'], '2026-10-14', 'kc-bloed-2026-10', qty(104, 'µmol/l', 'umol/L'), [64, 104], 'N'),
    lab('kc-egfr-2026-10', LAB, cc(LOINC, '62238-1', 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)', 'eGFR (CKD-EPI)'),
      ['3583', 'eGFR volgens CKD-EPI'], '2026-10-14', 'kc-bloed-2026-10', qty(58, 'ml/min/1,73m²', 'mL/min/{1.73_m2}'), [60, 200], 'L'),
    lab('kc-hb-2026-10', HEMA, cc(LOINC, '59260-0', 'Hemoglobin [Moles/volume] in Blood', 'Hemoglobine'), ['356', 'Hemoglobine (bloed)'], '2026-10-14', 'kc-bloed-2026-10',
      qty(8.1, 'mmol/l', 'mmol/L'), [8.5, 11.0], 'L'),
    // The estimated clearance is derived from the creatinine and the body weight (Cockcroft-Gault), for dosing.
    lab('kc-klaring-2026-10', LAB, cc(LOINC, '35591-7', 'Creatinine renal clearance predicted by Cockcroft-Gault formula', 'Kreatinineklaring (Cockcroft-Gault)'),
      ['3907', 'Kreatinineklaring berekend (Cockcroft-Gault)'], '2026-10-14', 'kc-bloed-2026-10', qty(48, 'ml/min', 'mL/min'), null, 'L',
      r4
        ? { derivedFrom: [ref('Observation/kc-kreatinine-2026-10'), ref('Observation/kc-gewicht-2026-10')] }
        : { related: [{ type: 'derived-from', target: ref('Observation/kc-kreatinine-2026-10') }, { type: 'derived-from', target: ref('Observation/kc-gewicht-2026-10') }] }),
    // The kidney panel groups its members (R4 hasMember, STU3 related type has-member); a panel has no value of its own.
    obs('kc-nierfunctie-2026-10', LAB, { coding: [...(cc(LOINC, '24362-6', 'Renal function panel - Serum or Plasma').coding as Json[]), coding(NHG45, '3584', 'Nierfunctie (panel)')], text: 'Nierfunctie' },
      '2026-10-14T08:15:00+02:00', {}, {
        issued: '2026-10-14T14:00:00+02:00', performer: [to(P.ziekenhuis)], specimen: ref('Specimen/kc-bloed-2026-10'),
        ...(r4
          ? { hasMember: [ref('Observation/kc-kreatinine-2026-10'), ref('Observation/kc-egfr-2026-10')] }
          : { related: [{ type: 'has-member', target: ref('Observation/kc-kreatinine-2026-10') }, { type: 'has-member', target: ref('Observation/kc-egfr-2026-10') }] }),
      }),
  );

  // ------------------------------------------------------------ reports

  add(
    {
      resourceType: 'DiagnosticReport', id: 'kc-labrapport-2026-10', status: 'final',
      category: oneOrMany(cc(V2_0074, 'LAB', 'Laboratory')),
      code: cc(LOINC, '11502-2', 'Laboratory report', 'Laboratoriumonderzoek'), subject,
      effectiveDateTime: '2026-10-14T08:15:00+02:00', issued: '2026-10-14T14:00:00+02:00',
      performer: r4 ? [to(P.ziekenhuis)] : [{ actor: to(P.ziekenhuis) }],
      specimen: [ref('Specimen/kc-bloed-2026-10')],
      result: ['kc-natrium-2026-10', 'kc-kreatinine-2026-10', 'kc-egfr-2026-10', 'kc-hb-2026-10', 'kc-klaring-2026-10'].map((id) => ref(`Observation/${id}`)),
      conclusion: 'Natrium hersteld na staken citalopram. Nierfunctie licht verminderd; lichte anemie.',
    },
    {
      resourceType: 'DiagnosticReport', id: 'kc-ggz-verslag-2026-08', status: 'final',
      code: cc(LOINC, '11488-4', 'Consult note', 'Psychiatrisch onderzoek (ouderenpsychiatrie)'), subject,
      effectiveDateTime: '2026-08-20', issued: '2026-08-22T09:00:00+02:00',
      performer: r4 ? [to(P.psychiater)] : [{ actor: to(P.psychiater) }],
      result: [ref('Observation/kc-gds-2026-08'), ref('Observation/kc-mmse-2026-08')],
      conclusion: 'Depressieve stoornis, recidiverend, in remissie onder mirtazapine 15 mg. Stemming stabiel, slaap verbeterd, ' +
        'eetlust matig. Lichte cognitieve stoornis, stabiel ten opzichte van 2024 (MMSE 24). Beleid: mirtazapine continueren, ' +
        'controle over drie maanden, dagbesteding voortzetten.',
    },
  );

  // ------------------------------------------------------------ procedures, encounters, episodes, journal

  add(
    {
      resourceType: 'Procedure', id: 'kc-heupoperatie', status: 'completed',
      category: cc(SCT, '387713003', 'Chirurgische verrichting'),
      code: cc(SCT, '52734007', 'Totale heupprothese', 'Totale heupprothese rechts'), subject,
      performedDateTime: '2019-03-03', performer: [{ actor: to(P.ziekenhuis) }],
      reasonReference: [ref('Condition/kc-heupfractuur')],
      ...(r4 ? { encounter: ref('Encounter/kc-opname-2019') } : { context: ref('Encounter/kc-opname-2019') }),
    },
    {
      resourceType: 'Procedure', id: 'kc-ggz-intake', status: 'completed',
      category: cc(SCT, '103693007', 'Diagnostische verrichting'),
      code: cc(SCT, '10197000', 'Psychiatrisch interview en evaluatie', 'Intake ouderenpsychiatrie'), subject,
      performedDateTime: '2023-09-12', performer: [{ actor: to(P.psychiater) }],
      reasonReference: [ref('Condition/kc-depressie')],
    },
    {
      resourceType: r4 ? 'ServiceRequest' : 'ProcedureRequest', id: 'kc-verwijzing-fysio', status: 'active', intent: 'order',
      code: cc(SCT, '91251008', 'Fysiotherapie', 'Fysiotherapie: looptraining en valpreventie'), subject,
      authoredOn: '2026-11-10', occurrenceDateTime: '2027-01-12', requester: requester(P.specialistOg),
      reasonReference: [ref('Condition/kc-parkinson')],
    },
  );
  add(
    {
      resourceType: 'Encounter', id: 'kc-opname-2019', status: 'finished',
      class: coding(ACTCODE, 'IMP', 'inpatient encounter'),
      type: [cc(SCT, '32485007', 'Ziekenhuisopname', 'Opname orthopedie')], subject,
      period: { start: '2019-03-02T14:00:00+01:00', end: '2019-03-09T11:00:00+01:00' },
      ...(r4 ? { reasonCode: [cc(SCT, '5913000', 'Collumfractuur')] } : { reason: [cc(SCT, '5913000', 'Collumfractuur')] }),
      diagnosis: [{ condition: ref('Condition/kc-heupfractuur'), rank: 1 }],
      hospitalization: { dischargeDisposition: text('Revalidatie in een verpleeghuis') },
      serviceProvider: to(P.ziekenhuis),
    },
    {
      resourceType: 'Encounter', id: 'kc-visite-2026-09', status: 'finished',
      class: coding(ACTCODE, 'HH', 'home health'),
      type: [text('Visite huisarts in zorgcentrum')], subject,
      participant: [{ individual: to(P.huisarts) }],
      period: { start: '2026-09-10T10:00:00+02:00', end: '2026-09-10T10:25:00+02:00' },
      ...(r4 ? { reasonCode: [text('Hoesten en koorts')] } : { reason: [text('Hoesten en koorts')] }),
      serviceProvider: to(P.huisartsenpraktijk),
    },
    {
      resourceType: 'Encounter', id: 'kc-ggz-consult-2026-08', status: 'finished',
      class: coding(ACTCODE, 'AMB', 'ambulatory'),
      type: [text('Consult ouderenpsychiater')], subject,
      participant: [{ individual: to(P.psychiater) }],
      period: { start: '2026-08-20T10:00:00+02:00', end: '2026-08-20T10:45:00+02:00' },
      serviceProvider: to(P.ggz),
    },
    {
      resourceType: 'EpisodeOfCare', id: 'kc-episode-parkinson', status: 'active',
      type: [cc(ICPC, 'N87', 'Parkinsonisme', 'Ziekte van Parkinson')],
      diagnosis: [{ condition: ref('Condition/kc-parkinson'), rank: 1 }],
      patient: subject, managingOrganization: to(P.huisartsenpraktijk), period: { start: '2016-04-20' },
    },
    {
      resourceType: 'EpisodeOfCare', id: 'kc-episode-depressie', status: 'active',
      type: [cc(ICPC, 'P76', 'Depressie', 'Depressie')],
      diagnosis: [{ condition: ref('Condition/kc-depressie'), rank: 1 }],
      patient: subject, managingOrganization: to(P.huisartsenpraktijk), period: { start: '2023-09-12' },
    },
    {
      resourceType: 'EpisodeOfCare', id: 'kc-episode-luchtweginfectie', status: 'finished',
      type: [cc(ICPC, 'R78', 'Acute bronchitis/bronchiolitis', 'Luchtweginfectie')],
      patient: subject, managingOrganization: to(P.huisartsenpraktijk), period: { start: '2026-09-10', end: '2026-10-01' },
    },
  );
  const soep = (title: string, t: string): Json => ({
    title, text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${t}</p></div>` },
  });
  add({
    resourceType: 'Composition', id: 'kc-journaal-2026-09', status: 'final',
    type: cc(LOINC, '67781-5', 'Summarization of encounter note Document', 'Journaalregels (SOEP)'), subject,
    encounter: ref('Encounter/kc-visite-2026-09'), date: '2026-09-10T10:30:00+02:00', author: [to(P.huisarts)],
    title: 'Visite 10 september 2026: hoesten en koorts',
    section: [
      soep('S', 'Sinds drie dagen hoesten en koorts, volgens verzorging minder eetlust. Niet benauwd.'),
      soep('O', 'Temp 38,1 °C, pols 88/min regulair. Crepitaties rechts basaal. Saturatie 95%.'),
      soep('E', 'Acute bronchitis (R78), pneumonie niet uitgesloten.'),
      soep('P', 'Ruim drinken, paracetamol zo nodig. Controle over drie dagen of eerder bij benauwdheid of verwardheid.'),
    ],
  });

  // ------------------------------------------------------------ medication

  const medication = (id: string, atc: string, atcName: string, name: string): Json => ({
    resourceType: 'Medication', id,
    code: { coding: [coding(ATC, atc, atcName)], text: name },
    form: cc(GSTD_FORM, '1', 'TABLET'),
  });
  add(
    medication('kc-med-levodopa', 'N04BA02', 'levodopa en decarboxylaseremmer', 'Levodopa/carbidopa 100/25 mg tablet'),
    medication('kc-med-mirtazapine', 'N06AX11', 'mirtazapine', 'Mirtazapine 15 mg tablet'),
    medication('kc-med-citalopram', 'N06AB04', 'citalopram', 'Citalopram 20 mg tablet'),
    medication('kc-med-acenocoumarol', 'B01AA07', 'acenocoumarol', 'Acenocoumarol 1 mg tablet'),
  );
  /** Period of use: the zib2017 extension in STU3; the dosage's boundsPeriod in R4. */
  const periodOfUse = (start: string, end?: string) => ({ start, ...(end ? { end } : {}) });
  const dosage = (t: string, timing: Json, amount: number, period: Json): Json => ({
    sequence: 1, text: t,
    timing: r4 ? { repeat: { ...timing, boundsPeriod: period } } : { repeat: timing },
    route: ORAAL, ...dose(stuks(amount)),
  });
  const stu3Period = (period: Json) => (r4 ? {} : { extension: [{ url: `${NICTIZ_SD}/zib-Medication-PeriodOfUse`, valuePeriod: period }] });
  const MA_CATEGORY = r4
    ? [{ coding: [coding(SCT, '16076005', 'Medicatieafspraak'), coding(SCT, '33633005', 'Voorschrijven van geneesmiddel')] }]
    : cc(SCT, '16076005', 'Medicatieafspraak');
  const agreement = (id: string, med: string, status_: string, authored: string, by: string, reason: string, t: string, timing: Json, amount: number, period: Json, extra: Json = {}): Json => ({
    resourceType: 'MedicationRequest', id, ...stu3Period(period), status: status_, intent: 'order', category: MA_CATEGORY,
    medicationReference: ref(`Medication/${med}`), subject, authoredOn: authored, requester: requester(by),
    reasonReference: [ref(`Condition/${reason}`)],
    dosageInstruction: [dosage(t, timing, amount, period)], ...extra,
  });
  const DRIE_MAAL = { frequency: 3, period: 1, periodUnit: 'd', timeOfDay: ['07:30:00', '12:30:00', '17:30:00'] };
  const NACHT = { frequency: 1, period: 1, periodUnit: 'd', timeOfDay: ['21:00:00'] };
  add(
    agreement('kc-ma-levodopa', 'kc-med-levodopa', 'active', '2024-03-04', P.rolNeuroloog, 'kc-parkinson',
      '3 maal daags 1 tablet, een half uur vóór de maaltijd', DRIE_MAAL, 1, periodOfUse('2024-03-04'),
      r4 ? { extension: [{ url: `${NICTIZ_SD}/ext-MedicationAgreement.NextPractitioner`, valueReference: to(P.rolSpecialistOg) }] } : {}),
    agreement('kc-ma-mirtazapine', 'kc-med-mirtazapine', 'active', '2024-05-15', P.rolPsychiater, 'kc-depressie',
      '1 maal daags 1 tablet voor de nacht', NACHT, 1, periodOfUse('2024-05-15')),
    agreement('kc-ma-citalopram', 'kc-med-citalopram', 'stopped', '2023-10-01', P.rolPsychiater, 'kc-depressie',
      '1 maal daags 1 tablet', { frequency: 1, period: 1, periodUnit: 'd' }, 1, periodOfUse('2023-10-01', '2024-05-15'),
      { note: [{ text: 'Gestopt wegens hyponatriëmie; overgestapt op mirtazapine.' }] }),
    agreement('kc-ma-acenocoumarol', 'kc-med-acenocoumarol', 'active', '2018-11-20', P.rolHuisarts, 'kc-atriumfibrilleren',
      'Volgens schema van de trombosedienst', { frequency: 1, period: 1, periodUnit: 'd', timeOfDay: ['18:00:00'] }, 1, periodOfUse('2018-11-20')),
  );
  if (r4) {
    // Medicatieproces 9 3.0 only: a dispense request to the pharmacy and the thrombosis service's variable schedule.
    add(
      {
        resourceType: 'MedicationRequest', id: 'kc-vv-levodopa', status: 'active', intent: 'order',
        category: [cc(SCT, '52711000146108', 'Verstrekkingsverzoek')],
        medicationReference: ref('Medication/kc-med-levodopa'), subject, authoredOn: '2026-10-28', requester: to(P.rolSpecialistOg),
        basedOn: [ref('MedicationRequest/kc-ma-levodopa')],
        dispenseRequest: {
          extension: [{ url: `${NICTIZ_SD}/ext-DispenseRequest.DispenseLocation`, valueReference: ref(P.locatieApotheek, 'Apotheek Compleetstad, balie Marktplein (fictief)') }],
          quantity: stuks(90), numberOfRepeatsAllowed: 3, performer: to(P.apotheek),
        },
      },
      {
        resourceType: 'MedicationRequest', id: 'kc-wds-acenocoumarol', status: 'active', intent: 'order',
        category: [cc(SCT, '395067002', 'Wisselend doseerschema')],
        medicationReference: ref('Medication/kc-med-acenocoumarol'), subject, authoredOn: '2026-11-18', requester: to(P.trombosedienst),
        basedOn: [ref('MedicationRequest/kc-ma-acenocoumarol')],
        dosageInstruction: [
          { sequence: 1, text: 'Maandag, woensdag en vrijdag 1 tablet', timing: { repeat: { boundsPeriod: { start: '2026-11-19', end: '2026-12-09' }, dayOfWeek: ['mon', 'wed', 'fri'], timeOfDay: ['18:00:00'] } }, route: ORAAL, doseAndRate: [{ doseQuantity: stuks(1) }] },
          { sequence: 2, text: 'Dinsdag, donderdag, zaterdag en zondag 2 tabletten', timing: { repeat: { boundsPeriod: { start: '2026-11-19', end: '2026-12-09' }, dayOfWeek: ['tue', 'thu', 'sat', 'sun'], timeOfDay: ['18:00:00'] } }, route: ORAAL, doseAndRate: [{ doseQuantity: stuks(2) }] },
        ],
      },
    );
  }
  const dispense = (id: string, med: string, agreementId: string, handedOver: string, amount: number): Json => ({
    resourceType: 'MedicationDispense', id, status: 'completed',
    category: cc(SCT, '373784005', 'Verstrekking'),
    medicationReference: ref(`Medication/${med}`), subject,
    performer: [{ actor: to(P.apotheek) }], authorizingPrescription: [ref(`MedicationRequest/${agreementId}`)],
    quantity: stuks(amount), daysSupply: { value: 30, unit: 'dag', system: UCUM, code: 'd' }, whenHandedOver: handedOver,
  });
  const administrationAgreement = (id: string, med: string, agreementId: string, t: string, timing: Json, amount: number, period: Json): Json => ({
    resourceType: 'MedicationDispense', id, ...stu3Period(period), status: 'in-progress',
    category: cc(SCT, '422037009', 'Toedieningsafspraak'),
    medicationReference: ref(`Medication/${med}`), subject,
    performer: [{ actor: to(P.apotheek) }], authorizingPrescription: [ref(`MedicationRequest/${agreementId}`)],
    dosageInstruction: [dosage(t, timing, amount, period)],
  });
  add(
    dispense('kc-vs-levodopa-2026-11', 'kc-med-levodopa', 'kc-ma-levodopa', '2026-11-02', 90),
    dispense('kc-vs-mirtazapine-2026-11', 'kc-med-mirtazapine', 'kc-ma-mirtazapine', '2026-11-02', 30),
    dispense('kc-vs-acenocoumarol-2026-11', 'kc-med-acenocoumarol', 'kc-ma-acenocoumarol', '2026-11-02', 60),
    administrationAgreement('kc-ta-levodopa', 'kc-med-levodopa', 'kc-ma-levodopa', 'Om 07:30, 12:30 en 17:30 uur 1 tablet (baxterrol)', DRIE_MAAL, 1, periodOfUse('2024-03-04')),
    administrationAgreement('kc-ta-mirtazapine', 'kc-med-mirtazapine', 'kc-ma-mirtazapine', 'Om 21:00 uur 1 tablet (baxterrol)', NACHT, 1, periodOfUse('2024-05-15')),
  );
  const use = (id: string, med: string, start: string, t: string, prescriber: string): Json => ({
    resourceType: 'MedicationStatement', id,
    ...(r4
      ? {
          extension: [
            { url: `${NICTIZ_SD}/ext-MedicationUse2.Author`, valueReference: to(P.rolSpecialistOg) },
            { url: `${NICTIZ_SD}/ext-MedicationUse2.Prescriber`, valueReference: to(prescriber) },
          ],
        }
      : {}),
    status: 'active',
    category: r4 ? cc(SCT, '422979000', 'Medicatiegebruik') : cc(MP_CATEGORY_OID, '6', 'Medicatiegebruik'),
    medicationReference: ref(`Medication/${med}`), effectivePeriod: { start }, dateAsserted: '2026-10-14',
    informationSource: to(P.dochter), subject, ...(r4 ? {} : { taken: 'y' }),
    dosage: [{ text: t, route: ORAAL }],
  });
  add(
    use('kc-mgb-levodopa', 'kc-med-levodopa', '2016-05-01', '3 maal daags 1 tablet; neemt het in zoals afgesproken', P.rolNeuroloog),
    use('kc-mgb-mirtazapine', 'kc-med-mirtazapine', '2024-05-15', '1 maal daags 1 tablet voor de nacht', P.rolPsychiater),
  );
  // Two administrations by the ward's nurse on the last full day.
  for (const [time, id] of [['07:32', 'kc-mtd-levodopa-2026-11-22-0730'], ['12:35', 'kc-mtd-levodopa-2026-11-22-1230']] as const) {
    add({
      resourceType: 'MedicationAdministration', id, status: 'completed',
      category: cc(SCT, '18629005', 'Toediening van medicatie'),
      medicationReference: ref('Medication/kc-med-levodopa'), subject,
      effectiveDateTime: `2026-11-22T${time}:00+01:00`,
      performer: [{ actor: to(P.verpleegkundige) }],
      ...(r4 ? { request: ref('MedicationRequest/kc-ma-levodopa') } : { prescription: ref('MedicationRequest/kc-ma-levodopa'), notGiven: false }),
      dosage: { route: ORAAL, dose: stuks(1) },
    });
  }

  // ------------------------------------------------------------ vaccinations

  const immunization = (id: string, atc: string, atcName: string, name: string, date: string): Json => ({
    resourceType: 'Immunization', id, status: 'completed',
    vaccineCode: { coding: [coding(ATC, atc, atcName)], text: name }, patient: subject, primarySource: true,
    ...(r4 ? { occurrenceDateTime: date, performer: [{ actor: to(P.specialistOg) }] } : { notGiven: false, date, practitioner: [{ actor: to(P.specialistOg) }] }),
    doseQuantity: qty(0.5, 'ml', 'mL'),
  });
  add(
    immunization('kc-griep-2026', 'J07BB02', 'influenza, geïnactiveerd, split virus of oppervlakte-antigeen', 'Griepvaccin', '2026-10-21'),
    immunization('kc-pneumokokken-2025', 'J07AL02', 'pneumokokken, gezuiverd polysacharide-antigeen geconjugeerd', 'Pneumokokkenvaccin', '2025-10-15'),
  );
  add(r4
    ? {
        resourceType: 'ImmunizationRecommendation', id: 'kc-vaccinatieadvies', patient: subject, date: '2026-11-01',
        recommendation: [{
          vaccineCode: [cc(ATC, 'J07BB02', 'influenza, geïnactiveerd, split virus of oppervlakte-antigeen', 'Griepvaccin')],
          targetDisease: cc(SCT, '6142004', 'Influenza'),
          forecastStatus: cc('http://terminology.hl7.org/CodeSystem/immunization-recommendation-status', 'due', 'Due'),
          dateCriterion: [{ code: cc(LOINC, '30980-7', 'Date vaccine due'), value: '2027-10-01' }],
          doseNumberPositiveInt: 1,
        }],
      }
    : {
        resourceType: 'ImmunizationRecommendation', id: 'kc-vaccinatieadvies', patient: subject,
        recommendation: [{
          date: '2026-11-01',
          vaccineCode: cc(ATC, 'J07BB02', 'influenza, geïnactiveerd, split virus of oppervlakte-antigeen', 'Griepvaccin'),
          targetDisease: cc(SCT, '6142004', 'Influenza'),
          doseNumber: 1,
          forecastStatus: cc('http://hl7.org/fhir/immunization-recommendation-status', 'due', 'Due'),
          dateCriterion: [{ code: cc('http://hl7.org/fhir/immunization-recommendation-date-criterion', 'due', 'Due'), value: '2027-10-01' }],
        }],
      });

  // ------------------------------------------------------------ devices, diet

  const device = (id: string, type: Json, manufacturer: string): Json => ({ resourceType: 'Device', id, status: 'active', type, manufacturer, patient: subject });
  add(
    device('kc-rollator', text('Rollator'), 'Voorbeeld Mobiliteit (fictief)'),
    device('kc-schuimverband', text('Schuimverband, hiel'), 'Voorbeeld Wondzorg (fictief)'),
    device('kc-antidecubitusmatras', text('Anti-decubitusmatras (wisseldruk)'), 'Voorbeeld Zorgbedden (fictief)'),
  );
  const deviceUse = (id: string, deviceId: string, start: string, reason: Json, bodySite?: Json): Json => ({
    resourceType: 'DeviceUseStatement', id, status: 'active', subject, device: ref(`Device/${deviceId}`),
    ...(r4 ? { timingPeriod: { start }, reasonCode: [reason] } : { whenUsed: { start }, indication: [reason] }),
    ...(bodySite ? { bodySite } : {}),
  });
  add(
    deviceUse('kc-dus-rollator', 'kc-rollator', '2019-06-01', text('Loopstoornis bij Parkinson, valrisico')),
    deviceUse('kc-dus-schuimverband', 'kc-schuimverband', '2026-09-21', text('Decubitus hiel links'), text('Hiel, links')),
    {
      resourceType: 'DeviceRequest', id: 'kc-dr-matras', status: 'active',
      intent: r4 ? 'order' : cc('http://hl7.org/fhir/request-intent', 'order', 'Order'),
      codeReference: ref('Device/kc-antidecubitusmatras'), subject,
      authoredOn: '2026-11-15', occurrenceDateTime: '2026-12-01', requester: requester(P.specialistOg),
      reasonReference: [ref('Condition/kc-decubitus')],
    },
  );
  add({
    resourceType: 'NutritionOrder', id: 'kc-dieet', status: 'active', ...(r4 ? { intent: 'order' } : {}),
    patient: subject, dateTime: '2026-04-02', orderer: to(P.specialistOg),
    oralDiet: {
      type: [text('Dysfagiedieet')],
      texture: [{ modifier: text('Gemalen') }],
      fluidConsistencyType: [text('Licht gebonden (vla-dik)')],
      instruction: 'Gemalen voeding, dranken licht indikken. Rechtop zitten tijdens en een half uur na de maaltijd.',
    },
  });

  // ------------------------------------------------------------ appointments, questionnaire, letter

  add(
    {
      resourceType: 'Appointment', id: 'kc-afspraak-ggz-2026-08', status: 'fulfilled',
      description: 'Consult bij de ouderenpsychiater', start: '2026-08-20T10:00:00+02:00', end: '2026-08-20T10:45:00+02:00',
      participant: [{ actor: subject, required: 'required', status: 'accepted' }, { actor: to(P.psychiater), required: 'required', status: 'accepted' }],
    },
    {
      resourceType: 'Appointment', id: 'kc-afspraak-ggz-2027-01', status: 'booked',
      description: 'Controle bij de ouderenpsychiater (met dochter)', start: '2027-01-19T10:00:00+01:00', end: '2027-01-19T10:45:00+01:00',
      created: '2026-08-20',
      participant: [
        { actor: subject, required: 'required', status: 'accepted' },
        { actor: to(P.psychiater), required: 'required', status: 'accepted' },
        { actor: to(P.dochter), required: 'optional', status: 'accepted' },
      ],
    },
  );
  const options = (...values: string[]) => (r4 ? { answerOption: values.map((v) => ({ valueString: v })) } : { option: values.map((v) => ({ valueString: v })) });
  add(
    {
      resourceType: 'Questionnaire', id: 'kc-vragenlijst-stemming', status: 'active', title: 'Stemming en welbevinden (fictief)',
      date: '2026-08-20', subjectType: ['Patient'],
      item: [
        { linkId: '1', text: 'Bent u in grote lijnen tevreden met uw leven?', type: 'boolean' },
        { linkId: '2', text: 'Hoe was uw stemming de afgelopen week?', type: 'choice', ...options('Goed', 'Wisselend', 'Somber') },
        { linkId: '3', text: 'Hoe slaapt u?', type: 'choice', ...options('Goed', 'Matig', 'Slecht') },
        { linkId: '4', text: 'Wat wilt u met de psychiater bespreken?', type: 'text' },
      ],
    },
    {
      resourceType: 'Task', id: 'kc-vragenlijst-taak', status: 'requested', intent: 'order',
      code: cc(LOINC, '74468-0', 'Questionnaire form definition Document', 'Vragenlijst invullen'),
      description: 'Vul vóór de controle van 19 januari de vragenlijst stemming en welbevinden in (eventueel samen met uw dochter).',
      focus: ref('Questionnaire/kc-vragenlijst-stemming', 'Stemming en welbevinden (fictief)'),
      for: subject, authoredOn: '2026-11-20', requester: requester(P.psychiater), owner: subject,
      restriction: { period: { end: '2027-01-18' } },
      input: [
        { type: text('Questionnaire'), valueReference: ref('Questionnaire/kc-vragenlijst-stemming', 'Stemming en welbevinden (fictief)') },
        { type: text('Subject'), valueReference: subject },
      ],
    },
  );
  const pdf = tinyPdf([
    'TESTGEGEVENS - fictieve brief',
    'Kees Compleet (fictief), geboren 11-02-1947',
    'Van: R. Spiegel, psychiater (fictief), GGZ Ouderenpsychiatrie Rivierland',
    'Aan: H. Huisman, huisarts (fictief)',
    'Depressieve stoornis in remissie; mirtazapine 15 mg continueren.',
    'Dit document is geen echte medische brief.',
  ]);
  add(
    { resourceType: 'Binary', id: 'kc-brief-ggz-pdf', contentType: 'application/pdf', ...(r4 ? { data: pdf.toString('base64') } : { content: pdf.toString('base64') }) },
    {
      resourceType: 'DocumentReference', id: 'kc-brief-ggz', status: 'current',
      type: cc(LOINC, '11488-4', 'Consult note', 'Brief ouderenpsychiater'), subject,
      ...(r4 ? { date: '2026-08-22T09:00:00+02:00' } : { indexed: '2026-08-22T09:00:00+02:00', created: '2026-08-21T16:00:00+02:00' }),
      author: [to(P.psychiater)], custodian: to(P.ggz),
      description: 'Brief van de ouderenpsychiater aan de huisarts (fictief)',
      content: [{ attachment: { contentType: 'application/pdf', url: 'Binary/kc-brief-ggz-pdf', title: 'Brief ouderenpsychiater.pdf', size: pdf.length } }],
    },
  );

  // ------------------------------------------------------------ care plans, goals, care team

  add(
    r4
      ? { resourceType: 'Goal', id: 'kc-doel-huid', lifecycleStatus: 'active', achievementStatus: cc('http://terminology.hl7.org/CodeSystem/goal-achievement', 'improving', 'Improving'),
          description: text('Decubituswond hiel links is genezen en de huid blijft intact'), subject, target: [{ dueDate: '2027-01-31' }] }
      : { resourceType: 'Goal', id: 'kc-doel-huid', status: 'in-progress',
          description: text('Decubituswond hiel links is genezen en de huid blijft intact'), subject, target: { dueDate: '2027-01-31' } },
    r4
      ? { resourceType: 'Goal', id: 'kc-doel-wassen', lifecycleStatus: 'accepted', description: text('Wast het bovenlichaam zelfstandig'), subject }
      : { resourceType: 'Goal', id: 'kc-doel-wassen', status: 'accepted', description: text('Wast het bovenlichaam zelfstandig'), subject },
  );
  /** STU3 activity.detail has a category and the zib2017 medical-device extension; R4 has neither, but zib2020's MaterialUsed. */
  const activity = (outcome: string, outcomeObs: string, category: Json, code: Json, reason: string, goal: string, timing: Json, deviceUse?: string): Json => ({
    outcomeCodeableConcept: [text(outcome)],
    outcomeReference: [ref(`Observation/${outcomeObs}`)],
    detail: {
      ...(deviceUse
        ? { extension: [{ url: r4 ? `${NICTIZ_SD}/ext-CarePlan-MaterialUsed` : `${NICTIZ_SD}/extension-medicaldevice`, valueReference: ref(`DeviceUseStatement/${deviceUse}`, 'Schuimverband, hiel links') }] }
        : {}),
      ...(r4 ? {} : { category }),
      code, reasonReference: [ref(`Condition/${reason}`)], goal: [ref(`Goal/${goal}`)], status: 'in-progress',
      scheduledTiming: { repeat: timing }, performer: [to(P.verpleegkundige)],
    },
  });
  const NURSING = cc(SCT, '9632001', 'Verpleegkundige verrichting');
  add(
    {
      resourceType: 'CarePlan', id: 'kc-zorgplan', status: 'active', intent: 'order', title: 'Zorgplan De Wilgenhof (fictief)', subject,
      period: { start: '2026-09-21' }, careTeam: [ref('CareTeam/kc-zorgteam')], addresses: [ref('Condition/kc-decubitus'), ref('Condition/kc-parkinson')],
      activity: [
        activity('Decubitus hiel links verbeterd van categorie 2 naar 1.', 'kc-wond-2026-11', NURSING, cc(SCT, '182531007', 'Aanleggen van verband op wond', 'Wondverzorging hiel links'),
          'kc-decubitus', 'kc-doel-huid', { frequency: 1, period: 2, periodUnit: 'd' }, 'kc-dus-schuimverband'),
        activity('Wast bovenlichaam zelf met aanwijzingen.', 'kc-adl-wassen-2026-11', NURSING, text('Ondersteunen bij wassen'),
          'kc-parkinson', 'kc-doel-wassen', { frequency: 1, period: 1, periodUnit: 'd' }),
      ],
    },
    {
      resourceType: 'CarePlan', id: 'kc-hulp-van-anderen', status: 'active', intent: 'plan',
      category: [cc(SCT, '243114000', 'Ondersteuning')], subject,
      activity: [{
        detail: {
          ...(r4 ? {} : { category: cc(SCT, '386229000', 'Mantelzorg') }),
          code: text('Mantelzorg: bezoek, begeleiding naar afspraken en financiële administratie'), status: 'in-progress',
          scheduledString: 'Twee keer per week', performer: [to(P.dochter)],
        },
      }],
    },
  );
  const member = (who: string, roleText?: string, onBehalfOf?: string, roleCode?: [string, string]): Json => {
    const concept = roleCode ? cc(PARTICIPATION, roleCode[0], roleCode[1], roleText) : roleText ? text(roleText) : undefined;
    return { ...(concept ? { role: oneOrMany(concept) } : {}), member: to(who), ...(onBehalfOf ? { onBehalfOf: to(onBehalfOf) } : {}) };
  };
  add({
    resourceType: 'CareTeam', id: 'kc-zorgteam', status: 'active', name: 'Zorgteam Kees Compleet (fictief)', subject, period: { start: '2024-03-01' },
    participant: [
      member(P.specialistOg, 'Hoofdbehandelaar', P.zorgcentrum, ['RESP', 'Hoofdbehandelaar']),
      member(P.psychiater, 'Ouderenpsychiater', P.ggz),
      member(P.huisarts, 'Huisarts', P.huisartsenpraktijk),
      member(P.verpleegkundige, 'Eerstverantwoordelijk verpleegkundige', P.zorgcentrum),
      member(P.dochter, 'Mantelzorger en contactpersoon'),
      member(P.zorgcentrum),
    ],
    managingOrganization: [to(P.zorgcentrum)],
  });
  return out;
}
