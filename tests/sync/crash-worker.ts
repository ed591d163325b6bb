/**
 * A child process for the kill tests (crash.test.ts): unlocks a real profile, prints "ready", then
 * does one kind of work in a loop until it is killed, printing "ack <what>" after each write has
 * committed (what the person would have been told is saved).
 *
 * env: REGIE_CRASH_DIR, _PROFILE, _PASSWORD, _TOTP (base32 secret), _NOW (virtual ms for the
 * authenticator code), _MODE (import | push | pull | compact), _RUN (a number that makes ids unique).
 */
import { TOTP } from 'otpauth';
import { RecordStores } from '../../src-main/core/record-stores';
import { SyncEngine } from '../../src-main/sync/engine';
import { SyncService } from '../../src-main/sync/service';
import { SyncState } from '../../src-main/sync/state';
import { FolderTransport } from '../../src-main/sync/transport';
import { fastKdfParams } from '../../src-main/vault/kdf';
import { Vault } from '../../src-main/vault/vault';
import { crashBatch, crashTuning, ownMeasurement } from './crash-data';

const env = (name: string) => {
  const value = process.env[`REGIE_CRASH_${name}`];
  if (value === undefined) throw new Error(`REGIE_CRASH_${name} missing`);
  return value;
};

const now = Number(env('NOW'));
const vault = new Vault({ dataDir: env('DIR'), kdf: fastKdfParams, now: () => now });
const profileId = env('PROFILE');
const code = new TOTP({ secret: env('TOTP') }).generate({ timestamp: now });
await vault.unlock(profileId, env('PASSWORD'), code);
const stores = new RecordStores(vault);
const sync = new SyncService({ vault, recordStores: stores, engine: crashTuning });
const store = stores.of(profileId);
const run = env('RUN');
process.stdout.write('ready\n');

for (let i = 0; ; i += 1) {
  switch (env('MODE')) {
    case 'import':
      store.importResources({ kind: 'file', label: `batch ${run}-${i}.json` }, crashBatch(`${run}-${i}`));
      process.stdout.write(`ack ${run}-${i}\n`);
      break;
    case 'push':
      store.importResources({ kind: 'file', label: `batch ${run}-${i}.json` }, crashBatch(`${run}-${i}`, 40));
      store.addOwnResource(ownMeasurement(`${run}-${i}`));
      process.stdout.write(`ack ${run}-${i}\n`);
      await sync.syncNow(profileId);
      break;
    case 'pull':
      await sync.syncNow(profileId);
      break;
    case 'compact': {
      store.addOwnResource(ownMeasurement(`${run}-${i}`));
      process.stdout.write(`ack ${run}-${i}\n`);
      const db = vault.database(profileId);
      const state = new SyncState(db);
      const engine = new SyncEngine(store, new FolderTransport(state.folder()!), state, { ...crashTuning, bodyCompactionEvery: 1 });
      await engine.syncOnce();
      await engine.compactNow();
      break;
    }
    default:
      throw new Error('unknown mode');
  }
}
