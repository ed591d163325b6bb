/**
 * The one placeholder convention for lists that point at the local provider simulator:
 * the literal token `{{SIMULATOR_ORIGIN}}` stands for the simulator's origin, i.e.
 * `http://127.0.0.1:<port>` with no trailing slash. It is replaced by the loader before parsing,
 * given the origin of the running simulator (whose port is ephemeral). A list that still contains
 * the token when no origin was given is refused with `placeholder-unresolved`.
 *
 * Example: `<AuthorizationEndpointuri>{{SIMULATOR_ORIGIN}}/delinde/oauth/authorize</AuthorizationEndpointuri>`
 */
import { listProblem, type ListProblem } from './problems';

export const SIMULATOR_ORIGIN_PLACEHOLDER = '{{SIMULATOR_ORIGIN}}';

const LOOPBACK_ORIGIN = /^http:\/\/127\.0\.0\.1:(\d{1,5})$/;

export function isSimulatorOrigin(origin: string): boolean {
  const m = LOOPBACK_ORIGIN.exec(origin);
  return !!m && Number(m[1]) > 0 && Number(m[1]) <= 65535;
}

/** Replaces every placeholder with `origin`; refuses an origin that is not `http://127.0.0.1:<port>`. */
export function applySimulatorOrigin(text: string, origin: string | undefined): { ok: true; text: string } | { ok: false; problem: ListProblem } {
  if (origin !== undefined && !isSimulatorOrigin(origin)) {
    return { ok: false, problem: listProblem('source-invalid', '', { detail: `simulator-adres moet de vorm http://127.0.0.1:<poort> hebben, niet "${origin}"` }) };
  }
  if (!text.includes(SIMULATOR_ORIGIN_PLACEHOLDER)) return { ok: true, text };
  if (origin === undefined) return { ok: false, problem: listProblem('placeholder-unresolved', '', { token: SIMULATOR_ORIGIN_PLACEHOLDER }) };
  return { ok: true, text: text.split(SIMULATOR_ORIGIN_PLACEHOLDER).join(origin) };
}
