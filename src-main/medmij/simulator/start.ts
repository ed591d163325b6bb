/**
 * `npm run provider-sim [-- --port 8765]`: the local MedMij provider simulator (TEST, fictitious
 * people only). Prints the origin, the providers and one line per request.
 */
import { parseArgs } from 'node:util';
import { startProviderSimulator } from './server';

const { values } = parseArgs({ options: { port: { type: 'string' } }, allowPositionals: false });
const out = (line: string) => process.stdout.write(`${line}\n`);

const sim = await startProviderSimulator({
  // 8765 is where Regie looks for the simulator by default (REGIE_MEDMIJ_SIMULATOR overrides both).
  port: values.port ? Number(values.port) : 8765,
  onRequest: (r) => {
    const q = Object.keys(r.query).length ? `?${new URLSearchParams(Object.entries(r.query).flatMap(([k, vs]) => vs.map((v) => [k, v]))).toString()}` : '';
    // Only paths and parameters of fictitious test data; never bodies or tokens.
    out(`${r.time} ${r.method} ${r.path}${q.length > 200 ? `${q.slice(0, 200)}…` : q} → ${r.status || 'geen antwoord'} (${r.durationMs} ms)`);
  },
});
out(`Zorgaanbieder-simulator (TEST, fictieve gegevens) draait op / is running at:\n  ${sim.origin}`);
out(`Vervang {{SIMULATOR_ORIGIN}} in de voorbeeldlijsten door ${sim.origin}.`);
for (const p of sim.providers) out(`  ${p.name.padEnd(20)} ${p.authorizationEndpoint}  diensten: ${p.serviceIds.join(', ')}`);
out('Stop met Ctrl+C.');

const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
