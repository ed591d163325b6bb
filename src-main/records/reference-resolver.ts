/**
 * Resolves FHIR references to the records they point to, within the sources a record came from (ids
 * are per server), all at once: want() every (reference, sources) first, fetch() them in one query,
 * then resolve(). Per source the first match by (reference form, record id) wins, as a lookup by
 * index would give it. Medicatie, the lists and the detail view name what a reference points to
 * through this one resolver.
 */
import type { Database } from '../vault/database';
import { lookupFormsOf } from './references';

export interface ReferenceTarget {
  /** The form of the reference that matched. */
  reference: string;
  recordId: string;
  resourceType: string;
  title: string;
  /** The target's own record_medication row: a Medication's product, a PractitionerRole's or another party's name. */
  kind: string | null;
  name: string | null;
  codes: string | null;
  atc: string | null;
}

export class ReferenceResolver {
  private readonly forms = new Map<string, string[]>();
  private readonly wanted = new Set<string>();
  private readonly hits = new Map<string, ReferenceTarget[]>();

  constructor(private readonly db: Database) {}

  want(reference: string, sourceIds: readonly string[]): void {
    for (const form of this.formsOf(reference)) for (const sourceId of sourceIds) this.wanted.add(JSON.stringify([sourceId, form]));
  }

  fetch(): void {
    if (this.wanted.size === 0) return;
    const rows = this.db
      .prepare(
        // Only targets with a record row count (as everywhere); what Medicatie needs of them is in record_medication.
        `SELECT ref.source_id, ref.reference, ref.record_id AS recordId, r.resource_type AS resourceType, r.title,
           m.kind, m.name, m.codes, m.atc
         FROM json_each(?) j
         CROSS JOIN record_ref ref ON ref.source_id = j.value ->> 0 AND ref.reference = j.value ->> 1
         JOIN record r ON r.id = ref.record_id
         LEFT JOIN record_medication m ON m.record_id = ref.record_id`,
      )
      .all(`[${[...this.wanted].join(',')}]`) as Array<ReferenceTarget & { source_id: string }>;
    this.wanted.clear();
    for (const { source_id: sourceId, ...target } of rows) {
      const key = `${sourceId}\n${target.reference}`;
      const list = this.hits.get(key);
      if (list) list.push(target);
      else this.hits.set(key, [target]);
    }
  }

  resolve(reference: string | null, sourceIds: readonly string[]): ReferenceTarget | null {
    if (reference === null) return null;
    const forms = this.formsOf(reference);
    for (const sourceId of sourceIds) {
      let best: ReferenceTarget | null = null;
      for (const form of forms) {
        for (const hit of this.hits.get(`${sourceId}\n${form}`) ?? []) {
          if (!best || hit.reference < best.reference || (hit.reference === best.reference && hit.recordId < best.recordId)) best = hit;
        }
      }
      if (best) return best;
    }
    return null;
  }

  private formsOf(reference: string): string[] {
    let forms = this.forms.get(reference);
    if (!forms) this.forms.set(reference, (forms = lookupFormsOf(reference)));
    return forms;
  }
}

/**
 * What a person reads for a target: a Medication's product name, "who, where" for a
 * PractitionerRole (as its own references name them), else the record's title.
 */
export function targetName(target: ReferenceTarget): string {
  if ((target.kind === 'medication' || target.kind === 'role' || target.kind === 'party') && target.name) return target.name;
  return target.title;
}
