/**
 * One fetch through the relay exactly as the desktop's fetch flow does it (RelayRoute, the loopback
 * listener, exchangeCode, runQuery), without a profile to import into: for the relay's protocol and
 * load tests and the bench. The person's browser is relay-browser.mjs, in this process.
 */
import { defaultLoginTimeoutMs, startLoopback } from '../../src-main/medmij/client/loopback';
import { runQuery } from '../../src-main/medmij/client/fhir-query';
import { newCodeVerifier, newRequestId, newState } from '../../src-main/medmij/client/pkce';
import { ReasonError, type Reason } from '../../src-main/medmij/client/reasons';
import type { ResolvedService } from '../../src-main/medmij/client/directory';
import { RelayClient } from '../../src-main/medmij/client/relay-route';
import { buildQueryUrl, querySetFor } from '../../src-main/medmij/queries/index';
import { browse, type BrowserStep } from './relay-browser.mjs';
import { providerHost, type RelayWorld } from './relay-world';

export interface RelayFetchOptions {
  world: RelayWorld;
  /** Where the desktop reaches the relay (https://127.0.0.1:PORT). */
  relayOrigin: string;
  provider?: string;
  serviceId?: string;
  fhirVersion?: 'STU3' | 'R4';
  person?: string;
  /** relay-browser.mjs's mode. */
  mode?: string;
  loginTimeoutMs?: number;
}

export type RelayFetchResult =
  | { ok: true; resources: number; queries: number; steps: BrowserStep[] }
  | { ok: false; stage: 'login' | 'redeem' | 'query'; reason: Reason | string; steps: BrowserStep[] };

export function serviceAt(world: RelayWorld, slug = 'delinde', serviceId = '48', fhirVersion: 'STU3' | 'R4' = 'STU3'): ResolvedService {
  const back = `https://${providerHost}:${world.sim.port}/${slug}`;
  return {
    providerId: `${slug}@medmij`,
    providerName: slug,
    serviceId,
    serviceName: serviceId,
    authorizationEndpoint: `https://${providerHost}/${slug}/oauth/authorize`,
    tokenEndpoint: `${back}/oauth/token`,
    resourceEndpoint: `${back}/fhir/${fhirVersion.toLowerCase()}`,
    fhirVersion,
  };
}

export async function fetchThroughRelay(options: RelayFetchOptions): Promise<RelayFetchResult> {
  const { world } = options;
  const service = serviceAt(world, options.provider, options.serviceId, options.fhirVersion);
  const route = new RelayClient(options.relayOrigin).route();
  const state = newState();
  const codeVerifier = newCodeVerifier();
  const correlationId = newRequestId();
  const loopback = await startLoopback({ state, timeoutMs: options.loginTimeoutMs ?? defaultLoginTimeoutMs });
  const url = await route.authorize({ service, redirectUri: loopback.redirectUri, state, codeVerifier, correlationId, representation: null });
  const steps = await browse(url, {
    hosts: { [providerHost]: world.sim.port, 'relay.regie.test': Number(new URL(options.relayOrigin).port) },
    ca: world.ca.cert,
    mode: options.mode ?? 'login',
    ...(options.person && { person: options.person }),
  });
  const callback = await loopback.result;
  loopback.close();
  if (!callback.ok) {
    const reason = callback.kind === 'error' ? (route.callbackReason(callback.error) ?? callback.error) : callback.kind;
    return { ok: false, stage: 'login', reason, steps };
  }
  let token;
  try {
    token = await route.redeem({ service, redirectUri: loopback.redirectUri, code: callback.code, codeVerifier, correlationId, signal: new AbortController().signal, now: Date.now });
  } catch (error) {
    return { ok: false, stage: 'redeem', reason: error instanceof ReasonError ? error.reason : String(error), steps };
  }
  const set = querySetFor(service.serviceId, service.fhirVersion);
  let resources = 0;
  for (const query of set?.queries ?? []) {
    try {
      const result = await runQuery({
        url: buildQueryUrl(service.resourceEndpoint, query),
        resourceEndpoint: service.resourceEndpoint,
        fhirVersion: service.fhirVersion,
        ...(query.follow && { follow: query.follow }),
        accessToken: token.accessToken,
        expiresAt: token.expiresAt,
        correlationId,
        assertAllowed: () => undefined,
        fetch: route.fetch,
      });
      resources += result.resources.length;
    } catch (error) {
      return { ok: false, stage: 'query', reason: error instanceof ReasonError ? error.reason : String(error), steps };
    }
  }
  return { ok: true, resources, queries: set?.queries.length ?? 0, steps };
}
