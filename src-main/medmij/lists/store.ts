/**
 * ListStore: loads a MedMij list from a file or an http(s) URL, validates it, and keeps the last
 * good copy of each list on disk. When a fresh list fails (unreachable, too large, invalid, older
 * than the last good one, or inconsistent with the other lists), the last good list stays in use
 * and the failure is reported next to it.
 *
 * The lists are public, non-health data; the copies are plain files (owner-only permissions) named
 * `<kind>.xml` (the text exactly as received, placeholders unresolved) and `<kind>.json` (metadata).
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { privateDirMode, writeFileAtomic } from '../../common/atomic-file';
import { validateProviderListAgainst } from './cross-validate';
import { parseMedmijList } from './parse';
import { ListProblemError, listProblem, type ListProblem } from './problems';
import type { ListParseOptions, MedmijListByKind, MedmijListKind } from './types';
import { DEFAULT_MAX_LIST_BYTES, decodeListBytes } from './xml';

export type ListSource = { type: 'file'; path: string } | { type: 'url'; url: string };

/** 'https://…' or 'http://127.0.0.1…' → URL source; anything else → file path. */
export function listSourceFrom(spec: string): ListSource {
  return /^https?:\/\//i.test(spec) ? { type: 'url', url: spec } : { type: 'file', path: spec };
}

export function describeSource(source: ListSource): string {
  return source.type === 'url' ? source.url : source.path;
}

export interface ListStoreOptions {
  /**
   * Folder for the last good copies (created when missing). Without it they are kept in memory
   * only: the relay keeps nothing on disk.
   */
  cacheDir?: string;
  /** origin of the local simulator, replacing `{{SIMULATOR_ORIGIN}}`; also turns on allowLoopback */
  simulatorOrigin?: string;
  /** accept http://127.0.0.1 endpoints and whitelist entry (default: only when simulatorOrigin is set) */
  allowLoopback?: boolean;
  /** byte cap per list (default 16 MiB) */
  maxBytes?: number;
  /** fetch timeout in ms, for connecting and reading the whole body (default 15 000) */
  fetchTimeoutMs?: number;
  /** injectable for tests */
  fetchImpl?: typeof fetch;
  now?: () => Date;
}

export interface ListLoadResult<K extends MedmijListKind> {
  kind: K;
  /** the list in use: the fresh one when it was accepted, else the last good one, else null */
  list: MedmijListByKind[K] | null;
  /** where the list in use came from */
  origin: 'fresh' | 'last-good' | 'none';
  /** why the fresh list was not accepted (empty when it was) */
  problems: ListProblem[];
  /** the source that was tried */
  source: string;
  /** when the list in use was (last) accepted, ISO 8601 */
  acceptedAt: string | null;
}

export type ListSetSources = { [K in MedmijListKind]: ListSource | string };
export type ListSetResult = { [K in MedmijListKind]: ListLoadResult<K> };

interface CacheMeta {
  source: string;
  acceptedAt: string;
  sequence: number;
  timestamp: string;
}

type Fresh<K extends MedmijListKind> = { ok: true; text: string; list: MedmijListByKind[K] } | { ok: false; problems: ListProblem[] };

const KINDS: MedmijListKind[] = ['whitelist', 'gegevensdienstnamenlijst', 'oauthclientlist', 'zorgaanbiederslijst'];

export class ListStore {
  private readonly parseOptions: ListParseOptions;
  private readonly maxBytes: number;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => Date;
  /** The last good copies when there is no cacheDir. */
  private readonly memory = new Map<MedmijListKind, { text: string; meta: CacheMeta }>();

  constructor(private readonly options: ListStoreOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_LIST_BYTES;
    this.timeoutMs = options.fetchTimeoutMs ?? 15_000;
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.now = options.now ?? (() => new Date());
    this.parseOptions = {
      maxBytes: this.maxBytes,
      allowLoopback: options.allowLoopback ?? options.simulatorOrigin !== undefined,
      ...(options.simulatorOrigin !== undefined ? { simulatorOrigin: options.simulatorOrigin } : {}),
    };
  }

  /** Loads one list; the Zorgaanbiederslijst is checked against the last good Whitelist and Gegevensdienstnamenlijst when present. */
  async load<K extends MedmijListKind>(kind: K, source: ListSource | string): Promise<ListLoadResult<K>> {
    const src = typeof source === 'string' ? listSourceFrom(source) : source;
    const fresh = await this.fetchAndParse(kind, src);
    if (fresh.ok && kind === 'zorgaanbiederslijst') {
      const problems = validateProviderListAgainst(fresh.list as MedmijListByKind['zorgaanbiederslijst'], {
        whitelist: this.lastGood('whitelist') ?? undefined,
        serviceNames: this.lastGood('gegevensdienstnamenlijst') ?? undefined,
      });
      if (problems.length > 0) return this.fallback(kind, src, problems);
    }
    return fresh.ok ? this.commit(kind, src, fresh.text, fresh.list) : this.fallback(kind, src, fresh.problems);
  }

  /**
   * Loads all four lists. The Whitelist and Gegevensdienstnamenlijst in use (fresh or last good)
   * are the reference for the Zorgaanbiederslijst: a fresh Zorgaanbiederslijst with an endpoint
   * host not on the Whitelist, or a GegevensdienstId not on the Gegevensdienstnamenlijst, is refused.
   */
  async loadAll(sources: ListSetSources): Promise<ListSetResult> {
    const out: Partial<Record<MedmijListKind, ListLoadResult<MedmijListKind>>> = {};
    for (const kind of KINDS) {
      const src = typeof sources[kind] === 'string' ? listSourceFrom(sources[kind]) : sources[kind];
      if (kind !== 'zorgaanbiederslijst') {
        out[kind] = await this.load(kind, src);
        continue;
      }
      const fresh = await this.fetchAndParse('zorgaanbiederslijst', src);
      if (!fresh.ok) {
        out[kind] = this.fallback(kind, src, fresh.problems);
        continue;
      }
      const problems = validateProviderListAgainst(fresh.list, {
        whitelist: (out.whitelist?.list as MedmijListByKind['whitelist'] | null) ?? undefined,
        serviceNames: (out.gegevensdienstnamenlijst?.list as MedmijListByKind['gegevensdienstnamenlijst'] | null) ?? undefined,
      });
      out[kind] = problems.length > 0 ? this.fallback(kind, src, problems) : this.commit(kind, src, fresh.text, fresh.list);
    }
    return out as ListSetResult;
  }

  /** The last good list of a kind from disk, or null. */
  lastGood<K extends MedmijListKind>(kind: K): MedmijListByKind[K] | null {
    return this.readCache(kind)?.list ?? null;
  }

  /** The last good list of a kind exactly as received (placeholders unresolved), or null. */
  lastGoodText(kind: MedmijListKind): string | null {
    return this.readCacheText(kind)?.text ?? null;
  }

  private readCache<K extends MedmijListKind>(kind: K): { list: MedmijListByKind[K]; meta: CacheMeta } | null {
    const cached = this.readCacheText(kind);
    if (!cached) return null;
    const parsed = parseMedmijList(kind, cached.text, this.parseOptions);
    return parsed.ok ? { list: parsed.list, meta: cached.meta } : null;
  }

  private readCacheText(kind: MedmijListKind): { text: string; meta: CacheMeta } | null {
    const dir = this.options.cacheDir;
    if (dir === undefined) return this.memory.get(kind) ?? null;
    try {
      const xml = join(dir, `${kind}.xml`);
      if (statSync(xml).size > this.maxBytes) return null;
      const text = readFileSync(xml, 'utf8');
      const meta = JSON.parse(readFileSync(join(dir, `${kind}.json`), 'utf8')) as CacheMeta;
      return { text, meta };
    } catch {
      return null;
    }
  }

  private commit<K extends MedmijListKind>(kind: K, src: ListSource, text: string, list: MedmijListByKind[K]): ListLoadResult<K> {
    const previous = this.readCache(kind);
    if (previous && list.sequence < previous.list.sequence) {
      return this.fallback(kind, src, [listProblem('rollback', 'Volgnummer', { found: list.sequence, previous: previous.list.sequence })]);
    }
    const acceptedAt = this.now().toISOString();
    const meta: CacheMeta = { source: describeSource(src), acceptedAt, sequence: list.sequence, timestamp: list.timestamp };
    const dir = this.options.cacheDir;
    if (dir === undefined) {
      this.memory.set(kind, { text, meta });
    } else {
      mkdirSync(dir, { recursive: true, mode: privateDirMode });
      // metadata after the list, so a crash in between leaves the previous pair or a list with stale metadata
      writeFileAtomic(join(dir, `${kind}.xml`), text);
      writeFileAtomic(join(dir, `${kind}.json`), `${JSON.stringify(meta, null, 2)}\n`);
    }
    return { kind, list, origin: 'fresh', problems: [], source: describeSource(src), acceptedAt };
  }

  private fallback<K extends MedmijListKind>(kind: K, src: ListSource, problems: ListProblem[]): ListLoadResult<K> {
    const cached = this.readCache(kind);
    return {
      kind,
      list: cached?.list ?? null,
      origin: cached ? 'last-good' : 'none',
      problems,
      source: describeSource(src),
      acceptedAt: cached?.meta.acceptedAt ?? null,
    };
  }

  private async fetchAndParse<K extends MedmijListKind>(kind: K, src: ListSource): Promise<Fresh<K>> {
    let text: string;
    try {
      text = src.type === 'file' ? await this.readListFile(src.path) : await this.fetchList(src.url);
    } catch (error) {
      if (error instanceof ListProblemError) return { ok: false, problems: [error.problem] };
      throw error;
    }
    const parsed = parseMedmijList(kind, text, this.parseOptions);
    return parsed.ok ? { ok: true, text, list: parsed.list } : { ok: false, problems: parsed.problems };
  }

  private async readListFile(path: string): Promise<string> {
    try {
      const size = (await stat(path)).size;
      if (size > this.maxBytes) throw new ListProblemError(listProblem('too-large', '', { size, max: this.maxBytes }));
      return decodeListBytes(await readFile(path), this.maxBytes);
    } catch (error) {
      if (error instanceof ListProblemError) throw error;
      throw new ListProblemError(listProblem('read-failed', '', { detail: (error as NodeJS.ErrnoException).code ?? String(error) }));
    }
  }

  private async fetchList(url: string): Promise<string> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ListProblemError(listProblem('source-invalid', '', { detail: `"${url}" is geen URL` }));
    }
    const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === '[::1]' || parsed.hostname === 'localhost';
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
      throw new ListProblemError(listProblem('source-invalid', '', { detail: 'alleen https (of http naar 127.0.0.1) is toegestaan' }));
    }
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const res = await this.fetchImpl(parsed, { signal, redirect: 'error', headers: { accept: 'application/xml, text/xml;q=0.9' } });
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new ListProblemError(listProblem('fetch-status', '', { status: res.status }));
      }
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > this.maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        throw new ListProblemError(listProblem('too-large', '', { size: declared, max: this.maxBytes }));
      }
      const chunks: Uint8Array[] = [];
      let total = 0;
      if (res.body) {
        const reader = res.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          total += value.byteLength;
          if (total > this.maxBytes) {
            await reader.cancel().catch(() => undefined);
            throw new ListProblemError(listProblem('too-large', '', { size: `>${this.maxBytes}`, max: this.maxBytes }));
          }
          chunks.push(value);
        }
      }
      return decodeListBytes(Buffer.concat(chunks), this.maxBytes);
    } catch (error) {
      if (error instanceof ListProblemError) throw error;
      if (signal.aborted) throw new ListProblemError(listProblem('fetch-timeout', '', { ms: this.timeoutMs }));
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new ListProblemError(listProblem('fetch-failed', '', { detail: cause?.code ?? cause?.message ?? (error as Error).message }));
    }
  }
}
