import { concept, preserve, rename, type R } from './helpers';

const ACHIEVEMENT = 'http://terminology.hl7.org/CodeSystem/goal-achievement';

/**
 * STU3 Goal.status → R4 lifecycleStatus + achievementStatus (goal-achievement), after the HL7 map.
 * 'achieved' also gets achievementStatus 'achieved' (the map leaves it out): R4's 'completed' alone
 * no longer says the goal was met. `exact` false: R4 has no exact code, so the STU3 code is kept too.
 */
const STATUS: Record<string, { lifecycle: string; achievement?: string; exact?: false }> = {
  proposed: { lifecycle: 'proposed' }, accepted: { lifecycle: 'accepted' }, planned: { lifecycle: 'planned' },
  'on-hold': { lifecycle: 'on-hold' }, cancelled: { lifecycle: 'cancelled' }, 'entered-in-error': { lifecycle: 'entered-in-error' },
  rejected: { lifecycle: 'rejected' }, achieved: { lifecycle: 'completed', achievement: 'achieved' },
  'in-progress': { lifecycle: 'active', achievement: 'in-progress' }, sustaining: { lifecycle: 'active', achievement: 'sustaining' },
  'on-target': { lifecycle: 'active', achievement: 'sustaining', exact: false },
  'ahead-of-target': { lifecycle: 'active', achievement: 'improving', exact: false },
  'behind-target': { lifecycle: 'active', achievement: 'worsening', exact: false },
};

/**
 * Goal (zib TreatmentObjective): status → lifecycleStatus + achievementStatus; target (0..1 → 0..*)
 * is left to the cardinality pass; description, statusDate, statusReason, outcome* stay.
 */
export function goal(r: R): R {
  const status = r.status;
  rename(r, 'status', 'lifecycleStatus');
  const mapped = typeof status === 'string' ? STATUS[status] : undefined;
  if (!mapped) return r;
  r.lifecycleStatus = mapped.lifecycle;
  if (mapped.achievement !== undefined && r.achievementStatus === undefined) r.achievementStatus = concept(ACHIEVEMENT, mapped.achievement);
  if (mapped.exact === false) preserve(r, 'Goal.status', status);
  return r;
}
