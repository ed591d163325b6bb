/**
 * The simulator as Regie's built-in practice provider. Until Regie is certified and connected to
 * MedMij, the only providers it can reach are the simulator's fictitious ones. When the app uses the
 * bundled sample lists, the core starts the simulator inside its own process the first time the
 * provider lists are needed, so the whole flow can be practised without starting a second program.
 *
 * It listens on a port the system picks (127.0.0.1:0), and the sample lists are resolved with the
 * address it actually got. Regie never looks for a simulator at a well-known port: every user of the
 * computer can listen on a loopback port, so a program found there proves nothing about who runs it,
 * and trusting it would let another user show a fake DigiD page and hand fake records to a profile.
 * A socket this process bound itself cannot be taken over by another user.
 */
import { startProviderSimulator, type ProviderSimulator } from './server';

export interface PracticeProviderOptions {
  /** the folder holding resources/ and tests/fixtures/ (see ProviderSimulatorOptions.root) */
  root: string;
}

export class PracticeProvider {
  private starting: Promise<ProviderSimulator> | null = null;

  constructor(private readonly options: PracticeProviderOptions) {}

  /** Starts the simulator once (safe to call often); resolves to its origin, `http://127.0.0.1:<port>`. */
  async ensureRunning(): Promise<string> {
    this.starting ??= startProviderSimulator({ port: 0, root: this.options.root }).catch((error: unknown) => {
      this.starting = null; // try again next time
      throw error;
    });
    return (await this.starting).origin;
  }

  async close(): Promise<void> {
    const starting = this.starting;
    this.starting = null;
    // A start still under way is waited for, so no server outlives close().
    const simulator = await starting?.catch(() => null);
    await simulator?.close();
  }
}
