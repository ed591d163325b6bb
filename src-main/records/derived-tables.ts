/**
 * Keeps the SQL tables (record, record_source, record_ref, record_fts, source, record_medication, record_fact) equal to what the
 * Yjs document and the bodies say. Changes are applied per changed map key, so a local import and a
 * remote sync update take the same path; rebuild() recomputes everything and must give the same rows.
 *
 * A record row exists iff the record is in `records` and not tombstoned; a record_source row iff the
 * link is in `provenance` and its record is not tombstoned (the record entry may still be on its way).
 * A record_medication row exists iff the record row does and says something for the Medicatie area
 * (medication-facts.ts, mostly once its body is here). It depends on that record's row and links only
 * (its `sources` are refreshed with every change of its record_source rows), so no other record's
 * arrival or change touches it: references are resolved when read.
 *
 * A record the person hid (doc-model `hidden`) keeps its record row with hidden = 1, for "Verborgen
 * gegevens" and its detail view, but has no FTS row and no record_medication row, so search and
 * Medicatie do not find it; lists ask for hidden = 0.
 */
import type BetterSqlite from 'better-sqlite3-multiple-ciphers';
import { enterStage } from '../common/stage-clock';
import type { Database } from '../vault/database';
import type { FhirJson } from '../fhir/types';
import type { BodyStore } from './bodies';
import { isHidden, type RecordDoc, type RecordEntry, presentRecord } from './doc-model';
import { type BodyDerivation, type BodyFields, deriveBody } from './body-derivation';
import type { FhirFunctions } from './fhir-functions';
import { linkKeyOf, parseLinkKey } from './ids';
import { isMedicationRecordType, type MedicationRow, medicationRowOf } from './medication-facts';
import { referenceKeysOf } from './references';
import { dutchResourceName } from './resource-names';
import { sectionOf } from './sections';

/** Derivations of arrived bodies kept for the next write, at most about this many bytes (as BodyStore's inflated bodies). */
const maxArrivedCost = 128 * 1024 * 1024;

/** Bump when what is derived changes (sections, titles, …): open() then rebuilds the tables. */
// 2: behandelaanwijzing titles, structured dosage lines, MP9 period-of-use extension; 3: record_medication;
// 4: titles in words (contact by its kind, file by its type, a role by who and where);
// 5: record_fact (fact-keys.ts), a DocumentReference without date dated by its attachment's creation
export const derivedVersion = '5';

/**
 * Secondary indexes that no statement of a first derivation reads (the lists, Overzicht, Medicatie
 * and measurement queries do; deriving a record again, a tombstone and bodies that arrive later read
 * some). While a bulk write fills an empty profile they are dropped and built again at its end, in
 * the same transaction: building an index from 100,000 rows in one sorted pass costs a fraction of
 * inserting 100,000 random keys into it one by one. A statement of the write that reads one builds it
 * first (DerivedTables.need), so a record derived twice or a tombstone never scans a whole table.
 * The indexes an import's twin and link lookups read (apply-import.ts) are dropped too: a first import
 * of one file makes none, and one of several files builds them before its first (ImportApplier's
 * needIndexes). Kept: the primary keys.
 */
const deferrableIndexes = [
  'record_by_date',
  'record_by_section_date',
  'record_by_type_date',
  'record_by_code',
  'record_by_content',
  'record_by_normalized',
  'record_by_created',
  'record_medication_by_type_date',
  'record_source_by_source',
  'record_ref_by_record',
  'record_fact_by_record',
] as const;
export type DeferrableIndex = (typeof deferrableIndexes)[number];

export class DerivedTables {
  private readonly statements: Record<
    | 'insertRecord'
    | 'updateRecord'
    | 'deleteRecord'
    | 'deleteFts'
    | 'insertFts'
    | 'upsertLink'
    | 'insertNewLink'
    | 'deleteLink'
    | 'deleteLinksOf'
    | 'insertRef'
    | 'deleteRefsOfLink'
    | 'deleteRefsOf'
    | 'upsertSource'
    | 'deleteSource'
    | 'upsertMedication'
    | 'upsertMedicationRecord'
    | 'deleteMedication'
    | 'updateMedicationSources'
    | 'recordsWithBody'
    | 'recordRowid'
    | 'anyRecord'
    | 'insertFact'
    | 'deleteFactsOf',
    BetterSqlite.Statement
  >;
  /** Parsed bodies of the write in progress: import has them already, so derive need not inflate. */
  readonly parsedBodies = new Map<string, FhirJson>();
  /** What bodies of the write in progress say, worked out on a worker (body-derivation.ts); cleared with parsedBodies. */
  readonly derivations = new Map<string, BodyDerivation>();
  /** The same, as JSON, for bodies that arrived through sync before the write that derives their records (keepArrived). */
  private readonly arrived = new Map<string, string>();
  private arrivedCost = 0;
  /** Indexes dropped for the bulk write in progress and not built again yet: name → its CREATE statement. */
  private readonly deferred = new Map<DeferrableIndex, string>();

  constructor(
    private readonly db: Database,
    private readonly model: () => RecordDoc,
    private readonly bodies: BodyStore,
    private readonly fhir: FhirFunctions,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.statements = {
      // Positional parameters in the order of recordColumns. A row already there is left alone (changes 0):
      // applyRecord then updates it, so a new record costs one statement, not a lookup first.
      insertRecord: p(`
        INSERT INTO record (${recordColumns.join(', ')}) VALUES (${recordColumns.map(() => '?').join(', ')})
        ON CONFLICT (id) DO NOTHING`),
      updateRecord: p(`
        UPDATE record SET ${recordColumns.slice(1).map((column) => `${column} = ?`).join(', ')} WHERE id = ?`),
      deleteRecord: p('DELETE FROM record WHERE id = ? RETURNING rowid'),
      deleteFts: p('DELETE FROM record_fts WHERE rowid = ?'),
      insertFts: p('INSERT INTO record_fts (rowid, record_id, text) VALUES (?, ?, ?)'),
      upsertLink: p(`
        INSERT OR REPLACE INTO record_source (record_id, source_id, source_resource_id, original_hash, fhir_version,
          format, received_at, full_url)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      // As upsertLink, but only for a link not stored yet (changes 0 otherwise): a new link has no refs to delete.
      insertNewLink: p(`
        INSERT INTO record_source (record_id, source_id, source_resource_id, original_hash, fhir_version, format, received_at,
          full_url)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (record_id, source_id) DO NOTHING`),
      deleteLink: p('DELETE FROM record_source WHERE record_id = ? AND source_id = ?'),
      deleteLinksOf: p('DELETE FROM record_source WHERE record_id = ?'),
      insertRef: p('INSERT OR IGNORE INTO record_ref (source_id, reference, record_id) VALUES (?, ?, ?)'),
      deleteRefsOfLink: p('DELETE FROM record_ref WHERE record_id = ? AND source_id = ?'),
      deleteRefsOf: p('DELETE FROM record_ref WHERE record_id = ?'),
      upsertSource: p(`
        INSERT OR REPLACE INTO source (id, kind, label, provider, service, created_at) VALUES (?, ?, ?, ?, ?, ?)`),
      deleteSource: p('DELETE FROM source WHERE id = ?'),
      upsertMedication: p(`
        INSERT OR REPLACE INTO record_medication (${medicationColumns.join(', ')}, sources)
        VALUES (${medicationColumns.map(() => '?').join(', ')}, NULL)`),
      // Positional parameters as upsertMedication, then the record id again for its links.
      upsertMedicationRecord: p(`
        INSERT OR REPLACE INTO record_medication (${medicationColumns.join(', ')}, sources)
        VALUES (${medicationColumns.map(() => '?').join(', ')}, ${linksOf('?')})`),
      deleteMedication: p('DELETE FROM record_medication WHERE record_id = ?'),
      updateMedicationSources: p(`UPDATE record_medication SET sources = ${linksOf('@id')} WHERE record_id = @id AND sources IS NOT NULL`),
      recordsWithBody: p('SELECT id FROM record WHERE normalized_hash = ?').pluck(),
      recordRowid: p('SELECT rowid FROM record WHERE id = ?').pluck(),
      anyRecord: p('SELECT 1 FROM record LIMIT 1').pluck(),
      insertFact: p('INSERT OR IGNORE INTO record_fact (fact_key, record_id) VALUES (?, ?)'),
      deleteFactsOf: p('DELETE FROM record_fact WHERE record_id = ?'),
    };
  }

  /** Applies the keys a Yjs transaction changed, per map. */
  applyChanges(changed: {
    records: Iterable<string>;
    provenance: Iterable<string>;
    sources: Iterable<string>;
    deleted: Iterable<string>;
    hidden?: Iterable<string>;
  }): void {
    const back = enterStage('sql');
    for (const id of changed.sources) this.applySource(id);
    const recordIds = new Set([...changed.records, ...changed.deleted, ...(changed.hidden ?? [])]);
    for (const id of recordIds) this.applyRecord(id);
    for (const key of changed.provenance) {
      const parsed = parseLinkKey(key);
      if (parsed) this.applyLink(parsed.recordId, parsed.sourceId);
    }
    // A tombstone also removes every link row of its record, whatever the order of arrival.
    for (const id of changed.deleted) {
      if (this.model().deleted.has(id)) {
        this.statements.deleteLinksOf.run(id);
        this.need('record_ref_by_record');
        this.statements.deleteRefsOf.run(id);
      }
    }
    enterStage(back);
  }

  /**
   * Before a bulk write (inside its transaction): when the profile holds no record rows yet, drops the
   * deferrable indexes and returns what builds them again, as they were, before the commit; else null.
   * A write that fails rolls the drop back with everything else (then call forgetDeferred).
   */
  deferIndexes(): (() => void) | null {
    this.deferred.clear();
    if (this.statements.anyRecord.get() !== undefined) return null;
    const placeholders = deferrableIndexes.map(() => '?').join(', ');
    const indexes = this.db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND name IN (${placeholders})`)
      .all(...deferrableIndexes) as Array<{ name: DeferrableIndex; sql: string }>;
    for (const { name, sql } of indexes) {
      this.db.exec(`DROP INDEX "${name}"`);
      this.deferred.set(name, sql);
    }
    return () => {
      for (const sql of this.deferred.values()) this.db.exec(sql);
      this.deferred.clear();
    };
  }

  /** After a failed write: its rollback brought the dropped indexes back. */
  forgetDeferred(): void {
    this.deferred.clear();
  }

  /** Builds dropped indexes now, before a statement of the write reads them (see deferrableIndexes). */
  need(...indexes: DeferrableIndex[]): void {
    for (const index of indexes) {
      const sql = this.deferred.get(index);
      if (sql === undefined) continue;
      this.db.exec(sql);
      this.deferred.delete(index);
    }
  }

  /** Recomputes every derived row from the document and bodies. */
  rebuild(): void {
    this.db.exec(
      'DELETE FROM record; DELETE FROM record_source; DELETE FROM record_ref; DELETE FROM record_fts; DELETE FROM source; DELETE FROM record_medication; DELETE FROM record_fact;',
    );
    // Every row is written again: the lists' indexes are built once at the end, as for a first import.
    const buildIndexes = this.deferIndexes();
    const model = this.model();
    for (const id of model.sources.keys()) this.applySource(id);
    for (const id of model.records.keys()) this.applyRecord(id);
    for (const key of model.provenance.keys()) {
      const parsed = parseLinkKey(key);
      if (parsed) this.applyLink(parsed.recordId, parsed.sourceId);
    }
    buildIndexes?.();
  }

  /** Re-derives the records whose normalized body has just arrived (e.g. shipped by sync after the update). */
  bodiesArrived(hashes: Iterable<string>): void {
    // A joining device stores its bodies before any record: nothing to look up for each of them.
    if (this.statements.anyRecord.get() === undefined) return;
    this.need('record_by_normalized');
    for (const hash of hashes) {
      for (const id of this.statements.recordsWithBody.all(hash) as string[]) this.applyRecord(id);
    }
  }

  applySource(id: string): void {
    const entry = this.model().sources.get(id);
    if (!entry) {
      this.statements.deleteSource.run(id);
      return;
    }
    this.statements.upsertSource.run(id, entry.kind, entry.label, entry.provider ?? null, entry.service ?? null, entry.createdAt);
  }

  applyRecord(id: string): void {
    const entry = presentRecord(this.model(), id);
    if (!entry) {
      const removed = this.statements.deleteRecord.get(id) as { rowid: number } | undefined;
      if (removed) {
        this.statements.deleteFts.run(removed.rowid);
        this.statements.deleteMedication.run(id);
        this.need('record_fact_by_record');
        this.statements.deleteFactsOf.run(id);
      }
      return;
    }
    const derivation = this.derivationOf(entry);
    const hidden = isHidden(this.model(), id);
    const row: RecordRowValues = derivation ? rowOf(id, entry, derivation.fields, hidden) : placeholderRow(id, entry, hidden);
    const text = derivation ? derivation.text : row[titleIndex];
    const medication = hidden ? null : derivation ? derivation.medication : medicationRowOf(entry.type, null, row[titleIndex]);
    const factKeys = derivation?.factKeys ?? [];
    const inserted = this.statements.insertRecord.run(row);
    if (inserted.changes === 1) {
      // A new record has no FTS or medication row yet; skipping the deletes matters for large imports.
      const { lastInsertRowid } = inserted;
      enterStage('fts');
      if (!hidden) this.statements.insertFts.run(lastInsertRowid, id, text);
      enterStage('sql');
      if (medication) this.upsertMedication(row, medication);
      for (const key of factKeys) this.statements.insertFact.run(key, id);
      return;
    }
    const existing = this.statements.recordRowid.get(id) as number | bigint;
    this.statements.updateRecord.run(...row.slice(1), id);
    this.statements.deleteFts.run(existing);
    if (!hidden) this.statements.insertFts.run(existing, id, text);
    if (medication) this.upsertMedication(row, medication);
    else this.statements.deleteMedication.run(id);
    this.need('record_fact_by_record');
    this.statements.deleteFactsOf.run(id);
    for (const key of factKeys) this.statements.insertFact.run(key, id);
  }

  /**
   * What the record's body says for its rows: handed over by the write (worked out on a worker), or
   * worked out here from the body; null while the body is not here.
   */
  private derivationOf(entry: RecordEntry): BodyDerivation | null {
    const kept = this.takeArrived(entry.normalized);
    const handed = this.derivations.get(entry.normalized) ?? (kept === undefined ? undefined : (JSON.parse(kept) as BodyDerivation));
    if (handed && handed.type === entry.type) return handed;
    const r4 = this.parsed(entry.normalized);
    return r4 ? deriveBody(r4, this.fhir, entry.type) : null;
  }

  /**
   * Keeps what a worker worked out for bodies that just arrived through sync, for the write that
   * derives their records (the update that follows); bounded, each handed out once, dropped with
   * forgetArrived (a failed write, closing).
   */
  keepArrived(derivations: ReadonlyMap<string, string>): void {
    for (const [hash, derivation] of derivations) {
      if (this.arrived.has(hash)) continue;
      this.arrived.set(hash, derivation);
      this.arrivedCost += costOf(derivation);
    }
    for (const [hash, kept] of this.arrived) {
      if (this.arrivedCost <= maxArrivedCost) break;
      this.arrived.delete(hash);
      this.arrivedCost -= costOf(kept);
    }
  }

  /** Drops what the write in progress (or one chunk of it) handed over: parsed bodies and derivations. */
  clearHanded(): void {
    this.parsedBodies.clear();
    this.derivations.clear();
  }

  forgetArrived(): void {
    this.arrived.clear();
    this.arrivedCost = 0;
  }

  private takeArrived(hash: string): string | undefined {
    const kept = this.arrived.get(hash);
    if (kept) {
      this.arrived.delete(hash);
      this.arrivedCost -= costOf(kept);
    }
    return kept;
  }

  /** A medication record's row carries its links (as record_source has them now; applyLink keeps them). */
  private upsertMedication(row: RecordRowValues, medication: MedicationRow): void {
    const values = medicationValues(row, medication);
    if (medication.type === 'record') this.statements.upsertMedicationRecord.run(...values, row[0]);
    else this.statements.upsertMedication.run(values);
  }

  applyLink(recordId: string, sourceId: string): void {
    const model = this.model();
    const link = model.provenance.get(linkKeyOf(recordId, sourceId));
    if (!link || model.deleted.has(recordId)) {
      this.need('record_ref_by_record');
      this.statements.deleteRefsOfLink.run(recordId, sourceId);
      this.statements.deleteLink.run(recordId, sourceId);
      this.statements.updateMedicationSources.run({ id: recordId });
      return;
    }
    const values = [recordId, sourceId, link.sourceResourceId, link.original, link.fhirVersion, link.format, link.receivedAt, link.fullUrl];
    if (this.statements.insertNewLink.run(values).changes === 0) {
      this.need('record_ref_by_record');
      this.statements.deleteRefsOfLink.run(recordId, sourceId);
      this.statements.upsertLink.run(values);
    }
    for (const reference of referenceKeysOf(link.resourceType, link.sourceResourceId, link.fullUrl)) {
      this.statements.insertRef.run(sourceId, reference, recordId);
    }
    // A link's type is its record's (the content hash covers it): only medication records keep their links.
    if (isMedicationRecordType(link.resourceType)) this.statements.updateMedicationSources.run({ id: recordId });
  }

  private parsed(hash: string): FhirJson | null {
    const cached = this.parsedBodies.get(hash);
    if (cached) return cached;
    const text = this.bodies.text(hash);
    return text === null ? null : (JSON.parse(text) as FhirJson);
  }
}

/** A record's row: its entry's own columns around what its body says. */
function rowOf(id: string, entry: RecordEntry, fields: BodyFields, hidden: boolean): RecordRowValues {
  return [id, entry.type, ...fields, entry.normalized, entry.content, entry.createdAt, entry.updatedAt, hidden ? 1 : 0];
}

/** Roughly the bytes a kept derivation (JSON text) holds, for the bound on what is kept. */
function costOf(derivation: string): number {
  return derivation.length + 32;
}

/** The record table's columns, in the order of RecordRowValues. */
const recordColumns = [
  'id',
  'resource_type',
  'section',
  'category',
  'code',
  'title',
  'date',
  'sort_date',
  'status',
  'value_text',
  'out_of_range',
  'period_start',
  'period_end',
  'normalized_hash',
  'content_hash',
  'created_at',
  'updated_at',
  'hidden',
] as const;
const titleIndex = 5;

type RecordRowValues = [
  id: string,
  resourceType: string,
  ...BodyFields,
  normalizedHash: string,
  contentHash: string,
  createdAt: string,
  updatedAt: string,
  hidden: 0 | 1,
];

/**
 * The links of record `param` as the Medicatie overview needs them, in provenance order (see
 * summaries.provenanceOf): JSON [[source_id, received_at, fhir_version, format], …].
 */
function linksOf(param: string): string {
  return `(SELECT json_group_array(json_array(source_id, received_at, fhir_version, format) ORDER BY received_at, source_id)
    FROM record_source WHERE record_id = ${param})`;
}

/** The record_medication table's columns (but sources), in the order of medicationValues. */
const medicationColumns = [
  'record_id',
  'resource_type',
  'kind',
  'date',
  'sort_date',
  'status',
  'name',
  'codes',
  'atc',
  'reference',
  'reference_display',
  'period_start',
  'period_end',
  'instructions',
  'amount',
  'days_supply',
  'by_display',
  'by_reference',
  'prescriber_display',
  'prescriber_reference',
] as const;

type ValuesOf<Columns extends readonly string[]> = { [K in keyof Columns]: string | number | null };
type MedicationValues = ValuesOf<typeof medicationColumns>;

function medicationValues(record: RecordRowValues, row: MedicationRow): MedicationValues {
  const list = (keys: string[]) => (keys.length > 0 ? JSON.stringify(keys) : null);
  const [id, type, , , , , date, sortDate, status] = record;
  switch (row.type) {
    case 'medication':
      return [
        id, type, 'medication', date, sortDate, status,
        row.product.name, list(row.product.codes), list(row.product.atc), null, null, null, null, null, null, null, null, null, null, null,
      ];
    case 'role':
    case 'party':
      return [id, type, row.type, date, sortDate, status, row.name, null, null, null, null, null, null, null, null, null, null, null, null, null];
    case 'record': {
      const { facts } = row;
      return [
        id,
        type,
        facts.kind,
        date,
        sortDate,
        status,
        facts.product?.name ?? null,
        list(facts.product?.codes ?? []),
        list(facts.product?.atc ?? []),
        facts.reference,
        facts.referenceDisplay,
        facts.period.start,
        facts.period.end,
        facts.instructions,
        facts.amount,
        facts.daysSupply,
        facts.by?.display ?? null,
        facts.by?.reference ?? null,
        facts.prescriber?.display ?? null,
        facts.prescriber?.reference ?? null,
      ];
    }
  }
}

/** What can be shown before a record's body has arrived: its type, nothing more. */
function placeholderRow(id: string, entry: RecordEntry, hidden: boolean): RecordRowValues {
  return [
    id,
    entry.type,
    sectionOf({ resourceType: entry.type }),
    null,
    null,
    dutchResourceName(entry.type),
    null,
    '',
    null,
    null,
    0,
    null,
    null,
    entry.normalized,
    entry.content,
    entry.createdAt,
    entry.updatedAt,
    hidden ? 1 : 0,
  ];
}

