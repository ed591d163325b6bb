import { isObject } from '../types';
import { agentToReference, definitionToCanonical, list, mapCode, preserve, rename, take, type R } from './helpers';

const INTENTS = new Set(['proposal', 'plan', 'order', 'original-order', 'reflex-order', 'filler-order', 'instance-order', 'option']);

/**
 * DeviceRequest (zib MedicalDeviceRequest, BgZ "geplande hulpmiddelen"): status suspended → on-hold,
 * cancelled → revoked; intent CodeableConcept → code; requester.agent → requester; context →
 * encounter; definition → instantiatesCanonical. code[x], occurrence[x], reason*, performer stay.
 */
export function deviceRequest(r: R): R {
  mapCode(r, 'status', { suspended: 'on-hold', cancelled: 'revoked' });
  intentToCode(r);
  agentToReference(r, 'requester', 'DeviceRequest.requester');
  rename(r, 'context', 'encounter');
  definitionToCanonical(r, 'DeviceRequest.definition');
  return r;
}

/**
 * STU3 typed intent as a CodeableConcept; R4 requires a request-intent code. Anything the code cannot
 * carry (text, other codings, or no usable code at all, then 'order') is preserved.
 */
function intentToCode(r: R): void {
  const intent = take(r, 'intent');
  if (intent === undefined) return;
  if (typeof intent === 'string' && INTENTS.has(intent)) {
    r.intent = intent;
    return;
  }
  const codings = isObject(intent) ? list(intent.coding).filter(isObject) : [];
  const code = codings.map((c) => c.code).find((c): c is string => typeof c === 'string' && INTENTS.has(c));
  r.intent = code ?? 'order';
  const onlyCode = code !== undefined && codings.length === 1 && isObject(intent) && Object.keys(intent).every((k) => k === 'coding');
  if (!onlyCode) preserve(r, 'DeviceRequest.intent', intent);
}
