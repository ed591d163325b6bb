/**
 * One letter, one item. A provider may send one letter as several resources: a DocumentReference
 * (the letter, which opens the PDF), the Binary holding the PDF, a DocumentManifest listing the
 * documents, and a Composition with the same letter's structured text. Lists show the
 * DocumentReference only; the others are its parts, reachable from its "Hoort bij" and their own
 * technical view.
 *
 * Parts are worked out when read (per data version, see RecordStore), within each record's sources
 * (ids are per server):
 * - a Binary that a DocumentReference's attachment.url points at;
 * - a DocumentManifest whose every entry is a document in the profile;
 * - a Composition with the same type and day as a DocumentReference from the same source.
 */
import type { FhirJson } from '../fhir/types';
import type { Database } from '../vault/database';
import type { BodyStore } from './bodies';
import { attachmentUrlsOf } from './presentation/names';
import { objs, str } from './presentation/values';
import { ReferenceResolver } from './reference-resolver';

export interface LetterParts {
  /** Records shown only as part of a letter. */
  parts: ReadonlySet<string>;
  /** For each record of a letter, the other records of the same letter. */
  together: ReadonlyMap<string, readonly string[]>;
}

const documentTypes = new Set(['DocumentReference', 'Composition', 'Binary']);

export function letterPartsOf(db: Database, bodies: BodyStore): LetterParts {
  const parts = new Set<string>();
  const together = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    for (const [from, to] of [[a, b], [b, a]] as const) {
      const list = together.get(from) ?? [];
      if (!list.includes(to)) list.push(to);
      together.set(from, list);
    }
  };

  const rows = db
    .prepare(
      `SELECT r.id, r.resource_type AS type, r.normalized_hash AS hash,
         (SELECT json_group_array(rs.source_id) FROM record_source rs WHERE rs.record_id = r.id) AS sources
       FROM record r WHERE r.resource_type IN ('DocumentReference', 'DocumentManifest')`,
    )
    .all() as Array<{ id: string; type: string; hash: string; sources: string }>;
  const resolver = new ReferenceResolver(db);
  const wanted = rows.map((row) => {
    const body = parse(bodies.text(row.hash));
    const references = body ? (row.type === 'DocumentReference' ? attachmentUrlsOf(body) : manifestEntries(body)) : [];
    const sourceIds = JSON.parse(row.sources) as string[];
    for (const reference of references) resolver.want(reference, sourceIds);
    return { row, references, sourceIds };
  });
  resolver.fetch();
  for (const { row, references, sourceIds } of wanted) {
    const targets = references.map((reference) => resolver.resolve(reference, sourceIds));
    if (row.type === 'DocumentReference') {
      for (const target of targets) {
        if (target?.resourceType !== 'Binary') continue;
        parts.add(target.recordId);
        link(row.id, target.recordId);
      }
    } else if (targets.length > 0 && targets.every((t) => t !== null && documentTypes.has(t.resourceType))) {
      parts.add(row.id);
      for (const target of targets) if (target) link(target.recordId, row.id);
    }
  }

  const twins = db
    .prepare(
      `SELECT c.id AS composition, d.id AS document FROM record c
       JOIN record d ON d.resource_type = 'DocumentReference' AND d.code = c.code AND substr(d.sort_date, 1, 10) = substr(c.sort_date, 1, 10)
       WHERE c.resource_type = 'Composition' AND c.code IS NOT NULL AND c.sort_date <> ''
         AND EXISTS (SELECT 1 FROM record_source a JOIN record_source b ON b.source_id = a.source_id
                     WHERE a.record_id = c.id AND b.record_id = d.id)`,
    )
    .all() as Array<{ composition: string; document: string }>;
  for (const { composition, document } of twins) {
    parts.add(composition);
    link(document, composition);
  }
  return { parts, together };
}

function parse(text: string | null): FhirJson | null {
  return text === null ? null : (JSON.parse(text) as FhirJson);
}

/** DocumentManifest.content: References in R4 (STU3's content[].pReference arrive converted). */
function manifestEntries(manifest: FhirJson): string[] {
  return objs(manifest.content)
    .map((entry) => str(entry.reference))
    .filter((reference): reference is string => reference !== null && !reference.startsWith('#'));
}
