/**
 * Chooses how the renderer talks to the core: Electron's preload bridge (`window.regie`) or,
 * in a plain browser, the loopback test host over HTTP with a bearer token.
 * Only the token is ever kept in sessionStorage; no health or profile data is stored in the browser.
 */
import type { CallResult, EventMessage, Method, RegieApi, Request } from '../../../src-preload/contract/api';

declare global {
  interface Window {
    regie?: RegieApi;
  }
}

const TOKEN_KEY = 'regie.testhost.token';
const RECONNECT_MIN_MS = 1000;
const RECONNECT_MAX_MS = 10_000;

export class MissingTokenError extends Error {
  constructor() {
    super('missing-token');
    this.name = 'MissingTokenError';
  }
}

export function createTransport(): RegieApi {
  if (window.regie) return window.regie;
  const token = takeToken();
  if (!token) throw new MissingTokenError();
  return createHttpTransport(token);
}

/** Reads `#token=…` once, removes it from the address bar and keeps it for reloads in this tab. */
function takeToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(history.state, '', location.pathname + location.search);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function isCallResult(value: unknown): value is CallResult<Method> {
  return typeof value === 'object' && value !== null && 'ok' in value;
}

function createHttpTransport(token: string): RegieApi {
  const headers = { Authorization: `Bearer ${token}` };
  const listeners = new Set<(message: EventMessage) => void>();
  let streaming = false;

  const dispatch = (message: EventMessage) => {
    for (const listener of [...listeners]) listener(message);
  };

  async function readStream(): Promise<void> {
    let attempt = 0;
    let connectedBefore = false;
    while (listeners.size > 0) {
      try {
        const response = await fetch('/api/events', { headers, cache: 'no-store' });
        if (!response.ok || !response.body) throw new Error(`events ${response.status}`);
        if (connectedBefore) {
          // Events may have been missed while disconnected: let the app refresh what it shows.
          dispatch({ event: 'profiles.changed', payload: {} });
        }
        connectedBefore = true;
        attempt = 0;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer = (buffer + value).replace(/\r\n/g, '\n');
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block
              .split('\n')
              .filter((line) => line.startsWith('data:'))
              .map((line) => line.slice(5).replace(/^ /, ''))
              .join('\n');
            if (!data) continue;
            try {
              dispatch(JSON.parse(data) as EventMessage);
            } catch {
              // A malformed message is skipped; the stream itself stays usable.
            }
          }
        }
      } catch {
        // Connection refused or dropped: retry below.
      }
      attempt += 1;
      const wait = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** Math.min(attempt - 1, 4));
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    streaming = false;
  }

  return {
    async call<M extends Method>(method: M, request: Request<M>): Promise<CallResult<M>> {
      const response = await fetch('/api/call', {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ method, request }),
        cache: 'no-store',
      });
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = null;
      }
      if (isCallResult(body)) return body as CallResult<M>;
      return { ok: false, error: { code: 'internal' } };
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!streaming) {
        streaming = true;
        void readStream();
      }
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
