/**
 * How a fetch reaches a provider. Directly: Regie's own client_id, the loopback redirect and plain
 * requests, as for the practice providers on this computer and lists given for testing. Through a
 * relay (relay-route.ts): the relay's client_id and redirect URI, and every back-channel request
 * carried by the relay with its PKIoverheid certificate. The fetch flow is the same either way; only
 * these three steps differ, and later sending (MedMij Delen) uses the same `fetch`.
 */
import type { Representation } from '../../../src-preload/contract/medmij';
import type { MedmijDirectory, ResolvedService } from './directory';
import { authorizationUrl, exchangeCode, type TokenSet } from './oauth';
import type { Reason } from './reasons';

export interface AuthorizeInput {
  service: ResolvedService;
  /** The desktop's loopback listener: where the browser ends. */
  redirectUri: string;
  state: string;
  codeVerifier: string;
  correlationId: string;
  representation: Representation | null;
}

export interface RedeemInput {
  service: ResolvedService;
  redirectUri: string;
  code: string;
  codeVerifier: string;
  correlationId: string;
  signal: AbortSignal;
  now: () => number;
}

export interface ProviderRoute {
  /** The relay the person sees ("via relay.example.nl"); null when direct. */
  readonly relay: string | null;
  /** The URL to open in the browser; after the login the browser ends at `redirectUri`. */
  authorize(input: AuthorizeInput): Promise<string>;
  /** Redeems the code (once) for what the back channel's Bearer header carries. */
  redeem(input: RedeemInput): Promise<TokenSet>;
  /** Back-channel requests go through this (undefined: the global fetch). */
  readonly fetch: typeof fetch | undefined;
  /** This route's own reading of an error code the browser brought back, if it has one. */
  callbackReason(error: string): Reason | null;
}

export interface RouteChooser {
  routeFor(service: ResolvedService): Promise<ProviderRoute>;
}

/** Regie talks to the provider itself. */
export class DirectRoute implements ProviderRoute {
  readonly relay = null;
  private clientId: string | null = null;

  constructor(
    private readonly directory: Pick<MedmijDirectory, 'clientId'>,
    readonly fetch: typeof globalThis.fetch | undefined,
  ) {}

  async authorize(input: AuthorizeInput): Promise<string> {
    this.clientId = await this.directory.clientId();
    return authorizationUrl({
      authorizationEndpoint: input.service.authorizationEndpoint,
      clientId: this.clientId,
      redirectUri: input.redirectUri,
      providerName: input.service.providerId,
      serviceId: input.service.serviceId,
      state: input.state,
      codeVerifier: input.codeVerifier,
      correlationId: input.correlationId,
      representation: input.representation,
    });
  }

  redeem(input: RedeemInput): Promise<TokenSet> {
    if (this.clientId === null) throw new Error('redeem before authorize');
    return exchangeCode({
      tokenEndpoint: input.service.tokenEndpoint,
      clientId: this.clientId,
      redirectUri: input.redirectUri,
      code: input.code,
      codeVerifier: input.codeVerifier,
      correlationId: input.correlationId,
      signal: input.signal,
      now: input.now,
      ...(this.fetch && { fetch: this.fetch }),
    });
  }

  callbackReason(): Reason | null {
    return null;
  }
}

/** Always direct (no relay set): what fetches did before there was a relay. */
export function directRoutes(directory: Pick<MedmijDirectory, 'clientId'>, doFetch?: typeof fetch): RouteChooser {
  return { routeFor: async () => new DirectRoute(directory, doFetch) };
}
