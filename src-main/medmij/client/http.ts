/**
 * Every HTTP request Regie makes to a care provider goes through providerRequest: the token
 * exchange (oauth.ts), the FHIR reads and searches of a fetch (fhir-query.ts) and the FHIR POST of a
 * send (send-request.ts). One place, so that a relay (issue 13) can take over the transport by
 * handing in its own `fetch`, and so that every request gets the same safeguards: a fresh
 * MedMij-Request-ID, the login's X-Correlation-ID, and never a redirect (a redirect could carry the
 * token or health data to another origin).
 */
import { newRequestId } from './pkce';

/** The transport: the platform's fetch, or a relay's (same signature). */
export type ProviderFetch = typeof fetch;

export interface ProviderRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  /** Request-specific headers (Authorization, Accept, Content-Type). */
  headers: Record<string, string>;
  body?: string;
  /** X-Correlation-ID: one per login, repeated on every request that login makes. */
  correlationId: string;
  signal?: AbortSignal;
}

export function providerRequest(transport: ProviderFetch | undefined, request: ProviderRequest): Promise<Response> {
  const doFetch = transport ?? fetch;
  return doFetch(request.url, {
    method: request.method,
    headers: {
      ...request.headers,
      'MedMij-Request-ID': newRequestId(),
      'X-Correlation-ID': request.correlationId,
    },
    ...(request.body !== undefined && { body: request.body }),
    redirect: 'error',
    ...(request.signal && { signal: request.signal }),
  });
}
