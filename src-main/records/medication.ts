/**
 * Medicatie: the medication records grouped per medicine. Reads only the four medication types
 * (record_by_type_date index) and their bodies, plus the Medication resources they reference,
 * resolved within each record's own sources through record_ref; other records are never touched.
 *
 * Records are the same medicine when they share a product code (G-Standaard and other non-ATC
 * codes: ATC groups strengths together) or the same name; a record without either stands alone.
 */
import type { MedicationOverview, Medicine } from '../../src-preload/contract/records';
import { isObject, type FhirJson } from '../fhir/types';
import type { Database } from '../vault/database';
import type { BodyStore } from './bodies';
import { type MedicationFacts, medicationFactsOf } from './medication-facts';
import { type MedicationEntry, summarizeMedicine } from './medication-summary';
import { wallClock } from './overview';
import { lookupFormsOf } from './references';
import { provenanceOf } from './summaries';

const atcSystem = 'http://www.whocc.no/atc';
const unknownName = 'Onbekend geneesmiddel';

interface MedicationRow {
  id: string;
  resource_type: string;
  date: string | null;
  status: string | null;
  normalized_hash: string;
}

/**
 * `factsCache` (per open store, keyed by content hash, so never stale) spares re-reading every body
 * on the next load: reading and inflating thousands of bodies is what costs time. Entries of records
 * that are gone are dropped here.
 */
export function medicationOverview(db: Database, bodies: BodyStore, now: Date, factsCache = new Map<string, MedicationFacts>()): MedicationOverview {
  const rows = db
    .prepare(
      `SELECT r.id, r.resource_type, r.date, r.status, r.normalized_hash FROM record r
       WHERE r.resource_type IN ('MedicationStatement', 'MedicationRequest', 'MedicationDispense', 'MedicationAdministration')`,
    )
    .all() as MedicationRow[];
  pruneCache(factsCache, rows);
  if (rows.length === 0) return { current: [], earlier: [] };
  const provenance = provenanceOf(db, rows.map((row) => row.id));
  const resolver = new ReferenceResolver(db, bodies);
  const products: Array<{ entry: MedicationEntry; keys: string[]; name: string | null }> = [];
  for (const row of rows) {
    const facts = factsOf(row.normalized_hash, bodies, factsCache);
    if (!facts) continue; // body still on its way from another device
    const recordProvenance = provenance.get(row.id) ?? [];
    const sourceIds = recordProvenance.map((p) => p.source.id);
    const concept = facts.concept ?? resolver.medicationCode(facts.reference, sourceIds);
    const entry: MedicationEntry = {
      id: row.id,
      resourceType: row.resource_type,
      status: row.status,
      date: row.date,
      facts,
      provenance: recordProvenance,
      by: resolver.name(facts.by, sourceIds),
      prescriber: resolver.name(facts.prescriber, sourceIds),
    };
    const name = conceptName(concept) ?? referenceDisplay(facts.reference);
    products.push({ entry, name, keys: identityKeys(concept, name, row.id) });
  }

  const today = wallClock(now).slice(0, 10);
  const medicines = groupsOf(products).map((group) => {
    const entries = group.map((p) => p.entry);
    // The name as the newest record writes it.
    const named = [...group].sort((a, b) => compare(b.entry.date ?? '', a.entry.date ?? '')).find((p) => p.name);
    const key = group.flatMap((p) => p.keys).sort()[0]!;
    return summarizeMedicine(key, named?.name ?? unknownName, entries, today);
  });
  const byName = (a: Medicine, b: Medicine) => a.name.localeCompare(b.name, 'nl', { sensitivity: 'base' });
  const lastDate = (m: Medicine) => (m.end ?? m.records[0]?.date ?? '').slice(0, 19);
  return {
    current: medicines.filter((m) => m.phase !== 'ended').sort(byName),
    earlier: medicines.filter((m) => m.phase === 'ended').sort((a, b) => compare(lastDate(b), lastDate(a)) || byName(a, b)),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function factsOf(hash: string, bodies: BodyStore, cache: Map<string, MedicationFacts>): MedicationFacts | null {
  const cached = cache.get(hash);
  if (cached) return cached;
  const text = bodies.text(hash);
  if (text === null) return null;
  const facts = medicationFactsOf(JSON.parse(text) as FhirJson);
  cache.set(hash, facts);
  return facts;
}

function pruneCache(cache: Map<string, MedicationFacts>, rows: readonly MedicationRow[]): void {
  if (cache.size <= rows.length) return;
  const present = new Set(rows.map((row) => row.normalized_hash));
  for (const hash of cache.keys()) if (!present.has(hash)) cache.delete(hash);
}

/** Union of records that share any identity key. */
function groupsOf<T extends { keys: string[] }>(items: readonly T[]): T[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const owner = new Map<string, number>();
  items.forEach((item, i) => {
    for (const key of item.keys) {
      const other = owner.get(key);
      if (other === undefined) owner.set(key, i);
      else parent[find(i)] = find(other);
    }
  });
  const groups = new Map<number, T[]>();
  items.forEach((item, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(item);
    else groups.set(root, [item]);
  });
  return [...groups.values()];
}

function identityKeys(concept: FhirJson | null, name: string | null, recordId: string): string[] {
  const codings = (concept && Array.isArray(concept.coding) ? concept.coding : []).filter(
    (c): c is FhirJson => isObject(c) && typeof c.code === 'string' && c.code !== '',
  );
  const product = codings.filter((c) => c.system !== atcSystem);
  const keys = product.map((c) => `code:${String(c.system ?? '')}|${String(c.code)}`);
  if (name) keys.push(`name:${normalized(name)}`);
  if (keys.length === 0) keys.push(...codings.map((c) => `code:${atcSystem}|${String(c.code)}`));
  return keys.length > 0 ? keys : [`record:${recordId}`];
}

function normalized(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The concept's text, else a product coding's display, else the ATC display. */
function conceptName(concept: FhirJson | null): string | null {
  if (!concept) return null;
  if (typeof concept.text === 'string' && concept.text.trim()) return concept.text.trim();
  const codings = (Array.isArray(concept.coding) ? concept.coding : []).filter(isObject);
  const display = (c: FhirJson | undefined) => (c && typeof c.display === 'string' && c.display.trim() ? c.display.trim() : null);
  return display(codings.find((c) => c.system !== atcSystem && display(c))) ?? display(codings.find((c) => display(c)));
}

function referenceDisplay(reference: FhirJson | null): string | null {
  return reference && typeof reference.display === 'string' && reference.display.trim() ? reference.display.trim() : null;
}

/** Resolves references within the sources a record came from (ids are per server); cached per answer. */
class ReferenceResolver {
  private readonly lookup;
  private readonly found = new Map<string, { type: string; title: string; hash: string } | null>();
  private readonly parsed = new Map<string, FhirJson | null>();

  constructor(
    db: Database,
    private readonly bodies: BodyStore,
  ) {
    this.lookup = db.prepare(
      `SELECT r.resource_type AS type, r.title, r.normalized_hash AS hash FROM record_ref ref JOIN record r ON r.id = ref.record_id
       WHERE ref.source_id = ? AND ref.reference IN (SELECT value FROM json_each(?)) LIMIT 1`,
    );
  }

  /** The code of the referenced Medication, or its display as the only text. */
  medicationCode(reference: FhirJson | null, sourceIds: string[]): FhirJson | null {
    const target = this.resolve(reference, sourceIds);
    const code = target?.type === 'Medication' ? this.body(target.hash)?.code : null;
    if (isObject(code)) return code;
    const display = referenceDisplay(reference);
    return display ? { text: display } : null;
  }

  /**
   * A person's or organization's name: the reference's display, else the referenced record's title;
   * for a PractitionerRole "who, where" as its own references name them.
   */
  name(reference: FhirJson | null, sourceIds: string[]): string | null {
    const display = referenceDisplay(reference);
    if (display) return display;
    const target = this.resolve(reference, sourceIds);
    if (!target) return null;
    if (target.type === 'PractitionerRole') {
      const role = this.body(target.hash);
      const parts = [role?.practitioner, role?.organization].map((r) => (isObject(r) ? referenceDisplay(r) : null)).filter(Boolean);
      return parts.length > 0 ? parts.join(', ') : null;
    }
    return ['Practitioner', 'Organization', 'RelatedPerson', 'Patient'].includes(target.type) ? target.title : null;
  }

  private body(hash: string): FhirJson | null {
    if (!this.parsed.has(hash)) {
      const text = this.bodies.text(hash);
      this.parsed.set(hash, text === null ? null : (JSON.parse(text) as FhirJson));
    }
    return this.parsed.get(hash) ?? null;
  }

  private resolve(reference: FhirJson | null, sourceIds: string[]): { type: string; title: string; hash: string } | null {
    if (!reference || typeof reference.reference !== 'string' || reference.reference.startsWith('#')) return null;
    const forms = JSON.stringify(lookupFormsOf(reference.reference));
    for (const sourceId of sourceIds) {
      const cacheKey = `${sourceId}\n${forms}`;
      if (!this.found.has(cacheKey)) {
        this.found.set(cacheKey, (this.lookup.get(sourceId, forms) as { type: string; title: string; hash: string } | undefined) ?? null);
      }
      const hit = this.found.get(cacheKey);
      if (hit) return hit;
    }
    return null;
  }
}
