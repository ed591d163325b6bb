/**
 * Step two of an import, inside one SQL transaction and one Yjs transaction: decide per resource
 * whether it is new, an update of a copy already received from this source, unchanged, or the same
 * clinical fact already present from another source (then this source is attached to it: one record,
 * two sources; counted as updated). "The same" is identical content, or a shared fact key
 * (fact-keys.ts). Twins come from other sources only: from the committed derived tables, or from
 * what this import itself created for another source (two files at once), so identical resources
 * within one input (one source) stay separate records.
 */
import { enterStage } from '../common/stage-clock';
import type { FhirJson } from '../fhir/types';
import type { Database } from '../vault/database';
import type { BodyStore } from './bodies';
import type { BodyDerivation } from './body-derivation';
import type { LinkEntry, RecordDoc } from './doc-model';
import type { DeferrableIndex } from './derived-tables';
import { factKeysOf } from './fact-keys';
import { defaultFhirFunctions, type FhirFunctions } from './fhir-functions';
import { linkKeyOf, recordIdOf } from './ids';
import type { PackedDigest } from './digest-pool';
import { digestOf, type PreparedResource, sourceKeyOf } from './prepare-resources';
import type { ImportResource } from './types';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  byType: Record<string, number>;
}

export class ImportApplier {
  private readonly linkLookup;
  private readonly contentLookup;
  private readonly factLookup;
  private readonly factOf;
  /** Fact key → record created by this import (not in the derived tables yet); see beginImport. */
  private fresh = new Map<string, string>();
  /**
   * Within one import (beginImport … endImport): whether the profile held records before it, and the
   * sources this import created records for. The derived tables can hold another source's record (a
   * twin, or a copy attached to one) only if either says so: a first import of one file into an empty
   * profile then skips a lookup per resource that could only come back empty. Outside an import
   * (null) every lookup is made.
   */
  private scope: { recordsBefore: boolean; creators: Set<string> } | null = null;
  private readonly anyRecord;

  constructor(
    db: Database,
    private readonly fhir: Pick<FhirFunctions, 'indexFields'> = defaultFhirFunctions,
    /** Builds indexes a bulk write dropped (DerivedTables.need), before the lookups below read them. */
    private readonly needIndexes: (...indexes: DeferrableIndex[]) => void = () => {},
  ) {
    // Copies attached to another source's record are found through the derived tables.
    this.linkLookup = db
      .prepare(
        `SELECT rs.record_id FROM record_source rs JOIN record r ON r.id = rs.record_id
         WHERE rs.source_id = ? AND rs.source_resource_id = ? AND r.resource_type = ? LIMIT 1`,
      )
      .pluck();
    this.contentLookup = db
      .prepare(
        `SELECT r.id FROM record r WHERE r.content_hash = ?
           AND NOT EXISTS (SELECT 1 FROM record_source rs WHERE rs.record_id = r.id AND rs.source_id = ?)
         ORDER BY r.id LIMIT 1`,
      )
      .pluck();
    this.factLookup = db
      .prepare(
        `SELECT f.record_id FROM record_fact f WHERE f.fact_key = ?
           AND NOT EXISTS (SELECT 1 FROM record_source rs WHERE rs.record_id = f.record_id AND rs.source_id = ?)
         ORDER BY f.record_id`,
      )
      .pluck();
    this.factOf = db.prepare('SELECT 1 FROM record_fact WHERE fact_key = ? AND record_id = ?').pluck();
    this.anyRecord = db.prepare('SELECT 1 FROM record LIMIT 1').pluck();
  }

  /** Call once at the start of every import (inside its SQL transaction, before its Yjs transactions). */
  beginImport(): void {
    this.fresh = new Map();
    this.scope = { recordsBefore: this.anyRecord.get() !== undefined, creators: new Set() };
  }

  /** Call when the import's writing is over (or failed). */
  endImport(): void {
    this.scope = null;
  }

  /**
   * Whether the derived tables may hold a record of a source other than `sourceId` (see scope); when
   * they may, the lookups that follow are made, so their indexes are there first.
   */
  private othersMayBeStored(sourceId: string): boolean {
    const scope = this.scope;
    const may = scope === null || scope.recordsBefore || [...scope.creators].some((creator) => creator !== sourceId);
    // linkLookup reads record_source_by_source, contentLookup record_by_content; the fact lookups the primary key.
    if (may) this.needIndexes('record_source_by_source', 'record_by_content');
    return may;
  }

  /** Call inside doc.transact: Y.Map reads see this batch's own writes, the SQL tables do not yet. */
  apply(
    model: RecordDoc,
    bodies: BodyStore,
    sourceId: string,
    prepared: readonly PreparedResource[],
    options: {
      now: string;
      dedupe: boolean;
      parsed: Map<string, FhirJson>;
      digests?: ReadonlyMap<ImportResource, PackedDigest>;
      /** Where a digest's derivation goes for the derived tables (DerivedTables.derivations). */
      derivations?: Map<string, BodyDerivation>;
    },
  ): ImportCounts {
    const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, byType: {} };
    const { now } = options;

    for (const item of prepared) {
      const type = item.resourceType;
      counts.byType[type] = (counts.byType[type] ?? 0) + 1;
      // At most once: a large input's resources are parsed from their text on each access (types.ts
      // ImportResource), and not at all when a worker digested the resource and worked out its rows.
      let parsed: FhirJson | undefined;
      const r4 = () => (parsed ??= item.r4);
      enterStage('bodies');
      const packed = options.digests?.get(item.resource);
      const derivation = options.derivations && packed?.derivation ? (JSON.parse(packed.derivation) as BodyDerivation) : undefined;
      let digest: StoredDigest;
      if (packed) {
        bodies.putDeflated(packed.normalized.hash, packed.normalized.size, packed.normalized.data);
        bodies.putDeflated(packed.original.hash, packed.original.size, packed.original.data);
        digest = digestFromPacked(item, packed);
      } else {
        const made = digestOf(item, r4());
        bodies.putText(made.normalized.hash, made.normalized.text);
        bodies.putText(made.original.hash, made.original.text);
        digest = made;
      }
      enterStage('yjs');
      // The derived tables need not inflate what is at hand (see DerivedTables.parsedBodies, derivations).
      if (derivation) options.derivations?.set(digest.normalized.hash, derivation);
      else options.parsed.set(digest.normalized.hash, r4());
      const link: LinkEntry = {
        resourceType: type,
        sourceResourceId: digest.sourceKey,
        original: digest.original.hash,
        fhirVersion: item.resource.fhirVersion,
        format: item.resource.format,
        receivedAt: now,
        fullUrl: item.resource.fullUrl ?? null,
      };

      const ownId = recordIdOf(sourceId, type, digest.sourceKey);
      // A copy of this source's sits on another source's record only if the tables hold any.
      const existingId = model.provenance.has(linkKeyOf(ownId, sourceId))
        ? ownId
        : this.othersMayBeStored(sourceId)
          ? (this.sql(() => this.linkLookup.get(sourceId, digest.sourceKey, type)) as string | undefined)
          : undefined;
      const existing = existingId ? model.records.get(existingId) : undefined;
      let keys: string[] | null = null;
      const keysOf = () => (keys ??= !options.dedupe ? [] : derivation ? derivation.factKeys : this.sql(() => factKeysOf(r4(), this.fhir.indexFields)));

      if (existingId && existing && !model.deleted.has(existingId)) {
        const key = linkKeyOf(existingId, sourceId);
        const previous = model.provenance.get(key);
        if (existingId !== ownId && existing.content !== digest.content) {
          // This source's copy sits, as the same fact, on another source's record: that record stays as it is.
          if (previous?.original === digest.original.hash || this.sameFact(existingId, keysOf())) {
            if (previous?.original !== digest.original.hash) model.provenance.set(key, link);
            counts.unchanged += 1;
            continue;
          }
          // Its copy now says something else: it leaves that record and becomes a record of its own (below).
          model.provenance.delete(key);
        } else if (existing.content !== digest.content) {
          model.records.set(existingId, { ...existing, normalized: digest.normalized.hash, content: digest.content, updatedAt: now });
          model.provenance.set(key, link);
          counts.updated += 1;
        } else {
          // Same content; keep the newest copy as received (e.g. meta.lastUpdated moved) without calling it a change.
          if (previous?.original !== digest.original.hash) model.provenance.set(key, link);
          counts.unchanged += 1;
        }
        if (model.provenance.has(key)) continue;
      }

      // Deleted by the person: importing the same data again must not bring it back.
      if (model.deleted.has(ownId)) {
        counts.unchanged += 1;
        continue;
      }

      // The record entry itself is left alone: rewriting it could undo a concurrent edit on another device.
      const twinId = options.dedupe ? this.sql(() => this.twinOf(model, sourceId, digest.content, keysOf())) : undefined;
      if (twinId) {
        model.provenance.set(linkKeyOf(twinId, sourceId), link);
        counts.updated += 1;
        continue;
      }

      model.records.set(ownId, { type, normalized: digest.normalized.hash, content: digest.content, createdAt: now, updatedAt: now });
      model.provenance.set(linkKeyOf(ownId, sourceId), link);
      for (const key of keysOf()) if (!this.fresh.has(key)) this.fresh.set(key, ownId);
      this.scope?.creators.add(sourceId);
      counts.created += 1;
    }
    return counts;
  }

  /** Derived-table work (lookups, fact keys) amid the document's, for the bench's stage clock. */
  private sql<T>(work: () => T): T {
    const back = enterStage('sql');
    const value = work();
    enterStage(back);
    return value;
  }

  /** Whether the record (committed, or created by this import) has one of these fact keys. */
  private sameFact(recordId: string, keys: readonly string[]): boolean {
    return keys.some((key) => this.fresh.get(key) === recordId || this.factOf.get(key, recordId) !== undefined);
  }

  /** A present record of another source that says the same, not yet holding a copy from this source. */
  private twinOf(model: RecordDoc, sourceId: string, content: string, keys: readonly string[]): string | undefined {
    const usable = (id: string | undefined): id is string =>
      id !== undefined && !model.deleted.has(id) && model.records.has(id) && !model.provenance.has(linkKeyOf(id, sourceId));
    const stored = this.othersMayBeStored(sourceId);
    const identical = stored ? (this.contentLookup.get(content, sourceId) as string | undefined) : undefined;
    if (usable(identical)) return identical;
    for (const key of keys) {
      const fresh = this.fresh.get(key);
      if (usable(fresh)) return fresh;
      if (stored) for (const id of this.factLookup.all(key, sourceId) as string[]) if (usable(id)) return id;
    }
    return undefined;
  }
}

/** What apply reads of a digest once its bodies are stored. */
interface StoredDigest {
  normalized: { hash: string };
  original: { hash: string };
  content: string;
  sourceKey: string;
}

function digestFromPacked(item: PreparedResource, packed: PackedDigest): StoredDigest {
  return {
    normalized: { hash: packed.normalized.hash },
    original: { hash: packed.original.hash },
    content: packed.content,
    sourceKey: sourceKeyOf(item.resource, packed.content),
  };
}
