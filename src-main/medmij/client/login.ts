/**
 * One login at a care provider for one data service: a loopback listener (RFC 8252), the
 * authorization URL with PKCE S256 and MedMij's parameters, then — once the person has logged in —
 * the code exchanged for an access token. A fetch (fetch-manager.ts) takes these steps before its
 * queries, a send (send-manager.ts) before its one POST. The route (provider-route.ts) decides how
 * the provider is reached: directly, or through the relay with its client_id and redirect URI.
 *
 * The token is only ever in the returned promise's value, in memory. Failures come back as a kind,
 * so each caller words them for what it was doing ("nothing was retrieved" / "nothing was sent").
 */
import type { Representation } from '../../../src-preload/contract/medmij';
import type { ResolvedService } from './directory';
import { defaultLoginTimeoutMs, startLoopback } from './loopback';
import type { TokenSet } from './oauth';
import { newCodeVerifier, newRequestId, newState } from './pkce';
import type { ProviderRoute } from './provider-route';
import { ReasonError, type Reason } from './reasons';

export type LoginFailure =
  | { kind: 'access-denied' }
  | { kind: 'timeout'; minutes: number }
  | { kind: 'authorization-error'; code: string }
  /** The route (the relay) explained the browser's return itself, e.g. its login time ran out. */
  | { kind: 'route'; reason: Reason }
  | { kind: 'cancelled' }
  /** The token endpoint refused or sent something unusable (its own reason, worded for a fetch). */
  | { kind: 'token'; reason: Reason }
  | { kind: 'token-unreachable' };

export type LoginResult = { ok: true; token: TokenSet } | { ok: false; failure: LoginFailure };

export interface ProviderLoginOptions {
  service: ResolvedService;
  /** Directly or through the relay: who logs in (client_id, redirect URI) and who redeems the code. */
  route: ProviderRoute;
  representation: Representation | null;
  loginTimeoutMs?: number;
  now: () => number;
  /** Tests only: changes the PKCE verifier sent to the token endpoint. */
  transformCodeVerifier?: (verifier: string) => string;
  /** The person logged in and the code is being exchanged (a fetch shows that step). */
  onCode?: () => void;
}

export interface ProviderLogin {
  authorizationUrl: string;
  /** X-Correlation-ID of this login: the requests made with its token repeat it. */
  correlationId: string;
  /** Settles once: the token, or why there is none. */
  result: Promise<LoginResult>;
  /** Stops waiting (and any token request in flight); a pending result settles as cancelled. */
  cancel(): void;
}

export async function beginProviderLogin(options: ProviderLoginOptions): Promise<ProviderLogin> {
  const state = newState();
  const codeVerifier = newCodeVerifier();
  const correlationId = newRequestId();
  const timeoutMs = options.loginTimeoutMs ?? defaultLoginTimeoutMs;
  const loopback = await startLoopback({ state, timeoutMs });
  const abort = new AbortController();
  const { route, service } = options;
  let url: string;
  try {
    url = await route.authorize({ service, redirectUri: loopback.redirectUri, state, codeVerifier, correlationId, representation: options.representation });
  } catch (error) {
    loopback.close();
    throw error;
  }

  const result = (async (): Promise<LoginResult> => {
    const callback = await loopback.result;
    if (!callback.ok) {
      switch (callback.kind) {
        case 'access-denied':
          return { ok: false, failure: { kind: 'access-denied' } };
        case 'timeout':
          return { ok: false, failure: { kind: 'timeout', minutes: Math.round(timeoutMs / 60_000) } };
        case 'error': {
          const reason = route.callbackReason(callback.error);
          return { ok: false, failure: reason ? { kind: 'route', reason } : { kind: 'authorization-error', code: callback.error } };
        }
        default:
          return { ok: false, failure: { kind: 'cancelled' } };
      }
    }
    if (abort.signal.aborted) return { ok: false, failure: { kind: 'cancelled' } };
    options.onCode?.();
    try {
      const verifier = options.transformCodeVerifier ? options.transformCodeVerifier(codeVerifier) : codeVerifier;
      const token = await route.redeem({
        service,
        redirectUri: loopback.redirectUri,
        code: callback.code,
        codeVerifier: verifier,
        correlationId,
        signal: abort.signal,
        now: options.now,
      });
      if (abort.signal.aborted) return { ok: false, failure: { kind: 'cancelled' } };
      return { ok: true, token };
    } catch (error) {
      if (abort.signal.aborted) return { ok: false, failure: { kind: 'cancelled' } };
      if (error instanceof ReasonError) return { ok: false, failure: { kind: 'token', reason: error.reason } };
      return { ok: false, failure: { kind: 'token-unreachable' } };
    } finally {
      loopback.close();
    }
  })();

  return {
    authorizationUrl: url,
    correlationId,
    result,
    cancel() {
      abort.abort();
      loopback.close();
    },
  };
}
