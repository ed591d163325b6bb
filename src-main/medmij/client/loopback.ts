/**
 * The loopback redirect of RFC 8252 §7.3: a one-shot HTTP listener on 127.0.0.1 (never a public
 * interface, never "localhost", which may resolve elsewhere) on a port the OS picks. It accepts
 * exactly one callback that carries the expected `state`, shows a page telling the person to return
 * to Regie, and closes. A callback with the wrong state gets an error page and does not end the
 * wait: it cannot inject a code, and letting it end the wait would let any local web page cancel a
 * login. It stops at the timeout, on close(), or after the one accepted callback.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const callbackPath = '/medmij/callback';
export const defaultLoginTimeoutMs = 10 * 60_000;

export type LoopbackResult =
  | { ok: true; code: string }
  | { ok: false; kind: 'access-denied' }
  | { ok: false; kind: 'error'; error: string }
  | { ok: false; kind: 'timeout' }
  | { ok: false; kind: 'closed' };

export interface LoopbackOptions {
  state: string;
  timeoutMs?: number;
}

export interface Loopback {
  /** http://127.0.0.1:<port>/medmij/callback */
  readonly redirectUri: string;
  /** Settles once: the code, or why there is none. */
  readonly result: Promise<LoopbackResult>;
  /** Stops listening; a pending result settles as 'closed'. */
  close(): void;
}

type PageKind = 'done' | 'denied' | 'failed' | 'wrong-state' | 'used' | 'not-found';

export async function startLoopback(options: LoopbackOptions): Promise<Loopback> {
  const timeoutMs = options.timeoutMs ?? defaultLoginTimeoutMs;
  let settle!: (result: LoopbackResult) => void;
  let settled = false;
  const result = new Promise<LoopbackResult>((resolve) => {
    settle = (value) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
  });
  let port = 0;

  const server = createServer((req, res) => {
    const page = handle(req);
    send(res, page);
    // After the one accepted (or final) callback nothing else is served: stop accepting, and drop
    // idle keep-alive connections once this response is out.
    if (settled) res.on('finish', () => shutdown());
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;

  function handle(req: IncomingMessage): { status: number; kind: PageKind } {
    if (settled) return { status: 410, kind: 'used' };
    // A request for another host name (DNS rebinding) or path is not the callback.
    if (req.method !== 'GET' || req.headers.host !== `127.0.0.1:${port}`) return { status: 404, kind: 'not-found' };
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== callbackPath) return { status: 404, kind: 'not-found' };
    const params = url.searchParams;
    if (params.getAll('state').length !== 1 || !sameSecret(params.get('state') ?? '', options.state)) {
      return { status: 400, kind: 'wrong-state' };
    }
    const error = params.get('error');
    if (error !== null) {
      settle(error === 'access_denied' ? { ok: false, kind: 'access-denied' } : { ok: false, kind: 'error', error: safeCode(error) });
      return { status: 200, kind: error === 'access_denied' ? 'denied' : 'failed' };
    }
    const codes = params.getAll('code');
    if (codes.length !== 1 || !codes[0] || codes[0].length > 2048) {
      settle({ ok: false, kind: 'error', error: 'invalid_response' });
      return { status: 400, kind: 'failed' };
    }
    settle({ ok: true, code: codes[0] });
    return { status: 200, kind: 'done' };
  }

  let closed = false;
  function shutdown(): void {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    server.close();
    server.closeIdleConnections();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const timer = setTimeout(() => {
    settle({ ok: false, kind: 'timeout' });
    shutdown();
  }, timeoutMs);
  timer.unref();

  return {
    redirectUri: `http://127.0.0.1:${port}${callbackPath}`,
    result,
    close() {
      settle({ ok: false, kind: 'closed' });
      shutdown();
      server.closeAllConnections();
    },
  };
}

/** Compares without leaking through timing how much of the state matched. */
function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return ha.equals(hb) && a.length === b.length;
}

/** An OAuth error code as RFC 6749 allows it (%x20-21 / %x23-5B / %x5D-7E), shortened; nothing else passes. */
function safeCode(value: string): string {
  const cleaned = value.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '').slice(0, 64);
  return cleaned || 'error';
}

const texts: Record<PageKind, { nl: [string, string]; en: [string, string] }> = {
  done: {
    nl: ['Gelukt', 'U bent ingelogd. U kunt dit tabblad sluiten en teruggaan naar Regie; Regie haalt uw gegevens nu op.'],
    en: ['Done', 'You are logged in. You can close this tab and return to Regie; Regie is retrieving your data now.'],
  },
  denied: {
    nl: ['Geen toestemming', 'Er is geen toestemming gegeven, dus Regie haalt niets op. U kunt dit tabblad sluiten en teruggaan naar Regie.'],
    en: ['No permission', 'No permission was given, so Regie retrieves nothing. You can close this tab and return to Regie.'],
  },
  failed: {
    nl: ['Inloggen mislukt', 'Het inloggen bij de zorgaanbieder is mislukt. U kunt dit tabblad sluiten en in Regie opnieuw beginnen.'],
    en: ['Login failed', 'Logging in at the care provider failed. You can close this tab and start again in Regie.'],
  },
  'wrong-state': {
    nl: ['Onbekend verzoek', 'Deze terugkeer hoort niet bij een inlogpoging van Regie en is genegeerd. Begin het ophalen in Regie.'],
    en: ['Unknown request', 'This return does not belong to a login started by Regie and was ignored. Start retrieving in Regie.'],
  },
  used: {
    nl: ['Al afgehandeld', 'Deze inlogpoging is al afgehandeld. U kunt dit tabblad sluiten en teruggaan naar Regie.'],
    en: ['Already handled', 'This login has already been handled. You can close this tab and return to Regie.'],
  },
  'not-found': {
    nl: ['Niet gevonden', 'Deze pagina bestaat niet.'],
    en: ['Not found', 'This page does not exist.'],
  },
};

const style = 'body{font:16px/1.5 system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;color:#1a1a1a}h1{font-size:1.4em}hr{margin:2em 0}';
const styleHash = createHash('sha256').update(style).digest('base64');
const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res: ServerResponse, { status, kind }: { status: number; kind: PageKind }): void {
  sendNoticePage(res, status, texts[kind]);
}

/** A page with one Dutch and one English notice (title, text): no scripts, nothing external, not cached. */
export function sendNoticePage(
  res: ServerResponse,
  status: number,
  { nl, en }: { nl: [string, string]; en: [string, string] },
  headers: Record<string, string> = {},
): void {
  const body = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Regie — ${escapeHtml(nl[0])} / ${escapeHtml(en[0])}</title><style>${style}</style></head>
<body><main>
<h1>${escapeHtml(nl[0])}</h1><p>${escapeHtml(nl[1])}</p>
<hr>
<section lang="en"><h2>${escapeHtml(en[0])}</h2><p>${escapeHtml(en[1])}</p></section>
</main></body></html>
`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
    Connection: 'close',
    ...headers,
  });
  res.end(body);
}
