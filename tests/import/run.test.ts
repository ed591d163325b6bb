/**
 * ImportRun on its own: the all-or-nothing memory bound, a browser upload of an archive too large
 * to hold, and system files in an uploaded folder passed over without their bytes being sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RecordStores } from '../../src-main/core/record-stores';
import { ImportRun, type ImportRunDeps } from '../../src-main/import/import-run';
import { ImportSessions } from '../../src-main/import/import-sessions';
import { openTestProfile, type TestProfile } from '../records/helpers';
import { heartRate, ok, openCore, recordCount, type TestCore } from './helpers';

let profile: TestProfile | undefined;
let t: TestCore | undefined;
afterEach(() => {
  profile?.remove();
  t?.remove();
  profile = undefined;
  t = undefined;
});

const deps = (p: TestProfile, extra: Partial<ImportRunDeps> = {}): ImportRunDeps => ({
  store: () => p.store,
  now: () => Date.now(),
  representationBirthDate: () => null,
  progress: () => undefined,
  ...extra,
});

describe('ImportRun', () => {
  it('all or nothing: more input than one transaction may hold stores nothing and says why', async () => {
    profile = openTestProfile();
    const run = new ImportRun(deps(profile, { maxAllOrNothingBytes: 600 }), { allOrNothing: true });
    await run.importUpload('a.json', Buffer.from(heartRate(1)));
    await run.importUpload('b.json', Buffer.from(heartRate(2)));
    const report = run.finish();
    expect(report.files.map((f) => `${f.status} ${f.reason?.code}`)).toEqual(['refused run-too-large', 'refused run-too-large']);
    expect(report.files[0]!.reason?.nl).toMatch(/500 MB/);
    expect(profile.store.list().total).toBe(0);
  });

  it('an uploaded archive larger than the core holds is refused at its first piece', async () => {
    t = await openCore({ host: 'browser' });
    // The limit as the sessions are made by the core, but small.
    const sessions = new ImportSessions({
      vault: t.core.vault,
      recordStores: new RecordStores(t.core.vault),
      now: Date.now,
      pathsAllowed: false,
      picker: null,
      emit: () => undefined,
      maxUploadBytes: 1000,
    });
    try {
      const { importId } = sessions.begin({ profileId: t.profileId });
      const answer = await sessions.upload({ importId, name: 'groot.zip', size: 5000, offset: 0, dataBase64: Buffer.alloc(10).toString('base64'), last: false });
      expect(answer.received).toBe(5000);
      expect(answer.outcomes.map((o) => `${o.status} ${o.reason?.code}`)).toEqual(['refused too-large']);
      expect(answer.outcomes[0]!.reason?.nl).toContain('Pak het uit en kies de map');
    } finally {
      sessions.close();
    }
  });

  it('system files in an uploaded folder are passed over at their first piece, silently', async () => {
    t = await openCore({ host: 'browser' });
    const { importId } = await ok(t.core.call('imports.begin', { profileId: t.profileId, expectedFiles: 2 }));
    const junk = Buffer.alloc(50_000, 1);
    const answer = await ok(t.core.call('imports.upload', { importId, name: 'map/.DS_Store', size: junk.length, offset: 0, dataBase64: junk.subarray(0, 10).toString('base64'), last: false }));
    expect(answer).toEqual({ received: junk.length, outcomes: [] });
    const file = Buffer.from(heartRate(1));
    await ok(t.core.call('imports.upload', { importId, name: 'map/a.json', size: file.length, offset: 0, dataBase64: file.toString('base64'), last: true }));
    const report = await ok(t.core.call('imports.finish', { importId }));
    expect(report.files.map((f) => f.file)).toEqual(['map/a.json']);
    expect(t.progress.at(-1)).toMatchObject({ done: 2, total: 2 });
    expect(await recordCount(t)).toBe(1);
  });
});
