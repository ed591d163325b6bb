/**
 * Documents of the person's own: a letter from a patient portal (PDF) or a photo of one (JPEG, PNG),
 * with a title and a date the person gives. Stored as an R4 DocumentReference with the file inline
 * (attachment.data), source "zelf ingevoerd", so it is one item that opens the letter or photo and
 * travels with the record like everything else.
 *
 * The document's own date goes into attachment.creation ("date attachment was first created");
 * DocumentReference.date is left out, because it means when the reference itself was made, which
 * provenance already records. The file type is taken from the bytes, never from the name.
 *
 * This takes bytes + metadata so that a streaming import from a path (issue 11) can call it as is.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { RecordSummary } from '../../src-preload/contract/records';
import { RegieError } from '../core/errors';
import type { FhirJson } from '../fhir/types';
import { wallClock } from './overview';
import type { RecordStore } from './record-store';

export interface OwnDocumentInput {
  bytes: Buffer;
  title: string;
  /** YYYY-MM-DD. */
  date: string;
}

export const maxDocumentBytes = 25 * 1024 * 1024;
export const documentContentTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentContentType = (typeof documentContentTypes)[number];

/** The file type by its first bytes (its "magic number"). */
export function documentTypeOf(bytes: Uint8Array): DocumentContentType | null {
  const starts = (...values: number[]) => values.every((value, i) => bytes[i] === value);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  return null;
}

/** File names Regie treats as documents rather than FHIR (for the CLI and the file picker). */
export function looksLikeDocumentName(name: string): boolean {
  return /\.(pdf|png|jpe?g)$/i.test(name);
}

function rejected(reason: 'type' | 'too-large' | 'empty' | 'title' | 'date'): RegieError {
  return new RegieError('document-rejected', { reason });
}

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && value >= '1900-01-01';
}

/** The DocumentReference for a document; throws RegieError('document-rejected') for unusable input. */
export function documentReferenceOf(input: OwnDocumentInput, now: Date): FhirJson {
  if (input.bytes.length === 0) throw rejected('empty');
  if (input.bytes.length > maxDocumentBytes) throw rejected('too-large');
  const contentType = documentTypeOf(input.bytes);
  if (!contentType) throw rejected('type');
  const title = input.title.trim();
  if (title === '' || title.length > 200) throw rejected('title');
  if (!isRealDate(input.date) || input.date > wallClock(now).slice(0, 10)) throw rejected('date');
  return {
    resourceType: 'DocumentReference',
    id: randomUUID(),
    status: 'current',
    type: { text: title },
    description: title,
    content: [
      {
        attachment: {
          contentType,
          data: input.bytes.toString('base64'),
          size: input.bytes.length,
          hash: createHash('sha1').update(input.bytes).digest('base64'),
          title,
          creation: input.date,
        },
      },
    ],
  };
}

/** Stores a document as the person's own record and returns its summary. */
export function addOwnDocument(store: RecordStore, input: OwnDocumentInput, now: Date): RecordSummary {
  const id = store.addOwnResource(documentReferenceOf(input, now));
  const { resource: _resource, originals: _originals, attachments: _attachments, related: _related, ...summary } = store.get(id);
  return summary;
}
