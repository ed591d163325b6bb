/**
 * Every test gets a fresh temporary data directory and its own loopback test host (in-process),
 * with fast KDF parameters. Both are removed afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startTestHost, type TestHost } from '../../src-main/testhost/server';
import { fastKdfParams } from '../../src-main/vault/kdf';

export const repoRoot = resolve(import.meta.dirname, '../..');

interface Fixtures {
  /** Optional per test (`test.use({ idleLockMs: 1500 })`): lock after this many ms without activity. */
  idleLockMs: number | undefined;
  host: TestHost;
}

/** The built renderer; REGIE_E2E_OUT names another build folder (several people testing in one working tree). */
export const rendererDir = join(process.env.REGIE_E2E_OUT ?? join(repoRoot, 'out'), 'renderer');

export const test = base.extend<Fixtures>({
  idleLockMs: [undefined, { option: true }],
  host: async ({ idleLockMs }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'regie-e2e-'));
    const host = await startTestHost({
      dataDir,
      rendererDir,
      kdf: fastKdfParams,
      ...(idleLockMs !== undefined && { idleLockMsOverride: idleLockMs }),
    });
    try {
      await use(host);
    } finally {
      await host.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };
