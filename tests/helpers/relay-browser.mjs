#!/usr/bin/env node
/**
 * A person's browser for the relay tests ($BROWSER for `regie fetch`, or run directly): opens the
 * provider's login page, logs in as a fictitious person, follows the redirect to the relay and from
 * there to Regie's loopback listener, like a browser would. Only 127.0.0.1 is ever contacted: host
 * names in RELAY_TEST_HOSTS ({"zorg.test": PORT, …}, the "hosts file") go to 127.0.0.1 on that port,
 * with TLS checked against the test CA in RELAY_TEST_CA.
 *
 * RELAY_TEST_MODE: login (default) | tamper-state | wait:<ms> | replay | cancel | inject-code:<code>
 * RELAY_TEST_REPORT: a file to append one JSON line to, with each step's status and page title.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { pathToFileURL } from 'node:url';

const toLoopback = (hostname, options, callback) =>
  options && options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);

/**
 * Logs in at `start` (the provider's authorize URL) and follows the way back to Regie.
 * options: { hosts: {name: port}, ca: PEM, mode, person }. Returns each step's host, path, status and title.
 */
export async function browse(start, { hosts = {}, ca, mode = 'login', person: wanted } = {}) {
  const steps = [];
  const request = (target, { method = 'GET', body } = {}) => {
    const url = new URL(target);
    const secure = url.protocol === 'https:';
    const port = secure ? (hosts[url.hostname] ?? Number(url.port || 443)) : Number(url.port || 80);
    if (!secure && url.hostname !== '127.0.0.1') throw new Error(`the test browser only goes to 127.0.0.1, not ${url.hostname}`);
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(
        {
          host: url.hostname,
          port,
          path: `${url.pathname}${url.search}`,
          method,
          headers: { host: url.host, ...(body && { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }) },
          agent: false,
          ...(secure && { ca, servername: url.hostname, lookup: toLoopback }),
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => {
            const title = /<h1>([^<]*)<\/h1>/.exec(text)?.[1] ?? null;
            steps.push({ host: url.host, path: url.pathname, status: res.statusCode, title });
            resolve({ status: res.statusCode, location: res.headers.location ?? null, text });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
  const follow = async (location) => {
    const answer = await request(location);
    if (answer.status === 302 && answer.location) await request(answer.location);
  };
  try {
    if (mode.startsWith('inject-code:')) {
      // Not a login: someone hands the relay a code from elsewhere, with this fetch's state.
      const authorize = new URL(start);
      const back = new URL(authorize.searchParams.get('redirect_uri'));
      back.searchParams.set('state', authorize.searchParams.get('state'));
      back.searchParams.set('code', mode.slice('inject-code:'.length));
      await follow(back);
      return steps;
    }
    const page = await request(start);
    const session = /name="session" value="([^"]+)"/.exec(page.text)?.[1];
    const action = /<form method="post" action="([^"]+)"/.exec(page.text)?.[1];
    const person = wanted ?? /name="person" value="([^"]+)"/.exec(page.text)?.[1];
    if (session && action && person) {
      const form = new URLSearchParams({ session, person, action: mode === 'cancel' ? 'cancel' : 'login' }).toString();
      const posted = await request(new URL(action, start), { method: 'POST', body: form });
      const back = new URL(posted.location);
      if (mode === 'tamper-state') back.searchParams.set('state', `${back.searchParams.get('state').slice(0, -6)}AAAAAA`);
      if (mode.startsWith('wait:')) await new Promise((resolve) => setTimeout(resolve, Number(mode.slice(5))));
      await follow(back);
      if (mode === 'replay') await follow(back);
    }
  } catch (error) {
    steps.push({ error: String(error && error.code ? error.code : error) });
  }
  return steps;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const mode = process.env.RELAY_TEST_MODE ?? 'login';
  const steps = await browse(process.argv[2], {
    hosts: JSON.parse(process.env.RELAY_TEST_HOSTS ?? '{}'),
    ca: process.env.RELAY_TEST_CA ? readFileSync(process.env.RELAY_TEST_CA, 'utf8') : undefined,
    mode,
    person: process.env.RELAY_TEST_PERSON,
  });
  if (process.env.RELAY_TEST_REPORT) appendFileSync(process.env.RELAY_TEST_REPORT, `${JSON.stringify({ mode, steps })}\n`);
}
