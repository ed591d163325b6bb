/**
 * One side of the records bench in its own process (see records-import.ts), so its peak RSS is its
 * own: `baseline FILE…` parses the Bundle files and inserts one row per resource into a bare
 * SQLCipher table (one transaction; like the import, without the checkpoint after it); `import
 * FILE…` imports them the way `regie import` does (one atomic import), with the stage clock
 * running, then waits for its background checkpoint; `import+queries FILE…` then times the reads on
 * the imported profile; `import-each FILE…` imports them the way `regie import` does without
 * --all-or-nothing (each file read from disk when its turn comes and imported in a transaction of its
 * own), for the peak RSS of a run that streams its files. Prints one line of JSON.
 */
import '../src-main/common/require-node.mjs';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startStageClock, stopStageClock } from '../src-main/common/stage-clock';
import { ImportRun } from '../src-main/import/import-run';
import { importFiles } from '../src-main/records/import-files';
import { RecordStore } from '../src-main/records/record-store';
import { releaseBackgroundConnection } from '../src-main/vault/background-checkpoint';
import { openProfileDatabase } from '../src-main/vault/database';
import { BareTable } from './bare-limit';
import type { WorkerResult } from './records-import';
import { timeMedian } from './stats';

const [mode, ...files] = process.argv.slice(2);
const modes = ['baseline', 'import', 'import+queries', 'import-each'];
if (files.length === 0 || !modes.includes(mode!)) {
  process.stderr.write(`usage: records-import-worker.ts ${modes.join('|')} FILE…\n`);
  process.exit(2);
}
const queryRuns = 50;
const dir = mkdtempSync(join(tmpdir(), 'regie-bench-worker-'));
const key = randomBytes(32);
const peakRss = () => process.resourceUsage().maxRSS * 1024;
/** CPU time (user + system) since `start`: on a machine others use too, it varies less than wall time. */
const cpuSince = (start: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
};

function baseline(): WorkerResult {
  const table = BareTable.create(join(dir, 'baseline.db'));
  const contents = files.map((file) => readFileSync(file));
  const rssBefore = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const start = performance.now();
  table.store(
    (function* () {
      for (const bytes of contents) yield bytes.toString('utf8');
    })(),
    (bundle) => (bundle as { entry: Array<{ resource: { resourceType: string; id: string } }> }).entry.map((entry) => entry.resource),
  );
  const elapsed = performance.now() - start;
  const cpuMs = cpuSince(cpu);
  table.close();
  return { ms: elapsed, cpuMs, peakRss: peakRss(), rssBefore };
}

async function importFile(withQueries: boolean): Promise<WorkerResult> {
  const db = openProfileDatabase(join(dir, 'profile.db'), key, { create: true });
  const store = RecordStore.open(db);
  const contents = files.map((file, i) => ({ name: `bundle-${i + 1}.json`, content: readFileSync(file) }));
  const rssBefore = process.memoryUsage().rss;
  startStageClock();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const report = importFiles(store, contents);
  const elapsed = performance.now() - start;
  const cpuMs = cpuSince(cpu);
  const stages = stopStageClock();
  if (!report.ok || report.created === 0) throw new Error(`benchmark import failed: ${JSON.stringify(report).slice(0, 500)}`);
  // The import is committed (durable in the WAL); copying it into the database file runs on a worker
  // afterwards. Waited for here, so it is reported and the reads below do not run beside it.
  const checkpointStart = performance.now();
  releaseBackgroundConnection(db);
  const checkpointMs = performance.now() - checkpointStart;
  const result: WorkerResult = { ms: elapsed, cpuMs, peakRss: peakRss(), rssBefore, stages, checkpointMs };
  if (withQueries) {
    const total = report.created;
    const queries: Record<string, number> = {};
    queries[`timeline first page, 100 rows (median of ${queryRuns})`] = await timeMedian(queryRuns, () => store.list({ limit: 100 }));
    queries[`section "lab" first page (median of ${queryRuns})`] = await timeMedian(queryRuns, () => store.list({ section: 'lab', limit: 100 }));
    const deep = Math.floor(total * 0.9);
    queries[`timeline page at offset ${deep.toLocaleString('en')} (median of ${queryRuns})`] = await timeMedian(queryRuns, () => store.list({ offset: deep, limit: 100 }));
    queries[`search "glucose", 50 of many (median of ${queryRuns})`] = await timeMedian(queryRuns, () => store.search({ query: 'glucose', limit: 50 }));
    queries[`search "ontslagbrief cardiologie" (median of ${queryRuns})`] = await timeMedian(queryRuns, () => store.search({ query: 'ontslagbrief cardiologie', limit: 50 }));
    // Medicatie groups every medication record by medicine; Overzicht reuses that answer until the next write.
    const medicationCount = db.prepare("SELECT count(*) FROM record WHERE resource_type LIKE 'Medication%' AND resource_type <> 'Medication'").pluck().get() as number;
    let start = performance.now();
    store.medication();
    queries[`Medicatie: ${medicationCount.toLocaleString('en')} medication records by medicine, first load`] = performance.now() - start;
    queries[`overview (median of ${queryRuns}; medication reused)`] = await timeMedian(queryRuns, () => store.overview());
    store.close();
    start = performance.now();
    RecordStore.open(db).close();
    queries['reopen: load Yjs snapshot + log'] = performance.now() - start;
    const sizes = db
      .prepare(
        `SELECT (SELECT coalesce(sum(length(data)), 0) FROM yjs_update) + (SELECT coalesce(sum(length(data)), 0) FROM yjs_snapshot) AS yjs,
                (SELECT sum(length(data)) FROM body) AS bodies`,
      )
      .get() as { yjs: number; bodies: number };
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    result.queries = queries;
    result.notes = [`Stored: Yjs state ${mb(sizes.yjs)}, deflated bodies (normalized + original) ${mb(sizes.bodies)}.`];
  } else {
    store.close();
  }
  db.close();
  return result;
}

/** The files as `regie import PATH…` imports them by default: one at a time, each in its own transaction. */
async function importEach(): Promise<WorkerResult> {
  const db = openProfileDatabase(join(dir, 'profile.db'), key, { create: true });
  const store = RecordStore.open(db);
  const rssBefore = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const run = new ImportRun({ store: () => store, now: () => Date.now(), representationBirthDate: () => null, progress: () => {} }, {});
  await run.importPaths(files);
  const report = run.finish();
  const elapsed = performance.now() - start;
  const cpuMs = cpuSince(cpu);
  if (report.counts.imported !== files.length) throw new Error(`benchmark import failed: ${JSON.stringify(report.files).slice(0, 500)}`);
  releaseBackgroundConnection(db);
  store.close();
  db.close();
  return { ms: elapsed, cpuMs, peakRss: peakRss(), rssBefore };
}

try {
  const result = mode === 'baseline' ? baseline() : mode === 'import-each' ? await importEach() : await importFile(mode === 'import+queries');
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
