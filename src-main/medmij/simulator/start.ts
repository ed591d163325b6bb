/**
 * `npm run provider-sim [-- --port PORT]`: the local MedMij provider simulator (TEST, fictitious
 * people only), on a port the system picks unless --port says otherwise. Prints the origin, how to
 * point Regie at it (REGIE_MEDMIJ_SIMULATOR), the providers and one line per request.
 */
import '../../common/require-node.mjs';
import { parseArgs } from 'node:util';
import { startProviderSimulator } from './server';

const { values } = parseArgs({ options: { port: { type: 'string' } }, allowPositionals: false });
const out = (line: string) => process.stdout.write(`${line}\n`);

const sim = await startProviderSimulator({
  // No well-known default: Regie never looks for a simulator, it is told where one is.
  port: values.port ? Number(values.port) : 0,
  onRequest: (r) => {
    const q = Object.keys(r.query).length ? `?${new URLSearchParams(Object.entries(r.query).flatMap(([k, vs]) => vs.map((v) => [k, v]))).toString()}` : '';
    // Only paths and parameters of fictitious test data; never bodies or tokens.
    out(`${r.time} ${r.method} ${r.path}${q.length > 200 ? `${q.slice(0, 200)}…` : q} → ${r.status || 'geen antwoord'} (${r.durationMs} ms)`);
  },
});
out(`Zorgaanbieder-simulator (TEST, fictieve gegevens) draait op / is running at:\n  ${sim.origin}`);
out(`Regie gebruikt deze simulator / Regie uses this simulator with: REGIE_MEDMIJ_SIMULATOR=${sim.origin}`);
for (const p of sim.providers) out(`  ${p.name.padEnd(20)} ${p.authorizationEndpoint}  diensten: ${p.serviceIds.join(', ')}`);
out('Stop met Ctrl+C.');

const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
