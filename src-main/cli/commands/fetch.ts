/**
 * `regie fetch --provider NAME [--service ID...]`: the "Gegevens ophalen" flow without a window.
 * For each data service: print the authorization URL, open it (BROWSER, else the system opener),
 * wait for the loopback callback, then let the core fetch and import. Exits non-zero when any
 * service or query failed, with the reasons.
 */
import { spawn } from 'node:child_process';
import type { FetchProgress, ProviderSummary } from '../../../src-preload/contract/medmij';
import { call, type CliContext } from '../context';
import { CliUsageError } from '../output';
import { openProfile } from './open-profile';

const pollMs = 200;
const finished = new Set<FetchProgress['stage']>(['done', 'failed', 'cancelled']);

export async function fetchCommand(
  ctx: CliContext,
  options: { provider?: string; services?: string[]; profile?: string },
): Promise<number> {
  if (!options.provider) throw new CliUsageError('fetch needs --provider NAME (search with a name or place)');
  const profile = await openProfile(ctx, options.profile);
  const provider = await findProvider(ctx, profile.id, options.provider);
  const wanted = options.services && options.services.length > 0 ? options.services : provider.services.map((s) => s.id);
  for (const id of wanted) {
    if (!provider.services.some((s) => s.id === id)) {
      throw new CliUsageError(`${provider.displayName} does not offer service '${id}' (offered: ${provider.services.map((s) => s.id).join(', ')})`);
    }
  }

  const results: FetchProgress[] = [];
  for (const serviceId of wanted) {
    const serviceName = provider.services.find((s) => s.id === serviceId)?.name ?? serviceId;
    const begun = await call(ctx, 'medmij.beginFetch', { profileId: profile.id, providerId: provider.id, serviceId });
    const via = (await call(ctx, 'medmij.fetchStatus', { fetchId: begun.fetchId })).relay;
    process.stderr.write(
      `${provider.displayName} — ${serviceName}${via ? (ctx.out.language === 'nl' ? ` (via de relay ${via})` : ` (through the relay ${via})`) : ''}\n` +
        `${ctx.out.language === 'nl' ? 'Log in bij de zorgaanbieder via' : 'Log in at the care provider at'}:\n  ${begun.authorizationUrl}\n`,
    );
    openInBrowser(begun.authorizationUrl, ctx.env);
    results.push(await waitForFetch(ctx, begun.fetchId));
  }

  const byType: Record<string, number> = {};
  for (const result of results) for (const [type, n] of Object.entries(result.imported.byType)) byType[type] = (byType[type] ?? 0) + n;
  const lang = ctx.out.language;
  ctx.out.result(
    {
      provider: { id: provider.id, name: provider.displayName },
      byType,
      services: results.map((r) => ({
        serviceId: r.serviceId,
        serviceName: provider.services.find((s) => s.id === r.serviceId)?.name ?? r.serviceId,
        stage: r.stage,
        ...(r.relay && { relay: r.relay }),
        imported: r.imported,
        queries: r.queries.map((q) => ({ id: q.id, label: q.label, status: q.status, received: q.received, ...(q.error && { error: q.error[lang] }) })),
        ...(r.error && { error: r.error[lang] }),
      })),
    },
    results
      .map((r) => {
        const name = provider.services.find((s) => s.id === r.serviceId)?.name ?? r.serviceId;
        const via = r.relay ? (lang === 'nl' ? ` via de relay ${r.relay}` : ` through the relay ${r.relay}`) : '';
        const lines = [`${provider.displayName} — ${name}${via}: ${r.stage}${r.error ? ` (${r.error[lang]})` : ''}`];
        for (const q of r.queries) lines.push(`  ${q.status === 'done' ? '✓' : q.status === 'failed' ? '✗' : '·'} ${q.label}: ${q.received}${q.error ? ` — ${q.error[lang]}` : ''}`);
        const { created, updated, unchanged } = r.imported;
        lines.push(`  ${lang === 'nl' ? 'nieuw' : 'new'} ${created}, ${lang === 'nl' ? 'bijgewerkt' : 'updated'} ${updated}, ${lang === 'nl' ? 'ongewijzigd' : 'unchanged'} ${unchanged}`);
        for (const [type, n] of Object.entries(r.imported.byType)) lines.push(`    ${type}: ${n}`);
        return lines.join('\n');
      })
      .join('\n'),
  );

  const failures = results.flatMap((r) => [
    ...(r.stage !== 'done' ? [r.error?.[lang] ?? r.stage] : []),
    ...r.queries.filter((q) => q.status !== 'done' && r.stage === 'done').map((q) => `${q.label}: ${q.error?.[lang] ?? q.status}`),
  ]);
  if (failures.length === 0) return 0;
  process.stderr.write(`regie: ${failures.join('; ')}\n`);
  return 1;
}

async function findProvider(ctx: CliContext, profileId: string, name: string): Promise<ProviderSummary> {
  const all = await call(ctx, 'medmij.searchProviders', { profileId, query: '' });
  const lower = name.toLowerCase();
  const exact = all.find((p) => p.id.toLowerCase() === lower) ?? all.filter((p) => p.displayName.toLowerCase() === lower);
  if (!Array.isArray(exact)) return exact;
  if (exact.length === 1) return exact[0]!;
  const found = await call(ctx, 'medmij.searchProviders', { profileId, query: name.slice(0, 100) });
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new CliUsageError(`no care provider matches '${name}'`);
  throw new CliUsageError(`'${name}' matches several care providers: ${found.map((p) => `${p.id} (${p.displayName}${p.place ? `, ${p.place}` : ''})`).join(', ')}`);
}

async function waitForFetch(ctx: CliContext, fetchId: string): Promise<FetchProgress> {
  for (;;) {
    const status = await call(ctx, 'medmij.fetchStatus', { fetchId });
    if (finished.has(status.stage)) return status;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * BROWSER (one command, run without a shell, the URL as its only argument), else the platform's
 * opener. If nothing can be started, the printed URL is the way.
 */
export function openInBrowser(url: string, env: NodeJS.ProcessEnv): void {
  const browser = env.BROWSER?.trim();
  const [command, args]: [string, string[]] = browser
    ? [browser, [url]]
    : process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['explorer.exe', [url]]
        : ['xdg-open', [url]];
  try {
    // The browser gets the environment minus Regie's secrets (password, code, session token).
    const browserEnv = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('REGIE_')));
    const child = spawn(command, args, { stdio: 'ignore', shell: false, env: browserEnv });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The URL was printed; the person can open it by hand.
  }
}
