/**
 * Shared by the MedMij client tests: a real provider simulator on 127.0.0.1:0, a real SQLCipher
 * profile through createCore, and a "person" who logs in on the simulated DigiD page with plain fetch.
 */
import { TOTP, URI } from 'otpauth';
import type { FetchProgress } from '../../../src-preload/contract/medmij';
import { createCore, type Core, type MedmijOptions } from '../../../src-main/core/create-core';
import { REGIE_SAMPLE_CLIENT_ID } from '../../../src-main/medmij/lists/samples';
import { startProviderSimulator, type ProviderSimulator, type ProviderSimulatorOptions } from '../../../src-main/medmij/simulator/index';
import { fastKdfParams } from '../../../src-main/vault/kdf';

export const password = 'paarse-olifant-danst-op-zolder';

export async function startSimulator(options: ProviderSimulatorOptions = {}): Promise<ProviderSimulator> {
  return startProviderSimulator({ clients: [REGIE_SAMPLE_CLIENT_ID], ...options });
}

export function makeCore(dataDir: string, sim: ProviderSimulator, medmij: MedmijOptions = {}, extra: { now?: () => number } = {}): Core {
  return createCore({
    dataDir,
    host: 'cli',
    kdf: fastKdfParams,
    medmij: { simulatorOrigin: sim.origin, ...medmij },
    ...(extra.now && { now: extra.now }),
  });
}

export async function createProfile(core: Core, label = 'Jan'): Promise<string> {
  const begun = await core.call('profiles.beginCreate', { label, password });
  if (!begun.ok) throw new Error(begun.error.code);
  const totp = URI.parse(begun.value.otpauthUri) as TOTP;
  const created = await core.call('profiles.completeCreate', { enrollmentId: begun.value.enrollmentId, code: totp.generate() });
  if (!created.ok) throw new Error(created.error.code);
  return created.value.profile.id;
}

export async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; detail?: string } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`call failed: ${r.error.code}${r.error.detail ? ` (${r.error.detail})` : ''}`);
  return r.value;
}

export interface LoginOptions {
  /** Person id on the simulated DigiD page (default: the first one offered). */
  person?: string;
  action?: 'login' | 'cancel';
  /** Tamper with the redirect back to Regie before following it. */
  rewriteRedirect?: (location: URL) => URL;
}

/** What the person's browser does: open the authorization URL, log in, follow the redirect to the loopback. */
export async function loginInBrowser(authorizationUrl: string, options: LoginOptions = {}): Promise<{ redirect: URL; page: Response }> {
  const form = await fetch(authorizationUrl, { redirect: 'manual' });
  if (form.status !== 200) throw new Error(`authorization page answered ${form.status} ${form.headers.get('location') ?? ''}`);
  const html = await form.text();
  const session = /name="session" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const person = options.person ?? /name="person" value="([^"]+)"/.exec(html)?.[1];
  if (!session || !action || !person) throw new Error('login form not understood');
  const posted = await fetch(new URL(action, authorizationUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ session, person, action: options.action ?? 'login' }).toString(),
    redirect: 'manual',
  });
  if (posted.status !== 302) throw new Error(`login answered ${posted.status}`);
  let redirect = new URL(posted.headers.get('location')!);
  if (options.rewriteRedirect) redirect = options.rewriteRedirect(redirect);
  const page = await fetch(redirect, { redirect: 'manual' });
  return { redirect, page };
}

const final = new Set<FetchProgress['stage']>(['done', 'failed', 'cancelled']);

export async function waitForFetch(core: Core, fetchId: string, timeoutMs = 20_000): Promise<FetchProgress> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const status = await ok(core.call('medmij.fetchStatus', { fetchId }));
    if (final.has(status.stage)) return status;
    if (Date.now() > until) throw new Error(`fetch still ${status.stage}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The FHIR requests (path + query) the simulator received, in order, from a given index on. */
export function fhirRequests(sim: ProviderSimulator, from = 0): Array<{ path: string; query: Record<string, string[]>; status: number }> {
  return sim.requests.slice(from).filter((r) => r.path.includes('/fhir/'));
}
