/**
 * Issue 9.3: two processes (the app and a CLI command) on one profile never lose a write. Each holds
 * its own copy of the Yjs document on its own SQLCipher connection; compaction by one must keep what
 * the other logged. Here: two connections in this process (SQLite locks them like two processes).
 * The same with a real CLI child process is in tests/cli/two-processes.test.ts.
 */
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordDocOf } from '../../src-main/records/doc-model';
import { RecordStore } from '../../src-main/records/record-store';
import { openProfileDatabase, type Database } from '../../src-main/vault/database';
import { condition, counts, glucose, gp, openTestProfile, received, type TestProfile } from './helpers';

describe('two processes on one profile', () => {
  let app: TestProfile;
  let cliDb: Database;
  let cli: RecordStore;
  beforeEach(() => {
    app = openTestProfile({ compaction: { maxUpdates: 50, maxBytes: 8 * 1024 * 1024 } });
    cliDb = openProfileDatabase(app.file, app.key);
    cli = RecordStore.open(cliDb, { compaction: { maxUpdates: 50, maxBytes: 8 * 1024 * 1024 } });
  });
  afterEach(() => {
    cli.close();
    cliDb.close();
    app.remove();
  });

  /** Every record id in the document as a fresh process would load it from disk. */
  function documentRecordIds(): string[] {
    const db = openProfileDatabase(app.file, app.key);
    try {
      const fresh = RecordStore.open(db);
      const ids = [...recordDocOf(fresh.doc).records.keys()].sort();
      fresh.close();
      return ids;
    } finally {
      db.close();
    }
  }

  it('keeps a record the other process wrote when this one compacts afterwards', () => {
    app.store.importResources(gp, [received(condition('c-app', 'Suikerziekte type 2', 'active', '2019-01-01'))]);
    cli.importResources(gp, [received(condition('c-cli', 'Astma', 'active', '2020-01-01'))]);
    // Many app writes: the app's log fills up and it compacts (several times) from its own copy.
    for (let i = 0; i < 120; i++) app.store.markVisited(Date.parse('2025-01-01T00:00:00Z') + i * 60_000);
    const ids = documentRecordIds();
    expect(ids).toHaveLength(2);
    // And the derived tables, rebuilt from the document, still hold both.
    const db = openProfileDatabase(app.file, app.key);
    const fresh = RecordStore.open(db);
    fresh.rebuildDerived();
    expect(fresh.list().items.map((item) => item.title).sort()).toEqual(['Astma', 'Suikerziekte type 2']);
    fresh.close();
    db.close();
  });

  it('loses nothing when both write in turns, with compactions on both sides', () => {
    for (let i = 0; i < 150; i++) {
      const writer = i % 3 === 0 ? cli : app.store;
      // Distinct facts (value and day), so no de-duplication merges them.
      const day = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
      writer.importResources(gp, [received(glucose(`g-${i}`, 4 + i / 100, day))]);
    }
    expect(documentRecordIds()).toHaveLength(150);
    expect(counts(app.db).record).toBe(150);
  });

  it("lets a reader see the other process's writes after refresh()", () => {
    cli.setPersonSetting('ui.colour', { name: 'blauw' });
    cli.importResources(gp, [received(condition('c-cli', 'Astma', 'active', '2020-01-01'))]);
    app.store.refresh();
    expect(recordDocOf(app.store.doc).records.size).toBe(1);
    expect(app.store.doc.getMap('personSettings').get('ui.colour')).toEqual({ name: 'blauw' });
    // Nothing of it is logged twice: the log holds each update once.
    const logged = app.db.prepare('SELECT count(*) FROM yjs_update').pluck().get() as number;
    app.store.refresh();
    expect(app.db.prepare('SELECT count(*) FROM yjs_update').pluck().get()).toBe(logged);
  });

  it("catches up from the other process's snapshot when it compacted past what this one read", () => {
    app.store.importResources(gp, [received(condition('c-app', 'Suikerziekte type 2', 'active', '2019-01-01'))]);
    cli.refresh();
    for (let i = 0; i < 60; i++) cli.importResources(gp, [received(glucose(`g-${i}`, 4 + i / 100, new Date(Date.UTC(2024, 1, 1 + i)).toISOString().slice(0, 10)))]);
    cli.compact();
    app.store.importResources(gp, [received(condition('c-app-2', 'Astma', 'active', '2020-01-01'))]);
    const state = Y.encodeStateVector(app.store.doc);
    expect(state.length).toBeGreaterThan(0);
    expect(recordDocOf(app.store.doc).records.size).toBe(62);
    expect(documentRecordIds()).toHaveLength(62);
  });
});
