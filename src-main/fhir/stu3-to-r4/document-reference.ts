import { isObject } from '../types';
import { list, preserve, take, type R } from './helpers';

/**
 * DocumentReference: indexed → date, class → category[], created → context.period.start (kept as
 * extension when a period exists), context.related {ref} → Reference.
 */
export function documentReference(r: R): R {
  const indexed = take(r, 'indexed');
  if (r.date === undefined && indexed !== undefined) r.date = indexed;
  const cls = take(r, 'class');
  if (cls !== undefined) r.category = [cls];
  const created = take(r, 'created');
  const context = (r.context ??= {}) as R;
  if (created !== undefined) {
    const period = isObject(context.period) ? context.period : undefined;
    if (period === undefined) context.period = { start: created };
    else preserve(r, 'DocumentReference.created', created);
  }
  if (context.related !== undefined) {
    context.related = list(context.related).map((rel) => (isObject(rel) ? (rel.ref ?? (rel.identifier ? { identifier: rel.identifier } : rel)) : rel));
  }
  if (Object.keys(context).length === 0) delete r.context;
  return r;
}
