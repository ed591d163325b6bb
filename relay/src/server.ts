/**
 * The relay: Regie's MedMij node, a small stateless HTTP(S) server. See relay/README.md and the
 * protocol in src-main/medmij/relay-protocol/messages.ts.
 *
 * Stateless: a fetch lives in what the relay seals and hands out (state, ticket, grant), so nothing is
 * on disk, no token is kept between requests, and instances sharing the secret are interchangeable.
 * In memory there are only the public MedMij lists, rate-limit counters and the ids of states and
 * tickets already used (until they expire).
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sendNoticePage } from '../../src-main/medmij/client/loopback';
import { ListDirectory } from '../../src-main/medmij/client/provider-directory';
import type { MedmijListKind } from '../../src-main/medmij/lists/index';
import {
  relayListFiles,
  relayPaths,
  relayProtocolVersion,
  type RelayErrorBody,
  type RelayHealth,
} from '../../src-main/medmij/relay-protocol/index';
import { carryOut } from './back-channel';
import type { RelayConfig } from './config';
import { RelayRefusal, type RelayContext } from './context';
import { returnToDesktop, startFetch } from './front-channel';
import { jsonLineLog, type RelayLog, type RelayLogEntry } from './log';
import { relayPages } from './pages';
import { ProviderClient } from './provider-client';
import { RateLimiter } from './rate-limit';
import { Sealer, UsedOnce } from './sealed';

export interface RelayOptions {
  now?: () => number;
  log?: RelayLog;
  /** The repository's resources/ (only for ListDirectory's defaults; the relay uses its configured lists). */
  resourcesDir?: string;
}

export interface Relay {
  /** Where it listens, e.g. https://127.0.0.1:8443. */
  origin: string;
  close(): Promise<void>;
  health(): Promise<RelayHealth>;
}

const smallBodyBytes = 64 * 1024;

export async function startRelay(config: RelayConfig, options: RelayOptions = {}): Promise<Relay> {
  const now = options.now ?? Date.now;
  const log = options.log ?? jsonLineLog();
  const directory = new ListDirectory({
    resourcesDir: options.resourcesDir ?? join(import.meta.dirname, '../../resources'),
    listSource: config.lists,
    clientId: config.hostname,
    now,
  });
  const providers = new ProviderClient({
    clientCertificate: config.clientCertificate,
    ca: config.providerCa,
    resolve: config.resolve,
    timeoutMs: config.limits.providerTimeoutMs,
    maxAnswerBytes: config.limits.maxAnswerBytes,
    maxSockets: config.limits.maxConcurrent,
  });
  const callbackPath = new URL(config.redirectUri).pathname;
  const perClient = new RateLimiter(config.limits.perClientPerMinute, now);
  const perProvider = new RateLimiter(config.limits.perProviderPerMinute, now);
  const ctx: RelayContext = {
    config,
    now,
    sealer: new Sealer(config.secret),
    providers,
    isAllowedHost: async (url) => {
      try {
        return url.protocol === 'https:' && (await directory.isAllowedHost(url));
      } catch {
        throw new RelayRefusal(503, 'lists-unavailable');
      }
    },
    usedStates: new UsedOnce(now),
    redeemed: new UsedOnce(now),
    limitProvider: (host) => {
      if (!perProvider.take(host)) throw new RelayRefusal(429, 'rate-limited');
    },
  };
  let active = 0;

  const health = async (): Promise<RelayHealth> => {
    let lists: RelayHealth['lists'] = 'unavailable';
    let onOAuthClientList: boolean | null = null;
    let onWhitelist: boolean | null = null;
    try {
      onWhitelist = await directory.isAllowedHost(new URL(`https://${config.hostname}/`));
      lists = 'loaded';
      onOAuthClientList = await directory.clientId().then(
        () => true,
        () => false,
      );
    } catch {
      // lists unavailable: said in the answer
    }
    const clientCertificate = config.clientCertificate !== null;
    return {
      service: 'regie-relay',
      protocol: relayProtocolVersion,
      hostname: config.hostname,
      ready: lists === 'loaded' && onOAuthClientList === true && onWhitelist === true && clientCertificate,
      lists,
      onOAuthClientList,
      onWhitelist,
      clientCertificate,
    };
  };

  const clientOf = (req: IncomingMessage): string => {
    if (config.trustProxy) {
      const forwarded = req.headers['x-forwarded-for'];
      const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').pop()?.trim();
      if (last) return last;
    }
    return req.socket.remoteAddress ?? 'unknown';
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<RelayLogEntry> => {
    const url = new URL(req.url ?? '/', 'http://relay.invalid');
    const path = url.pathname;
    if (req.method === 'GET' && path === relayPaths.health) {
      sendJson(res, 200, await health());
      return { event: 'health', status: 200 };
    }
    // Behind a load balancer that keeps publicUrl's path, the return arrives on the redirect URI's own path.
    if (req.method === 'GET' && (path === relayPaths.callback || path === callbackPath)) {
      return { event: 'callback', status: returnToDesktop(ctx, url.searchParams, res) };
    }
    if (req.method === 'GET' && path.startsWith(relayPaths.lists)) {
      const file = path.slice(relayPaths.lists.length);
      if (!(relayListFiles as readonly string[]).includes(file)) throw new RelayRefusal(404, 'not-found');
      const kind = file === 'zorgaanbieders-weergave.json' ? 'weergave' : (file.replace(/\.xml$/, '') as MedmijListKind);
      let text: string | null;
      try {
        text = await directory.listText(kind);
      } catch {
        throw new RelayRefusal(503, 'lists-unavailable');
      }
      if (text === null) throw new RelayRefusal(404, 'not-found');
      const type = kind === 'weergave' ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8';
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
      res.end(text);
      return { event: 'lists', status: 200 };
    }
    if (req.method === 'POST' && path === relayPaths.authorize) {
      if (!perClient.take(clientOf(req))) throw new RelayRefusal(429, 'rate-limited');
      const answer = await startFetch(ctx, await readJson(req, smallBodyBytes));
      sendJson(res, 200, answer);
      return { event: 'authorize', status: 200, provider: new URL(answer.authorizationUrl).hostname };
    }
    if (req.method === 'POST' && path === relayPaths.provider) {
      if (!perClient.take(clientOf(req))) throw new RelayRefusal(429, 'rate-limited');
      if (active >= config.limits.maxConcurrent) throw new RelayRefusal(503, 'busy');
      active++;
      try {
        const body = await readJson(req, config.limits.maxRequestBytes);
        const outcome = await carryOut(ctx, body);
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': outcome.sealed.length, 'Cache-Control': 'no-store' });
        res.end(outcome.sealed);
        return { event: 'provider', status: outcome.providerStatus, provider: outcome.provider };
      } finally {
        active--;
      }
    }
    if (req.method === 'GET' && !path.startsWith('/v1/')) {
      sendNoticePage(res, 404, relayPages['not-found']);
      return { event: 'refused', status: 404, error: 'not-found' };
    }
    throw new RelayRefusal(404, 'not-found');
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    handle(req, res)
      .catch((error: unknown): RelayLogEntry => {
        const refusal = error instanceof RelayRefusal ? error : new RelayRefusal(500, 'internal');
        if (!res.headersSent) sendJson(res, refusal.status, { error: refusal.code } satisfies RelayErrorBody, { Connection: 'close' });
        else res.destroy();
        if (refusal.status === 413) req.socket.destroySoon();
        return { event: 'refused', status: refusal.status, error: refusal.code };
      })
      .then((entry) => log({ ...entry, ms: Math.round(performance.now() - started) }));
  };

  const server: Server = config.tls ? createHttpsServer({ cert: config.tls.cert, key: config.tls.key }, onRequest) : createHttpServer(onRequest);
  server.headersTimeout = 10_000;
  // Long enough for a large provider answer to be carried out, short enough that nothing hangs on.
  server.requestTimeout = config.limits.providerTimeoutMs + 30_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 50;

  const pruner = setInterval(() => {
    perClient.prune();
    perProvider.prune();
    ctx.usedStates.prune();
    ctx.redeemed.prune();
  }, 60_000);
  pruner.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.listen.port, config.listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  // Loaded now, so the first person does not wait and the operator hears of a problem at once.
  void health().then((state) => {
    log({ event: 'lists-check', note: `lists ${state.lists}; on OAuth client list: ${state.onOAuthClientList}; on whitelist: ${state.onWhitelist}; client certificate: ${state.clientCertificate}` });
  });

  return {
    origin: `${config.tls ? 'https' : 'http'}://${host}:${address.port}`,
    health,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(pruner);
        providers.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** A JSON body up to `max` bytes; 413 when larger, 400 when not JSON. */
async function readJson(req: IncomingMessage, max: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new RelayRefusal(400, 'bad-request');
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) throw new RelayRefusal(413, 'too-large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new RelayRefusal(413, 'too-large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
  } catch {
    throw new RelayRefusal(400, 'bad-request');
  }
}
