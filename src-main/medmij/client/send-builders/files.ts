/**
 * The file of a document or photo send: picked from disk (bytes given) or taken from a record's
 * attachment (a letter or photo already in the profile). The type is read from the bytes, never
 * from a name or a claimed content type.
 */
import { maxSendFileBytes } from '../../../../src-preload/contract/sharing';
import { RegieError } from '../../../core/errors';
import type { FhirJson } from '../../../fhir/types';
import { documentTypeOf, type DocumentContentType } from '../../../records/own-documents';
import type { RecordStore } from '../../../records/record-store';
import { fileBytes, invalid, sha1Base64 } from './common';

export interface ChosenFile {
  name: string;
  bytes: Buffer;
  contentType: DocumentContentType;
  /** Title and date the record gives it, when it came from one. */
  recordTitle: string | null;
  recordDate: string | null;
  recordId: string | null;
}

export function chosenFile(
  store: RecordStore,
  selection: { recordId?: string | undefined; file?: { name: string; contentBase64: string } | undefined },
  wanted: (type: DocumentContentType) => boolean,
  wrongType: 'not-pdf' | 'not-image' | 'not-a-document',
): ChosenFile {
  if (selection.recordId && selection.file) throw invalid('file-and-record');
  if (selection.file) {
    const bytes = fileBytes(selection.file.contentBase64, maxSendFileBytes);
    const contentType = documentTypeOf(bytes);
    if (!contentType || !wanted(contentType)) throw invalid(wrongType);
    return { name: selection.file.name, bytes, contentType, recordTitle: null, recordDate: null, recordId: null };
  }
  if (!selection.recordId) throw invalid('nothing-selected');
  const detail = store.get(selection.recordId);
  for (const attachment of detail.attachments) {
    let data;
    try {
      data = store.attachment(selection.recordId, attachment.index);
    } catch (error) {
      if (error instanceof RegieError && error.code === 'attachment-not-found') continue;
      throw error;
    }
    const contentType = documentTypeOf(data.data);
    if (!contentType || !wanted(contentType)) continue;
    if (data.data.length > maxSendFileBytes) throw invalid('file-too-large');
    return {
      name: attachment.title || detail.title,
      bytes: data.data,
      contentType,
      recordTitle: detail.title,
      recordDate: detail.date ? detail.date.slice(0, 10) : null,
      recordId: selection.recordId,
    };
  }
  throw invalid(wrongType === 'not-image' ? 'not-image' : 'not-a-document');
}

/** The Binary that carries the file (no profile: the TestScripts exempt it). */
export function binaryOf(file: ChosenFile): FhirJson {
  return { resourceType: 'Binary', contentType: file.contentType, content: file.bytes.toString('base64') };
}

/** Where the file is (its Binary's fullUrl) and what it is, as a Media's content or a DocumentReference's attachment. */
export function attachmentOf(file: ChosenFile, binaryUrl: string, title: string): FhirJson {
  return { contentType: file.contentType, url: binaryUrl, size: file.bytes.length, hash: sha1Base64(file.bytes), title };
}

/** The file as the preview and the Verstuurd log show it (never its bytes). */
export function fileSummary(file: ChosenFile): { name: string; contentType: DocumentContentType; bytes: number } {
  return { name: file.name, contentType: file.contentType, bytes: file.bytes.length };
}
