/**
 * Metingen: measurements per kind over a chosen period, and correcting or deleting the person's own
 * entries (adding one is records.addMeasurement). Corrections keep what was there before as the
 * measurement's history; all of it lives in the profile's synced document.
 */
import { z } from 'zod';
import { measurementKinds, type MeasurementKind } from './record-sections';

const profileId = z.string().regex(/^[a-z0-9]{26}$/, 'profile id');
const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'record id');
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date (YYYY-MM-DD)');

/** One measurement, own or from a care provider, with its numbers. */
export interface MeasurementPoint {
  id: string;
  kind: MeasurementKind;
  /** As the record has it (ISO date or date-time). */
  date: string;
  /** The upper pressure for blood pressure. */
  value: number;
  /** The lower pressure, for blood pressure. */
  value2?: number;
  unit: string;
  /** The value line as every other screen shows it, e.g. "132/84 mmHg". */
  valueText: string;
  /** Entered by the person themself (and so theirs to correct or delete). */
  own: boolean;
  sourceLabel: string;
  /** Changed after it was first entered: measurements.get has the earlier values. */
  corrected: boolean;
}

/** What a measurement said before a correction. */
export interface MeasurementRevision {
  /** When it was replaced (ISO). */
  changedAt: string;
  date: string | null;
  valueText: string | null;
  note: string | null;
}

export interface MeasurementDetail extends MeasurementPoint {
  note: string | null;
  /** Earlier values, most recently replaced first. */
  revisions: MeasurementRevision[];
}

const measurementValues = {
  /** Upper pressure for blood pressure; the value in the kind's unit otherwise. */
  value: z.number().finite(),
  /** Lower pressure, for blood pressure only. */
  value2: z.number().finite().optional(),
  /** The person saw "Klopt dit?" for an unusual value and said yes. Without it such values are refused. */
  confirmedImplausible: z.boolean().optional(),
};

export const measurementRequestSchemas = {
  /** Measurements from `from` through `to` (local calendar days, both optional), oldest first. */
  'measurements.list': z.object({ profileId, kind: z.enum(measurementKinds).optional(), from: isoDay.optional(), to: isoDay.optional() }),
  'measurements.get': z.object({ profileId, recordId }),
  /** Replaces the values of an own measurement; the previous ones stay as its history. */
  'measurements.correct': z.object({
    profileId,
    recordId,
    ...measurementValues,
    /** When it was measured; unchanged when left out. */
    effectiveAt: z.string().datetime({ offset: true }).optional(),
    /** Unchanged when left out; an empty text removes the note. */
    note: z.string().max(500).optional(),
  }),
  /** Deletes an own measurement on every device. */
  'measurements.delete': z.object({ profileId, recordId }),
} as const;

export interface MeasurementResponses {
  /** truncated: more measurements than were read; earlier: how many lie before `from`. */
  'measurements.list': { points: MeasurementPoint[]; truncated: boolean; earlier: number };
  'measurements.get': MeasurementDetail;
  'measurements.correct': MeasurementDetail;
  'measurements.delete': Record<string, never>;
}
