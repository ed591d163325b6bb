/**
 * One query of a data service against a provider's resource endpoint: a FHIR search (or read) with
 * the Bearer token, following the Bundle's `next` links, parsing, converting and validating every
 * page. Nothing is stored here: the caller imports the result all-or-nothing, so a query that fails
 * on page 3 leaves no trace of pages 1 and 2.
 */
import { prepareImport, type FhirVersion, type PreparedResource } from '../../fhir/index';
import { parseXml, type XmlElement } from '../../fhir/xml-parse';
import type { MedmijFollow } from '../queries/types';
import { BodyTooLargeError, readLimitedBytes } from './oauth';
import { providerRequest } from './http';
import { ReasonError, reasons } from './reasons';

export interface QueryLimits {
  /** Per HTTP request (default 60 s). */
  requestTimeoutMs: number;
  /** Pages followed per query, the first included (default 50). */
  maxPages: number;
  /** Bytes per response (default 50 MB). */
  maxResponseBytes: number;
  /** Bytes over all pages of one query (default 100 MB, the import pipeline's own ceiling). */
  maxQueryBytes: number;
  /** Follow-up reads per query, e.g. Binary documents (default 500). */
  maxFollow: number;
}

export const defaultQueryLimits: QueryLimits = {
  requestTimeoutMs: 60_000,
  maxPages: 50,
  maxResponseBytes: 50 * 1024 * 1024,
  maxQueryBytes: 100 * 1024 * 1024,
  maxFollow: 500,
};

export interface RunQueryOptions {
  /** The absolute URL of the first page. */
  url: string;
  /** The service's resource endpoint: `next` links must share its origin. */
  resourceEndpoint: string;
  fhirVersion: FhirVersion;
  accessToken: string;
  /** Epoch ms; a token past it is not sent (the person must log in again). */
  expiresAt: number | null;
  correlationId: string;
  /** Reads to do after the search: each `element` URL of each `fromResource` in the results that points at a `resourceType`. */
  follow?: MedmijFollow;
  /** Throws when a URL would carry a patient/subject parameter; called before every request. */
  assertAllowed: (url: URL) => void;
  limits?: Partial<QueryLimits>;
  fetch?: typeof fetch;
  now?: () => number;
  signal?: AbortSignal;
  /** After each page: resources received so far. */
  onProgress?: (received: number) => void;
}

export interface QueryResult {
  resources: PreparedResource[];
  /** Every URL requested, in order. */
  urls: string[];
}

const acceptedTypes = /^application\/(fhir\+json|json|fhir\+xml|xml|json\+fhir|xml\+fhir)$/i;

export async function runQuery(options: RunQueryOptions): Promise<QueryResult> {
  const limits = { ...defaultQueryLimits, ...options.limits };
  const now = options.now ?? Date.now;
  const origin = new URL(options.resourceEndpoint).origin;
  const resources: PreparedResource[] = [];
  const urls: string[] = [];
  const seen = new Set<string>();
  let total = 0;

  const get = async (target: URL): Promise<{ body: Buffer; format: 'json' | 'xml'; resources: PreparedResource[] }> => {
    options.assertAllowed(target);
    if (options.expiresAt !== null && now() >= options.expiresAt) throw new ReasonError(reasons.loginAgain(), true);
    const url = target.toString();
    urls.push(url);
    const timeout = AbortSignal.timeout(limits.requestTimeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    let body: Buffer;
    try {
      // providerRequest never follows a redirect: it could carry the token to another origin.
      response = await providerRequest(options.fetch, {
        method: 'GET',
        url,
        headers: { Authorization: `Bearer ${options.accessToken}`, Accept: 'application/fhir+json' },
        correlationId: options.correlationId,
        signal,
      });
      if (response.status === 401) {
        await response.body?.cancel().catch(() => undefined);
        throw new ReasonError(reasons.loginAgain(), true);
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new ReasonError(reasons.httpStatus(response.status));
      }
      body = await readLimitedBytes(response, Math.min(limits.maxResponseBytes, limits.maxQueryBytes - total));
    } catch (error) {
      if (error instanceof ReasonError) throw error;
      if (options.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new ReasonError(reasons.cancelled());
      if (timeout.aborted) throw new ReasonError(reasons.timeout(Math.round(limits.requestTimeoutMs / 1000)));
      if (error instanceof BodyTooLargeError) throw new ReasonError(reasons.tooLarge(Math.round(Math.min(limits.maxResponseBytes, limits.maxQueryBytes) / 1024 / 1024)));
      throw new ReasonError(reasons.unreachable());
    }
    total += body.length;
    const contentType = response.headers.get('content-type') ?? '';
    const mime = contentType.split(';')[0]?.trim() ?? '';
    if (!acceptedTypes.test(mime)) throw new ReasonError(reasons.notFhir(mime.slice(0, 60)));
    const prepared = prepareImport(body, { contentType, versionHint: options.fhirVersion, fileName: url });
    if (!prepared.ok) {
      const first = prepared.problems[0]!;
      throw new ReasonError(reasons.invalidFhir({ nl: `${first.entryPath}: ${first.message.nl}`, en: `${first.entryPath}: ${first.message.en}` }));
    }
    // An _include'd resource (e.g. the same Specimen or Medication) may come back on every page: keep it once.
    for (const resource of prepared.resources) {
      const key = resource.id === null ? null : `${resource.resourceType}/${resource.id}`;
      if (key !== null && seen.has(key)) continue;
      if (key !== null) seen.add(key);
      resources.push(resource);
    }
    options.onProgress?.(resources.length);
    return { body, format: prepared.format, resources: prepared.resources };
  };

  // The search, page by page.
  let next: URL | null = new URL(options.url);
  for (let pages = 0; next; pages++) {
    if (pages >= limits.maxPages) throw new ReasonError(reasons.tooManyPages(limits.maxPages));
    if (next.origin !== origin) throw new ReasonError(reasons.foreignNextLink());
    const page = await get(next);
    const link = page.format === 'json' ? nextLinkOfJson(page.body) : nextLinkOfXml(page.body);
    next = link === null ? null : new URL(link, next);
  }

  // Follow-up reads (e.g. DocumentReference.content.attachment.url → Binary), same resource server only.
  if (options.follow) {
    const { fromResource, element, resourceType } = options.follow;
    const base = new URL(options.resourceEndpoint.endsWith('/') ? options.resourceEndpoint : `${options.resourceEndpoint}/`);
    const targets = new Map<string, URL>();
    for (const resource of [...resources]) {
      if (resource.resourceType !== fromResource) continue;
      for (const value of valuesAt(resource.json, element.split('.'))) {
        let target: URL;
        try {
          target = new URL(value, base);
        } catch {
          continue;
        }
        // A reference elsewhere is not fetched: the token is only ever sent to this resource server.
        if (target.origin !== origin || !target.pathname.startsWith(base.pathname)) continue;
        // Only the kind asked for (a Task's inputs also point at the Patient, for instance).
        if (!isReadOf(resourceType, target.pathname.slice(base.pathname.length))) continue;
        target.hash = '';
        targets.set(target.toString(), target);
      }
    }
    if (targets.size > limits.maxFollow) throw new ReasonError(reasons.tooManyPages(limits.maxFollow));
    for (const target of targets.values()) await get(target);
  }
  return { resources, urls };
}

/** `Type/id` with a valid FHIR id, nothing before or after. */
function isReadOf(resourceType: string, relativePath: string): boolean {
  const [type, id, ...rest] = relativePath.split('/');
  return type === resourceType && rest.length === 0 && id !== undefined && /^[A-Za-z0-9\-.]{1,64}$/.test(id);
}

/** Every string at a dotted path, through arrays (e.g. 'content.attachment.url'). */
function valuesAt(value: unknown, path: string[]): string[] {
  if (path.length === 0) return typeof value === 'string' ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (typeof value !== 'object' || value === null) return [];
  return valuesAt((value as Record<string, unknown>)[path[0]!], path.slice(1));
}

/** The Bundle's `next` link; the body has already passed the FHIR layer's size and depth checks. */
function nextLinkOfJson(body: Buffer): string | null {
  const root = JSON.parse(body.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
  if (typeof root !== 'object' || root === null || (root as { resourceType?: unknown }).resourceType !== 'Bundle') return null;
  const links = (root as { link?: unknown }).link;
  if (!Array.isArray(links)) return null;
  for (const link of links as unknown[]) {
    if (typeof link !== 'object' || link === null) continue;
    const { relation, url } = link as { relation?: unknown; url?: unknown };
    if (relation === 'next' && typeof url === 'string' && url.length > 0) return url;
  }
  return null;
}

function nextLinkOfXml(body: Buffer): string | null {
  const root = parseXml(body.toString('utf8').replace(/^\uFEFF/, ''), 64);
  if (root.name !== 'Bundle') return null;
  const valueOf = (el: XmlElement, name: string) => el.children.find((c) => c.name === name)?.attrs.value;
  for (const link of root.children.filter((c) => c.name === 'link')) {
    const url = valueOf(link, 'url');
    if (valueOf(link, 'relation') === 'next' && url) return url;
  }
  return null;
}
