/** A core with one unlocked profile, and FHIR files to import in bulk. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TOTP, URI } from 'otpauth';
import type { EventMessage } from '../../src-preload/contract/api';
import type { ImportRunReport } from '../../src-preload/contract/imports';
import { createCore, type Core, type CoreOptions } from '../../src-main/core/create-core';
import { fastKdfParams } from '../../src-main/vault/kdf';
import { makeTempDir } from '../helpers/temp-dir';

export const fixtures = join(import.meta.dirname, '../fixtures/fhir');

export async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; detail?: string } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}${r.error.detail ? `: ${r.error.detail}` : ''}`);
  return r.value;
}

export interface TestCore {
  core: Core;
  profileId: string;
  dir: string;
  progress: Array<EventMessage<'imports.progress'>['payload']>;
  remove(): void;
}

export async function openCore(options: Partial<CoreOptions> = {}): Promise<TestCore> {
  const temp = makeTempDir('regie-bulk-');
  const core = createCore({ dataDir: join(temp.dir, 'data'), host: 'cli', kdf: fastKdfParams, ...options });
  const begun = await ok(core.call('profiles.beginCreate', { label: 'Jan', password: 'paarse-olifant-danst-op-zolder' }));
  const totp = URI.parse(begun.otpauthUri) as TOTP;
  const created = await ok(core.call('profiles.completeCreate', { enrollmentId: begun.enrollmentId, code: totp.generate() }));
  const progress: TestCore['progress'] = [];
  core.onEvent((message) => {
    if (message.event === 'imports.progress') progress.push(message.payload as TestCore['progress'][number]);
  });
  return {
    core,
    profileId: created.profile.id,
    dir: temp.dir,
    progress,
    remove: () => {
      core.shutdown();
      temp.remove();
    },
  };
}

/** begin → addPaths → finish. */
export async function importPaths(t: TestCore, paths: string[], options: { allOrNothing?: boolean; documents?: boolean; allowOtherPerson?: boolean } = {}): Promise<ImportRunReport> {
  const { importId } = await ok(t.core.call('imports.begin', { profileId: t.profileId, ...options }));
  await ok(t.core.call('imports.addPaths', { importId, paths }));
  return ok(t.core.call('imports.finish', { importId }));
}

/** An R4 heart rate of Jan's, distinct per index. */
export function heartRate(i: number): string {
  return JSON.stringify({
    resourceType: 'Observation',
    id: `hartslag-${i}`,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }], text: 'Hartslag' },
    subject: { reference: 'Patient/jan-de-vries', display: 'Jan de Vries' },
    effectiveDateTime: `2024-01-01T08:${String(i % 60).padStart(2, '0')}:00+01:00`,
    valueQuantity: { value: 50 + (i % 50), unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
    note: [{ text: `meting ${i}` }],
  });
}

export function writeFile(path: string, content: string | Buffer): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

export async function recordCount(t: TestCore): Promise<number> {
  return (await ok(t.core.call('records.list', { profileId: t.profileId, limit: 1 }))).total;
}

export function statusOf(report: ImportRunReport, file: string): string | undefined {
  const outcome = report.files.find((f) => f.file === file);
  return outcome ? `${outcome.status}${outcome.reason ? `:${outcome.reason.code}` : ''}` : undefined;
}
