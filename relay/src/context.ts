/** What the relay's request handlers share: configuration, keys, lists, the back channel, limits. */
import type { RelayErrorCode } from '../../src-main/medmij/relay-protocol/index';
import type { RelayConfig } from './config';
import type { ProviderClient } from './provider-client';
import type { Sealer, UsedOnce } from './sealed';

export interface RelayContext {
  config: RelayConfig;
  now: () => number;
  sealer: Sealer;
  providers: ProviderClient;
  /** Whether a provider endpoint's host is on MedMij's whitelist (https only). */
  isAllowedHost(url: URL): Promise<boolean>;
  /** States that have sent a browser on. */
  usedStates: UsedOnce;
  /** Tickets whose code has been redeemed. */
  redeemed: UsedOnce;
  /** Takes a request from the provider host's budget; throws 429 when it is spent. */
  limitProvider(host: string): void;
}

/** A refusal by the relay itself: an HTTP status and a code, never anything of the request. */
export class RelayRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: RelayErrorCode,
  ) {
    super(code);
    this.name = 'RelayRefusal';
  }
}
