import { isObject } from '../types';
import { list, preserve, take, type R } from './helpers';

/** Observation: related has-member/derived-from → hasMember/derivedFrom (others kept), context → encounter, comment → note. */
export function observation(r: R): R {
  const related = take(r, 'related');
  for (const rel of list(related)) {
    if (!isObject(rel)) continue;
    const key = rel.type === 'has-member' ? 'hasMember' : rel.type === 'derived-from' ? 'derivedFrom' : null;
    if (key && rel.target !== undefined) ((r[key] ??= []) as unknown[]).push(rel.target);
    else preserve(r, 'Observation.related', rel);
  }
  const context = take(r, 'context');
  if (isObject(context)) {
    if (typeof context.reference === 'string' && context.reference.includes('EpisodeOfCare/')) preserve(r, 'Observation.context', context);
    else r.encounter = context;
  }
  const comment = take(r, 'comment');
  if (typeof comment === 'string') ((r.note ??= []) as unknown[]).push({ text: comment });
  return r;
}
