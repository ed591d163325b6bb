/**
 * Sync between own devices through a folder. Baseline: writing the same resources as one plain JSON
 * file into the folder and reading it back, the floor of any file-based sync. Measured: initial sync
 * of a large profile to an empty, freshly paired second device (push on the first, pull on the
 * second: encrypt/sign/decrypt, Yjs, bodies, derived tables), bytes in the folder vs plain JSON, the
 * latency of one changed resource (push + pull), and opening the second profile with its Yjs state.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { RecordStore } from '../src-main/records/record-store';
import { SyncEngine } from '../src-main/sync/engine';
import { SyncState } from '../src-main/sync/state';
import { FolderTransport } from '../src-main/sync/transport';
import { openProfileDatabase } from '../src-main/vault/database';
import { generateResources } from './records-import';
import { ms, ratio, timeMedian } from './stats';

/** The issue asks for 100,000 resources (a few minutes); REGIE_BENCH_SYNC_RECORDS=20000 for a quick run. */
const total = Math.min(100_000, Number(process.env.REGIE_BENCH_SYNC_RECORDS ?? 100_000));
const incrementalRuns = 15;

export async function runSyncBenchmark() {
  const dir = mkdtempSync(join(tmpdir(), 'regie-bench-sync-'));
  try {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const resources = generateResources(total);
    const json = JSON.stringify(resources.map((r) => r.json));
    const jsonBytes = Buffer.byteLength(json);

    let start = performance.now();
    writeFileSync(join(dir, 'plain.json'), json);
    JSON.parse(readFileSync(join(dir, 'plain.json'), 'utf8'));
    const baseline = performance.now() - start;

    const device = (name: string) => {
      const db = openProfileDatabase(join(dir, `${name}.db`), randomBytes(32), { create: true });
      const store = RecordStore.open(db);
      const state = new SyncState(db, () => name);
      return { db, store, state, engine: new SyncEngine(store, new FolderTransport(folder), state) };
    };
    const a = device('A');
    const b = device('B');
    const report = a.store.importResources({ kind: 'provider', label: 'Benchmark', provider: 'bench', service: '48' }, resources);
    if (!report.ok) throw new Error('benchmark import failed');
    // Pairing: A shows a code, B asks; A's next round answers it and pushes the whole profile.
    const { code } = a.engine.pairCreate();
    await b.engine.pairJoin(code);
    start = performance.now();
    const pushed = await a.engine.syncOnce();
    const push = performance.now() - start;
    start = performance.now();
    const pulled = await b.engine.syncOnce();
    const pull = performance.now() - start;
    const folderBytes = new FolderTransport(folder).totalBytes();
    if (b.store.list().total !== total || b.store.missingBodies().length > 0) throw new Error('second device incomplete');

    let n = 0;
    const incremental = await timeMedian(incrementalRuns, async () => {
      n += 1;
      a.store.addOwnResource({
        resourceType: 'Observation',
        id: `bench-${n}`,
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '14749-6', display: 'Glucose' }] },
        effectiveDateTime: '2025-01-01',
        valueQuantity: { value: 5 + n / 100, unit: 'mmol/l' },
      });
      await a.engine.syncOnce();
      await b.engine.syncOnce();
    });

    b.store.close();
    const heapBefore = getHeapStatistics().used_heap_size;
    start = performance.now();
    const reopened = RecordStore.open(b.db);
    const reopen = performance.now() - start;
    const heapAfter = getHeapStatistics().used_heap_size;
    const yjsBytes = b.db
      .prepare('SELECT (SELECT coalesce(sum(length(data)), 0) FROM yjs_update) + (SELECT coalesce(sum(length(data)), 0) FROM yjs_snapshot)')
      .pluck()
      .get() as number;
    reopened.close();
    a.store.close();
    a.db.close();
    b.db.close();

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    return {
      title: `Sync of ${total.toLocaleString('en')} resources (${mb(jsonBytes)} JSON) to a second device through a folder`,
      rows: [
        { step: 'baseline: write + read the plain JSON in the folder', time: ms(baseline), 'vs baseline': '1.0×' },
        { step: `initial sync, first device: answer pairing + push (${pushed.pushed.files} files)`, time: ms(push), 'vs baseline': '' },
        { step: 'initial sync, second device: pull (verify, decrypt, Yjs, bodies, derived tables)', time: ms(pull), 'vs baseline': ratio(pull, baseline) },
        { step: `incremental: 1 new resource, push + pull (median of ${incrementalRuns})`, time: ms(incremental), 'vs baseline': '' },
        { step: 'open second profile with its Yjs state', time: ms(reopen), 'vs baseline': '' },
      ],
      notes: [
        `Folder after initial sync: ${mb(folderBytes)} encrypted (${((folderBytes / jsonBytes) * 100).toFixed(0)}% of the plain JSON; originals + normalized bodies, deflated, plus the Yjs snapshot). Pulled ${pulled.pulled.files} files, ${pulled.pulled.bodies.toLocaleString('en')} bodies.`,
        `Second device: Yjs state stored ${mb(yjsBytes)}; V8 heap grew ${mb(Math.max(0, heapAfter - heapBefore))} while opening it.`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
