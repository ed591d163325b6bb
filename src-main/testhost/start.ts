/**
 * `npm run start:browser`: Regie in an ordinary browser on this computer, for trying the app
 * without Electron. Profiles live in --data-dir (default: .regie-dev-data in the repo).
 */
import '../common/require-node.mjs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startTestHost } from './server';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' } },
  allowPositionals: false,
});
const dataDir = resolve(values['data-dir'] ?? '.regie-dev-data');
// The fictitious practice providers start inside this process, on a port the system picks (see practice.ts).
const host = await startTestHost({ dataDir, port: values.port ? Number(values.port) : 0, medmij: { practiceProvider: true } });
console.log(`Regie draait op / is running at:\n  ${host.url}\nProfielen / profiles: ${dataDir}\nStop met Ctrl+C.`);

const stop = () => void host.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
