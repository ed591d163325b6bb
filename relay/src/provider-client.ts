/**
 * The back channel to providers: HTTPS with mutual TLS (the relay's PKIoverheid certificate and key),
 * the providers' certificates checked against the configured CA bundle, no redirects followed, a
 * time limit per request and a size limit per answer. Connections are kept alive and shared.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent, request } from 'node:https';
import type { LookupFunction } from 'node:net';

export interface ProviderClientOptions {
  clientCertificate: { cert: string; key: string } | null;
  /** The CA bundle providers' certificates must chain to; null: the system's. */
  ca: string | null;
  /** Fixed addresses instead of DNS (tests and staging). */
  resolve: Record<string, string>;
  timeoutMs: number;
  maxAnswerBytes: number;
  maxSockets?: number;
}

export interface ProviderCall {
  method: 'GET' | 'POST' | 'PUT';
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface ProviderResult {
  status: number;
  contentType: string | null;
  wwwAuthenticate: string | null;
  body: Buffer;
}

export type ProviderFailure = 'provider-unreachable' | 'provider-timeout' | 'provider-answer-too-large';

export class ProviderCallError extends Error {
  constructor(readonly code: ProviderFailure) {
    super(code);
    this.name = 'ProviderCallError';
  }
}

export class ProviderClient {
  private readonly agent: Agent;

  constructor(private readonly options: ProviderClientOptions) {
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: options.maxSockets ?? 64,
      ...(options.clientCertificate && { cert: options.clientCertificate.cert, key: options.clientCertificate.key }),
      ...(options.ca && { ca: options.ca }),
      lookup: fixedLookup(options.resolve),
    });
  }

  call(call: ProviderCall): Promise<ProviderResult> {
    const { timeoutMs, maxAnswerBytes } = this.options;
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (code: ProviderFailure) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outgoing.destroy();
        reject(new ProviderCallError(code));
      };
      const timer = setTimeout(() => fail('provider-timeout'), timeoutMs);
      const outgoing = request(
        call.url,
        {
          method: call.method,
          agent: this.agent,
          headers: { ...call.headers, ...(call.body && { 'Content-Length': String(call.body.length) }) },
        },
        (incoming) => {
          const declared = Number(incoming.headers['content-length'] ?? NaN);
          if (Number.isFinite(declared) && declared > maxAnswerBytes) return fail('provider-answer-too-large');
          const chunks: Buffer[] = [];
          let size = 0;
          incoming.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxAnswerBytes) return fail('provider-answer-too-large');
            chunks.push(chunk);
          });
          incoming.on('error', () => fail('provider-unreachable'));
          incoming.on('end', () => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            const header = (name: string) => {
              const value = incoming.headers[name];
              return typeof value === 'string' ? value : null;
            };
            resolve({
              status: incoming.statusCode ?? 502,
              contentType: header('content-type'),
              wwwAuthenticate: header('www-authenticate'),
              body: Buffer.concat(chunks, size),
            });
          });
        },
      );
      outgoing.on('error', () => fail('provider-unreachable'));
      outgoing.end(call.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** DNS, except for the hostnames the configuration pins to an address. */
function fixedLookup(fixed: Record<string, string>): LookupFunction {
  return (hostname, options, callback) => {
    const address = Object.hasOwn(fixed, hostname) ? fixed[hostname] : undefined;
    if (address === undefined) {
      dnsLookup(hostname, options, callback);
      return;
    }
    const family = address.includes(':') ? 6 : 4;
    if (options.all) (callback as (error: null, addresses: LookupAddress[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
}
