/**
 * The provider directory people search in: the Zorgaanbiederslijst joined with the
 * Gegevensdienstnamenlijst, Regie's plain-Dutch service names and (optionally) display details.
 *
 * The Zorgaanbiederslijst (release 2) carries only the Zorgaanbiedernaam (`delinde@medmij`), no
 * display name or place. Display name, place and kind of organisation therefore come from a
 * separate, Regie-side "weergave" file (see resources/medmij/README.md), validated here with zod;
 * without it the name is derived from the Zorgaanbiedernaam.
 */
import { z } from 'zod';
import { plainServiceName, serviceInfoById, type MedmijServiceKey } from './services';
import type { MedmijProviderList, MedmijServiceNameList, MedmijSystemRole } from './types';

export const providerDisplaySchema = z.object({
  beschrijving: z.string().optional(),
  zorgaanbieders: z.record(
    z.string().regex(/^[a-z]+@medmij$/),
    z.object({
      weergavenaam: z.string().min(1).max(200),
      plaats: z.string().min(1).max(100).optional(),
      soort: z.string().min(1).max(100).optional(),
    }).strict(),
  ),
}).strict();

export type ProviderDisplayFile = z.infer<typeof providerDisplaySchema>;

export interface DirectoryService {
  /** GegevensdienstId */
  id: string;
  /** plain Dutch name (Regie's catalogue, else the list's Weergavenaam) */
  name: string;
  /** Weergavenaam from the Gegevensdienstnamenlijst, when present */
  listName?: string;
  /** Regie's key for the service, when it is one Regie knows */
  key?: MedmijServiceKey;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  systemRoles: MedmijSystemRole[];
}

export interface DirectoryProvider {
  /** Zorgaanbiedernaam: the MedMij identity of the provider, used in the OAuth scope */
  id: string;
  displayName: string;
  place?: string;
  organisationType?: string;
  services: DirectoryService[];
}

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

export function parseProviderDisplayFile(json: unknown): { ok: true; value: ProviderDisplayFile } | { ok: false; message: string } {
  const r = providerDisplaySchema.safeParse(json);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

export function buildProviderDirectory(
  zal: MedmijProviderList,
  serviceNames?: MedmijServiceNameList,
  display?: ProviderDisplayFile,
): DirectoryProvider[] {
  const listNames = new Map(serviceNames?.services.map((s) => [s.id, s.displayName]) ?? []);
  const out = zal.providers.map((p): DirectoryProvider => {
    const d = display?.zorgaanbieders[p.name];
    return {
      id: p.name,
      displayName: d?.weergavenaam ?? p.name.replace(/@medmij$/, ''),
      ...(d?.plaats ? { place: d.plaats } : {}),
      ...(d?.soort ? { organisationType: d.soort } : {}),
      services: p.services.map((s): DirectoryService => {
        const listName = listNames.get(s.id);
        const key = serviceInfoById(s.id)?.key;
        return {
          id: s.id,
          name: plainServiceName(s.id, listName),
          ...(listName !== undefined ? { listName } : {}),
          ...(key ? { key } : {}),
          authorizationEndpoint: s.authorizationEndpoint,
          tokenEndpoint: s.tokenEndpoint,
          systemRoles: s.systemRoles,
        };
      }),
    };
  });
  return out.sort((a, b) => collator.compare(a.displayName, b.displayName) || collator.compare(a.place ?? '', b.place ?? ''));
}

/** Lower case, diacritics removed (é → e, ĳ → ij), punctuation as spaces, single spaces. */
export function normalizeForSearch(s: string): string {
  return s
    .normalize('NFKD') // NFKD also splits the ligature ĳ into i + j
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Finds providers whose name, place, kind or MedMij name contain every word of `query`
 * (case- and diacritics-insensitive; a word of one or two letters must start a word). Word-start
 * matches in the name rank first, then in the place, then matches elsewhere; ties are ordered
 * with Dutch collation. An empty query lists all.
 */
export function searchProviders(directory: readonly DirectoryProvider[], query: string, options: { limit?: number } = {}): DirectoryProvider[] {
  const tokens = normalizeForSearch(query).split(' ').filter(Boolean);
  const scored: { p: DirectoryProvider; score: number }[] = [];
  for (const p of directory) {
    const name = ` ${normalizeForSearch(p.displayName)}`;
    const place = ` ${normalizeForSearch(p.place ?? '')}`;
    const rest = ` ${normalizeForSearch(`${p.organisationType ?? ''} ${p.id}`)}`;
    let score = 0;
    let all = true;
    for (const t of tokens) {
      if (name.includes(` ${t}`)) score += 4;
      else if (place.includes(` ${t}`)) score += 3;
      // inside a word only from three characters on, so 'de' does not find 'noorDErlicht'
      else if (t.length >= 3 && (name.includes(t) || place.includes(t))) score += 2;
      else if (rest.includes(` ${t}`) || (t.length >= 3 && rest.includes(t))) score += 1;
      else {
        all = false;
        break;
      }
    }
    if (all) scored.push({ p, score });
  }
  scored.sort((a, b) => b.score - a.score || collator.compare(a.p.displayName, b.p.displayName) || collator.compare(a.p.place ?? '', b.p.place ?? ''));
  const result = scored.map((s) => s.p);
  return options.limit !== undefined ? result.slice(0, options.limit) : result;
}
