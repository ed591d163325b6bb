/**
 * The loopback test host: serves the built renderer to an ordinary browser on 127.0.0.1 and exposes
 * the same core API over HTTP, guarded by a random token. Used by the Chromium E2E suite and by
 * `npm run start:browser`. Binds to loopback only and checks Host/Origin against DNS rebinding.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { EventMessage } from '../../src-preload/contract/api';
import { readRendererFile } from '../common/renderer-files';
import { securityHeaders } from '../common/security-headers';
import { createCore, type Core, type CoreOptions, type MedmijOptions } from '../core/create-core';
import type { KdfParams } from '../vault/kdf';

export interface TestHostOptions {
  dataDir: string;
  /** The built renderer (default: out/renderer). */
  rendererDir?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  kdf?: KdfParams;
  idleLockMsOverride?: number;
  /** MedMij retrieval (lists, simulator origin, timeouts); passed to the core unchanged. */
  medmij?: MedmijOptions;
  /** Background sync rounds (default on, with the core's timings). */
  backgroundSync?: CoreOptions['backgroundSync'];
}

export interface TestHost {
  /** Open this in a browser: the token travels in the fragment, never to a server log. */
  url: string;
  origin: string;
  token: string;
  core: Core;
  close(): Promise<void>;
}

// Room for a 100 MB import file as base64 in one call; the FHIR layer enforces the real limit.
const maxBodyBytes = 160 * 1024 * 1024;

export async function startTestHost(options: TestHostOptions): Promise<TestHost> {
  const rendererDir = resolve(options.rendererDir ?? 'out/renderer');
  const token = randomBytes(32).toString('base64url');
  const core = createCore({
    dataDir: options.dataDir,
    host: 'browser',
    ...(options.kdf && { kdf: options.kdf }),
    ...(options.idleLockMsOverride !== undefined && { idleLockMsOverride: options.idleLockMsOverride }),
    ...(options.medmij && { medmij: options.medmij }),
    // Background sync runs in the core, as in the app (tests may tune or switch it off).
    backgroundSync: options.backgroundSync ?? true,
  });
  const eventStreams = new Set<ServerResponse>();
  const unsubscribe = core.onEvent((message: EventMessage) => {
    for (const stream of eventStreams) stream.write(`data: ${JSON.stringify(message)}\n\n`);
  });

  let origin = '';
  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'text/plain', 'internal error'));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (`http://${host}` !== origin) return send(res, 421, 'text/plain', 'wrong host');
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname.startsWith('/api/')) {
      if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, 403, 'text/plain', 'forbidden');
      if (!hasToken(req)) return send(res, 401, 'text/plain', 'unauthorized');
      if (req.method === 'POST' && url.pathname === '/api/call') return handleCall(req, res);
      if (req.method === 'GET' && url.pathname === '/api/events') return openEventStream(req, res);
      return send(res, 404, 'text/plain', 'not found');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    const file = await readRendererFile(rendererDir, url.pathname);
    if (!file) return send(res, 404, 'text/plain', 'renderer not built: run npm run build');
    send(res, 200, file.contentType, file.body);
  }

  function hasToken(req: IncomingMessage): boolean {
    const given = Buffer.from((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    let message: { method?: unknown; request?: unknown };
    try {
      message = body === null ? {} : JSON.parse(body);
    } catch {
      message = {};
    }
    const result =
      typeof message.method === 'string'
        ? await core.call(message.method as never, message.request)
        : { ok: false, error: { code: 'invalid-request' } };
    send(res, 200, 'application/json', JSON.stringify(result));
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    eventStreams.add(res);
    req.on('close', () => eventStreams.delete(res));
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    core,
    async close() {
      unsubscribe();
      for (const stream of eventStreams) stream.end();
      core.shutdown();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        resolveBody(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolveBody(null));
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { ...securityHeaders, 'Content-Type': contentType });
  res.end(body);
}
