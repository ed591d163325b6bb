/**
 * Delen: sending to a care provider through MedMij. The person chooses a provider, a sending data
 * service and what to send; sharing.prepare shows exactly what would be sent (nothing leaves yet);
 * sharing.send is the explicit "Versturen" (a login at the provider, then one POST); the provider's
 * answer comes back per item, and every send is kept in the Verstuurd log (sharing.sent), in the
 * profile's synced document.
 *
 * What can be chosen is one variant of `sendSelectionSchema` per kind; a data service's builder in
 * the core (src-main/medmij/client/send-builders) turns it into the FHIR it sends. Another kind of
 * send (e.g. answers to a questionnaire) adds a variant here and a builder there.
 */
import { z } from 'zod';
import { looseAnswersSchema } from './questionnaires';
import { measurementKinds, type MeasurementKind } from './record-sections';

const profileId = z.string().regex(/^[a-z0-9]{26}$/, 'profile id');
const sendId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'send id');
const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'record id');
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date (YYYY-MM-DD)');

/** The data services Regie can send with (MedMij "Delen"); names and sources in src-main/medmij/lists/services.ts. */
export const sendServiceIds = ['53', '55', '57', '58', '60'] as const;

/** A photo or PDF is at most this large (the provider gets it base64 inside one FHIR Bundle). */
export const maxSendFileBytes = 10 * 1024 * 1024;

/** A file the person picked (the CLI reads it from disk, the app from the file dialog). */
const fileSchema = z.object({
  name: z.string().min(1).max(255),
  contentBase64: z.string().max(Math.ceil(maxSendFileBytes / 3) * 4 + 4),
});

export const sendSelectionSchema = z.discriminatedUnion('kind', [
  /**
   * Own measurements (zelf ingevoerd): the ones named, or all of one kind (or every kind) measured
   * from `from` through `to` (local calendar days, both optional).
   */
  z.object({
    kind: z.literal('measurements'),
    recordIds: z.array(recordId).min(1).max(500).optional(),
    measurementKind: z.enum(measurementKinds).optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
  }),
  /** A PDF: a document in the record (recordId) or a file; title, description and date describe it. */
  z.object({
    kind: z.literal('document'),
    recordId: recordId.optional(),
    file: fileSchema.optional(),
    title: z.string().trim().max(200).optional(),
    description: z.string().trim().max(1000).optional(),
    date: isoDay.optional(),
  }),
  /** A photo (JPEG or PNG) with what it shows and when it was taken. */
  z.object({
    kind: z.literal('photo'),
    recordId: recordId.optional(),
    file: fileSchema.optional(),
    title: z.string().trim().max(200).optional(),
    description: z.string().trim().max(1000),
    date: isoDay,
  }),
  /** Medication-related hypersensitivities from the record (AllergyIntolerance about a medicine). */
  z.object({
    kind: z.literal('allergies'),
    recordIds: z.array(recordId).min(1).max(100),
  }),
  /**
   * The answers to a questionnaire a provider asked for (data service 60): the questionnaire (its
   * invitation's record id, as questionnaires.list gives it) and the answers, linkId → value(s),
   * checked against the questionnaire before anything is prepared (see contract/questionnaires.ts).
   */
  z.object({
    kind: z.literal('questionnaire'),
    questionnaireId: recordId,
    answers: looseAnswersSchema,
  }),
]);

export type SendSelection = z.infer<typeof sendSelectionSchema>;
export type SendSelectionKind = SendSelection['kind'];

export type SendItemKind = 'measurement' | 'document' | 'photo' | 'allergy' | 'person' | 'questionnaire-response' | 'task';

/** One thing that will be (or was) sent, in plain words. */
export interface SendItem {
  kind: SendItemKind;
  /** What it is, in Dutch ("Bloeddruk", "Foto", "Brief") and English. */
  label: { nl: string; en: string };
  /** Its content in a line ("132/84 mmHg", "huid linkerarm, 2,1 MB"). */
  detail: string;
  /** When it was measured, taken or written (ISO date or date-time); null when it has none. */
  date: string | null;
  /** The record it comes from, when it is one. */
  recordId: string | null;
  /** A photo or document: the file as it is sent. */
  file?: { name: string; contentType: string; bytes: number };
}

export interface SendParty {
  id: string;
  name: string;
}

export interface SendPreview {
  sendId: string;
  profileId: string;
  provider: SendParty;
  service: SendParty;
  /** Everything that goes in the one request, the person's own details included. */
  items: SendItem[];
  /** One sentence: what, to whom, for which service. */
  summary: { nl: string; en: string };
}

export type SendStage = 'ready' | 'waiting-for-login' | 'exchanging-code' | 'sending' | 'done' | 'failed' | 'cancelled';

/**
 * accepted: the provider took everything; partly-accepted: some items were refused; refused: none
 * was taken; unknown: the request went out but no answer came back, so Regie cannot say it arrived.
 */
export type SendOutcome = 'accepted' | 'partly-accepted' | 'refused' | 'unknown';
export type SendItemStatus = 'accepted' | 'refused' | 'unknown' | 'not-sent';

export interface SendItemResult extends SendItem {
  status: SendItemStatus;
  /** Why it was refused, in the provider's words where it gave them. */
  reason: { nl: string; en: string } | null;
}

export interface SendAnswer {
  outcome: SendOutcome;
  /** The HTTP status of the answer; null when none came. */
  httpStatus: number | null;
  /** The answer in a sentence. */
  message: { nl: string; en: string };
  /** What the provider said (OperationOutcome issue texts), as given, at most a few lines. */
  providerSaid: string[];
}

export interface SendProgress {
  sendId: string;
  profileId: string;
  provider: SendParty;
  service: SendParty;
  stage: SendStage;
  /** The relay this send goes through, as the person sees it (its host); absent when Regie goes directly. */
  relay?: string;
  items: SendItemResult[];
  /** Set once the provider answered (or did not, after the request went out). */
  answer?: SendAnswer;
  /** Why the send stopped before anything was sent (login refused, cancelled …). */
  error?: { nl: string; en: string };
  /** The Verstuurd entry of this send, once it is recorded. */
  sentEntryId?: string;
}

/**
 * One entry of the Verstuurd log: what went to whom, when, and the answer. Small, stable and typed
 * (version 1), stored as is in the profile's synced document, so a later access log can show it
 * unchanged. Holds no file contents and no values beyond the one-line detail shown to the person.
 */
export interface SentEntry {
  version: 1;
  id: string;
  /** When the request went out (ISO). */
  sentAt: string;
  provider: SendParty;
  service: SendParty;
  outcome: SendOutcome;
  httpStatus: number | null;
  message: { nl: string; en: string };
  providerSaid: string[];
  items: Array<{
    kind: SendItemKind;
    label: { nl: string; en: string };
    detail: string;
    date: string | null;
    recordId: string | null;
    status: SendItemStatus;
    reason: { nl: string; en: string } | null;
  }>;
}

/** A provider that offers one or more sending services. */
export interface SendProvider {
  id: string;
  displayName: string;
  place: string | null;
  services: Array<SendParty & { selection: SendSelectionKind; description: string }>;
}

export const sharingRequestSchemas = {
  /** Providers offering a sending service, by name or place (empty: all). */
  'sharing.searchProviders': z.object({ profileId, query: z.string().max(100) }),
  /** Builds what would be sent and shows it; nothing leaves the computer. */
  'sharing.prepare': z.object({ profileId, providerId: z.string().max(200), serviceId: z.string().max(30), selection: sendSelectionSchema }),
  /**
   * "Versturen": starts the login at the provider (the desktop app opens the system browser; the
   * browser host and the CLI open the returned URL), then sends exactly what was prepared.
   */
  'sharing.send': z.object({ sendId }),
  'sharing.status': z.object({ sendId }),
  /** Stops a send that has not gone out yet (before or during the login); prepared ones are dropped. */
  'sharing.cancel': z.object({ sendId }),
  /** The Verstuurd log, newest first. */
  'sharing.sent': z.object({ profileId }),
} as const;

export interface SharingResponses {
  'sharing.searchProviders': SendProvider[];
  'sharing.prepare': SendPreview;
  'sharing.send': { sendId: string; authorizationUrl: string };
  'sharing.status': SendProgress;
  'sharing.cancel': Record<string, never>;
  'sharing.sent': SentEntry[];
}

export interface SharingEvents {
  'sharing.progress': SendProgress;
}

/** Why a selection cannot be sent, in plain words (error 'send-invalid', param `reason`). */
export const sendInvalidReasons = {
  'nothing-selected': {
    nl: 'Er is niets gekozen om te versturen.',
    en: 'Nothing was chosen to send.',
  },
  'no-measurements': {
    nl: 'Er zijn in deze periode geen eigen metingen om te versturen.',
    en: 'There are no own measurements in this period to send.',
  },
  'not-own-measurement': {
    nl: 'Alleen metingen die u zelf heeft ingevoerd, kunnen met deze dienst worden verstuurd.',
    en: 'Only measurements you entered yourself can be sent with this service.',
  },
  'not-a-document': {
    nl: 'Dit gegeven is geen document met een PDF.',
    en: 'This record is not a document with a PDF.',
  },
  'not-pdf': {
    nl: 'Dit bestand is geen PDF. Alleen PDF-documenten kunnen met deze dienst worden verstuurd.',
    en: 'This file is not a PDF. Only PDF documents can be sent with this service.',
  },
  'not-image': {
    nl: 'Dit bestand is geen foto. Kies een JPEG- of PNG-foto.',
    en: 'This file is not a photo. Choose a JPEG or PNG photo.',
  },
  'file-too-large': {
    nl: 'Dit bestand is groter dan 10 MB en kan niet worden verstuurd.',
    en: 'This file is larger than 10 MB and cannot be sent.',
  },
  'file-and-record': {
    nl: 'Kies een bestand of een gegeven uit uw dossier, niet allebei.',
    en: 'Choose a file or a record, not both.',
  },
  'no-description': {
    nl: 'Schrijf erbij wat de foto laat zien.',
    en: 'Describe what the photo shows.',
  },
  'date-invalid': {
    nl: 'Deze datum bestaat niet of ligt in de toekomst.',
    en: 'This date does not exist or lies in the future.',
  },
  'not-medication-allergy': {
    nl: 'Alleen overgevoeligheden voor medicijnen kunnen met deze dienst worden verstuurd.',
    en: 'Only hypersensitivities to medicines can be sent with this service.',
  },
  'wrong-selection': {
    nl: 'Dit kan niet met deze gegevensdienst worden verstuurd.',
    en: 'This cannot be sent with this data service.',
  },
  'questionnaire-version': {
    nl: 'Deze zorgaanbieder neemt de antwoorden aan in een andere FHIR-versie dan waarin de vragenlijst kwam. Haal de vragenlijsten opnieuw op.',
    en: 'This care provider takes the answers in another FHIR version than the questionnaire came in. Fetch the questionnaires again.',
  },
  'not-a-send-service': {
    nl: 'Met deze gegevensdienst kan Regie niets versturen.',
    en: 'Regie cannot send anything with this data service.',
  },
} as const;

export type SendInvalidReason = keyof typeof sendInvalidReasons;

export function sendInvalidMessage(reason: unknown, language: 'nl' | 'en'): string {
  const known = typeof reason === 'string' && Object.hasOwn(sendInvalidReasons, reason) ? sendInvalidReasons[reason as SendInvalidReason] : null;
  return (known ?? sendInvalidReasons['wrong-selection'])[language];
}

export type { MeasurementKind };
