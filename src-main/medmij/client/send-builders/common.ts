/**
 * Pieces every sending service's request is made of (FHIR STU3, zib 2017 / nl-core, as MedMij
 * defines the sending services): the person's Patient entry, the provider as the recipient, Bundle
 * entries with urn:uuid fullUrls and no ids (Nictiz: "resources that are created don't contain a
 * Resource.id"), references that always carry a display, and the file helpers.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SendInvalidReason } from '../../../../src-preload/contract/sharing';
import { RegieError } from '../../../core/errors';
import { isObject, type FhirJson } from '../../../fhir/types';
import type { SendContext } from '../send-types';

export const profiles = {
  patient: 'http://fhir.nl/fhir/StructureDefinition/nl-core-patient',
  organization: 'http://fhir.nl/fhir/StructureDefinition/nl-core-organization',
} as const;

export function invalid(reason: SendInvalidReason): RegieError {
  return new RegieError('send-invalid', { reason });
}

export interface EntryInput {
  fullUrl: string;
  resource: FhirJson;
}

/** A created resource: POST at its type, never an id. */
export function postEntry({ fullUrl, resource }: EntryInput): FhirJson {
  const { id: _id, ...withoutId } = resource;
  return { fullUrl, resource: withoutId, request: { method: 'POST', url: String(resource.resourceType) } };
}

export function bundleOf(type: 'batch' | 'transaction', entries: FhirJson[]): FhirJson {
  return { resourceType: 'Bundle', type, entry: entries };
}

export function reference(fullUrl: string, display: string): FhirJson {
  return { reference: fullUrl, display };
}

/** How the person is named in references (a display is required on every reference). */
export function personDisplay(context: SendContext): string {
  return context.person.name ?? 'Patiënt';
}

/**
 * The person as the profile knows them: name and birth date, never a BSN (MedMij forbids sending
 * it; the provider knows whose data this is from the login). The provider matches on the token.
 */
export function patientEntry(context: SendContext): EntryInput {
  const { name, birthDate } = context.person;
  return {
    fullUrl: context.newFullUrl(),
    resource: {
      resourceType: 'Patient',
      meta: { profile: [profiles.patient] },
      ...(name && { name: [{ text: name }] }),
      ...(birthDate && { birthDate }),
    },
  };
}

/** The care provider the data goes to (the recipient of a document or photo). */
export function providerEntry(context: SendContext): EntryInput {
  return {
    fullUrl: context.newFullUrl(),
    resource: { resourceType: 'Organization', meta: { profile: [profiles.organization] }, name: context.provider.name },
  };
}

/** A stable business identifier for something from the record, so a provider can tell a second send of it. */
export function recordIdentifier(recordId: string): FhirJson {
  const hex = createHash('sha256').update(`regie-record:${recordId}`).digest('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${uuid}` };
}

export function newFullUrl(): string {
  return `urn:uuid:${randomUUID()}`;
}

/** A CodeableConcept that says what it is in words (Nictiz: coding.display or text), or null. */
export function describedConcept(value: unknown, fallbackText?: string): FhirJson | null {
  if (!isObject(value)) return fallbackText ? { text: fallbackText } : null;
  const codings = Array.isArray(value.coding) ? value.coding.filter(isObject) : [];
  const text = typeof value.text === 'string' && value.text.trim() !== '' ? value.text : undefined;
  const firstDisplay = codings.find((c) => typeof c.display === 'string' && c.display !== '')?.display;
  const words = text ?? (typeof firstDisplay === 'string' ? firstDisplay : undefined) ?? fallbackText;
  if (codings.length === 0 && !words) return null;
  const kept = codings.map((c) => ({
    ...(typeof c.system === 'string' && { system: c.system }),
    ...(typeof c.code === 'string' && { code: c.code }),
    ...(typeof c.display === 'string' && c.display !== '' ? { display: c.display } : words ? { display: words } : {}),
  }));
  return { ...(kept.length > 0 && { coding: kept }), ...(words && { text: words }) };
}

/** Words of a concept for the preview. */
export function conceptWords(value: unknown): string | null {
  const concept = describedConcept(value);
  return concept && typeof concept.text === 'string' ? concept.text : null;
}

/** A file the person chose: its bytes, checked against the size limit. */
export function fileBytes(contentBase64: string, maxBytes: number): Buffer {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw invalid('nothing-selected');
  if (bytes.length > maxBytes) throw invalid('file-too-large');
  return bytes;
}

/** SHA-1 of the bytes, base64 (FHIR Attachment.hash). */
export function sha1Base64(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('base64');
}

/** A calendar day that exists and is not after today. */
export function checkDay(value: string, now: Date): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(value) || value < '1900-01-01') throw invalid('date-invalid');
  const today = new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
  if (value > today) throw invalid('date-invalid');
  return value;
}

/** "2,1 MB" / "340 kB": sizes in the preview. */
export function sizeWords(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} kB`;
}
