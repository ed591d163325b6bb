import { isObject } from '../types';
import { list, take, type R } from './helpers';

/** Composition: class → category[], attester.mode 1..* → the first mode. */
export function composition(r: R): R {
  const cls = take(r, 'class');
  if (cls !== undefined) r.category = [cls];
  for (const a of list(r.attester)) {
    if (isObject(a) && Array.isArray(a.mode)) a.mode = a.mode[0];
  }
  return r;
}
