/**
 * Medicatie: the medication records grouped per medicine. Reads only the facts derived when each
 * record was written (record_medication, see medication-facts.ts: with the record's date, status and
 * links), never bodies nor the large record and record_source tables, whose pages would all have to
 * be decrypted to find one record in ten. References (the Medication naming the product, the
 * prescriber, pharmacy…) are resolved within each record's own sources through record_ref, in one
 * query, to the facts of the record they point to, so a Medication that arrives or changes after the
 * records referring to it is simply found on the next read.
 *
 * Records are the same medicine when they share a product code (G-Standaard and other non-ATC
 * codes: ATC groups strengths together) or the same name; a record without either stands alone.
 */
import type { MedicationOverview, MedicationRecordKind, Medicine, RecordProvenance, RecordSource } from '../../src-preload/contract/records';
import type { Database } from '../vault/database';
import { type MedicationFacts, medicationRecordTypes, type PartyFacts, type ProductFacts } from './medication-facts';
import { type MedicationEntry, summarizeMedicine } from './medication-summary';
import { wallClock } from './overview';
import { ReferenceResolver } from './reference-resolver';
import { sourceOf } from './summaries';

const unknownName = 'Onbekend geneesmiddel';
const noProduct: ProductFacts = { name: null, codes: [], atc: [] };

/**
 * The medication records with their derived facts (a record whose body has not arrived yet has
 * none), in the order of record_by_type_date (which decides ties in naming and listing medicines),
 * from the same index on record_medication: oldest first per type, which also spares sorting them.
 */
export const medicationRowsSql = `
  SELECT m.record_id AS id, m.resource_type, m.date, m.status, m.sources, m.kind, m.name, m.codes, m.atc, m.reference,
    m.reference_display, m.period_start, m.period_end, m.instructions, m.amount, m.days_supply,
    m.by_display, m.by_reference, m.prescriber_display, m.prescriber_reference
  FROM record_medication m
  WHERE m.resource_type IN (${medicationRecordTypes.map((type) => `'${type}'`).join(', ')})
  ORDER BY m.resource_type, m.sort_date, m.record_id`;

interface MedicationRow {
  id: string;
  sources: string;
  resource_type: string;
  date: string | null;
  status: string | null;
  kind: string;
  name: string | null;
  codes: string | null;
  atc: string | null;
  reference: string | null;
  reference_display: string | null;
  period_start: string | null;
  period_end: string | null;
  instructions: string | null;
  amount: string | null;
  days_supply: number | null;
  by_display: string | null;
  by_reference: string | null;
  prescriber_display: string | null;
  prescriber_reference: string | null;
}

export function medicationOverview(db: Database, now: Date): MedicationOverview {
  const rows = db.prepare(medicationRowsSql).all() as MedicationRow[];
  if (rows.length === 0) return { current: [], earlier: [] };
  const provenance = new Provenance(db);
  const resolver = new MedicationNames(db);
  const identity = new Identity();
  const records = rows.map((row) => {
    const recordProvenance = provenance.of(row.sources);
    const sourceIds = recordProvenance.map((p) => p.source.id);
    const references = [row.reference, row.by_display === null ? row.by_reference : null, row.prescriber_display === null ? row.prescriber_reference : null];
    for (const reference of references) if (reference !== null) resolver.want(reference, sourceIds);
    return { row, recordProvenance, sourceIds };
  });
  resolver.fetch();

  const products: Product[] = [];
  for (const { row, recordProvenance, sourceIds } of records) {
    const facts = factsOf(row, identity);
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
    // A referenced product: the Medication's code, else the reference's display names it.
    const product = facts.product ?? (facts.reference || facts.referenceDisplay ? resolver.product(facts.reference, sourceIds) : noProduct);
    const name = product.name ?? facts.referenceDisplay;
    products.push({ entry, name, keys: identity.keys(product, name, row.id) });
  }

  const today = wallClock(now).slice(0, 10);
  const medicines = groupsOf(products).map((group) => {
    const entries = group.map((p) => p.entry);
    // The name as the newest record writes it (the same date: the first in index order).
    let named: Product | undefined;
    for (const p of group) if (p.name && (!named || (p.entry.date ?? '') > (named.entry.date ?? ''))) named = p;
    // The smallest key names the medicine.
    let key = group[0]!.keys[0]!;
    for (const p of group) for (const k of p.keys) if (k < key) key = k;
    return summarizeMedicine(key, named?.name ?? unknownName, entries, today);
  });
  const byName = (a: Medicine, b: Medicine) => a.name.localeCompare(b.name, 'nl', { sensitivity: 'base' });
  const lastDate = (m: Medicine) => (m.end ?? m.records[0]?.date ?? '').slice(0, 19);
  return {
    current: medicines.filter((m) => m.phase !== 'ended').sort(byName),
    earlier: medicines.filter((m) => m.phase === 'ended').sort((a, b) => compare(lastDate(b), lastDate(a)) || byName(a, b)),
  };
}

/** A record's links (record_medication.sources) as provenanceOf (summaries.ts) gives them. */
class Provenance {
  private readonly sources = new Map<string, RecordSource>();
  private readonly parsed = new Map<string, RecordProvenance[]>();

  constructor(db: Database) {
    const rows = db.prepare('SELECT id AS source_id, kind, label, provider, service FROM source').all() as Array<Parameters<typeof sourceOf>[0]>;
    for (const row of rows) this.sources.set(row.source_id, sourceOf(row));
  }

  of(json: string): RecordProvenance[] {
    // Records received together share their links' text: parse each once.
    let list = this.parsed.get(json);
    if (!list) {
      const links = JSON.parse(json) as Array<[string, string, RecordProvenance['fhirVersion'], RecordProvenance['format']]>;
      list = links.map(([sourceId, receivedAt, fhirVersion, format]) => ({
        // A source entry may still be on its way from another device.
        source: this.sources.get(sourceId) ?? sourceOf({ source_id: sourceId, kind: null, label: null, provider: null, service: null }),
        receivedAt,
        fhirVersion,
        format,
      }));
      this.parsed.set(json, list);
    }
    return list;
  }
}

interface Product {
  entry: MedicationEntry;
  keys: string[];
  name: string | null;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function factsOf(row: MedicationRow, identity: Identity): MedicationFacts {
  const reference = row.reference;
  const referenceDisplay = row.reference_display;
  const party = (display: string | null, ref: string | null): PartyFacts | null => (display === null && ref === null ? null : { display, reference: ref });
  return {
    kind: row.kind as MedicationRecordKind,
    // Only a record naming its product by reference has these; the others carry their own product.
    product: reference === null && referenceDisplay === null ? productOf(row, identity) : null,
    reference,
    referenceDisplay,
    period: { start: row.period_start, end: row.period_end },
    instructions: row.instructions,
    amount: row.amount,
    daysSupply: row.days_supply,
    by: party(row.by_display, row.by_reference),
    prescriber: party(row.prescriber_display, row.prescriber_reference),
  };
}

function productOf(row: { name: string | null; codes: string | null; atc: string | null }, lists?: Identity): ProductFacts {
  const list = (json: string | null) => (json === null ? [] : lists ? lists.list(json) : (JSON.parse(json) as string[]));
  return { name: row.name, codes: list(row.codes), atc: list(row.atc) };
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

/**
 * What makes records the same medicine: product codes and the name; ATC codes only when there is
 * neither (ATC groups strengths together). Many records share their codes and name: each is worked
 * out once (the lists returned are shared, never changed).
 */
class Identity {
  private readonly lists = new Map<string, string[]>();
  private readonly names = new Map<string, string>();

  keys(product: ProductFacts, name: string | null, recordId: string): string[] {
    const keys = [...product.codes];
    if (name) keys.push(this.nameKey(name));
    if (keys.length === 0) keys.push(...product.atc);
    return keys.length > 0 ? keys : [`record:${recordId}`];
  }

  list(json: string): string[] {
    let list = this.lists.get(json);
    if (!list) this.lists.set(json, (list = JSON.parse(json) as string[]));
    return list;
  }

  private nameKey(name: string): string {
    let key = this.names.get(name);
    if (key === undefined) {
      key = `name:${name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim()}`;
      this.names.set(name, key);
    }
    return key;
  }
}

/** Names and products for Medicatie, through the shared resolver (reference-resolver.ts). */
class MedicationNames {
  private readonly products = new Map<string, ProductFacts>();
  private readonly resolver: ReferenceResolver;

  constructor(db: Database) {
    this.resolver = new ReferenceResolver(db);
  }

  want(reference: string, sourceIds: readonly string[]): void {
    this.resolver.want(reference, sourceIds);
  }

  fetch(): void {
    this.resolver.fetch();
  }

  /** The referenced Medication's product (its code); nothing when it is not (yet) here. */
  product(reference: string | null, sourceIds: readonly string[]): ProductFacts {
    const target = this.resolver.resolve(reference, sourceIds);
    if (target?.resourceType !== 'Medication' || target.kind !== 'medication') return noProduct;
    const key = target.recordId;
    let product = this.products.get(key);
    if (!product) this.products.set(key, (product = productOf(target)));
    return product;
  }

  /**
   * A person's or organization's name: the reference's display, else the referenced record's title;
   * for a PractitionerRole "who, where" as its own references name them.
   */
  name(party: PartyFacts | null, sourceIds: readonly string[]): string | null {
    if (!party) return null;
    if (party.display) return party.display;
    const target = this.resolver.resolve(party.reference, sourceIds);
    if (!target) return null;
    // A PractitionerRole: "who, where"; a Practitioner, Organization, RelatedPerson or Patient: its title.
    return target.kind === 'role' || target.kind === 'party' ? target.name : null;
  }
}
