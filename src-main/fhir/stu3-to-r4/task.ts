import { agentToReference, preserve, rename, take, type R } from './helpers';

/** Task: definitionUri → instantiatesUri, definitionReference kept, requester.agent → requester, context → encounter, reason → reasonCode. */
export function task(r: R): R {
  rename(r, 'definitionUri', 'instantiatesUri');
  preserve(r, 'Task.definitionReference', take(r, 'definitionReference'));
  agentToReference(r, 'requester', 'Task.requester');
  rename(r, 'context', 'encounter');
  rename(r, 'reason', 'reasonCode');
  return r;
}
