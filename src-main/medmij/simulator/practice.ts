/**
 * The simulator as Regie's built-in practice provider. Until Regie is certified and connected to
 * MedMij, the only providers it can reach are the simulator's fictitious ones. When the app uses the
 * bundled sample lists, the core starts the simulator inside its own process the first time a person
 * logs in at a provider, on the address the sample lists point at, so the whole flow can be practised
 * without starting a second program. A simulator that already runs there (`npm run provider-sim`) is
 * used as it is; anything else on that port is reported, never talked to.
 */
import { startProviderSimulator, type ProviderSimulator } from './server';

export interface PracticeProviderOptions {
  /** `http://127.0.0.1:<port>`: where the sample lists say the simulator is */
  origin: string;
  /** the folder holding resources/ and tests/fixtures/ (see ProviderSimulatorOptions.root) */
  root: string;
}

/** The simulator's own index page names itself so; how a running one is recognised. */
const SIMULATOR_MARK = 'Zorgaanbieder-simulator';

export class PracticeProviderPortBusyError extends Error {
  constructor(readonly origin: string) {
    super(`another program listens at ${origin}`);
  }
}

export class PracticeProvider {
  private starting: Promise<void> | null = null;
  private simulator: ProviderSimulator | null = null;

  constructor(private readonly options: PracticeProviderOptions) {}

  /** Starts the simulator unless it (or an outside one) already answers; safe to call often. */
  ensureRunning(): Promise<void> {
    this.starting ??= this.start().catch((error: unknown) => {
      this.starting = null; // try again next time (e.g. after the other program has stopped)
      throw error;
    });
    return this.starting;
  }

  /** Whether this process runs the simulator (false when an outside one is used). */
  get startedHere(): boolean {
    return this.simulator !== null;
  }

  async close(): Promise<void> {
    const simulator = this.simulator;
    this.simulator = null;
    this.starting = null;
    await simulator?.close();
  }

  private async start(): Promise<void> {
    const url = new URL(this.options.origin);
    if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1' || !url.port) {
      throw new Error(`practice provider needs http://127.0.0.1:<port>, not ${this.options.origin}`);
    }
    try {
      this.simulator = await startProviderSimulator({ port: Number(url.port), root: this.options.root });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      if (!(await answersAsSimulator(url.origin))) throw new PracticeProviderPortBusyError(url.origin);
    }
  }
}

async function answersAsSimulator(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(3000), redirect: 'error' });
    return response.ok && (await response.text()).includes(SIMULATOR_MARK);
  } catch {
    return false;
  }
}
