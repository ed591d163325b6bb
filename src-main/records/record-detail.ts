/** One record in full: normalized resource, each original as received, attachments, related records. */
import type { Language } from '../../src-preload/contract/constants';
import type { RecordDetail } from '../../src-preload/contract/records';
import { RegieError } from '../core/errors';
import { isObject, type FhirJson } from '../fhir/types';
import type { Database } from '../vault/database';
import type { BodyStore } from './bodies';
import type { LetterParts } from './letters';
import { attachmentUrlsOf, ReferenceNames } from './presentation/names';
import { narrativeOf, presentResource } from './presentation/presenters';
import { codesIn, contentTypeText } from './presentation/values';
import { lookupFormsOf, referencesIn } from './references';
import { type RecordRow, provenanceOf, recordColumns, summariesOf } from './summaries';
import type { Attachment } from './types';

export function notFound(): RegieError {
  return new RegieError('record-not-found');
}

function rowOf(db: Database, recordId: string): RecordRow {
  const row = db.prepare(`SELECT ${recordColumns} FROM record r WHERE r.id = ?`).get(recordId) as RecordRow | undefined;
  if (!row) throw notFound();
  return row;
}

function resourceOf(bodies: BodyStore, row: RecordRow): FhirJson {
  const text = bodies.text(row.normalized_hash);
  // The body has not arrived from the other device yet.
  if (text === null) return { resourceType: row.resource_type };
  return JSON.parse(text) as FhirJson;
}

/**
 * One record for the detail view: its fields in words (presentation/), what it refers to and the
 * other parts of the same letter ("Hoort bij"), attachments, codes and originals (technical view).
 */
export function recordDetail(
  db: Database,
  bodies: BodyStore,
  recordId: string,
  lastVisit: string | null,
  language: Language,
  letters: LetterParts,
): RecordDetail {
  const row = rowOf(db, recordId);
  const [summary] = summariesOf(db, [row], lastVisit);
  if (!summary) throw notFound();
  const resource = resourceOf(bodies, row);
  const links = db
    .prepare('SELECT source_id, original_hash FROM record_source WHERE record_id = ? ORDER BY received_at, source_id')
    .all(recordId) as Array<{ source_id: string; original_hash: string }>;
  const provenance = provenanceOf(db, [recordId]).get(recordId) ?? [];
  const originals = provenance.map((p) => {
    const link = links.find((l) => l.source_id === p.source.id);
    return { ...p, text: (link && bodies.text(link.original_hash)) ?? '' };
  });
  const attachments = attachmentsOf(resource).map((a, index) => ({
    index,
    title: a.title,
    contentType: a.contentType,
    size: a.size,
  }));
  const names = new ReferenceNames(db, resource, provenance.map((p) => p.source.id), language);
  const { fields, groups } = presentResource(resource, { language, names });
  const relatedIds = [...new Set([...relatedIdsOf(db, recordId, resource), ...(letters.together.get(recordId) ?? [])])];
  const relatedRows = relatedIds.length
    ? (db
        .prepare(`SELECT ${recordColumns} FROM record r WHERE r.id IN (SELECT value FROM json_each(?)) ORDER BY r.sort_date DESC, r.id`)
        .all(JSON.stringify(relatedIds)) as RecordRow[])
    : [];
  return {
    ...summary,
    fields,
    groups,
    narrative: narrativeOf(resource),
    codes: codesIn(resource),
    resource,
    originals,
    attachments,
    related: summariesOf(db, relatedRows, lastVisit),
  };
}

/** Records this one references, resolved within each source it came from (ids are per server). */
function relatedIdsOf(db: Database, recordId: string, resource: FhirJson): string[] {
  const references = [...referencesIn(resource), ...attachmentUrlsOf(resource)].flatMap(lookupFormsOf);
  if (references.length === 0) return [];
  const ids = db
    .prepare(
      `SELECT DISTINCT ref.record_id FROM record_source rs
       JOIN record_ref ref ON ref.source_id = rs.source_id AND ref.reference IN (SELECT value FROM json_each(?))
       JOIN record r ON r.id = ref.record_id
       WHERE rs.record_id = ? AND ref.record_id <> ?`,
    )
    .pluck()
    .all(JSON.stringify(references), recordId, recordId) as string[];
  return ids;
}

interface AttachmentInfo {
  title: string;
  contentType: string;
  size: number | null;
  data: string | null;
  url: string | null;
}

function attachmentsOf(resource: FhirJson): AttachmentInfo[] {
  if (resource.resourceType === 'Binary') {
    const data = typeof resource.data === 'string' ? resource.data : null;
    return [
      {
        title: contentTypeText(resource.contentType, 'nl') ?? 'Bestand',
        contentType: typeof resource.contentType === 'string' ? resource.contentType : 'application/octet-stream',
        size: data === null ? null : base64Size(data),
        data,
        url: null,
      },
    ];
  }
  const content = Array.isArray(resource.content) ? resource.content : [];
  const description = typeof resource.description === 'string' ? resource.description : null;
  const found: AttachmentInfo[] = [];
  for (const item of content) {
    const attachment = isObject(item) ? item.attachment : undefined;
    if (!isObject(attachment)) continue;
    const data = typeof attachment.data === 'string' ? attachment.data : null;
    found.push({
      title: (typeof attachment.title === 'string' && attachment.title) || description || `Bijlage ${found.length + 1}`,
      contentType: typeof attachment.contentType === 'string' ? attachment.contentType : 'application/octet-stream',
      size: typeof attachment.size === 'number' ? attachment.size : data === null ? null : base64Size(data),
      data,
      url: typeof attachment.url === 'string' ? attachment.url : null,
    });
  }
  return found;
}

function base64Size(data: string): number {
  return Buffer.byteLength(data, 'base64');
}

/** An attachment's bytes: inline data, or the Binary its url points at within the same source. */
export function attachmentOf(db: Database, bodies: BodyStore, recordId: string, index: number): Attachment {
  const row = rowOf(db, recordId);
  const info = attachmentsOf(resourceOf(bodies, row))[index];
  if (!info) throw new RegieError('attachment-not-found');
  let data = info.data;
  let contentType = info.contentType;
  if (data === null && info.url) {
    const binaryId = db
      .prepare(
        `SELECT ref.record_id FROM record_source rs
         JOIN record_ref ref ON ref.source_id = rs.source_id AND ref.reference IN (SELECT value FROM json_each(?))
         JOIN record r ON r.id = ref.record_id AND r.resource_type = 'Binary'
         WHERE rs.record_id = ? LIMIT 1`,
      )
      .pluck()
      .get(JSON.stringify(lookupFormsOf(info.url)), recordId) as string | undefined;
    if (binaryId) {
      const binary = resourceOf(bodies, rowOf(db, binaryId));
      data = typeof binary.data === 'string' ? binary.data : null;
      if (info.contentType === 'application/octet-stream' && typeof binary.contentType === 'string') contentType = binary.contentType;
    }
  }
  if (data === null) throw new RegieError('attachment-not-found');
  return { title: info.title, contentType, data: Buffer.from(data, 'base64') };
}
