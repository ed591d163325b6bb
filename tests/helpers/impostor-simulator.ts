/**
 * The hostile local user of issue 9: another account on the same computer runs its own provider
 * simulator (a convincing "Zorgaanbieder-simulator" with a fake DigiD page and records of its own
 * choosing) on 127.0.0.1:8765, the port Regie used to look for its practice providers on and trust.
 * Its request log shows whether Regie ever talked to it.
 *
 * Several test files use this port; a file waits until another has let go of it.
 */
import { REGIE_SAMPLE_CLIENT_ID } from '../../src-main/medmij/lists/samples';
import { startProviderSimulator, type ProviderSimulator } from '../../src-main/medmij/simulator/index';

export const FORMERLY_TRUSTED_PORT = 8765;

export async function startImpostorSimulator(waitMs = 30_000): Promise<ProviderSimulator> {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      return await startProviderSimulator({ port: FORMERLY_TRUSTED_PORT, clients: [REGIE_SAMPLE_CLIENT_ID] });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      if (Date.now() > until) {
        throw new Error(`127.0.0.1:${FORMERLY_TRUSTED_PORT} stays in use by another program; this test needs to listen there`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
