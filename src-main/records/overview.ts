/** "Overzicht": what matters now, straight from the derived tables. */
import type { MedicationOverview, Medicine, Overview } from '../../src-preload/contract/records';
import type { Database } from '../vault/database';
import { type RecordRow, recordColumns, summariesOf } from './summaries';

const listLimit = 50;
const goneAppointment = "('cancelled', 'noshow', 'entered-in-error', 'fulfilled')";

/** Local wall-clock time in the form of sort_date, which keeps times as the provider wrote them. */
export function wallClock(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
}

/** What defines a medicine's use (agreement, use, schedule) before what only follows from it (dispenses). */
const definingKinds = new Set(['agreement', 'use', 'variable-dosing', 'administration-agreement']);

function representativeRecord(medicine: Medicine): string | undefined {
  return (medicine.records.find((r) => definingKinds.has(r.kind)) ?? medicine.records[0])?.id;
}

/**
 * "Huidige medicatie": one line per current medicine (as the Medicatie area groups them), shown by
 * its newest agreement or use record, so Overzicht and Medicatie always agree.
 */
export function currentMedicationOf(db: Database, medication: MedicationOverview, lastVisit: string | null): Overview['currentMedication'] {
  // Each line is named as Medicatie names the medicine, whatever its record calls it.
  const names = new Map<string, string>();
  for (const medicine of medication.current) {
    const id = representativeRecord(medicine);
    if (id !== undefined && !names.has(id)) names.set(id, medicine.name);
  }
  const ids = [...names.keys()].slice(0, listLimit);
  if (ids.length === 0) return [];
  const found = db.prepare(`SELECT ${recordColumns} FROM record r WHERE r.id IN (${ids.map(() => '?').join(',')})`).all(...ids) as RecordRow[];
  const byId = new Map(found.map((row) => [row.id, row]));
  return summariesOf(db, ids.flatMap((id) => byId.get(id) ?? []), lastVisit).map((summary) => ({ ...summary, title: names.get(summary.id) ?? summary.title }));
}

export function overviewOf(db: Database, now: Date, lastVisit: string | null, medication: MedicationOverview): Overview {
  const at = wallClock(now);
  const rows = (sql: string, ...params: unknown[]) =>
    summariesOf(db, db.prepare(`SELECT ${recordColumns} FROM record r WHERE r.hidden = 0 AND ${sql}`).all(...params) as RecordRow[], lastVisit);

  return {
    activeProblems: rows(
      `r.resource_type = 'Condition' AND (r.status IS NULL OR r.status IN ('active', 'recurrence', 'relapse'))
       ORDER BY r.sort_date DESC, r.id DESC LIMIT ${listLimit}`,
    ),
    currentMedication: currentMedicationOf(db, medication, lastVisit),
    allergies: rows(
      `r.resource_type = 'AllergyIntolerance' AND (r.status IS NULL OR r.status = 'active')
       ORDER BY r.sort_date DESC, r.id DESC LIMIT ${listLimit}`,
    ),
    recentResults: rows(
      `r.section IN ('lab', 'vitale-functies') AND r.resource_type = 'Observation' AND r.sort_date <> ''
       ORDER BY r.sort_date DESC, r.id DESC LIMIT 10`,
    ),
    upcomingAppointments: rows(
      `r.resource_type = 'Appointment' AND r.sort_date >= ? AND (r.status IS NULL OR r.status NOT IN ${goneAppointment})
       ORDER BY r.sort_date ASC, r.id ASC LIMIT ${listLimit}`,
      at,
    ),
    // Nothing is new on the first visit: new means since a previous visit.
    newSinceLastVisit:
      lastVisit === null
        ? 0
        : (db.prepare('SELECT count(*) FROM record WHERE created_at > ? AND hidden = 0').pluck().get(lastVisit) as number),
    lastVisit,
    hasRecords: db.prepare('SELECT EXISTS (SELECT 1 FROM record WHERE hidden = 0)').pluck().get() === 1,
  };
}
