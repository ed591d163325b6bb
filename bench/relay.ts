/**
 * The relay under load: concurrent fetches (default 50; REGIE_BENCH_RELAY_FETCHES) through one relay
 * running as `npm run relay` runs it, against the test provider with mutual TLS, each fetch the whole
 * desktop protocol (authorize, the browser's login and return, the code's redemption, every query of
 * BgZ, answers decrypted). Baselines in the same run: one fetch alone, and the relay's memory at rest.
 * Peak RSS is the relay process's high-water mark (Linux /proc; elsewhere not measured).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { fetchThroughRelay } from '../tests/helpers/relay-fetch';
import { hasOpenssl, startRelayProcess, startRelayWorld } from '../tests/helpers/relay-world';
import { median, ms } from './stats';

const fetches = Number(process.env.REGIE_BENCH_RELAY_FETCHES ?? 50);
const alone = 5;

/** VmRSS / VmHWM of a process in MB, or null off Linux. */
function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

const mb = (value: number | null) => (value === null ? 'not measured (no /proc)' : `${value.toFixed(0)} MB`);

export async function runRelayBenchmark() {
  const title = `The relay: ${fetches} concurrent fetches (BgZ, STU3) through one relay`;
  if (!hasOpenssl()) return { title, rows: [], notes: ['Skipped: the relay bench makes its test certificates with the openssl binary, which is not installed.'] };
  const dir = mkdtempSync(join(tmpdir(), 'regie-bench-relay-'));
  const home = join(dir, 'relay-home');
  mkdirSync(home);
  const world = await startRelayWorld(dir);
  setDefaultCACertificates([...getCACertificates('default'), world.ca.cert]);
  const unlimited = { perClientPerMinute: 1_000_000, perProviderPerMinute: 1_000_000, maxConcurrent: Math.max(100, fetches * 2) };
  const relay = await startRelayProcess(world.writeConfig('bench', { limits: unlimited }), { home });
  try {
    const fetchOnce = async () => {
      const result = await fetchThroughRelay({ world, relayOrigin: relay.origin });
      if (!result.ok) throw new Error(`a fetch failed at ${result.stage}: ${JSON.stringify(result.reason)}`);
      return result;
    };
    await fetchOnce(); // warm-up: connections, lists, compiled code
    const restingMb = memoryOf(relay.child.pid!, 'VmRSS');
    const times: number[] = [];
    let queries = 0;
    for (let i = 0; i < alone; i++) {
      const start = performance.now();
      queries = (await fetchOnce()).queries;
      times.push(performance.now() - start);
    }
    const one = median(times);

    const start = performance.now();
    const results = await Promise.all(Array.from({ length: fetches }, fetchOnce));
    const seconds = (performance.now() - start) / 1000;
    const peakMb = memoryOf(relay.child.pid!, 'VmHWM');
    const resources = results.reduce((sum, r) => sum + r.resources, 0);
    return {
      title,
      rows: [
        { measure: `one fetch alone (median of ${alone}; ${queries} queries)`, figure: ms(one), baseline: '—' },
        {
          measure: `${fetches} fetches at once: all complete`,
          figure: `${seconds.toFixed(1)} s = ${(fetches / seconds).toFixed(1)} fetches/s`,
          baseline: `one at a time: ${(1000 / one).toFixed(1)} fetches/s`,
        },
        { measure: 'resources decrypted by the desktops', figure: String(resources), baseline: '—' },
        { measure: 'relay peak RSS (high-water mark)', figure: mb(peakMb), baseline: `at rest after one fetch: ${mb(restingMb)}` },
      ],
      notes: [
        'Everything on this machine: the provider (mutual TLS), the relay (its own process), and the desktops (this process), sharing the CPUs.',
      ],
    };
  } finally {
    await relay.stop();
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
