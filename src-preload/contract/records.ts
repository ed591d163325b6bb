/**
 * The health record part of the API: importing FHIR, browsing by BgZ section, the timeline,
 * search, one record in detail, and attachments (PDF/A letters).
 */
import { z } from 'zod';
import { languages } from './constants';
import type { OtherPerson, ProfileIdentity } from './identity';
import { bgzSections, measurementKinds, type BgzSection } from './record-sections';

const profileId = z.string().regex(/^[a-z0-9]{26}$/, 'profile id');
const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'record id');
const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'date (YYYY, YYYY-MM or YYYY-MM-DD)');

/** Where a record came from: a provider's data service, a file, or the person themself. */
export interface RecordSource {
  id: string;
  kind: 'provider' | 'file' | 'self';
  /** Shown to the person, e.g. "Huisartsenpraktijk De Linde — Basisgegevens zorg" or "uitslagen.xml". */
  label: string;
  provider?: string;
  service?: string;
}

export interface RecordProvenance {
  source: RecordSource;
  /** When Regie received this copy (ISO). */
  receivedAt: string;
  fhirVersion: 'STU3' | 'R4';
  format: 'json' | 'xml';
}

export interface RecordSummary {
  id: string;
  resourceType: string;
  section: BgzSection | null;
  /** Human-readable title: the code's display text, a name, or the resource type in words. */
  title: string;
  /** Primary code as "system|code", for people who want to see it. */
  code: string | null;
  /** The clinically relevant date (ISO date or dateTime), if any. */
  date: string | null;
  status: string | null;
  /** Short value line, e.g. "132/84 mmHg" or "5,4 mmol/l (hoog)". */
  valueText: string | null;
  /** True when a value lies outside its reference range. */
  outOfRange: boolean;
  sources: RecordProvenance[];
  /** True when received after the person's previous visit. */
  isNew: boolean;
}

/** Outside the reference range: shown with a marker and a word next to the value. */
export type RangeFlag = 'high' | 'low' | 'abnormal';

/** One name in a value that names records (people, a medicine, a problem); recordId when it is in the profile. */
export interface PresentedName {
  text: string;
  recordId: string | null;
}

/**
 * One labelled value of a record, as the core reads FHIR for people (src-main/records/presentation):
 * words, never a code or `Type/id`; a reference shows the name of what it points to, or "onbekend"
 * with the reason. Every view (detail, and later exports) lays these out; none reads FHIR itself.
 */
export interface PresentedField {
  /** Label key: the renderer shows its translation of records.fields.<key>. */
  key: string;
  /** A label the data gives itself (a question of a questionnaire): shown as is. */
  label?: string;
  /** The value in words, in the language asked for. */
  text: string;
  /** For a value that names records: the names `text` joins with "; ", so each can open its record. */
  names?: PresentedName[];
  flag?: RangeFlag;
  /** Line breaks matter (notes, conclusions, letters). */
  multiline?: boolean;
}

/** Fields that come in several (a blood pressure's components, an allergy's reactions, answers). */
export interface PresentedGroup {
  /** Heading key: records.blocks.<key>. */
  key: string;
  /** Each item with its own name when the data gives one (then the items read as a table's rows). */
  items: Array<{ title: string | null; fields: PresentedField[] }>;
}

/** A code as the sender wrote it: for the "Technische weergave" only. */
export interface PresentedCode {
  /** The code system in words where known ("SNOMED CT", "LOINC"), else its URI. */
  system: string;
  code: string;
  display: string | null;
}

export interface RecordDetail extends RecordSummary {
  /** What the record says, in words, in the language of the request (see PresentedField). */
  fields: PresentedField[];
  groups: PresentedGroup[];
  /** The provider's own narrative as plain text (never HTML). */
  narrative: string | null;
  /** Every code in the record, for the technical view. */
  codes: PresentedCode[];
  /** The normalized FHIR R4 form the app uses. */
  resource: Record<string, unknown>;
  /** Each copy exactly as received, for the "technische weergave". */
  originals: Array<RecordProvenance & { text: string }>;
  /** Attachments (DocumentReference.content, Binary): index is the argument of records.attachment. */
  attachments: Array<{ index: number; title: string; contentType: string; size: number | null }>;
  /** Set when the person hid this record (see hidden.ts). */
  hidden?: import('./hidden').HiddenInfo;
  /** Records this one points to that are in the profile (e.g. the Medication of a MedicationRequest). */
  related: RecordSummary[];
}

export interface ImportFile {
  name: string;
  /** File contents, base64. */
  contentBase64: string;
}

export interface ImportProblem {
  file: string;
  /** e.g. "Bundle.entry[3].resource" */
  entryPath: string;
  message: { nl: string; en: string };
}

export type ImportReport =
  | {
      ok: true;
      created: number;
      updated: number;
      unchanged: number;
      /** Counts per resource type of everything that was in the input. */
      byType: Record<string, number>;
    }
  | {
      ok: false;
      /** The technical detail: every problem with its place in the file. */
      problems: ImportProblem[];
      /** In plain words: what went wrong and what the person can do. */
      explanation?: { nl: string; en: string };
      /** Set when the data is about someone else than the person this profile belongs to. */
      otherPerson?: OtherPerson;
    };

export interface Overview {
  activeProblems: RecordSummary[];
  currentMedication: RecordSummary[];
  allergies: RecordSummary[];
  recentResults: RecordSummary[];
  upcomingAppointments: RecordSummary[];
  newSinceLastVisit: number;
  lastVisit: string | null;
  /** Whether the profile holds any record not hidden, whether or not one of the lists above shows it. */
  hasRecords: boolean;
}

/** What a medication record is in the Dutch medication process (Medicatieproces 9). */
export const medicationRecordKinds = [
  'agreement', // medicatieafspraak (MedicationRequest)
  'dispense-request', // verstrekkingsverzoek (MedicationRequest)
  'variable-dosing', // wisselend doseerschema (MedicationRequest)
  'administration-agreement', // toedieningsafspraak (MedicationDispense)
  'use', // medicatiegebruik (MedicationStatement)
  'dispense', // verstrekking (MedicationDispense)
  'administration', // toediening (MedicationAdministration)
] as const;
export type MedicationRecordKind = (typeof medicationRecordKinds)[number];

/** One record behind a medicine, for its history. */
export interface MedicationHistoryItem {
  id: string;
  resourceType: string;
  kind: MedicationRecordKind;
  /** The record's own date, else the start of the period it covers. */
  date: string | null;
  status: string | null;
  /** Instructions as in the data; for a dispense or administration the amount. */
  text: string | null;
  /** Prescriber, pharmacy, administrator or informant, as the data names them. */
  by: string | null;
  sourceLabel: string | null;
}

/**
 * One medicine: the records about the same product (same code, or same name), summarized.
 * 'active', 'paused' (on hold) and 'planned' (starts later) are current; 'ended' is earlier use.
 */
export interface Medicine {
  /** Stable across loads while the data stays the same. */
  key: string;
  name: string;
  phase: 'active' | 'paused' | 'planned' | 'ended';
  instructions: string | null;
  start: string | null;
  /** Planned or actual end; null when open-ended or unknown. */
  end: string | null;
  prescriber: string | null;
  pharmacy: string | null;
  /** Where the records came from, most recently received first. */
  sources: RecordSource[];
  lastDispense: { recordId: string; date: string | null; quantity: string | null; daysSupply: number | null } | null;
  /** Newest first. */
  records: MedicationHistoryItem[];
}

export interface MedicationOverview {
  /** Alphabetical. */
  current: Medicine[];
  /** Most recently ended first. */
  earlier: Medicine[];
}

export const recordsRequestSchemas = {
  'records.import': z.object({
    profileId,
    files: z.array(z.object({ name: z.string().max(255), contentBase64: z.string() })).min(1).max(100),
    sourceLabel: z.string().max(200).optional(),
    /** The person knows this is someone else's data and wants it in this profile anyway (CLI --other-person). */
    allowOtherPerson: z.boolean().optional(),
  }),
  'records.list': z.object({
    profileId,
    section: z.enum(bgzSections).optional(),
    resourceTypes: z.array(z.string().max(64)).max(50).optional(),
    sourceId: z.string().max(100).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  }),
  /** `language`: the words of the presented fields (labels are keys the UI translates). */
  'records.get': z.object({ profileId, recordId, language: z.enum(languages).default('nl') }),
  /** Newest first by default, or best match first; a page at a time. */
  'records.search': z.object({
    profileId,
    query: z.string().max(200),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(200).default(50),
    sort: z.enum(['date', 'relevance']).default('date'),
    resourceType: z.string().max(64).optional(),
  }),
  'records.overview': z.object({ profileId }),
  /** Medicatie: every medicine in the record, current and earlier, with the records behind it. */
  'records.medication': z.object({ profileId }),
  'records.sectionCounts': z.object({ profileId }),
  'records.sources': z.object({ profileId }),
  'records.attachment': z.object({ profileId, recordId, index: z.number().int().min(0).max(100) }),
  /** Loads the fictitious Voorbeeld-PGO patient into this profile, to practise with. */
  'records.loadExample': z.object({ profileId }),
  /** A measurement the person takes themself ("zelf ingevoerd"), stored as a FHIR R4 Observation. */
  'records.addMeasurement': z.object({
    profileId,
    kind: z.enum(measurementKinds),
    /** Systolic for blood pressure; the value in the kind's unit otherwise. */
    value: z.number().finite(),
    /** Diastolic, for blood pressure only. */
    value2: z.number().finite().optional(),
    /** When it was measured (ISO date-time); must not lie in the future. */
    effectiveAt: z.string().datetime({ offset: true }),
    note: z.string().max(500).optional(),
    /** The person saw "Klopt dit?" for an unusual value and said yes (see measurement-checks.ts). */
    confirmedImplausible: z.boolean().optional(),
  }),
  /** Remembers that the person has seen what is new ("nieuw sinds uw vorige bezoek"). */
  'records.markVisited': z.object({ profileId }),
  /** Whom this profile belongs to (set by the person, or taken from the first import or fetch). */
  'records.identity': z.object({ profileId }),
  /**
   * The person says whom the profile belongs to; once set, only with `correct` (a typing mistake),
   * and never into someone the profile's own records contradict.
   */
  'records.setIdentity': z.object({
    profileId,
    name: z.string().trim().min(1).max(200),
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date (YYYY-MM-DD)'),
    correct: z.boolean().optional(),
  }),
  /** A letter (PDF) or photo (JPEG, PNG) of the person's own, stored as a DocumentReference "zelf ingevoerd". */
  'records.addDocument': z.object({
    profileId,
    title: z.string().max(200),
    /** The document's date (YYYY-MM-DD), e.g. the date of the letter. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date (YYYY-MM-DD)'),
    contentBase64: z.string(),
  }),
} as const;

export interface RecordsResponses {
  'records.import': ImportReport;
  /** upcoming: how many records (the first ones, newest first) lie after now, for the "vandaag" marker. */
  'records.list': { total: number; items: RecordSummary[]; upcoming: number };
  'records.get': RecordDetail;
  /** total: matches (of resourceType, when asked); byType: matches per type, most first. */
  'records.search': { total: number; items: RecordSummary[]; byType: Array<{ resourceType: string; count: number }> };
  'records.overview': Overview;
  'records.medication': MedicationOverview;
  'records.sectionCounts': Record<BgzSection, number>;
  'records.sources': Array<RecordSource & { recordCount: number; lastReceivedAt: string }>;
  'records.attachment': { title: string; contentType: string; dataBase64: string };
  'records.loadExample': ImportReport;
  'records.addMeasurement': RecordSummary;
  'records.markVisited': Record<string, never>;
  'records.identity': ProfileIdentity | null;
  'records.setIdentity': ProfileIdentity;
  'records.addDocument': RecordSummary;
}

export type { BgzSection };
