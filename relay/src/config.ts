/**
 * The relay's configuration: a JSON file (REGIE_RELAY_CONFIG or --config) and environment
 * variables, the environment winning. Certificates and keys are read from their files here, once;
 * nothing is ever written.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { ListLocations } from '../../src-main/medmij/client/provider-directory';

const hostnamePattern = /^(?:[a-z0-9][a-z0-9-]*\.)+[a-z0-9][a-z0-9-]*[a-z0-9]$/;

const pemPair = z.object({ cert: z.string().min(1), key: z.string().min(1) }).strict();

const limitsSchema = z
  .object({
    /** Requests per minute from one client address (authorize, provider requests). */
    perClientPerMinute: z.number().int().positive().default(300),
    /** Requests per minute to one provider host, from all clients together. */
    perProviderPerMinute: z.number().int().positive().default(3000),
    /** Provider requests carried out at the same time; more get 503 "busy". */
    maxConcurrent: z.number().int().positive().default(100),
    /** Bytes of a request to the relay (a provider request's body included). */
    maxRequestBytes: z.number().int().positive().default(20 * 1024 * 1024),
    /** Bytes of one answer from a provider. */
    maxAnswerBytes: z.number().int().positive().default(50 * 1024 * 1024),
    /** One request to a provider. */
    providerTimeoutMs: z.number().int().positive().default(60_000),
    /** From the start of a fetch until the code is redeemed: the login. */
    loginTimeoutMs: z.number().int().positive().default(10 * 60_000),
    /** How long a grant (the sealed token) works at the most, whatever the provider says. */
    grantTtlMs: z.number().int().positive().default(10 * 60_000),
  })
  .strict();

const fileSchema = z
  .object({
    /** The relay's MedMij hostname: its client_id, on the OAuth client list and the whitelist. */
    hostname: z.string().regex(hostnamePattern),
    /** Where browsers reach the relay (default https://<hostname>); https on the hostname. */
    publicUrl: z.string().optional(),
    /** host:port to listen on (default 127.0.0.1:8080). */
    listen: z.string().default('127.0.0.1:8080'),
    /** The relay's own TLS certificate and key (PEM files); without it plain HTTP behind a TLS load balancer. */
    tls: pemPair.optional(),
    /** PKIoverheid client certificate and key (PEM files) for the back channel (mutual TLS). */
    clientCertificate: pemPair.optional(),
    /** CA bundle (PEM file) the providers' server certificates must chain to; default: the system's. */
    providerCa: z.string().optional(),
    /** MedMij's lists: a base URL or folder holding the four, or each list's URL or file. */
    lists: z.union([
      z.string().min(1),
      z
        .object({
          zorgaanbiederslijst: z.string(),
          gegevensdienstnamenlijst: z.string(),
          oauthclientlist: z.string(),
          whitelist: z.string(),
          weergave: z.string().optional(),
        })
        .strict(),
    ]),
    /** Base64 of 32 random bytes, the same on every instance behind one load balancer. */
    secret: z.string().optional(),
    /** Behind a load balancer: take the client address from the last X-Forwarded-For entry. */
    trustProxy: z.boolean().default(false),
    /** Fixed addresses instead of DNS, e.g. { "zorg.test": "127.0.0.1" } (tests and staging only). */
    resolve: z.record(z.string().regex(hostnamePattern), z.union([z.ipv4(), z.ipv6()])).default({}),
    limits: limitsSchema.default(limitsSchema.parse({})),
  })
  .strict();

export type RelayLimits = z.infer<typeof limitsSchema>;

export interface RelayConfig {
  hostname: string;
  /** No trailing slash. */
  publicUrl: string;
  redirectUri: string;
  listen: { host: string; port: number };
  tls: { cert: string; key: string } | null;
  clientCertificate: { cert: string; key: string } | null;
  providerCa: string | null;
  lists: string | ListLocations;
  secret: Buffer;
  /** Whether the secret was configured (else random: one instance only). */
  secretConfigured: boolean;
  trustProxy: boolean;
  resolve: Record<string, string>;
  limits: RelayLimits;
}

export class RelayConfigError extends Error {
  override name = 'RelayConfigError';
}

/** Environment variables and the field each sets. */
export const relayEnvironment = {
  REGIE_RELAY_HOSTNAME: 'hostname',
  REGIE_RELAY_PUBLIC_URL: 'publicUrl',
  REGIE_RELAY_LISTEN: 'listen',
  REGIE_RELAY_TLS_CERT: 'tls.cert',
  REGIE_RELAY_TLS_KEY: 'tls.key',
  REGIE_RELAY_CLIENT_CERT: 'clientCertificate.cert',
  REGIE_RELAY_CLIENT_KEY: 'clientCertificate.key',
  REGIE_RELAY_PROVIDER_CA: 'providerCa',
  REGIE_RELAY_LISTS: 'lists',
  REGIE_RELAY_SECRET: 'secret',
} as const;

/**
 * Reads the file (if any) and the environment. Paths in the file are relative to the file; paths in
 * the environment to the working folder.
 */
export function loadRelayConfig(options: { file?: string; env?: NodeJS.ProcessEnv } = {}): RelayConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.REGIE_RELAY_CONFIG;
  let raw: Record<string, unknown> = {};
  const fileDir = file ? dirname(resolve(file)) : process.cwd();
  if (file) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new RelayConfigError(`cannot read the configuration file ${file}: ${(error as Error).message}`);
    }
    raw = resolvePaths(raw, fileDir);
  }
  for (const [name, field] of Object.entries(relayEnvironment)) {
    const value = env[name]?.trim();
    if (!value) continue;
    const isPath = /cert|key|Ca$/.test(field) || (field === 'lists' && !/^https?:\/\//i.test(value));
    setPath(raw, field, isPath ? resolve(value) : value);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new RelayConfigError(`invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return finish(parsed.data);
}

function finish(data: z.infer<typeof fileSchema>): RelayConfig {
  const publicUrl = (data.publicUrl ?? `https://${data.hostname}`).replace(/\/+$/, '');
  if (!URL.canParse(publicUrl)) throw new RelayConfigError(`publicUrl is not a URL: ${publicUrl}`);
  const url = new URL(publicUrl);
  // MedMij: the redirect URI is https, on the hostname the OAuth client list names.
  if (url.protocol !== 'https:' || url.hostname !== data.hostname || url.search || url.hash || url.username) {
    throw new RelayConfigError(`publicUrl must be https://${data.hostname}[/path]`);
  }
  const listen = /^(\[[0-9a-f:.]+\]|[^:]+):(\d{1,5})$/i.exec(data.listen);
  if (!listen || Number(listen[2]) > 65535) throw new RelayConfigError(`listen must be host:port, not ${data.listen}`);
  let secret: Buffer;
  if (data.secret !== undefined) {
    secret = Buffer.from(data.secret, 'base64');
    if (secret.length !== 32) throw new RelayConfigError('secret must be 32 bytes, base64 (openssl rand -base64 32)');
  } else {
    secret = randomBytes(32);
  }
  return {
    hostname: data.hostname,
    publicUrl,
    redirectUri: `${publicUrl}/medmij/callback`,
    listen: { host: listen[1]!.replace(/^\[|\]$/g, ''), port: Number(listen[2]) },
    tls: data.tls ? readPair(data.tls, 'tls') : null,
    clientCertificate: data.clientCertificate ? readPair(data.clientCertificate, 'clientCertificate') : null,
    providerCa: data.providerCa ? readPem(data.providerCa, 'providerCa') : null,
    lists: data.lists,
    secret,
    secretConfigured: data.secret !== undefined,
    trustProxy: data.trustProxy,
    resolve: data.resolve,
    limits: data.limits,
  };
}

function readPair(pair: { cert: string; key: string }, name: string): { cert: string; key: string } {
  return { cert: readPem(pair.cert, `${name}.cert`), key: readPem(pair.key, `${name}.key`) };
}

function readPem(path: string, name: string): string {
  try {
    const text = readFileSync(path, 'utf8');
    if (!text.includes('-----BEGIN ')) throw new Error('not PEM');
    return text;
  } catch (error) {
    throw new RelayConfigError(`${name}: cannot read ${path} (${(error as Error).message})`);
  }
}

/** File paths in the configuration file are relative to that file. */
function resolvePaths(raw: Record<string, unknown>, base: string): Record<string, unknown> {
  const out = structuredClone(raw);
  const fix = (value: unknown) => (typeof value === 'string' && !/^https?:\/\//i.test(value) ? resolve(base, value) : value);
  for (const pair of ['tls', 'clientCertificate'] as const) {
    const value = out[pair];
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      record.cert = fix(record.cert);
      record.key = fix(record.key);
    }
  }
  if (typeof out.providerCa === 'string') out.providerCa = fix(out.providerCa);
  if (typeof out.lists === 'string') out.lists = fix(out.lists);
  else if (out.lists && typeof out.lists === 'object') {
    const lists = out.lists as Record<string, unknown>;
    for (const key of Object.keys(lists)) lists[key] = fix(lists[key]);
  }
  return out;
}

function setPath(target: Record<string, unknown>, path: string, value: string): void {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) {
    target[head] = value;
    return;
  }
  const inner = (typeof target[head] === 'object' && target[head] !== null ? target[head] : {}) as Record<string, unknown>;
  inner[tail] = value;
  target[head] = inner;
}
