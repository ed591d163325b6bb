/**
 * The relay's log: one JSON line per request with what an operator needs (what kind of request,
 * status, duration, the provider's host, a refusal's code) and deliberately nothing else: no paths
 * with parameters, no query strings, no bodies, no tokens, codes or states, no client addresses.
 */
export interface RelayLogEntry {
  event: 'authorize' | 'callback' | 'provider' | 'lists' | 'health' | 'refused' | 'start' | 'lists-check';
  status?: number;
  ms?: number;
  /** A provider's host name (never a path or parameters). */
  provider?: string;
  /** A RelayErrorCode, or a short fixed text for start and checks. */
  error?: string;
  note?: string;
}

export type RelayLog = (entry: RelayLogEntry) => void;

export function jsonLineLog(write: (line: string) => void = (line) => process.stdout.write(line)): RelayLog {
  return (entry) => write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
}
