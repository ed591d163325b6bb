import { rename, type R } from './helpers';

/** Binary: content → data. */
export function binary(r: R): R {
  rename(r, 'content', 'data');
  return r;
}
