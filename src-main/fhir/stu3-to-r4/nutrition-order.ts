import type { R } from './helpers';

const STATUS: Record<string, [status: string, intent: string]> = {
  proposed: ['draft', 'proposal'], draft: ['draft', 'order'], planned: ['draft', 'plan'], requested: ['active', 'order'],
  active: ['active', 'order'], 'on-hold': ['on-hold', 'order'], completed: ['completed', 'order'],
  cancelled: ['revoked', 'order'], 'entered-in-error': ['entered-in-error', 'order'],
};

/** NutritionOrder: STU3 status → R4 status + required intent (proposed → proposal, planned → plan). */
export function nutritionOrder(r: R): R {
  const mapped = typeof r.status === 'string' ? STATUS[r.status] : undefined;
  r.status = mapped?.[0] ?? r.status ?? 'unknown';
  if (r.intent === undefined) r.intent = mapped?.[1] ?? 'order';
  return r;
}
