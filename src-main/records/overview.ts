/** "Overzicht": what matters now, straight from the derived tables. */
import type { Overview } from '../../src-preload/contract/records';
import type { Database } from '../vault/database';
import { type RecordRow, recordColumns, summariesOf } from './summaries';

const listLimit = 50;
const endedMedication = "('completed', 'stopped', 'cancelled', 'entered-in-error', 'not-taken', 'revoked', 'declined')";
const goneAppointment = "('cancelled', 'noshow', 'entered-in-error', 'fulfilled')";

/** Local wall-clock time in the form of sort_date, which keeps times as the provider wrote them. */
export function wallClock(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
}

export function overviewOf(db: Database, now: Date, lastVisit: string | null): Overview {
  const at = wallClock(now);
  const today = at.slice(0, 10);
  const rows = (sql: string, ...params: unknown[]) =>
    summariesOf(db, db.prepare(`SELECT ${recordColumns} FROM record r WHERE ${sql}`).all(...params) as RecordRow[], lastVisit);

  return {
    activeProblems: rows(
      `r.resource_type = 'Condition' AND (r.status IS NULL OR r.status IN ('active', 'recurrence', 'relapse'))
       ORDER BY r.sort_date DESC, r.id DESC LIMIT ${listLimit}`,
    ),
    // Not ended (by status or by a period that ended before today), and active by status or started.
    currentMedication: rows(
      `r.resource_type IN ('MedicationStatement', 'MedicationRequest')
       AND (r.status IS NULL OR r.status NOT IN ${endedMedication})
       AND (r.period_end IS NULL OR substr(r.period_end, 1, 10) >= ?)
       AND (r.status = 'active' OR (r.period_start IS NOT NULL AND substr(r.period_start, 1, 19) <= ?))
       ORDER BY r.sort_date DESC, r.id DESC LIMIT ${listLimit}`,
      today,
      at,
    ),
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
    newSinceLastVisit:
      lastVisit === null
        ? (db.prepare('SELECT count(*) FROM record').pluck().get() as number)
        : (db.prepare('SELECT count(*) FROM record WHERE created_at > ?').pluck().get(lastVisit) as number),
    lastVisit,
  };
}
