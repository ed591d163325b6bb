/**
 * A small MedMij world on 127.0.0.1 for the relay's tests and bench: a test CA standing in for
 * PKIoverheid, the provider simulator behaving like a real provider on its back channel (HTTPS,
 * mutual TLS, whitelist and OAuth client list checked) as `zorg.test`, MedMij's lists for it, and
 * the relay as `relay.regie.test` (in this process, or as `npm run relay` would run it). Host names
 * are only names: every connection goes to 127.0.0.1 (see relay-browser.mjs and the relay's `resolve`).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join, resolve } from 'node:path';
import { loadRelayConfig } from '../../relay/src/config';
import { startRelay, type Relay } from '../../relay/src/server';
import { startProviderSimulator, type ProviderSimulator } from '../../src-main/medmij/simulator/index';
import { hasOpenssl, makeTestCa, type IssuedCertificate, type TestCa } from './test-pki';

export const relayHost = 'relay.regie.test';
export const providerHost = 'zorg.test';
const repo = resolve(import.meta.dirname, '../..');
const samples = join(repo, 'resources/medmij');

export { hasOpenssl };

export interface RelayWorld {
  dir: string;
  ca: TestCa;
  sim: ProviderSimulator;
  listsDir: string;
  certs: {
    provider: IssuedCertificate;
    relayServer: IssuedCertificate;
    relayClient: IssuedCertificate;
    /** Signed by the test CA, but for a host on no list. */
    stranger: IssuedCertificate;
    /** For the relay's own name, but signed by another CA. */
    foreign: IssuedCertificate;
  };
  /** A relay configuration file (JSON) with these changes; returns its path. */
  writeConfig(name: string, changes?: Record<string, unknown>): string;
  /**
   * One HTTPS request to the provider (zorg.test → 127.0.0.1), presenting `client`'s certificate
   * when given, as a PGO node's back channel would.
   */
  call(url: string, options?: { client?: IssuedCertificate; method?: string; body?: string; headers?: Record<string, string> }): Promise<{ status: number; text: string; location: string | null }>;
  /** The environment for relay-browser.mjs, with the relay's port. */
  browserEnv(relayPort: number, extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** Host names on the provider's whitelist (default: the provider and the relay). */
  whitelist?: string[];
  /** client_ids on the provider's OAuth client list (default: the relay). */
  clients?: string[];
  tokenTtlMs?: number;
}

export async function startRelayWorld(dir: string, options: WorldOptions = {}): Promise<RelayWorld> {
  const ca = makeTestCa(dir, 'Test-PKIoverheid');
  const other = makeTestCa(dir, 'Other-CA');
  const certs = {
    provider: ca.issue('provider', { dns: [providerHost], ip: ['127.0.0.1'] }),
    relayServer: ca.issue('relay-server', { dns: [relayHost], ip: ['127.0.0.1'] }),
    relayClient: ca.issue('relay-client', { dns: [relayHost] }),
    stranger: ca.issue('stranger', { dns: ['stranger.regie.test'] }),
    foreign: other.issue('foreign', { dns: [relayHost] }),
  };
  const sim = await startProviderSimulator({
    clients: options.clients ?? [relayHost],
    ...(options.tokenTtlMs !== undefined && { tokenTtlMs: options.tokenTtlMs }),
    mutualTls: {
      cert: certs.provider.cert,
      key: certs.provider.key,
      clientCa: ca.cert,
      whitelist: options.whitelist ?? [providerHost, relayHost],
      publicHost: providerHost,
    },
  });
  const listsDir = join(dir, 'lists');
  mkdirSync(listsDir, { recursive: true });
  writeLists(listsDir, sim.port, options.whitelist ?? [providerHost, relayHost], options.clients ?? [relayHost]);

  return {
    dir,
    ca,
    sim,
    listsDir,
    certs,
    writeConfig(name, changes = {}) {
      const file = join(dir, `${name}.json`);
      const config = {
        hostname: relayHost,
        listen: '127.0.0.1:0',
        tls: { cert: certs.relayServer.certPath, key: certs.relayServer.keyPath },
        clientCertificate: { cert: certs.relayClient.certPath, key: certs.relayClient.keyPath },
        providerCa: ca.certPath,
        lists: listsDir,
        resolve: { [providerHost]: '127.0.0.1' },
        ...changes,
      };
      for (const [key, value] of Object.entries(config)) if (value === null) delete (config as Record<string, unknown>)[key];
      writeFileSync(file, JSON.stringify(config, null, 2));
      return file;
    },
    call(url, { client, method = 'GET', body, headers = {} } = {}) {
      return new Promise((resolveCall, reject) => {
        const req = request(
          url,
          {
            method,
            headers: { ...headers, ...(body !== undefined && { 'Content-Length': Buffer.byteLength(body) }) },
            ca: ca.cert,
            agent: false,
            lookup: (_host, opts, callback) =>
              opts.all ? (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4),
            ...(client && { cert: client.cert, key: client.key }),
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolveCall({ status: res.statusCode ?? 0, text, location: res.headers.location ?? null }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    browserEnv(relayPort, extra = {}) {
      return {
        RELAY_TEST_HOSTS: JSON.stringify({ [providerHost]: sim.port, [relayHost]: relayPort }),
        RELAY_TEST_CA: ca.certPath,
        ...extra,
      };
    },
    close: () => sim.close(),
  };
}

/**
 * The sample lists, pointing at the provider as `zorg.test`: its front channel on the usual port
 * (as MedMij's list format demands), its back channel on the simulator's; the relay on the whitelist
 * and the OAuth client list.
 */
function writeLists(dir: string, port: number, whitelist: string[], clients: string[]): void {
  const zal = readFileSync(join(samples, 'zorgaanbiederslijst.xml'), 'utf8')
    .replaceAll('<AuthorizationEndpointuri>{{SIMULATOR_ORIGIN}}', `<AuthorizationEndpointuri>https://${providerHost}`)
    .replaceAll('{{SIMULATOR_ORIGIN}}', `https://${providerHost}:${port}`);
  writeFileSync(join(dir, 'zorgaanbiederslijst.xml'), zal);
  const nodes = whitelist.map((host) => `    <MedMijNode>\n      <Hostname>${host}</Hostname>\n    </MedMijNode>`).join('\n');
  writeFileSync(
    join(dir, 'whitelist.xml'),
    readFileSync(join(samples, 'whitelist.xml'), 'utf8').replace(/<MedMijNodes>[\s\S]*<\/MedMijNodes>/, `<MedMijNodes>\n${nodes}\n  </MedMijNodes>`),
  );
  const clientsXml = clients
    .map((host) => `    <OAuthclient>\n      <Hostname>${host}</Hostname>\n      <OAuthclientOrganisatienaam>Regie-relay (TEST)</OAuthclientOrganisatienaam>\n    </OAuthclient>`)
    .join('\n');
  writeFileSync(
    join(dir, 'oauthclientlist.xml'),
    readFileSync(join(samples, 'oauthclientlist.xml'), 'utf8').replace(/<OAuthclients>[\s\S]*<\/OAuthclients>/, `<OAuthclients>\n${clientsXml}\n  </OAuthclients>`),
  );
  for (const file of ['gegevensdienstnamenlijst.xml', 'zorgaanbieders-weergave.json']) {
    writeFileSync(join(dir, file), readFileSync(join(samples, file)));
  }
}

/** The relay in this process, from a configuration file of the world. */
export async function startRelayInProcess(configFile: string, options: { now?: () => number; log?: (line: string) => void } = {}): Promise<Relay> {
  return startRelay(loadRelayConfig({ file: configFile, env: {} }), {
    ...(options.now && { now: options.now }),
    ...(options.log && { log: (entry) => options.log!(JSON.stringify(entry)) }),
  });
}

export interface RelayProcess {
  child: ChildProcessWithoutNullStreams;
  origin: string;
  port: number;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** The inspector's WebSocket URL, when started with inspect. */
  inspector: string | null;
  stop(): Promise<void>;
}

/** The relay as `npm run relay -- --config FILE` runs it, in a child process with its own HOME and TMPDIR. */
export async function startRelayProcess(configFile: string, options: { home: string; inspect?: boolean } = { home: '' }): Promise<RelayProcess> {
  const child = spawn(
    process.execPath,
    [...(options.inspect ? ['--inspect=127.0.0.1:0'] : []), '--import', 'tsx', 'relay/start.ts', '--config', configFile],
    {
      cwd: repo,
      // tsx's compile cache would be the only file in TMPDIR: off, so that any file there is the relay's.
      env: { PATH: process.env.PATH ?? '', HOME: options.home, TMPDIR: options.home, LANG: 'C.UTF-8', TSX_DISABLE_CACHE: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const started = await new Promise<{ origin: string; inspector: string | null }>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start:\n${out}`)), 30_000);
    const check = () => {
      const origin = /listening on (https?:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(out)?.[1] ?? null;
      if (origin && (!options.inspect || inspector)) {
        clearTimeout(timer);
        resolvePromise({ origin, inspector });
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited (${code}):\n${out}`));
    });
  });
  return {
    child,
    origin: started.origin,
    port: Number(new URL(started.origin).port),
    inspector: started.inspector,
    output: () => out,
    stop: () =>
      new Promise<void>((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
      }),
  };
}

/** For the CLI tests: the world in <dir>/world, the relay as a process (HOME <dir>/relay-home) and the test browser as an executable. */
export async function startRelayCliWorld(dir: string, relayOptions: { inspect?: boolean } = {}) {
  mkdirSync(join(dir, 'world'));
  const world = await startRelayWorld(join(dir, 'world'));
  const relayHome = join(dir, 'relay-home');
  mkdirSync(relayHome);
  const relay = await startRelayProcess(world.writeConfig('relay'), { home: relayHome, ...relayOptions });
  const browser = join(dir, 'browser.mjs');
  copyFileSync(join(import.meta.dirname, 'relay-browser.mjs'), browser);
  chmodSync(browser, 0o755);
  return { world, relay, relayHome, browser };
}

/**
 * Every string in the process's JavaScript heap after a full garbage collection, through the
 * inspector (HeapProfiler): what the relay still holds in memory.
 */
export async function heapStrings(inspectorUrl: string): Promise<string[]> {
  const socket = new WebSocket(inspectorUrl);
  await new Promise<void>((resolveOpen, reject) => {
    socket.addEventListener('open', () => resolveOpen(), { once: true });
    socket.addEventListener('error', () => reject(new Error('inspector unreachable')), { once: true });
  });
  let id = 0;
  const chunks: string[] = [];
  const pending = new Map<number, () => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; method?: string; params?: { chunk?: string } };
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(message.params!.chunk!);
    if (message.id !== undefined) pending.get(message.id)?.();
  });
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<void>((resolveSend) => {
      const messageId = ++id;
      pending.set(messageId, resolveSend);
      socket.send(JSON.stringify({ id: messageId, method, params }));
    });
  await send('HeapProfiler.enable');
  await send('HeapProfiler.collectGarbage');
  await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  socket.close();
  return (JSON.parse(chunks.join('')) as { strings: string[] }).strings;
}
