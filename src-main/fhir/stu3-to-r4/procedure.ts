import { isObject } from '../types';
import { list, mapCode, preserve, rename, take, type R } from './helpers';

/** Procedure: notDone → status 'not-done', notDoneReason → statusReason, performer.role → function, context → encounter. */
export function procedure(r: R): R {
  if (take(r, 'notDone') === true) r.status = 'not-done';
  rename(r, 'notDoneReason', 'statusReason');
  mapCode(r, 'status', { suspended: 'on-hold', aborted: 'stopped' });
  rename(r, 'context', 'encounter');
  preserve(r, 'Procedure.definition', take(r, 'definition'));
  for (const p of list(r.performer)) if (isObject(p)) rename(p, 'role', 'function');
  return r;
}
