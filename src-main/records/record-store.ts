/**
 * A profile's health record. The Yjs document is the source of truth (see doc-model.ts); every
 * change, local or from sync, runs through write(): one SQL transaction holding the bodies, the Yjs
 * update log and the derived rows, which the document's afterTransaction hook updates from the keys
 * that changed. If anything throws, SQL rolls back and the document is reloaded from the database,
 * so memory and disk never disagree.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import * as Y from 'yjs';
import type { z } from 'zod';
import type { Language } from '../../src-preload/contract/constants';
import type { BgzSection } from '../../src-preload/contract/record-sections';
import type { HiddenRecord } from '../../src-preload/contract/hidden';
import type { MeasurementPoint } from '../../src-preload/contract/measurements';
import type {
  ImportProblem,
  ImportReport,
  MedicationOverview,
  Overview,
  RecordDetail,
  RecordSource,
  RecordSummary,
} from '../../src-preload/contract/records';
import { enterStage } from '../common/stage-clock';
import { RegieError } from '../core/errors';
import type { FhirJson } from '../fhir/types';
import { checkpointWhenDue } from '../vault/background-checkpoint';
import type { Database } from '../vault/database';
import { readMeta, writeMeta } from '../vault/meta';
import { ImportApplier, type ImportCounts } from './apply-import';
import { type Body, BodyStore, type StoredBody } from './bodies';
import { sectionCounts, type SourceWithCounts, sourcesWithCounts } from './counts';
import { BodyChecker, type PendingCheck } from './body-check';
import { DigestPool, KeptPool } from './digest-pool';
import { EarlyDigests } from './early-digests';
import { DerivedTables, derivedVersion } from './derived-tables';
import { type HiddenEntry, isHidden, origins, presentRecord, type RecordDoc, recordDocOf, type RevisionEntry } from './doc-model';
import { type CatchUp, type CompactionPolicy, DocPersistence, defaultCompaction, type LoggedUpdate } from './doc-persistence';
import { defaultFhirFunctions, type FhirFunctions } from './fhir-functions';
import { hiddenRecordsOf } from './hidden-records';
import { listMeasurements, type MeasurementList, type MeasurementQuery, measurementOf } from './measurement-list';
import { linkKeyOf, parseLinkKey, recordIdOf, sourceIdOf } from './ids';
import { type LetterParts, letterPartsOf } from './letters';
import { type ListQuery, listRecords } from './list-records';
import { medicationOverview } from './medication';
import { overviewOf, wallClock } from './overview';
import { deleteDeviceSettingRow, parseSetting, readDeviceSettingRow, toJsonValue } from './person-settings';
import { type PreparedResource, prepareResources } from './prepare-resources';
import { attachmentOf, notFound, recordDetail } from './record-detail';
import { type SearchQuery, type SearchResult, searchRecords } from './search-records';
import type { Attachment, ImportBatch, ImportOptions, ImportResource, SourceInput } from './types';

export interface RecordStoreOptions {
  now?: () => Date;
  compaction?: CompactionPolicy;
  /** Replaces FHIR layer functions (tests). */
  fhir?: Partial<FhirFunctions>;
}

export type UpdateListener = (update: Uint8Array, origin: string) => void;

/** Imports of at least this many resources (sync updates of this many KiB) count as bulk work. */
const bulkResources = 2_000;
/** Resources per Yjs transaction of an import (all of them in its one SQL transaction). */
const importChunk = 1_000;
const bulkUpdateKiB = 1024;
/**
 * Page cache during bulk work (KiB; the connection's own setting is restored afterwards). A cap, not
 * an allocation: pages are cached as they are read. A large import inserts random keys (hashes, ids)
 * into indexes; with the connection's 64 MiB it re-read and decrypted their pages over and over (50,000
 * into a profile of 50,000: 20.6 s, 128 MiB 7.9–9.2 s; into an empty profile, whose lists' indexes are
 * built at the end, 64 MiB cost about 2 s more CPU at 100,000). 256 MiB was no faster than 128 and
 * held about 120 MB more at the peak.
 */
const bulkCacheKiB = 128 * 1024;

/** Asked for this many bodies (and a quarter of all), sync reads the body table in its own order. */
const scanBodiesFrom = 2_000;
/** …and hands them on in hash order per this many bytes of them (what a first push holds at once). */
const hashOrderWindowBytes = 64 * 1024 * 1024;
/** Bodies from another device are inflated and checked on worker threads from this many on. */
const verifyInWorkersFrom = 500;

const metaKeys = { derivedVersion: 'records.derivedVersion', deviceId: 'records.deviceId' } as const;
const selfSource: SourceInput = { kind: 'self', label: 'Zelf ingevoerd' };

/** Bodies another device shipped, in key order, their check under way (see checkStoredBodies). */
export interface ShippedBodies {
  readonly sorted: readonly StoredBody[];
  readonly derivedSoon: ReadonlySet<string>;
  readonly pending: PendingCheck | null;
}

export class RecordStore {
  private model: RecordDoc | null;
  private readonly bodies: BodyStore;
  private readonly derived: DerivedTables;
  private readonly persistence: DocPersistence;
  private readonly applier: ImportApplier;
  private readonly fhir: FhirFunctions;
  /** Whether the digest workers may work out derived rows (the store uses the default FHIR functions). */
  private readonly workersDerive: boolean;
  private readonly now: () => Date;
  private readonly deviceId: string;
  private readonly listeners = new Set<UpdateListener>();
  /** Checks another device's bodies on all cores (the main thread waits or writes meanwhile); its workers are kept between the packs of a pull. */
  private readonly checker = new BodyChecker(new KeptPool(() => DigestPool.open(Math.max(1, Math.min(4, availableParallelism())))));
  /** Updates of the write in progress, stored at its end and announced once its SQL transaction has committed. */
  private pending: LoggedUpdate[] = [];
  private writing = false;
  /** Counts writes (local and synced): whatever was computed from the records before is stale after one. */
  private dataVersion = 0;
  /** The last medication overview (Overzicht asks for it on every visit), valid for one data version and day. */
  private medicationCache: { version: number; day: string; value: MedicationOverview } | null = null;
  /** Which records are parts of a letter (letters.ts), valid for one data version. */
  private lettersCache: { version: number; value: LetterParts } | null = null;
  /** SQLite's data_version when this process last looked: it changes when another process commits. */
  private seenDataVersion: number;
  /** Legacy device-local setting rows already checked (adoptDeviceSetting) since this store opened. */
  private readonly adopted = new Set<string>();

  private constructor(
    private readonly db: Database,
    options: RecordStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.fhir = { ...defaultFhirFunctions, ...options.fhir };
    // Workers work out rows with the default functions only (body-derivation.ts); tests that inject others derive here.
    this.workersDerive = this.fhir.indexFields === defaultFhirFunctions.indexFields && this.fhir.readableText === defaultFhirFunctions.readableText;
    this.bodies = new BodyStore(db);
    this.persistence = new DocPersistence(db, options.compaction ?? defaultCompaction, this.now);
    this.derived = new DerivedTables(db, () => this.requireModel(), this.bodies, this.fhir);
    this.applier = new ImportApplier(db, this.fhir, (...indexes) => this.derived.need(...indexes));
    this.deviceId = readMeta(db, metaKeys.deviceId) ?? this.newDeviceId();
    this.seenDataVersion = this.sqliteDataVersion();
    this.model = this.loadModel();
  }

  /** Loads the profile's document; rebuilds the derived tables when the way they are derived changed. */
  static open(db: Database, options: RecordStoreOptions = {}): RecordStore {
    const store = new RecordStore(db, options);
    if (readMeta(db, metaKeys.derivedVersion) !== derivedVersion) {
      db.transaction(() => {
        store.derived.rebuild();
        writeMeta(db, metaKeys.derivedVersion, derivedVersion);
      })();
    }
    return store;
  }

  /**
   * Takes in what another process on this computer (the app, a CLI command) committed to the profile
   * since this one last looked; cheap when nothing changed. Call before serving a request.
   */
  refresh(): void {
    this.requireModel();
    const version = this.sqliteDataVersion();
    if (version === this.seenDataVersion) return;
    this.seenDataVersion = version;
    const caught = this.db.transaction(() => this.persistence.catchUp())();
    if (caught) this.applyPeer(caught);
  }

  /** Drops the document and every reference to decrypted data; the database stays with its owner (the vault). */
  close(): void {
    this.checker.close();
    this.model?.doc.destroy();
    this.model = null;
    this.listeners.clear();
    this.pending = [];
    this.derived.clearHanded();
    this.derived.forgetArrived();
    this.bodies.forgetArrived();
    this.medicationCache = null;
    this.lettersCache = null;
  }

  get isOpen(): boolean {
    return this.model !== null;
  }

  /**
   * The Yjs document, for sync to read state vectors and encode updates. Change it only through this
   * store (applyRemoteUpdate): the document object is replaced after a failed write.
   */
  get doc(): Y.Doc {
    return this.requireModel().doc;
  }

  /** Committed updates (local and remote), in order; returns an unsubscribe function. */
  onUpdate(listener: UpdateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ——— writes ———

  importResources(source: SourceInput, resources: readonly ImportResource[], options: ImportOptions = {}): ImportReport {
    return this.importBatches([{ source, resources, file: options.file ?? source.label }], options);
  }

  /**
   * Several inputs (e.g. files, each its own source) as one import: all of them or nothing.
   * Normalization problems of any input are reported together and nothing is written.
   */
  importBatches(batches: readonly ImportBatch[], options: Omit<ImportOptions, 'file'> & { early?: EarlyDigests } = {}): ImportReport {
    const model = this.requireModel();
    const problems: ImportProblem[] = [];
    const ready: Array<{ source: SourceInput; sourceId: string; prepared: PreparedResource[] }> = [];
    for (const batch of batches) {
      const prepared = prepareResources(batch.resources, this.fhir, batch.file ?? batch.source.label);
      if (prepared.ok) ready.push({ source: batch.source, sourceId: sourceIdOf(batch.source), prepared: prepared.prepared });
      else problems.push(...prepared.problems);
    }
    if (problems.length > 0) return { ok: false, problems };
    const now = new Date(options.now ?? this.now()).toISOString();
    const total: ImportCounts = { created: 0, updated: 0, unchanged: 0, byType: {} };
    const size = ready.reduce((sum, { prepared }) => sum + prepared.length, 0);
    // One SQL transaction; a large import in Yjs transactions of importChunk resources, each deriving its rows
    // when it ends, so only one chunk's parsed resources are in memory at a time (see DerivedTables.parsedBodies).
    const chunks = ready.flatMap(({ source, sourceId, prepared }) => {
      const parts = [];
      for (let start = 0; start === 0 || start < prepared.length; start += importChunk) {
        parts.push({ source, sourceId, first: start === 0, items: prepared.slice(start, start + importChunk) });
      }
      return parts;
    });
    // A large import's hashing and deflating runs on other cores, a chunk or two ahead of the writing;
    // the first chunks' may have begun while the input was read (early-digests.ts).
    const early = options.early?.handOver(chunks.map((chunk) => chunk.items)) ?? null;
    const pool = early?.pool ?? (size >= bulkResources ? DigestPool.open() : null);
    const tickets = chunks.map((_, k) => early?.tickets[k] ?? null);
    const begunEarly = early?.tickets.length ?? 0;
    // The worker also works out the rows of a chunk unless the writing had to wait for it last time:
    // then this thread does that chunk's itself, so neither side idles (on two cores they are close).
    let deriveAhead = this.workersDerive;
    const submit = (k: number) => {
      if (pool && chunks[k] && k >= begunEarly) tickets[k] = pool.submit(chunks[k].items, deriveAhead);
    };
    // Chunks out ahead of the writing: two, or as many as began early (the worker keeps its head start).
    const ahead = Math.max(2, begunEarly);
    for (let k = 0; k < ahead; k++) submit(k);
    try {
      this.write(() => {
        this.applier.beginImport();
        for (let k = 0; k < Math.max(1, chunks.length); k++) {
          const chunk = chunks[k];
          submit(k + ahead);
          const waited = pool?.waitedMs ?? 0;
          const digests = pool && chunk ? this.takeDigests(pool, tickets[k] ?? null) : undefined;
          deriveAhead = this.workersDerive && (pool?.waitedMs ?? 0) - waited < 1;
          tickets[k] = null;
          model.doc.transact(() => {
            if (k === 0) for (const [key, value] of Object.entries(options.personSettings ?? {})) model.personSettings.set(key, toJsonValue(key, value));
            if (!chunk) return;
            const { source, sourceId } = chunk;
            if (chunk.first && !model.sources.has(sourceId)) model.sources.set(sourceId, { id: sourceId, ...source, createdAt: now });
            const counts = this.applier.apply(model, this.bodies, sourceId, chunk.items, {
              now,
              dedupe: options.dedupe ?? true,
              parsed: this.derived.parsedBodies,
              ...(digests && { digests }),
              ...(this.workersDerive && { derivations: this.derived.derivations }),
            });
            total.created += counts.created;
            total.updated += counts.updated;
            total.unchanged += counts.unchanged;
            for (const [type, n] of Object.entries(counts.byType)) total.byType[type] = (total.byType[type] ?? 0) + n;
            // What follows in Yjs's own cleanup (encoding the update) is the document's work, but for the derived rows.
            enterStage('yjs');
          }, origins.local);
          this.derived.clearHanded();
        }
      }, size >= bulkResources ? { bulk: true, oneUpdate: { origin: origins.local } } : {});
    } finally {
      this.applier.endImport();
      pool?.close();
    }
    return { ok: true, ...total };
  }

  /** A sink for fhir's prepareImport that starts a large input's digests while it is read; pass it to importBatches, close it if the import does not get that far. */
  earlyDigests(): EarlyDigests {
    return new EarlyDigests(importChunk, bulkResources, this.workersDerive);
  }

  /** A chunk's digests from the pool; the time waited for them counts as the bodies' (stage clock). */
  private takeDigests(pool: DigestPool, ticket: Parameters<DigestPool['take']>[0]) {
    const back = enterStage('bodies');
    const digests = pool.take(ticket);
    enterStage(back);
    return digests;
  }

  /** Adds something the person entered (R4). Returns its record id. */
  addOwnResource(r4: FhirJson): string {
    const resource: FhirJson & { id: string } = { ...r4, id: typeof r4.id === 'string' ? r4.id : randomUUID() };
    const report = this.importResources(selfSource, [ownImportResource(resource)], { dedupe: false });
    if (!report.ok) throw new RegieError('invalid-request', undefined, 'resource cannot be stored');
    return recordIdOf(sourceIdOf(selfSource), String(resource.resourceType), resource.id);
  }

  /**
   * Replaces what an own entry says (same record, same id at its source) and keeps what it said before
   * as a revision (doc-model `revisions`), in one write, so the history never misses a correction.
   */
  correctOwnResource(recordId: string, r4: FhirJson, previous: Omit<RevisionEntry, 'recordId' | 'changedAt'>): void {
    const model = this.requireModel();
    const sourceId = sourceIdOf(selfSource);
    const link = model.provenance.get(linkKeyOf(recordId, sourceId));
    if (!presentRecord(model, recordId) || !link) throw notFound();
    const prepared = prepareResources([ownImportResource({ ...r4, id: link.sourceResourceId })], this.fhir, selfSource.label);
    if (!prepared.ok) throw new RegieError('invalid-request', undefined, 'resource cannot be stored');
    const now = this.now().toISOString();
    this.write(() =>
      model.doc.transact(() => {
        this.applier.apply(model, this.bodies, sourceId, prepared.prepared, { now, dedupe: false, parsed: this.derived.parsedBodies });
        model.revisions.set(`${recordId}:${randomBytes(9).toString('base64url')}`, { recordId, changedAt: now, ...previous });
      }, origins.local),
    );
  }

  /**
   * Hides a record from every list on every device, or (entry null) shows it again; see doc-model
   * `hidden`. Nothing is deleted: a new copy from its source stays hidden too.
   */
  setHidden(recordId: string, entry: HiddenEntry | null): void {
    const model = this.requireModel();
    if (!presentRecord(model, recordId)) throw notFound();
    if (entry === null && !isHidden(model, recordId)) return;
    this.write(() => model.doc.transact(() => model.hidden.set(recordId, entry), origins.local));
  }

  /**
   * Deletes a record on every device. Tombstones its id and the ids its sources would give it, so
   * neither a concurrent edit elsewhere nor importing the same data again brings it back.
   */
  deleteRecord(recordId: string): void {
    const model = this.requireModel();
    if (!presentRecord(model, recordId)) throw notFound();
    const now = this.now().toISOString();
    this.write(() =>
      model.doc.transact(() => {
        model.deleted.set(recordId, now);
        for (const key of [...model.provenance.keys()]) {
          const parsed = parseLinkKey(key);
          if (parsed?.recordId !== recordId) continue;
          const link = model.provenance.get(key);
          if (link) {
            const ownId = recordIdOf(parsed.sourceId, link.resourceType, link.sourceResourceId);
            if (!model.deleted.has(ownId)) model.deleted.set(ownId, now);
          }
          model.provenance.delete(key);
        }
        model.records.delete(recordId);
      }, origins.local),
    );
  }

  /** Remembers this visit, so the next overview counts what arrived after it. */
  markVisited(now: Date | number = this.now()): void {
    const model = this.requireModel();
    const at = new Date(now).toISOString();
    if ((this.lastVisit() ?? '') >= at) return;
    this.write(() => model.doc.transact(() => model.visits.set(this.deviceId, at), origins.local));
  }

  /**
   * Sets a setting that follows the person to every device (see person-settings.ts); null clears it.
   * `value` must be plain JSON; it replaces the previous value as a whole (last writer wins per key).
   */
  setPersonSetting(key: string, value: unknown): void {
    const model = this.requireModel();
    // Clearing stores null rather than deleting the key (see person-settings.ts).
    const json = value === null || value === undefined ? null : toJsonValue(key, value);
    if (json === null && !model.personSettings.has(key)) return;
    if (JSON.stringify(model.personSettings.get(key)) === JSON.stringify(json)) return;
    this.write(() => model.doc.transact(() => model.personSettings.set(key, json), origins.local));
  }

  /**
   * Moves a setting this device kept in its local settings table (before it followed the person)
   * into the document, once: the SQL row is deleted in the same transaction. A value already in the
   * document (set here or synced from another device) wins and the old row is just dropped, as is a
   * row that does not match `schema` (it was ignored before too).
   */
  adoptDeviceSetting<T>(key: string, schema: z.ZodType<T>, sqlKey: string = key): void {
    const model = this.requireModel();
    if (this.adopted.has(sqlKey)) return;
    const row = readDeviceSettingRow(this.db, sqlKey);
    if (row.present) {
      const value = parseSetting(schema, row.value);
      this.write(() => {
        deleteDeviceSettingRow(this.db, sqlKey);
        if (value !== null && !model.personSettings.has(key)) {
          const json = toJsonValue(key, value);
          model.doc.transact(() => model.personSettings.set(key, json), origins.local);
        }
      });
    }
    this.adopted.add(sqlKey);
  }

  /**
   * Adds an entry to the Verstuurd log (doc-model `sent`; the entry is plain JSON, shaped and read by
   * src-main/sharing/sent-log.ts). An entry is written once: a second write with the same id is ignored.
   */
  addSentEntry(id: string, entry: unknown): void {
    const model = this.requireModel();
    if (model.sent.has(id)) return;
    const json = toJsonValue(`sent ${id}`, entry);
    this.write(() => model.doc.transact(() => model.sent.set(id, json), origins.local));
  }

  /** Every entry of the Verstuurd log, unvalidated (see src-main/sharing/sent-log.ts). */
  sentEntries(): unknown[] {
    return [...this.requireModel().sent.values()];
  }

  /** Applies an update from another device; it takes the same path as a local change. */
  applyRemoteUpdate(update: Uint8Array): void {
    const bulk = update.length >= bulkUpdateKiB * 1024;
    // A device joining (its document still empty) logs the other device's large update as it came:
    // it holds nothing this document already had, so encoding it again would only make the same bytes.
    const joining = bulk && this.requireModel().doc.store.clients.size === 0;
    this.write(
      () => {
        enterStage('yjs'); // decoding and integrating it; its derived rows count as SQL (applyChanges)
        Y.applyUpdate(this.requireModel().doc, update, origins.remote);
      },
      {
        bulk,
        ...(joining && { oneUpdate: { origin: origins.remote, raw: update } }),
      },
    );
  }

  /** Hashes the document refers to whose bodies are not here yet (sync fetches them). */
  missingBodies(): string[] {
    const model = this.requireModel();
    const wanted = new Set<string>();
    for (const [id, entry] of model.records) if (!model.deleted.has(id)) wanted.add(entry.normalized);
    for (const [key, link] of model.provenance) {
      const parsed = parseLinkKey(key);
      if (parsed && !model.deleted.has(parsed.recordId)) wanted.add(link.original);
    }
    return [...wanted].filter((hash) => !this.bodies.has(hash));
  }

  readBodies(hashes: readonly string[]): Body[] {
    this.requireModel();
    return hashes.flatMap((hash) => {
      const data = this.bodies.get(hash);
      return data ? [{ hash, data }] : [];
    });
  }

  /** Stores bodies received from another device (each checked against its hash) and updates their records. */
  putBodies(bodies: readonly Body[]): void {
    this.requireModel();
    this.write(() => {
      for (const body of bodies) this.bodies.put(body);
      this.derived.bodiesArrived(bodies.map((body) => body.hash));
    });
  }

  /** Bodies as stored (deflated), for sync to ship without inflating and deflating them again. */
  readStoredBodies(hashes: readonly string[]): StoredBody[] {
    this.requireModel();
    return hashes.flatMap((hash) => this.bodies.getStored(hash) ?? []);
  }

  /**
   * The same, a few hundred at a time (each batch one query, so the caller may await in between).
   * When a large share of all bodies is asked for (a first push), the table is walked in the order
   * it is stored (looking up each of 100,000 random hashes reads and decrypts a random page of the
   * body table per body; walking reads each page once) and they come in hash order per window of
   * hashOrderWindowBytes: packs in key order let the receiver add each pack's keys after the last
   * pack's, where keys spread over the whole hash index made each pack's commit write most of the
   * index again (a join of 100,000 wrote about 1.0 GB; in windows of 64 MiB about 0.7 GB).
   */
  *storedBodiesInBatches(hashes: readonly string[]): Generator<StoredBody> {
    this.requireModel();
    if (hashes.length >= scanBodiesFrom && hashes.length * 4 >= this.bodies.count()) {
      const wanted = new Set(hashes);
      let window: StoredBody[] = [];
      let windowBytes = 0;
      for (let after = 0; ; ) {
        const rows = this.bodies.storedAfter(after, 2_000);
        after = rows.at(-1)?.rowid ?? after;
        for (const { rowid: _rowid, ...body } of rows) {
          if (!wanted.has(body.hash)) continue;
          window.push(body);
          windowBytes += body.data.length;
        }
        if (rows.length > 0 && windowBytes < hashOrderWindowBytes) continue;
        yield* window.sort((x, y) => (x.hash < y.hash ? -1 : x.hash > y.hash ? 1 : 0));
        if (rows.length === 0) return;
        window = [];
        windowBytes = 0;
      }
    }
    for (let i = 0; i < hashes.length; i += 500) yield* this.readStoredBodies(hashes.slice(i, i + 500));
  }

  /**
   * Stores bodies another device shipped as it stored them (each inflated once and checked against
   * its hash; all or nothing) and updates their records. In key order: random sha256 keys would each
   * touch another page of the body table. `derivedSoon`: bodies records will be derived from in the
   * next write (the update that follows): what they say for their rows is worked out beside the check.
   */
  putStoredBodies(bodies: readonly StoredBody[], derivedSoon: ReadonlySet<string> = new Set()): void {
    this.putShippedBodies(this.checkStoredBodies(bodies, derivedSoon));
  }

  /**
   * Starts the check putShippedBodies finishes, on worker threads for many bodies, so a pull can read
   * its next pack while the workers check this one. Finish (or drop) checks in the order they started.
   */
  checkStoredBodies(bodies: readonly StoredBody[], derivedSoon: ReadonlySet<string> = new Set()): ShippedBodies {
    this.requireModel();
    const sorted = [...bodies].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
    // The workers also work out what the records' own bodies say for their rows; where this thread
    // will (other FHIR functions), they send those bodies back inflated.
    const soon = sorted.flatMap((body, i) => (derivedSoon.has(body.hash) ? [i] : []));
    const pending = sorted.length >= verifyInWorkersFrom ? this.checker.start(sorted, this.workersDerive ? soon : [], this.workersDerive ? [] : soon) : null;
    return { sorted, derivedSoon, pending };
  }

  /**
   * Stores bodies whose check checkStoredBodies started; throws, writing nothing, when one does not
   * match its hash. `alsoWrite` runs inside the same SQL transaction (sync records the bodies as in
   * the folder): one commit, and neither without the other.
   */
  putShippedBodies({ sorted, derivedSoon, pending }: ShippedBodies, alsoWrite?: () => void): void {
    this.requireModel();
    // Waiting for the checking workers and storing the bodies count as the bodies' (stage clock).
    const back = enterStage('bodies');
    const verified = pending ? this.checker.finish(pending) : null;
    enterStage(back);
    const derivations = new Map<string, string>();
    if (verified?.ok) verified.derivations.forEach((derivation, i) => derivation && derivations.set(sorted[i]!.hash, derivation));
    this.write(() => {
      enterStage('bodies');
      sorted.forEach((body, i) => {
        // Kept inflated only where no derivation saves the next write from parsing it.
        const keep = derivedSoon.has(body.hash) && !derivations.has(body.hash);
        if (verified?.ok) this.bodies.putChecked(body, verified.inflated[i] ?? null, keep);
        else this.bodies.putStored(body, keep);
      });
      enterStage('sql');
      this.derived.keepArrived(derivations);
      this.derived.bodiesArrived(sorted.map((body) => body.hash));
      alsoWrite?.();
    }, { bulk: sorted.length >= bulkResources });
  }

  /** A started check whose bodies will not be stored (the pull stopped before them). */
  dropShippedBodies(shipped: ShippedBodies): void {
    if (shipped.pending) this.checker.drop(shipped.pending);
  }

  /** Recomputes every derived table from the document and bodies. */
  rebuildDerived(): void {
    this.requireModel();
    this.write(() => this.derived.rebuild(), { bulk: true });
  }

  /** Writes a snapshot now and empties the update log. */
  compact(): void {
    const model = this.requireModel();
    this.write(() => this.persistence.compact(model.doc));
  }

  // ——— reads ———

  list(query: ListQuery = {}, now: Date | number = this.now()): { total: number; items: RecordSummary[]; upcoming: number } {
    this.requireModel();
    return listRecords(this.db, { ...query, exclude: [...this.letters().parts] }, this.lastVisit(), new Date(now));
  }

  /** `language`: of the presented fields' words. */
  get(recordId: string, language: Language = 'nl'): RecordDetail {
    const model = this.requireModel();
    const detail = recordDetail(this.db, this.bodies, recordId, this.lastVisit(), language, this.letters());
    const hidden = model.hidden.get(recordId);
    return hidden ? { ...detail, hidden } : detail;
  }

  /** "Verborgen gegevens": the records the person hid, most recently hidden first. */
  hiddenRecords(): HiddenRecord[] {
    return hiddenRecordsOf(this.db, this.requireModel(), this.lastVisit());
  }

  /**
   * The normalized body of a present record that only the person entered (source "Zelf ingevoerd"),
   * or null for anything received; throws record-not-found when there is no such record.
   */
  ownResource(recordId: string): FhirJson | null {
    const model = this.requireModel();
    const entry = presentRecord(model, recordId);
    if (!entry) throw notFound();
    const sources = this.db.prepare('SELECT source_id FROM record_source WHERE record_id = ?').pluck().all(recordId) as string[];
    if (sources.length === 0 || sources.some((id) => id !== sourceIdOf(selfSource))) return null;
    const text = this.bodies.text(entry.normalized);
    return text === null ? null : (JSON.parse(text) as FhirJson);
  }

  /** What an own entry said before each correction, most recent first. */
  revisionsOf(recordId: string): RevisionEntry[] {
    const found: RevisionEntry[] = [];
    for (const [key, revision] of this.requireModel().revisions) if (parseLinkKey(key)?.recordId === recordId) found.push(revision);
    return found.sort((a, b) => b.changedAt.localeCompare(a.changedAt));
  }

  /** Metingen: the measurements of a period, per kind (see measurement-list.ts). */
  measurements(query: MeasurementQuery = {}): MeasurementList {
    return listMeasurements(this.db, query, this.correctedIds());
  }

  /** One measurement as Metingen shows it; null when the record is not a (visible) measurement. */
  measurement(recordId: string): MeasurementPoint | null {
    return measurementOf(this.db, recordId, this.correctedIds());
  }

  /** Ids of the records that have a correction history. */
  private correctedIds(): Set<string> {
    const ids = new Set<string>();
    for (const revision of this.requireModel().revisions.values()) ids.add(revision.recordId);
    return ids;
  }

  search(query: string | SearchQuery): SearchResult {
    this.requireModel();
    const search = typeof query === 'string' ? { query } : query;
    return searchRecords(this.db, { ...search, exclude: [...this.letters().parts] }, this.lastVisit());
  }

  /** The parts of letters (a letter's file, manifest, structured twin): lists show the letter only. */
  letters(): LetterParts {
    this.requireModel();
    const cached = this.lettersCache;
    if (cached && cached.version === this.dataVersion) return cached.value;
    const value = letterPartsOf(this.db, this.bodies);
    this.lettersCache = { version: this.dataVersion, value };
    return value;
  }

  overview(now: Date | number = this.now()): Overview {
    this.requireModel();
    return overviewOf(this.db, new Date(now), this.lastVisit(), this.medication(now));
  }

  medication(now: Date | number = this.now()): MedicationOverview {
    this.requireModel();
    const at = new Date(now);
    const day = wallClock(at).slice(0, 10);
    const cached = this.medicationCache;
    if (cached && cached.version === this.dataVersion && cached.day === day) return cached.value;
    const value = medicationOverview(this.db, at);
    this.medicationCache = { version: this.dataVersion, day, value };
    return value;
  }

  sectionCounts(): Record<BgzSection, number> {
    this.requireModel();
    return sectionCounts(this.db, [...this.letters().parts]);
  }

  sources(): SourceWithCounts[] {
    this.requireModel();
    return sourcesWithCounts(this.db);
  }

  source(id: string): RecordSource | null {
    const entry = this.requireModel().sources.get(id);
    if (!entry) return null;
    const { createdAt: _createdAt, ...source } = entry;
    return source;
  }

  attachment(recordId: string, index: number): Attachment {
    this.requireModel();
    return attachmentOf(this.db, this.bodies, recordId, index);
  }

  /** A setting that follows the person (see person-settings.ts); null when unset or not matching `schema`. */
  getPersonSetting<T>(key: string, schema: z.ZodType<T>): T | null {
    return parseSetting(schema, this.requireModel().personSettings.get(key));
  }

  /** The latest visit on any of the person's devices. */
  lastVisit(): string | null {
    let latest: string | null = null;
    for (const at of this.requireModel().visits.values()) if (latest === null || at > latest) latest = at;
    return latest;
  }

  // ——— internals ———

  private requireModel(): RecordDoc {
    if (!this.model) throw new RegieError('profile-locked');
    return this.model;
  }

  /**
   * `bulk`: a large write (big import, large sync update, rebuild), worth a larger page cache.
   * `oneUpdate`: the write's changes are logged as one update (see asOneUpdate).
   */
  private write<T>(work: () => T, { bulk = false, oneUpdate }: { bulk?: boolean; oneUpdate?: OneUpdate } = {}): T {
    this.requireModel();
    let result: T;
    const restoreCache = bulk ? this.enlargeCache() : null;
    this.writing = true;
    const stage = enterStage('sql');
    try {
      // IMMEDIATE: the write lock is taken first, so no other process logs between catching up and writing.
      result = this.db.transaction(() => {
        const caught = this.persistence.catchUp();
        if (caught) this.applyPeer(caught);
        // A bulk write into an empty profile builds the lists' indexes once at its end (derived-tables.ts).
        const buildIndexes = bulk ? this.derived.deferIndexes() : null;
        const value = oneUpdate ? this.asOneUpdate(oneUpdate, work) : work();
        if (buildIndexes) {
          // SQL work (the stage clock had counted it as the document's, the stage the work ended in).
          enterStage('sql');
          buildIndexes();
        }
        enterStage('yjs');
        // The document's updates are logged here, once the write's derived rows are in (see DocPersistence.persist).
        this.persistence.persist(this.requireModel().doc, this.pending);
        enterStage('commit');
        return value;
      }).immediate();
    } catch (error) {
      this.pending = [];
      this.bodies.forgetArrived();
      this.derived.forgetArrived();
      this.derived.forgetDeferred();
      this.reload();
      throw error;
    } finally {
      enterStage(stage);
      this.writing = false;
      this.dataVersion++;
      this.derived.clearHanded();
      restoreCache?.();
      // What the write put in the WAL goes into the database file on a worker, not in this thread.
      checkpointWhenDue(this.db);
    }
    const committed = this.pending;
    this.pending = [];
    for (const { update, origin } of committed) {
      for (const listener of [...this.listeners]) {
        try {
          listener(update, origin);
        } catch {
          // A failing listener (sync) must not turn a committed write into an error.
        }
      }
    }
    return result;
  }

  /**
   * Runs a write's work with its document changes logged as one update instead of one per Yjs
   * transaction: a large import is a hundred transactions, and Yjs encodes each one's update only
   * while someone listens for it. The one update is what the document gained since before the work
   * (or, given, the update that brought it all); into an empty profile it is the whole document, which
   * DocPersistence.persist then stores as the snapshot without encoding the document again.
   */
  private asOneUpdate<T>(how: OneUpdate, work: () => T): T {
    const doc = this.requireModel().doc;
    const before = how.raw ? undefined : Y.encodeStateVector(doc);
    let changed = false;
    const noteChange = (transaction: Y.Transaction) => {
      if (transaction.origin !== origins.peer && changedDocument(transaction)) changed = true;
    };
    doc.off('update', this.logUpdate);
    doc.on('afterTransaction', noteChange);
    let value: T;
    try {
      value = work();
    } finally {
      doc.off('afterTransaction', noteChange);
      doc.on('update', this.logUpdate);
    }
    // A received update whose parts wait for others (pending in Yjs) is logged too: loading the log brings them back.
    const waiting = how.raw !== undefined && (doc.store.pendingStructs !== null || doc.store.pendingDs !== null);
    if (changed || waiting) this.pending.push({ update: how.raw ?? Y.encodeStateAsUpdate(doc, before), origin: how.origin });
    return value;
  }

  /**
   * Raises the page cache for one large write, so index and FTS pages of a big import stay in memory
   * instead of being spilled (encrypted) to the WAL and read back; returns the undo. Durability is
   * untouched: journal mode and synchronous stay as they are, the commit is as safe as any other.
   */
  private enlargeCache(): () => void {
    const previous = this.db.pragma('cache_size', { simple: true }) as number;
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const current = previous < 0 ? -previous : (previous * pageSize) / 1024;
    if (current >= bulkCacheKiB) return () => {};
    this.db.pragma(`cache_size = -${bulkCacheKiB}`);
    return () => this.db.pragma(`cache_size = ${Math.trunc(previous)}`);
  }

  /**
   * Applies another process's logged updates. They are logged and their derived rows written already
   * (by that process, from a document that held everything this one had): the hooks skip them.
   */
  private applyPeer(caught: CatchUp): void {
    const doc = this.requireModel().doc;
    doc.transact(() => {
      if (caught.snapshot) Y.applyUpdate(doc, caught.snapshot);
      for (const update of caught.updates) Y.applyUpdate(doc, update);
    }, origins.peer);
    this.dataVersion++;
  }

  private sqliteDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /** After a rolled-back write: the document as the database has it. */
  private reload(): void {
    this.model?.doc.destroy();
    this.model = null;
    this.persistence.resync();
    this.model = this.loadModel();
  }

  private loadModel(): RecordDoc {
    const doc = this.persistence.load();
    const model = recordDocOf(doc);
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin === origins.peer) return;
      const keysOf = <T>(type: Y.Map<T>): string[] =>
        [...(transaction.changed.get(type as unknown as Y.AbstractType<Y.YEvent<Y.Map<unknown>>>) ?? [])].filter(
          (key): key is string => key !== null,
        );
      this.derived.applyChanges({
        records: keysOf(model.records),
        provenance: keysOf(model.provenance),
        sources: keysOf(model.sources),
        deleted: keysOf(model.deleted),
        hidden: keysOf(model.hidden),
      });
    });
    doc.on('update', this.logUpdate);
    return model;
  }

  /** The document's update handler: what a write changed is logged at its end (see write). */
  private readonly logUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === origins.peer) return; // already in the log
    const name = typeof origin === 'string' ? origin : origins.local;
    // Inside write() the update is stored when the write ends, in its transaction; writes always go through write().
    if (this.writing) this.pending.push({ update, origin: name });
    else this.persistence.append(update, name);
  };

  private newDeviceId(): string {
    const id = randomBytes(12).toString('base64url');
    writeMeta(this.db, metaKeys.deviceId, id);
    return id;
  }
}

/** How a write's changes are logged as one update (RecordStore.asOneUpdate). */
interface OneUpdate {
  origin: string;
  /** The update that makes all of the write's changes, as received: logged instead of encoding them. */
  raw?: Uint8Array;
}

/** Whether a Yjs transaction added or deleted anything (only then does Yjs emit an update for it). */
function changedDocument(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true;
  return false;
}

/** Something the person entered, as the import step takes it. */
function ownImportResource(resource: FhirJson & { id: string }): ImportResource {
  return {
    resourceType: String(resource.resourceType),
    id: resource.id,
    fhirVersion: 'R4',
    format: 'json',
    originalText: JSON.stringify(resource),
    json: resource,
    entryPath: String(resource.resourceType),
  };
}
