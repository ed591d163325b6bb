import { agentToReference, mapCode, preserve, rename, take, type R } from './helpers';

/** ProcedureRequest → ServiceRequest: resourceType, status codes, requester.agent, context → encounter. */
export function procedureRequest(r: R): R {
  r.resourceType = 'ServiceRequest';
  mapCode(r, 'status', { suspended: 'on-hold', cancelled: 'revoked' });
  agentToReference(r, 'requester', 'ProcedureRequest.requester');
  rename(r, 'context', 'encounter');
  preserve(r, 'ProcedureRequest.definition', take(r, 'definition'));
  if (r.status === undefined) r.status = 'unknown';
  if (r.intent === undefined) r.intent = 'order';
  return r;
}
