/**
 * `npm run bench`: figures, each with a baseline measured in the same run on the same machine.
 * `npm run bench -- unlock`, `-- records`, `-- sync` or `-- relay` runs one group.
 */
import '../src-main/common/require-node.mjs';
import { runRecordsImportBenchmark } from './records-import';
import { runRelayBenchmark } from './relay';
import { runSyncBenchmark } from './sync';
import { runUnlockBenchmark } from './unlock';

const groups = { unlock: runUnlockBenchmark, records: runRecordsImportBenchmark, sync: runSyncBenchmark, relay: runRelayBenchmark } as const;
const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(groups)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const result = await run();
  console.log(`\n## ${result.title}`);
  console.table(result.rows);
  for (const note of result.notes) console.log(note);
}
