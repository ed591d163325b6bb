/**
 * Hiding what the person received: a wrong record, a duplicate, someone else's data. Hidden records
 * leave every list, search, Overzicht, Metingen, Medicatie and the timeline, but are never deleted
 * (the source still has them, and a new fetch must not bring them back into view); the person can
 * show them again. The hidden state and its reason follow the person to every device.
 */
import { z } from 'zod';
import { hideReasons, type HideReason } from './record-sections';
import type { RecordSummary } from './records';

const profileId = z.string().regex(/^[a-z0-9]{26}$/, 'profile id');
const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'record id');

export interface HiddenInfo {
  reason: HideReason;
  note: string | null;
  /** When it was hidden (ISO). */
  hiddenAt: string;
}

export interface HiddenRecord extends RecordSummary {
  hidden: HiddenInfo;
}

export const hiddenRequestSchemas = {
  'records.hide': z.object({ profileId, recordId, reason: z.enum(hideReasons), note: z.string().max(500).optional() }),
  'records.unhide': z.object({ profileId, recordId }),
  /** "Verborgen gegevens": every hidden record, most recently hidden first. */
  'records.hidden': z.object({ profileId }),
} as const;

export interface HiddenResponses {
  'records.hide': HiddenInfo;
  'records.unhide': Record<string, never>;
  'records.hidden': HiddenRecord[];
}
