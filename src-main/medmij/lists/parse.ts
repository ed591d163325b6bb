/**
 * Parsers + validators for the four MedMij lists. They check what the published XSDs check
 * (root, namespace, element order and cardinality, simple-type patterns and lengths, uniqueness
 * constraints) plus what Regie needs on top (endpoints are https, or loopback for the simulator).
 * Every problem found is collected (up to a cap) so a broken list is reported completely.
 */
import { ListProblemError, listProblem, type ListProblem } from './problems';
import { applySimulatorOrigin } from './simulator-origin';
import {
  MEDMIJ_NAMESPACES,
  MEDMIJ_ROOTS,
  type ListParseOptions,
  type ListParseResult,
  type MedmijListByKind,
  type MedmijListKind,
  type MedmijOAuthClientList,
  type MedmijProvider,
  type MedmijProviderList,
  type MedmijProviderService,
  type MedmijServiceNameList,
  type MedmijSystemRole,
  type MedmijWhitelist,
} from './types';
import { DEFAULT_MAX_LIST_BYTES, parseListXml, type ListXmlElement } from './xml';

const MAX_PROBLEMS = 100;
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** xs:dateTime restricted to ≥ 20 characters: seconds and a time zone are required in practice. */
const DATETIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const POSITIVE_INTEGER = /^\+?0*[1-9]\d*$/;
const ZORGAANBIEDERNAAM = /^[a-z]+@medmij$/;
/** DNS hostname as the lists write it: lower case labels, at least one dot. */
const HOSTNAME = /^(?:[a-z0-9][a-z0-9-]*\.)+[a-z0-9][a-z0-9-]*[a-z0-9]$/;
/** Path part of a MedMij endpoint: zero or more non-empty segments, no query or fragment. */
const ENDPOINT_PATH = /^(?:\/[^?#/]+)*$/;

interface Ctx {
  ns: string;
  problems: ListProblem[];
}

function add(ctx: Ctx, p: ListProblem): void {
  if (ctx.problems.length < MAX_PROBLEMS) ctx.problems.push(p);
}

const join = (path: string, name: string) => (path ? `${path}/${name}` : name);

interface Slot {
  name: string;
  min: number;
  max: number;
}

/** Checks the children of `el` against an xs:sequence; returns the matched children per name. */
function sequence(ctx: Ctx, el: ListXmlElement, path: string, slots: Slot[]): Map<string, { el: ListXmlElement; path: string }[]> {
  const out = new Map<string, { el: ListXmlElement; path: string }[]>();
  if (el.text.trim() !== '') add(ctx, listProblem('unexpected-text', path, { name: el.local }));
  checkAttributes(ctx, el, path, false);
  let i = 0;
  for (const slot of slots) {
    const found: { el: ListXmlElement; path: string }[] = [];
    while (i < el.children.length && el.children[i]!.local === slot.name) {
      const child = el.children[i]!;
      const childPath = join(path, slot.max > 1 ? `${slot.name}[${found.length + 1}]` : slot.name);
      if (child.ns !== ctx.ns) add(ctx, listProblem('wrong-namespace', childPath, { name: slot.name, found: child.ns, expected: ctx.ns }));
      found.push({ el: child, path: childPath });
      i++;
    }
    if (found.length < slot.min) add(ctx, listProblem('missing-element', path, { name: slot.name }));
    if (found.length > slot.max) add(ctx, listProblem('too-many', path, { name: slot.name, max: slot.max }));
    out.set(slot.name, found);
  }
  if (i < el.children.length) {
    const extra = el.children[i]!;
    add(ctx, listProblem('unexpected-element', path, { name: extra.local, expected: slots.map((s) => s.name).join(', ') }));
  }
  return out;
}

function checkAttributes(ctx: Ctx, el: ListXmlElement, path: string, isRoot: boolean): void {
  for (const [qname, attr] of Object.entries(el.attrs)) {
    // xsi:schemaLocation and friends are allowed on the root, as in the published examples.
    if (isRoot && attr.uri === XSI) continue;
    add(ctx, listProblem('unexpected-attribute', path, { name: qname }));
  }
}

/** Text of a simple-typed element (trimmed), or null (problem recorded) when it has child elements. */
function simple(ctx: Ctx, item: { el: ListXmlElement; path: string } | undefined): string | null {
  if (!item) return null;
  checkAttributes(ctx, item.el, item.path, false);
  if (item.el.children.length > 0) {
    add(ctx, listProblem('unexpected-element', item.path, { name: item.el.children[0]!.local, expected: '(tekst)' }));
    return null;
  }
  return item.el.text.trim();
}

function invalid(ctx: Ctx, path: string, name: string, value: string, reason: string, reasonEn: string): void {
  add(ctx, listProblem('invalid-value', path, { name, value: value.length > 80 ? `${value.slice(0, 80)}…` : value, reason, reasonEn }));
}

function lengthOk(ctx: Ctx, path: string, name: string, value: string, min: number, max: number): boolean {
  const len = [...value].length;
  if (len < min || len > max) {
    invalid(ctx, path, name, value, `lengte moet tussen ${min} en ${max} tekens liggen`, `length must be between ${min} and ${max} characters`);
    return false;
  }
  return true;
}

function header(ctx: Ctx, fields: Map<string, { el: ListXmlElement; path: string }[]>): { timestamp: string; sequence: number } {
  const tsItem = fields.get('Tijdstempel')?.[0];
  const ts = simple(ctx, tsItem);
  let timestamp = '';
  if (ts !== null && tsItem) {
    if (!DATETIME.test(ts) || Number.isNaN(Date.parse(ts))) {
      invalid(ctx, tsItem.path, 'Tijdstempel', ts, 'geen datum-tijd met tijdzone', 'not a date-time with time zone');
    } else timestamp = ts;
  }
  const seqItem = fields.get('Volgnummer')?.[0];
  const seq = simple(ctx, seqItem);
  let sequenceNo = 0;
  if (seq !== null && seqItem) {
    const n = Number(seq);
    if (!POSITIVE_INTEGER.test(seq) || !Number.isSafeInteger(n)) {
      invalid(ctx, seqItem.path, 'Volgnummer', seq, 'geen positief geheel getal', 'not a positive integer');
    } else sequenceNo = n;
  }
  return { timestamp, sequence: sequenceNo };
}

function checkHostname(ctx: Ctx, path: string, name: string, value: string, allowLoopback = false): boolean {
  // 127.0.0.1 does not match the XSD's Hostname pattern (its last label is one character); it is
  // accepted only with allowLoopback, for the local simulator.
  if (allowLoopback && value === '127.0.0.1') return true;
  if (!HOSTNAME.test(value) || value.length > 253) {
    invalid(ctx, path, name, value, 'geen geldige hostnaam (kleine letters, cijfers, koppeltekens, met punten)', 'not a valid host name (lower-case letters, digits, hyphens, dotted)');
    return false;
  }
  return true;
}

/**
 * Validates one endpoint URI. https: a DNS host name (the XSD pattern), an optional port only on
 * back-channel endpoints, path segments only. http: only 127.0.0.1 (any port) and only with
 * `allowLoopback`, for the local simulator.
 */
export function checkEndpoint(
  value: string,
  channel: 'front' | 'back',
  allowLoopback: boolean,
): { ok: true; url: URL } | { ok: false; code: 'endpoint-invalid' | 'endpoint-not-https' } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, code: 'endpoint-invalid' };
  }
  const rest = value.slice(url.protocol.length + 2);
  const authority = rest.split('/', 1)[0] ?? '';
  const path = rest.slice(authority.length);
  if (url.username || url.password || value.includes('?') || value.includes('#') || !ENDPOINT_PATH.test(path)) {
    return { ok: false, code: 'endpoint-invalid' };
  }
  if (url.protocol === 'https:') {
    const m = /^([^:]+)(?::(\d{1,5}))?$/.exec(authority);
    if (!m || !HOSTNAME.test(m[1]!)) return { ok: false, code: 'endpoint-invalid' };
    if (m[2] !== undefined && (channel === 'front' || Number(m[2]) > 65535)) return { ok: false, code: 'endpoint-invalid' };
    return { ok: true, url };
  }
  if (url.protocol === 'http:') {
    if (!allowLoopback || !/^127\.0\.0\.1(?::\d{1,5})?$/.test(authority)) return { ok: false, code: 'endpoint-not-https' };
    return { ok: true, url };
  }
  return { ok: false, code: 'endpoint-not-https' };
}

function endpoint(ctx: Ctx, item: { el: ListXmlElement; path: string } | undefined, name: string, channel: 'front' | 'back', allowLoopback: boolean): string {
  const value = simple(ctx, item);
  if (value === null || !item) return '';
  const r = checkEndpoint(value, channel, allowLoopback);
  if (!r.ok) {
    add(ctx, listProblem(r.code, item.path, { name, value }));
    return '';
  }
  return value;
}

/** Parses the root and checks its name and namespace; returns the fields of the top-level sequence. */
function root(ctx: Ctx, kind: MedmijListKind, el: ListXmlElement, slots: Slot[]) {
  const expectedRoot = MEDMIJ_ROOTS[kind];
  if (el.local !== expectedRoot) {
    add(ctx, listProblem('wrong-root', '', { expected: expectedRoot, found: el.local }));
    return null;
  }
  if (el.ns !== ctx.ns) {
    add(ctx, listProblem('wrong-namespace', expectedRoot, { name: expectedRoot, found: el.ns, expected: ctx.ns }));
    return null;
  }
  checkAttributes(ctx, el, '', true);
  // attributes were checked above with the root's allowance for xsi:*
  return sequence(ctx, { ...el, attrs: {} }, '', slots);
}

const HEADER_SLOTS: Slot[] = [
  { name: 'Tijdstempel', min: 1, max: 1 },
  { name: 'Volgnummer', min: 1, max: 1 },
];

function run<K extends MedmijListKind>(
  kind: K,
  text: string,
  options: ListParseOptions,
  body: (ctx: Ctx, el: ListXmlElement) => MedmijListByKind[K] | null,
): ListParseResult<MedmijListByKind[K]> {
  const ctx: Ctx = { ns: MEDMIJ_NAMESPACES[kind], problems: [] };
  try {
    const resolved = applySimulatorOrigin(text, options.simulatorOrigin);
    if (!resolved.ok) return { ok: false, problems: [resolved.problem] };
    const el = parseListXml(resolved.text, options.maxBytes ?? DEFAULT_MAX_LIST_BYTES);
    const list = body(ctx, el);
    if (ctx.problems.length > 0 || !list) return { ok: false, problems: ctx.problems };
    return { ok: true, list };
  } catch (error) {
    if (error instanceof ListProblemError) return { ok: false, problems: [error.problem] };
    throw error;
  }
}

export function parseProviderList(text: string, options: ListParseOptions = {}): ListParseResult<MedmijProviderList> {
  const allowLoopback = options.allowLoopback ?? false;
  return run('zorgaanbiederslijst', text, options, (ctx, el) => {
    const top = root(ctx, 'zorgaanbiederslijst', el, [...HEADER_SLOTS, { name: 'Zorgaanbieders', min: 1, max: 1 }]);
    if (!top) return null;
    const head = header(ctx, top);
    const providers: MedmijProvider[] = [];
    const seenProviders = new Set<string>();
    const za = top.get('Zorgaanbieders')?.[0];
    if (za) {
      const list = sequence(ctx, za.el, za.path, [{ name: 'Zorgaanbieder', min: 0, max: Infinity }]);
      for (const p of list.get('Zorgaanbieder') ?? []) {
        const f = sequence(ctx, p.el, p.path, [
          { name: 'Zorgaanbiedernaam', min: 1, max: 1 },
          { name: 'Gegevensdiensten', min: 1, max: 1 },
        ]);
        const nameItem = f.get('Zorgaanbiedernaam')?.[0];
        const name = simple(ctx, nameItem) ?? '';
        if (nameItem) {
          if (!ZORGAANBIEDERNAAM.test(name)) {
            invalid(ctx, nameItem.path, 'Zorgaanbiedernaam', name, 'moet de vorm "kleineletters@medmij" hebben', 'must have the form "lowercaseletters@medmij"');
          } else if (lengthOk(ctx, nameItem.path, 'Zorgaanbiedernaam', name, 10, 57)) {
            if (seenProviders.has(name)) add(ctx, listProblem('duplicate-id', nameItem.path, { name: 'Zorgaanbiedernaam', value: name }));
            seenProviders.add(name);
          }
        }
        const services: MedmijProviderService[] = [];
        const gd = f.get('Gegevensdiensten')?.[0];
        if (gd) {
          const seenServices = new Set<string>();
          const items = sequence(ctx, gd.el, gd.path, [{ name: 'Gegevensdienst', min: 1, max: Infinity }]);
          for (const s of items.get('Gegevensdienst') ?? []) {
            const sf = sequence(ctx, s.el, s.path, [
              { name: 'GegevensdienstId', min: 1, max: 1 },
              { name: 'AuthorizationEndpoint', min: 1, max: 1 },
              { name: 'TokenEndpoint', min: 1, max: 1 },
              { name: 'Systeemrollen', min: 1, max: 1 },
            ]);
            const idItem = sf.get('GegevensdienstId')?.[0];
            const id = simple(ctx, idItem) ?? '';
            if (idItem && lengthOk(ctx, idItem.path, 'GegevensdienstId', id, 1, 30)) {
              if (seenServices.has(id)) add(ctx, listProblem('duplicate-id', idItem.path, { name: 'GegevensdienstId', value: id }));
              seenServices.add(id);
            }
            const authz = sf.get('AuthorizationEndpoint')?.[0];
            const authzUri = authz
              ? endpoint(ctx, sequence(ctx, authz.el, authz.path, [{ name: 'AuthorizationEndpointuri', min: 1, max: 1 }]).get('AuthorizationEndpointuri')?.[0], 'AuthorizationEndpointuri', 'front', allowLoopback)
              : '';
            const token = sf.get('TokenEndpoint')?.[0];
            const tokenUri = token
              ? endpoint(ctx, sequence(ctx, token.el, token.path, [{ name: 'TokenEndpointuri', min: 1, max: 1 }]).get('TokenEndpointuri')?.[0], 'TokenEndpointuri', 'back', allowLoopback)
              : '';
            const systemRoles: MedmijSystemRole[] = [];
            const roles = sf.get('Systeemrollen')?.[0];
            if (roles) {
              const seenRoles = new Set<string>();
              for (const r of sequence(ctx, roles.el, roles.path, [{ name: 'Systeemrol', min: 1, max: Infinity }]).get('Systeemrol') ?? []) {
                const rf = sequence(ctx, r.el, r.path, [
                  { name: 'Systeemrolcode', min: 1, max: 1 },
                  { name: 'ResourceEndpoint', min: 1, max: 1 },
                ]);
                const codeItem = rf.get('Systeemrolcode')?.[0];
                const code = simple(ctx, codeItem) ?? '';
                if (codeItem && lengthOk(ctx, codeItem.path, 'Systeemrolcode', code, 1, 30)) {
                  if (seenRoles.has(code)) add(ctx, listProblem('duplicate-id', codeItem.path, { name: 'Systeemrolcode', value: code }));
                  seenRoles.add(code);
                }
                const re = rf.get('ResourceEndpoint')?.[0];
                const reUri = re
                  ? endpoint(ctx, sequence(ctx, re.el, re.path, [{ name: 'ResourceEndpointuri', min: 1, max: 1 }]).get('ResourceEndpointuri')?.[0], 'ResourceEndpointuri', 'back', allowLoopback)
                  : '';
                systemRoles.push({ code, resourceEndpoint: reUri });
              }
            }
            services.push({ id, authorizationEndpoint: authzUri, tokenEndpoint: tokenUri, systemRoles });
          }
        }
        providers.push({ name, services });
      }
    }
    return { kind: 'zorgaanbiederslijst', ...head, providers };
  });
}

export function parseServiceNameList(text: string, options: ListParseOptions = {}): ListParseResult<MedmijServiceNameList> {
  return run('gegevensdienstnamenlijst', text, options, (ctx, el) => {
    const top = root(ctx, 'gegevensdienstnamenlijst', el, [...HEADER_SLOTS, { name: 'Gegevensdiensten', min: 1, max: 1 }]);
    if (!top) return null;
    const head = header(ctx, top);
    const services: MedmijServiceNameList['services'] = [];
    const seen = new Set<string>();
    const gd = top.get('Gegevensdiensten')?.[0];
    if (gd) {
      for (const s of sequence(ctx, gd.el, gd.path, [{ name: 'Gegevensdienst', min: 0, max: Infinity }]).get('Gegevensdienst') ?? []) {
        const f = sequence(ctx, s.el, s.path, [
          { name: 'GegevensdienstId', min: 1, max: 1 },
          { name: 'Weergavenaam', min: 1, max: 1 },
        ]);
        const idItem = f.get('GegevensdienstId')?.[0];
        const id = simple(ctx, idItem) ?? '';
        if (idItem && lengthOk(ctx, idItem.path, 'GegevensdienstId', id, 1, 30)) {
          if (seen.has(id)) add(ctx, listProblem('duplicate-id', idItem.path, { name: 'GegevensdienstId', value: id }));
          seen.add(id);
        }
        const nameItem = f.get('Weergavenaam')?.[0];
        const displayName = simple(ctx, nameItem) ?? '';
        if (nameItem) lengthOk(ctx, nameItem.path, 'Weergavenaam', displayName, 3, 50);
        services.push({ id, displayName });
      }
    }
    return { kind: 'gegevensdienstnamenlijst', ...head, services };
  });
}

export function parseOAuthClientList(text: string, options: ListParseOptions = {}): ListParseResult<MedmijOAuthClientList> {
  return run('oauthclientlist', text, options, (ctx, el) => {
    const top = root(ctx, 'oauthclientlist', el, [...HEADER_SLOTS, { name: 'OAuthclients', min: 1, max: 1 }]);
    if (!top) return null;
    const head = header(ctx, top);
    const clients: MedmijOAuthClientList['clients'] = [];
    const seen = new Set<string>();
    const oc = top.get('OAuthclients')?.[0];
    if (oc) {
      for (const c of sequence(ctx, oc.el, oc.path, [{ name: 'OAuthclient', min: 0, max: Infinity }]).get('OAuthclient') ?? []) {
        const f = sequence(ctx, c.el, c.path, [
          { name: 'Hostname', min: 1, max: 1 },
          { name: 'OAuthclientOrganisatienaam', min: 1, max: 1 },
        ]);
        const hostItem = f.get('Hostname')?.[0];
        const hostname = simple(ctx, hostItem) ?? '';
        if (hostItem && checkHostname(ctx, hostItem.path, 'Hostname', hostname)) {
          if (seen.has(hostname)) add(ctx, listProblem('duplicate-id', hostItem.path, { name: 'Hostname', value: hostname }));
          seen.add(hostname);
        }
        const orgItem = f.get('OAuthclientOrganisatienaam')?.[0];
        const organisationName = simple(ctx, orgItem) ?? '';
        if (orgItem) lengthOk(ctx, orgItem.path, 'OAuthclientOrganisatienaam', organisationName, 3, 50);
        clients.push({ hostname, organisationName });
      }
    }
    return { kind: 'oauthclientlist', ...head, clients };
  });
}

export function parseWhitelist(text: string, options: ListParseOptions = {}): ListParseResult<MedmijWhitelist> {
  const allowLoopback = options.allowLoopback ?? false;
  return run('whitelist', text, options, (ctx, el) => {
    const top = root(ctx, 'whitelist', el, [...HEADER_SLOTS, { name: 'MedMijNodes', min: 1, max: 1 }]);
    if (!top) return null;
    const head = header(ctx, top);
    const hostnames: string[] = [];
    const nodes = top.get('MedMijNodes')?.[0];
    if (nodes) {
      for (const n of sequence(ctx, nodes.el, nodes.path, [{ name: 'MedMijNode', min: 0, max: Infinity }]).get('MedMijNode') ?? []) {
        const f = sequence(ctx, n.el, n.path, [{ name: 'Hostname', min: 1, max: 1 }]);
        const hostItem = f.get('Hostname')?.[0];
        const hostname = simple(ctx, hostItem) ?? '';
        if (hostItem && checkHostname(ctx, hostItem.path, 'Hostname', hostname, allowLoopback)) {
          if (hostnames.includes(hostname)) add(ctx, listProblem('duplicate-id', hostItem.path, { name: 'Hostname', value: hostname }));
          else hostnames.push(hostname);
        }
      }
    }
    return { kind: 'whitelist', ...head, hostnames };
  });
}

const PARSERS: { [K in MedmijListKind]: (text: string, options?: ListParseOptions) => ListParseResult<MedmijListByKind[K]> } = {
  zorgaanbiederslijst: parseProviderList,
  gegevensdienstnamenlijst: parseServiceNameList,
  oauthclientlist: parseOAuthClientList,
  whitelist: parseWhitelist,
};

export function parseMedmijList<K extends MedmijListKind>(kind: K, text: string, options: ListParseOptions = {}): ListParseResult<MedmijListByKind[K]> {
  return PARSERS[kind](text, options);
}
