/**
 * FHIR value sets that reach the screen, in words: statuses, encounter classes, flag and observation
 * categories, interpretations… The HL7 code systems' own displays are English ("inpatient
 * encounter", "Active"), so a Dutch screen shows these words instead. Runtime-agnostic: the core
 * writes presented fields with them, the renderer the status in lists.
 */
import type { Language } from './constants';

type Words = Readonly<Record<string, readonly [nl: string, en: string]>>;

const status: Words = {
  active: ['actief', 'active'],
  inactive: ['niet actief', 'inactive'],
  resolved: ['over', 'resolved'],
  remission: ['in remissie', 'in remission'],
  recurrence: ['teruggekomen', 'recurred'],
  relapse: ['teruggekomen', 'recurred'],
  completed: ['afgerond', 'completed'],
  'in-progress': ['bezig', 'in progress'],
  preparation: ['in voorbereiding', 'in preparation'],
  'not-done': ['niet uitgevoerd', 'not done'],
  'on-hold': ['tijdelijk gestopt', 'on hold'],
  stopped: ['gestopt', 'stopped'],
  cancelled: ['geannuleerd', 'cancelled'],
  draft: ['concept', 'draft'],
  'entered-in-error': ['foutief ingevoerd', 'entered in error'],
  intended: ['voorgenomen', 'intended'],
  'not-taken': ['niet ingenomen', 'not taken'],
  final: ['definitief', 'final'],
  preliminary: ['voorlopig', 'preliminary'],
  amended: ['aangepast', 'amended'],
  corrected: ['gecorrigeerd', 'corrected'],
  registered: ['geregistreerd', 'registered'],
  unknown: ['onbekend', 'unknown'],
  confirmed: ['bevestigd', 'confirmed'],
  unconfirmed: ['niet bevestigd', 'unconfirmed'],
  provisional: ['voorlopig', 'provisional'],
  differential: ['mogelijk', 'possible'],
  refuted: ['weerlegd', 'refuted'],
  proposed: ['voorgesteld', 'proposed'],
  pending: ['in afwachting', 'pending'],
  booked: ['geboekt', 'booked'],
  arrived: ['aangekomen', 'arrived'],
  fulfilled: ['afgerond', 'fulfilled'],
  noshow: ['niet verschenen', 'did not attend'],
  planned: ['gepland', 'planned'],
  finished: ['afgerond', 'finished'],
  current: ['actueel', 'current'],
  superseded: ['vervangen', 'superseded'],
  rejected: ['afgewezen', 'rejected'],
  requested: ['aangevraagd', 'requested'],
  accepted: ['geaccepteerd', 'accepted'],
  received: ['ontvangen', 'received'],
  ready: ['klaar', 'ready'],
  failed: ['mislukt', 'failed'],
  revoked: ['ingetrokken', 'revoked'],
  suspended: ['opgeschort', 'suspended'],
  waitlist: ['op de wachtlijst', 'on the waiting list'],
  triaged: ['beoordeeld', 'triaged'],
  onleave: ['met verlof', 'on leave'],
  'in-lab': ['in het lab', 'in the lab'],
  available: ['beschikbaar', 'available'],
  unavailable: ['niet beschikbaar', 'unavailable'],
  declined: ['afgewezen', 'declined'],
  issued: ['uitgegeven', 'issued'],
};

/** Encounter.class (HL7 v3 ActCode) and the zib Contact type. */
const encounterClass: Words = {
  AMB: ['poliklinisch bezoek', 'outpatient visit'],
  EMER: ['spoedeisende hulp', 'emergency care'],
  FLD: ['bezoek op locatie', 'visit on location'],
  HH: ['bezoek aan huis', 'home visit'],
  IMP: ['opname', 'hospital admission'],
  ACUTE: ['acute opname', 'emergency admission'],
  NONAC: ['geplande opname', 'planned admission'],
  OBSENC: ['opname ter observatie', 'admission for observation'],
  PRENC: ['voorbereiding op opname', 'pre-admission'],
  SS: ['dagopname', 'day admission'],
  VR: ['contact op afstand', 'remote contact'],
};

const flagCategory: Words = {
  diet: ['voeding', 'diet'],
  drug: ['geneesmiddelen', 'medicines'],
  lab: ['laboratorium', 'laboratory'],
  admin: ['administratief', 'administrative'],
  contact: ['contact', 'contact'],
  clinical: ['medisch', 'clinical'],
  behavioral: ['gedrag', 'behaviour'],
  research: ['onderzoek', 'research'],
  'advance-directive': ['wilsverklaring', 'advance directive'],
  safety: ['veiligheid', 'safety'],
};

const observationCategory: Words = {
  'social-history': ['leefstijl en sociale situatie', 'lifestyle and social situation'],
  'vital-signs': ['vitale functies', 'vital signs'],
  imaging: ['beeldvorming', 'imaging'],
  laboratory: ['laboratorium', 'laboratory'],
  procedure: ['verrichting', 'procedure'],
  survey: ['vragenlijst of meetschaal', 'questionnaire or scale'],
  exam: ['lichamelijk onderzoek', 'physical examination'],
  therapy: ['behandeling', 'therapy'],
  activity: ['activiteit', 'activity'],
};

const interpretation: Words = {
  H: ['hoog', 'high'],
  HH: ['zeer hoog', 'very high'],
  HU: ['zeer hoog', 'very high'],
  L: ['laag', 'low'],
  LL: ['zeer laag', 'very low'],
  LU: ['zeer laag', 'very low'],
  N: ['normaal', 'normal'],
  A: ['afwijkend', 'abnormal'],
  AA: ['sterk afwijkend', 'very abnormal'],
  POS: ['positief', 'positive'],
  NEG: ['negatief', 'negative'],
  IND: ['onbeslist', 'indeterminate'],
  DET: ['aangetoond', 'detected'],
  ND: ['niet aangetoond', 'not detected'],
};

/** DiagnosticReport.category (HL7 v2 table 0074, diagnostic service sections). */
const diagnosticService: Words = {
  LAB: ['laboratorium', 'laboratory'],
  CH: ['klinische chemie', 'clinical chemistry'],
  HM: ['hematologie', 'haematology'],
  MB: ['microbiologie', 'microbiology'],
  SP: ['pathologie', 'pathology'],
  PAT: ['pathologie', 'pathology'],
  RAD: ['radiologie', 'radiology'],
  CT: ['CT-scan', 'CT scan'],
  MRI: ['MRI-scan', 'MRI scan'],
  US: ['echografie', 'ultrasound'],
  EC: ['hartfilmpje (ECG)', 'electrocardiogram'],
  CUS: ['hartecho', 'cardiac ultrasound'],
  OTH: ['overig', 'other'],
};

const conditionCategory: Words = {
  'problem-list-item': ['probleem', 'problem'],
  'encounter-diagnosis': ['diagnose bij een contact', 'diagnosis at a visit'],
};

const diagnosisRole: Words = {
  AD: ['opnamediagnose', 'admission diagnosis'],
  DD: ['ontslagdiagnose', 'discharge diagnosis'],
  CC: ['hoofdklacht', 'main complaint'],
  CM: ['bijkomende aandoening', 'comorbidity'],
  'pre-op': ['diagnose voor de operatie', 'diagnosis before surgery'],
  'post-op': ['diagnose na de operatie', 'diagnosis after surgery'],
  billing: ['diagnose voor de declaratie', 'billing diagnosis'],
};

const consentScope: Words = {
  adr: ['wilsverklaring', 'advance directive'],
  research: ['wetenschappelijk onderzoek', 'research'],
  'patient-privacy': ['privacy', 'privacy'],
  treatment: ['behandeling', 'treatment'],
};

const maritalStatus: Words = {
  A: ['nietig verklaard', 'annulled'],
  D: ['gescheiden', 'divorced'],
  I: ['voorlopig gescheiden', 'interlocutory'],
  L: ['van tafel en bed gescheiden', 'legally separated'],
  M: ['gehuwd', 'married'],
  P: ['meerdere partners', 'polygamous'],
  S: ['nooit gehuwd', 'never married'],
  T: ['geregistreerd partnerschap', 'registered partnership'],
  U: ['ongehuwd', 'unmarried'],
  W: ['weduwe of weduwnaar', 'widowed'],
};

const goalAchievement: Words = {
  'in-progress': ['bezig', 'in progress'],
  improving: ['gaat vooruit', 'improving'],
  worsening: ['gaat achteruit', 'worsening'],
  'no-change': ['onveranderd', 'no change'],
  achieved: ['bereikt', 'achieved'],
  sustaining: ['wordt vastgehouden', 'sustaining'],
  'not-achieved': ['niet bereikt', 'not achieved'],
  'no-progress': ['geen vooruitgang', 'no progress'],
  'not-attainable': ['niet haalbaar', 'not attainable'],
};

const forecastStatus: Words = {
  due: ['nog te geven', 'due'],
  overdue: ['te laat', 'overdue'],
  immune: ['immuun', 'immune'],
  contraindicated: ['niet geven', 'do not give'],
  complete: ['serie compleet', 'series complete'],
};

const gender: Words = {
  male: ['man', 'male'],
  female: ['vrouw', 'female'],
  other: ['anders', 'other'],
  unknown: ['onbekend', 'unknown'],
};

const allergyType: Words = { allergy: ['allergie', 'allergy'], intolerance: ['overgevoeligheid (geen allergie)', 'intolerance (not an allergy)'] };
const allergyCategory: Words = {
  food: ['voedsel', 'food'],
  medication: ['geneesmiddel', 'medicine'],
  environment: ['omgeving', 'environment'],
  biologic: ['biologisch', 'biological'],
};
const criticality: Words = {
  low: ['weinig gevaarlijk', 'low risk'],
  high: ['gevaarlijk', 'high risk'],
  'unable-to-assess': ['niet te beoordelen', 'cannot be assessed'],
};
const severity: Words = { mild: ['licht', 'mild'], moderate: ['matig', 'moderate'], severe: ['ernstig', 'severe'] };
const intent: Words = {
  order: ['voorschrift', 'prescription'],
  plan: ['plan', 'plan'],
  proposal: ['voorstel', 'proposal'],
  'original-order': ['voorschrift', 'prescription'],
  'instance-order': ['toediening', 'administration'],
};

export const valueSets = {
  status,
  encounterClass,
  flagCategory,
  observationCategory,
  interpretation,
  diagnosticService,
  conditionCategory,
  diagnosisRole,
  consentScope,
  maritalStatus,
  goalAchievement,
  forecastStatus,
  gender,
  allergyType,
  allergyCategory,
  criticality,
  severity,
  intent,
} as const;
export type ValueSet = keyof typeof valueSets;

/** A code in words; null when the set does not know it. */
export function valueWord(set: ValueSet, code: string | null | undefined, language: Language): string | null {
  const words = code ? valueSets[set][code] : undefined;
  return words ? words[language === 'en' ? 1 : 0] : null;
}

/**
 * HL7 code systems (R4 terminology.hl7.org and STU3 hl7.org/fhir URIs alike) whose codes are shown
 * by these words, by the part after ".../CodeSystem/" or "hl7.org/fhir/" with "/" as "-".
 */
const codeSystems: Readonly<Record<string, ValueSet>> = {
  'v3-ActCode': 'encounterClass',
  'condition-clinical': 'status',
  'condition-ver-status': 'status',
  'allergyintolerance-clinical': 'status',
  'allergyintolerance-verification': 'status',
  'allergy-clinical-status': 'status',
  'allergy-verification-status': 'status',
  'condition-category': 'conditionCategory',
  'flag-category': 'flagCategory',
  'observation-category': 'observationCategory',
  'v3-ObservationInterpretation': 'interpretation',
  'v2-0078': 'interpretation',
  'v2-0074': 'diagnosticService',
  'diagnosis-role': 'diagnosisRole',
  consentscope: 'consentScope',
  'consent-scope': 'consentScope',
  'v3-MaritalStatus': 'maritalStatus',
  'goal-achievement': 'goalAchievement',
  'immunization-recommendation-status': 'forecastStatus',
};

/** The words for a coding of one of the HL7 code systems above; null for any other coding. */
export function codingWord(system: string | null | undefined, code: string | null | undefined, language: Language): string | null {
  if (!system || !code) return null;
  const match = /(?:terminology\.hl7\.org\/CodeSystem\/|hl7\.org\/fhir\/)([\w./-]+)$/.exec(system);
  const set = match?.[1] ? codeSystems[match[1].replace(/\//g, '-')] : undefined;
  return set ? valueWord(set, code, language) : null;
}
