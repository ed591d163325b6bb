/**
 * `npm run bench`: figures, each with a baseline measured in the same run on the same machine.
 * Later issues add import, timeline, search and sync benchmarks here.
 */
import { runUnlockBenchmark } from './unlock';

const results = [await runUnlockBenchmark()];
for (const result of results) {
  console.log(`\n## ${result.title}`);
  console.table(result.rows);
  for (const note of result.notes) console.log(note);
}
