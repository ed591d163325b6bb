/**
 * One medicine from the records about it: is it current, since and until when, the latest
 * instructions, who prescribed and dispensed it, and its history newest first.
 *
 * Current: any agreement, dosing schedule, administration agreement or use record that is not ended,
 * by status (completed, stopped …) or by a period that ended before today. A medicine known only
 * from dispenses is current while the last dispense's supply lasts.
 */
import type { MedicationHistoryItem, MedicationRecordKind, Medicine, RecordProvenance, RecordSource } from '../../src-preload/contract/records';
import type { MedicationFacts } from './medication-facts';

export interface MedicationEntry {
  id: string;
  resourceType: string;
  status: string | null;
  /** The record's index date (derived table). */
  date: string | null;
  facts: MedicationFacts;
  provenance: RecordProvenance[];
  /** References of the facts, resolved to names. */
  by: string | null;
  prescriber: string | null;
}

type Phase = Medicine['phase'];

const planKinds = new Set<MedicationRecordKind>(['agreement', 'variable-dosing', 'administration-agreement', 'use']);
const endedStatuses = new Set(['completed', 'stopped', 'cancelled', 'not-taken', 'revoked', 'declined', 'not-done']);
const ignoredStatuses = new Set(['entered-in-error', 'draft']);
const invalidDispense = new Set(['cancelled', 'entered-in-error', 'declined', 'stopped']);
/** Which record's instructions win when two have the same date: the most specific one. */
const kindOrder: readonly MedicationRecordKind[] = [
  'variable-dosing',
  'administration-agreement',
  'agreement',
  'use',
  'dispense-request',
  'dispense',
  'administration',
];

export function summarizeMedicine(key: string, name: string, entries: readonly MedicationEntry[], today: string): Medicine {
  const sorted = [...entries].sort(newestFirst);
  const plans = sorted.flatMap((entry) => {
    const phase = planKinds.has(entry.facts.kind) ? recordPhase(entry, today) : null;
    return phase ? [{ entry, phase }] : [];
  });
  const dispenses = sorted.filter((e) => e.facts.kind === 'dispense' && !invalidDispense.has(e.status ?? ''));
  const lastDispense = dispenses[0] ?? null;
  const phase = plans.length > 0 ? strongest(plans.map((p) => p.phase)) : dispenseCovers(lastDispense, today) ? 'active' : 'ended';
  const relevant = plans.filter((p) => (phase === 'ended') === (p.phase === 'ended')).map((p) => p.entry);

  return {
    key,
    name,
    phase,
    instructions: (relevant.find((e) => e.facts.instructions) ?? sorted.find((e) => e.facts.instructions))?.facts.instructions ?? null,
    ...periodOf(phase, relevant, sorted),
    prescriber: prescriberOf(relevant.length > 0 ? relevant : sorted) ?? prescriberOf(sorted),
    pharmacy: lastDispense?.by ?? null,
    sources: sourcesOf(sorted),
    lastDispense: lastDispense && {
      recordId: lastDispense.id,
      date: lastDispense.date,
      quantity: lastDispense.facts.amount,
      daysSupply: lastDispense.facts.daysSupply,
    },
    records: sorted.map(historyItem),
  };
}

/** The newest agreement's prescriber, else whoever a use record names as prescriber. */
function prescriberOf(entries: MedicationEntry[]): string | null {
  return (entries.find((e) => e.prescriber && e.facts.kind === 'agreement') ?? entries.find((e) => e.prescriber))?.prescriber ?? null;
}

function recordPhase(entry: MedicationEntry, today: string): Phase | null {
  const status = entry.status ?? '';
  if (ignoredStatuses.has(status)) return null;
  if (endedStatuses.has(status)) return 'ended';
  const { start, end } = entry.facts.period;
  if (end && endedBefore(end, today)) return 'ended';
  if (status === 'on-hold' || status === 'suspended') return 'paused';
  if (start && start.slice(0, 10) > today) return 'planned';
  return 'active';
}

/** A partial date covers its whole month or year: '2024-08' has not ended on 2024-08-15. */
function endedBefore(end: string, today: string): boolean {
  return `${end.slice(0, 10)}~` < today;
}

function strongest(phases: Phase[]): Phase {
  for (const phase of ['active', 'paused', 'planned'] as const) if (phases.includes(phase)) return phase;
  return 'ended';
}

function dispenseCovers(dispense: MedicationEntry | null, today: string): boolean {
  const days = dispense?.facts.daysSupply;
  const handedOver = /^(\d{4})-(\d{2})-(\d{2})/.exec(dispense?.date ?? '');
  if (!days || !handedOver) return false;
  const until = new Date(Date.UTC(Number(handedOver[1]), Number(handedOver[2]) - 1, Number(handedOver[3]) + Math.ceil(days)));
  return until.toISOString().slice(0, 10) >= today;
}

function periodOf(phase: Phase, relevant: MedicationEntry[], all: MedicationEntry[]): { start: string | null; end: string | null } {
  const basis = relevant.length > 0 ? relevant : all;
  const starts = basis.map((e) => e.facts.period.start ?? e.date).filter((d): d is string => d !== null);
  const start = starts.length > 0 ? starts.reduce((a, b) => (sortKey(b) < sortKey(a) ? b : a)) : null;
  let end: string | null = null;
  if (relevant.length === 0) {
    // Only dispenses or administrations: an ended medicine ends at its last one.
    end = phase === 'ended' ? (all.find((e) => e.date)?.date ?? null) : null;
  } else {
    const ends = relevant.map((e) => e.facts.period.end);
    // Still current: the planned end only when every current record has one.
    if (phase === 'ended' || ends.every((e) => e !== null)) {
      end = ends.filter((e): e is string => e !== null).reduce<string | null>((a, b) => (a === null || sortKey(b) > sortKey(a) ? b : a), null);
    }
  }
  return { start, end };
}

function sourcesOf(entries: MedicationEntry[]): RecordSource[] {
  const latest = new Map<string, { source: RecordSource; at: string }>();
  for (const entry of entries) {
    for (const p of entry.provenance) {
      const known = latest.get(p.source.id);
      if (!known || p.receivedAt > known.at) latest.set(p.source.id, { source: p.source, at: p.receivedAt });
    }
  }
  return [...latest.values()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).map((s) => s.source);
}

function historyItem(entry: MedicationEntry): MedicationHistoryItem {
  const { facts } = entry;
  return {
    id: entry.id,
    resourceType: entry.resourceType,
    kind: facts.kind,
    date: dateOf(entry),
    status: entry.status,
    text: facts.amount ?? facts.instructions,
    by: entry.by,
    sourceLabel: entry.provenance[0]?.source.label ?? null,
  };
}

function dateOf(entry: MedicationEntry): string | null {
  return entry.date ?? entry.facts.period.start;
}

/** Wall-clock sort form (as the derived tables keep it); undated records last. */
function sortKey(date: string | null): string {
  return date ? date.slice(0, 19) : '';
}

function newestFirst(a: MedicationEntry, b: MedicationEntry): number {
  const da = sortKey(dateOf(a));
  const db = sortKey(dateOf(b));
  if (da !== db) return da < db ? 1 : -1;
  const ka = kindOrder.indexOf(a.facts.kind);
  const kb = kindOrder.indexOf(b.facts.kind);
  if (ka !== kb) return ka - kb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
