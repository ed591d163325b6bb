/**
 * Checks between lists: every endpoint host in the Zorgaanbiederslijst must be on the Whitelist,
 * and every GegevensdienstId must be on the Gegevensdienstnamenlijst.
 */
import { listProblem, type ListProblem } from './problems';
import type { MedmijProviderList, MedmijServiceNameList, MedmijWhitelist } from './types';

export function validateProviderListAgainst(
  zal: MedmijProviderList,
  others: { whitelist?: MedmijWhitelist; serviceNames?: MedmijServiceNameList },
): ListProblem[] {
  const problems: ListProblem[] = [];
  const allowed = others.whitelist ? new Set(others.whitelist.hostnames) : null;
  const known = others.serviceNames ? new Set(others.serviceNames.services.map((s) => s.id)) : null;
  zal.providers.forEach((p, pi) => {
    p.services.forEach((s, si) => {
      const base = `Zorgaanbieders/Zorgaanbieder[${pi + 1}]/Gegevensdiensten/Gegevensdienst[${si + 1}]`;
      if (known && !known.has(s.id)) problems.push(listProblem('unknown-service', `${base}/GegevensdienstId`, { value: s.id }));
      if (!allowed) return;
      const endpoints: [string, string, string][] = [
        ['AuthorizationEndpointuri', `${base}/AuthorizationEndpoint/AuthorizationEndpointuri`, s.authorizationEndpoint],
        ['TokenEndpointuri', `${base}/TokenEndpoint/TokenEndpointuri`, s.tokenEndpoint],
        ...s.systemRoles.map((r, ri): [string, string, string] => [
          'ResourceEndpointuri',
          `${base}/Systeemrollen/Systeemrol[${ri + 1}]/ResourceEndpoint/ResourceEndpointuri`,
          r.resourceEndpoint,
        ]),
      ];
      for (const [name, path, uri] of endpoints) {
        const host = new URL(uri).hostname;
        if (!allowed.has(host)) problems.push(listProblem('endpoint-not-whitelisted', path, { name, host }));
      }
    });
  });
  return problems;
}

/** True when `url`'s host is on the whitelist (for checks at request time, e.g. before following a redirect). */
export function isWhitelistedUrl(whitelist: MedmijWhitelist, url: string | URL): boolean {
  try {
    return whitelist.hostnames.includes(new URL(url).hostname);
  } catch {
    return false;
  }
}
