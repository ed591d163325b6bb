/**
 * `npm run relay [-- --config FILE]`: Regie's MedMij relay. Configuration from the file (or
 * REGIE_RELAY_CONFIG) and REGIE_RELAY_* environment variables; see relay/README.md. Logs one JSON
 * line per request to stdout (never bodies, tokens, codes or query strings); stops on SIGINT/SIGTERM.
 */
import '../src-main/common/require-node.mjs';
import { parseArgs } from 'node:util';
import { loadRelayConfig, RelayConfigError } from './src/config';
import { jsonLineLog } from './src/log';
import { startRelay } from './src/server';

const { values } = parseArgs({ options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false });
if (values.help) {
  process.stdout.write('Usage: npm run relay -- [--config relay.json]   (see relay/README.md)\n');
  process.exit(0);
}

let config;
try {
  config = loadRelayConfig(values.config !== undefined ? { file: values.config } : {});
} catch (error) {
  process.stderr.write(`regie-relay: ${error instanceof RelayConfigError ? error.message : 'cannot start'}\n`);
  process.exit(2);
}

const log = jsonLineLog();
const relay = await startRelay(config, { log });
log({
  event: 'start',
  note: `listening on ${relay.origin} as ${config.hostname}; redirect_uri ${config.redirectUri}${config.secretConfigured ? '' : '; no secret configured: one instance only'}`,
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void relay.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
