/** records.medication through the core API: validation, locking, and ids that open in records.get. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOTP, URI } from 'otpauth';
import { createCore, type Core } from '../../src-main/core/create-core';
import { fastKdfParams } from '../../src-main/vault/kdf';
import { makeTempDir } from '../helpers/temp-dir';

const now = Date.parse('2026-11-23T12:00:00Z');

async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe('records.medication', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  let profileId: string;
  beforeEach(async () => {
    temp = makeTempDir();
    core = createCore({ dataDir: temp.dir, host: 'cli', kdf: fastKdfParams, now: () => now });
    const begun = await ok(core.call('profiles.beginCreate', { label: 'Jan', password: 'paarse-olifant-danst-op-zolder' }));
    const totp = URI.parse(begun.otpauthUri) as TOTP;
    const created = await ok(core.call('profiles.completeCreate', { enrollmentId: begun.enrollmentId, code: totp.generate({ timestamp: now }) }));
    profileId = created.profile.id;
  });
  afterEach(() => {
    core.shutdown();
    temp.remove();
  });

  it('is empty for a new profile, and groups an imported file per medicine', async () => {
    expect(await ok(core.call('records.medication', { profileId }))).toEqual({ current: [], earlier: [] });

    const bundle = readFileSync(join(import.meta.dirname, '../fixtures/fhir/r4-bgz-bundle.json'));
    await ok(core.call('records.import', { profileId, files: [{ name: 'bgz.json', contentBase64: bundle.toString('base64') }] }));
    const overview = await ok(core.call('records.medication', { profileId }));
    expect(overview.current.map((m) => m.name)).toEqual(['Metformine 500 mg tablet']);
    const metformine = overview.current[0]!;
    expect(metformine.sources.map((s) => s.label)).toEqual(['bgz.json']);
    for (const item of metformine.records) {
      const detail = await ok(core.call('records.get', { profileId, recordId: item.id }));
      expect(detail.resourceType).toBe(item.resourceType);
    }
  });

  it('loads the voorbeeld-PGO and tells current medicines from stopped courses', async () => {
    await ok(core.call('records.loadExample', { profileId }));
    const overview = await ok(core.call('records.medication', { profileId }));
    expect(overview.current).toHaveLength(6);
    expect(overview.earlier.map((m) => m.name)).toEqual(['Nitrofurantoïne capsule 50 mg', 'Doxycycline tablet 100 mg']);
    expect(overview.current.find((m) => m.name === 'Metformine tablet 500 mg')?.sources[0]?.label).toBe('Voorbeeld-PGO (fictieve gegevens)');
  });

  it('refuses a malformed request and a locked profile', async () => {
    const bad = await core.call('records.medication', { profileId: '../x' });
    expect(!bad.ok && bad.error.code).toBe('invalid-request');
    await ok(core.call('auth.lock', { profileId }));
    const locked = await core.call('records.medication', { profileId });
    expect(!locked.ok && locked.error.code).toBe('profile-locked');
  });
});
