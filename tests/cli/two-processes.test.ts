/**
 * Issue 9.3, as a person would run into it: the app holds a profile open while a CLI command (with
 * a session) imports into the same profile, and the app keeps writing meanwhile and afterwards. No
 * write may be lost: not from the document (which sync ships), not from the derived tables.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOTP, URI } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/create-core';
import { recordDocOf } from '../../src-main/records/doc-model';
import { RecordStore } from '../../src-main/records/record-store';
import { fastKdfParams } from '../../src-main/vault/kdf';
import { runCliAsync } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';

const password = 'paarse-olifant-danst-op-zolder';

describe('the app and a CLI session on one profile', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let app: Core;
  beforeEach(() => {
    temp = makeTempDir('regie-two-processes-');
    // The app's clock runs a minute behind, so its TOTP step is older than the one the CLI uses.
    app = createCore({ dataDir: temp.dir, host: 'browser', kdf: fastKdfParams, now: () => Date.now() - 60_000 });
  });
  afterEach(() => {
    app.shutdown();
    temp.remove();
  });

  it('keeps what the CLI imported while the app wrote, through the app compacting its document', async () => {
    const begun = await app.call('profiles.beginCreate', { label: 'Opa', password });
    if (!begun.ok) throw new Error(begun.error.code);
    const totp = URI.parse(begun.value.otpauthUri) as TOTP;
    const created = await app.call('profiles.completeCreate', {
      enrollmentId: begun.value.enrollmentId,
      code: totp.generate({ timestamp: Date.now() - 60_000 }),
    });
    if (!created.ok) throw new Error(created.error.code);
    const profileId = created.value.profile.id;

    const unlocked = await runCliAsync(temp.dir, ['unlock', '--profile', profileId, '--json'], {
      REGIE_PASSWORD: password,
      REGIE_TOTP: totp.generate(),
    });
    expect(unlocked.stderr).toBe('');
    const { session } = JSON.parse(unlocked.stdout) as { session: string };
    const file = join(temp.dir, 'astma.json');
    const asthma = {
      resourceType: 'Condition',
      id: 'cli-astma',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '195967001', display: 'Astma' }], text: 'Astma' },
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      onsetDateTime: '2020-05-01',
    };
    writeFileSync(file, JSON.stringify(asthma));

    let appWrites = 0;
    const measure = async () => {
      const at = new Date(Date.UTC(2024, 0, 1) + appWrites * 3_600_000).toISOString();
      const result = await app.call('records.addMeasurement', { profileId, kind: 'weight', value: 70 + (appWrites % 50) / 10, effectiveAt: at });
      if (!result.ok) throw new Error(result.error.code);
      appWrites++;
    };
    // The CLI imports while the app writes.
    const cli = runCliAsync(temp.dir, ['import', file, '--json'], { REGIE_SESSION: session });
    let cliDone = false;
    void cli.then(() => (cliDone = true));
    while (!cliDone) {
      await measure();
      // Let the child's I/O events through: core calls resolve without ever yielding to them.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const imported = await cli;
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    // Then enough app writes for the app to compact its document (every 500 logged updates).
    for (let i = 0; i < 520; i++) await measure();

    // The document on disk, as any process (or sync) would load it, holds every write.
    const db = app.vault.database(profileId);
    const fresh = RecordStore.open(db);
    const records = recordDocOf(fresh.doc).records;
    expect(records.size).toBe(appWrites + 1);
    // Derived tables rebuilt from that document still list the CLI's record.
    fresh.rebuildDerived();
    expect(fresh.search('Astma').total).toBe(1);
    fresh.close();
    // And the app itself shows it without being restarted.
    const found = await app.call('records.search', { profileId, query: 'Astma' });
    expect(found.ok && found.value.total).toBe(1);
  }, 120_000);
});
