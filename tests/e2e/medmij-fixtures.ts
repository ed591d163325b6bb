/**
 * A test host whose core uses the sample provider lists pointed at a REAL provider simulator on
 * 127.0.0.1 (fictitious people), one of each per test; both are closed afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { REGIE_SAMPLE_CLIENT_ID } from '../../src-main/medmij/lists/samples';
import { startProviderSimulator, type ProviderSimulator } from '../../src-main/medmij/simulator/index';
import { startTestHost, type TestHost } from '../../src-main/testhost/server';
import { fastKdfParams } from '../../src-main/vault/kdf';
import { rendererDir } from './fixtures';

export const test = base.extend<{ simulator: ProviderSimulator; host: TestHost }>({
  // Playwright needs the (empty) fixture destructuring here.
  // eslint-disable-next-line no-empty-pattern
  simulator: async ({}, use) => {
    const simulator = await startProviderSimulator({ port: 0, clients: [REGIE_SAMPLE_CLIENT_ID] });
    try {
      await use(simulator);
    } finally {
      await simulator.close();
    }
  },
  host: async ({ simulator }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'regie-e2e-medmij-'));
    const host = await startTestHost({
      dataDir,
      rendererDir,
      kdf: fastKdfParams,
      // The sample lists (resources/medmij) with {{SIMULATOR_ORIGIN}} replaced by this simulator.
      medmij: { simulatorOrigin: simulator.origin },
    });
    try {
      await use(host);
    } finally {
      await host.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});
