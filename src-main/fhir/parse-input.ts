/**
 * parseFhirInput: bytes → the resources they hold, each as received plus its FHIR JSON form.
 * Refuses (with bilingual problems, never exceptions) oversized input, hostile XML (DOCTYPE/ENTITY),
 * excessive nesting, malformed syntax and wrongly typed Bundle structure. One bad entry fails all.
 */
import { isUtf8 } from 'node:buffer';
import { R4_ELEMENTS, STU3_ELEMENTS } from './cardinality/element-table.generated';
import { decideVersion, scoreResource, versionFromMime, type VersionScore } from './detect-version';
import { scanJson, type EntryLayout } from './json-scan';
import { ProblemError, problem } from './problems';
import { INPUT_PATH, isObject, type FhirFormat, type FhirJson, type FhirVersion, type ImportProblem, type ParseResult, type ReceivedResource } from './types';
import { parseXml, type XmlElement } from './xml-parse';
import { xmlOriginalText, xmlResourceToJson } from './xml-to-json';

export interface ParseOptions {
  fileName?: string;
  contentType?: string;
  /** Overrides version detection. */
  versionHint?: FhirVersion;
  /** Default 100 MB. */
  maxBytes?: number;
  /** Default 64 levels of JSON objects/arrays or XML elements. */
  maxDepth?: number;
  /** JSON Bundles of at least this many bytes are read entry by entry (openFhirInput); default 4 MiB. */
  streamAboveBytes?: number;
}

export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_STREAM_ABOVE_BYTES = 4 * 1024 * 1024;
const MAX_BUNDLE_NESTING = 8;

export function parseFhirInput(bytes: Buffer | string, hint: ParseOptions = {}): ParseResult {
  return refusing(() => {
    const input = decode(bytes, hint);
    return { ok: true, ...parseDecoded(input) };
  });
}

/**
 * Like parseFhirInput, but a large JSON Bundle is not parsed as a whole: it comes back as a reader
 * that parses one entry at a time, so the whole input never exists as objects at once (a 100 MB
 * Bundle would take several times that as objects). The reader's problems are thrown as ProblemError.
 */
export function openFhirInput(bytes: Buffer | string, hint: ParseOptions = {}): ParseResult | { ok: true; bundle: JsonBundleReader } {
  return refusing(() => {
    const input = decode(bytes, hint);
    if (input.first === '{' && input.bytes().length >= (hint.streamAboveBytes ?? DEFAULT_STREAM_ABOVE_BYTES)) {
      const bundle = JsonBundleReader.open(input.bytes(), input.maxDepth, input.fixed);
      if (bundle) return { ok: true, bundle };
    }
    return { ok: true, ...parseDecoded(input) };
  });
}

/** Runs a parse step: its ProblemError, or anything unexpected, becomes a refusal (never a crash of the import). */
export function refusing<T>(work: () => T): T | { ok: false; problems: ImportProblem[] } {
  try {
    return work();
  } catch (e) {
    if (e instanceof ProblemError) return { ok: false, problems: [e.problem] };
    return { ok: false, problems: [problem(INPUT_PATH, 'unreadable')] };
  }
}

interface DecodedInput {
  /** The input's UTF-8 bytes after a byte order mark, made when first asked for. */
  bytes(): Buffer;
  /** The input as text (without a byte order mark), made when first asked for: a large JSON Bundle never needs it. */
  text(): string;
  first: string;
  fixed: FhirVersion | null;
  maxDepth: number;
}

function parseDecoded(input: DecodedInput): { fhirVersion: FhirVersion; format: FhirFormat; resources: ReceivedResource[] } {
  if (input.first === '{') return parseJsonText(input, input.maxDepth, input.fixed);
  return parseXmlText(input.text(), input.maxDepth, input.fixed);
}

const once = <T>(make: () => T): (() => T) => {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
};

function decode(input: Buffer | string, hint: ParseOptions): DecodedInput {
  const maxBytes = hint.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = hint.maxDepth ?? DEFAULT_MAX_DEPTH;
  // Size first, before decoding or parsing anything (a string's UTF-8 size is at least its length).
  const size = typeof input === 'string' ? (input.length > maxBytes ? input.length : Buffer.byteLength(input)) : input.length;
  if (size > maxBytes) throw new ProblemError(problem(INPUT_PATH, 'too-large', { size, max: maxBytes }));
  let bytes: () => Buffer;
  let text: () => string;
  let first: string | undefined;
  if (typeof input === 'string') {
    const unmarked = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    text = () => unmarked;
    bytes = once(() => Buffer.from(unmarked));
  } else {
    if (!isUtf8(input)) throw new ProblemError(problem(INPUT_PATH, 'bad-encoding'));
    const unmarked = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? input.subarray(3) : input;
    bytes = () => unmarked;
    text = once(() => unmarked.toString('utf8'));
    // The first character, from the bytes while they are ASCII whitespace (the text is only made when they are not).
    let i = 0;
    while (i < unmarked.length && (unmarked[i] === 0x20 || (unmarked[i]! >= 0x09 && unmarked[i]! <= 0x0d))) i++;
    if (i === unmarked.length) throw new ProblemError(problem(INPUT_PATH, 'empty'));
    if (unmarked[i]! < 0x80) first = String.fromCharCode(unmarked[i]!);
  }
  first ??= /\S/.exec(text())?.[0];
  if (first === undefined) throw new ProblemError(problem(INPUT_PATH, 'empty'));

  const mimeVersion = versionFromMime(hint.contentType);
  if (mimeVersion === 'other') throw new ProblemError(problem(INPUT_PATH, 'version-unknown', { version: hint.contentType ?? '' }));
  const fixed = hint.versionHint ?? mimeVersion ?? null;
  if (first !== '{' && first !== '<') throw new ProblemError(problem(INPUT_PATH, 'unknown-format'));
  return { bytes, text, first, fixed, maxDepth };
}

function parseJsonText(input: DecodedInput, maxDepth: number, fixed: FhirVersion | null) {
  const bytes = input.bytes();
  const spans = scanJson(bytes, maxDepth);
  let root: unknown;
  try {
    root = JSON.parse(input.text());
  } catch (e) {
    throw new ProblemError(problem(INPUT_PATH, 'json-syntax', { detail: e instanceof Error ? e.message.slice(0, 200) : '' }));
  }
  const rootJson = requireResource(root, INPUT_PATH);
  const fhirVersion = fixed ?? detect(rootJson);
  const rootPath = rootJson.resourceType as string;
  const original = (json: FhirJson, path: string): string => {
    const span = path === rootPath ? spans.get('$') : spans.get('$' + path.slice(rootPath.length));
    return span ? bytes.toString('utf8', span[0], span[1]) : JSON.stringify(json);
  };
  return { fhirVersion, format: 'json' as const, resources: flatten(rootJson, fhirVersion, 'json', original) };
}

function parseXmlText(text: string, maxDepth: number, fixed: FhirVersion | null) {
  // Refuse DTDs before any parsing: XXE and entity expansion ("billion laughs") live there.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new ProblemError(problem(INPUT_PATH, 'xml-doctype'));
  const root = parseXml(text, maxDepth);
  // Convert with the R4 table first (a primitive stays a primitive even where R4 expects an
  // object, so STU3 signals survive), detect, and convert again with the STU3 table if needed.
  let conversion = xmlResourceToJson(root, fixed === 'STU3' ? STU3_ELEMENTS : R4_ELEMENTS, text);
  const fhirVersion = fixed ?? detect(conversion.json);
  if (!fixed && fhirVersion === 'STU3') conversion = xmlResourceToJson(root, STU3_ELEMENTS, text);
  const { json, sources } = conversion;
  const original = (resource: FhirJson): string => {
    const el: XmlElement | undefined = sources.get(resource);
    return el ? xmlOriginalText(el, text) : '';
  };
  return { fhirVersion, format: 'xml' as const, resources: flatten(json, fhirVersion, 'xml', original) };
}

function detect(root: FhirJson): FhirVersion {
  const score: VersionScore = { stu3: 0, r4: 0 };
  scoreTree(root, 0, score);
  return decided(score);
}

/** The version the signals decide on; refuses an input whose signals are as strong for both. */
export function decided(score: VersionScore): FhirVersion {
  const v = decideVersion(score);
  if (v === 'mixed') throw new ProblemError(problem(INPUT_PATH, 'version-mixed'));
  return v;
}

/** Adds a resource's version signals, and those of a Bundle's entries, to `score`. */
function scoreTree(r: FhirJson, depth: number, score: VersionScore): void {
  scoreResource(r, score);
  if (r.resourceType === 'Bundle' && depth < MAX_BUNDLE_NESTING) {
    const entries = Array.isArray(r.entry) ? r.entry : isObject(r.entry) ? [r.entry] : [];
    for (const e of entries) scoreEntry(e, depth, score);
  }
}

function scoreEntry(entry: unknown, depth: number, score: VersionScore): void {
  if (isObject(entry) && isObject(entry.resource)) scoreTree(entry.resource, depth + 1, score);
}

function requireResource(v: unknown, path: string): FhirJson {
  if (!isObject(v) || typeof v.resourceType !== 'string' || !/^[A-Z][A-Za-z]{1,63}$/.test(v.resourceType)) {
    throw new ProblemError(problem(path, 'not-a-resource'));
  }
  return v;
}

interface Flattening {
  fhirVersion: FhirVersion;
  format: FhirFormat;
  original: (json: FhirJson, path: string) => string;
  out: ReceivedResource[];
}

function flatten(
  root: FhirJson,
  fhirVersion: FhirVersion,
  format: FhirFormat,
  original: (json: FhirJson, path: string) => string,
): ReceivedResource[] {
  const into: Flattening = { fhirVersion, format, original, out: [] };
  flattenResource(root, root.resourceType as string, undefined, 0, into);
  return into.out;
}

const wrong = (path: string, name: string, expected: string): ImportProblem => problem(path, 'wrong-type', { name, expected });

function flattenResource(r: FhirJson, path: string, fullUrl: string | undefined, nesting: number, into: Flattening): void {
  if (r.id !== undefined && typeof r.id !== 'string') throw new ProblemError(wrong(path, 'id', 'string'));
  if (r.resourceType !== 'Bundle') {
    into.out.push({
      resourceType: r.resourceType as string,
      id: (r.id as string | undefined) ?? null,
      fhirVersion: into.fhirVersion,
      format: into.format,
      originalText: into.original(r, path),
      json: r,
      entryPath: path,
      ...(fullUrl !== undefined && { fullUrl }),
    });
    return;
  }
  if (nesting >= MAX_BUNDLE_NESTING) throw new ProblemError(problem(path, 'bundle-too-deep'));
  if (r.entry === undefined) return;
  if (!Array.isArray(r.entry)) throw new ProblemError(wrong(`${path}.entry`, 'Bundle.entry', 'array'));
  r.entry.forEach((entry: unknown, i) => flattenEntry(entry, `${path}.entry[${i}]`, nesting, into));
}

/** One Bundle entry of a Bundle at `nesting`. */
function flattenEntry(entry: unknown, entryPath: string, nesting: number, into: Flattening): void {
  if (!isObject(entry)) throw new ProblemError(wrong(entryPath, 'Bundle.entry', 'object'));
  if (entry.fullUrl !== undefined && typeof entry.fullUrl !== 'string') throw new ProblemError(wrong(entryPath, 'fullUrl', 'string'));
  // Entries without a resource (e.g. a DELETE in a batch) carry nothing to import.
  if (entry.resource === undefined) return;
  const resource = requireResource(entry.resource, `${entryPath}.resource`);
  // Search outcome messages are server chatter, not patient data.
  const mode = isObject(entry.search) ? entry.search.mode : undefined;
  if (mode === 'outcome' && resource.resourceType === 'OperationOutcome') return;
  flattenResource(resource, `${entryPath}.resource`, entry.fullUrl as string | undefined, nesting + 1, into);
}

/**
 * A JSON Bundle read one entry at a time (see openFhirInput). The whole text is scanned once (depth
 * limit, where each entry and resource is); the Bundle without its entries is parsed up front, each
 * entry when asked for. The Bundle and its entries together are exactly the JSON text, so an input
 * is valid JSON iff all of them parse; the version is decided by the caller from the signals of the
 * Bundle and of every entry (scoreRoot, scoreEntry), as parseFhirInput decides it.
 */
export class JsonBundleReader {
  private constructor(
    /** The input's UTF-8 bytes: entries are decoded one at a time, originals when they are asked for. */
    readonly bytes: Buffer,
    private readonly spans: Map<string, [number, number]>,
    /** Start and end of each entry, in pairs. */
    private readonly entries: readonly number[],
    /** The Bundle with an empty entry array. */
    readonly root: FhirJson,
    /** The version the caller fixed (hint, MIME type), else null. */
    readonly fixed: FhirVersion | null,
  ) {}

  /** Null when the text is not a Bundle whose entries can be read this way (parseFhirInput reads it whole). */
  static open(bytes: Buffer, maxDepth: number, fixed: FhirVersion | null): JsonBundleReader | null {
    const layout: EntryLayout = { arrayStart: -1, arrayEnd: -1, elements: [], repeated: false };
    const spans = scanJson(bytes, maxDepth, layout);
    if (layout.arrayStart < 0 || layout.arrayEnd < 0 || layout.repeated || !onlyCommasBetween(bytes, layout)) return null;
    let root: unknown;
    try {
      root = JSON.parse(bytes.toString('utf8', 0, layout.arrayStart) + '[]' + bytes.toString('utf8', layout.arrayEnd));
    } catch (e) {
      throw new ProblemError(problem(INPUT_PATH, 'json-syntax', { detail: e instanceof Error ? e.message.slice(0, 200) : '' }));
    }
    const bundle = requireResource(root, INPUT_PATH);
    if (bundle.resourceType !== 'Bundle') return null;
    if (bundle.id !== undefined && typeof bundle.id !== 'string') throw new ProblemError(wrong('Bundle', 'id', 'string'));
    return new JsonBundleReader(bytes, spans, layout.elements, bundle, fixed);
  }

  get size(): number {
    return this.entries.length / 2;
  }

  /** Entry `index` as parsed JSON; a syntax error refuses the input. */
  entry(index: number): unknown {
    const start = this.entries[2 * index]!;
    try {
      return JSON.parse(this.bytes.toString('utf8', start, this.entries[2 * index + 1]));
    } catch (e) {
      throw new ProblemError(problem(INPUT_PATH, 'json-syntax', { detail: e instanceof Error ? `${e.message.slice(0, 160)} (entry ${index})` : '' }));
    }
  }

  scoreRoot(score: VersionScore): void {
    scoreResource(this.root, score);
  }

  scoreEntry(entry: unknown, score: VersionScore): void {
    scoreEntry(entry, 0, score);
  }

  /**
   * The resources entry `index` holds (nested Bundles flattened). Their `originalText` is left empty
   * where originalSpan knows where it is: the caller decodes it from `bytes` when it needs it.
   */
  resourcesOf(entry: unknown, index: number, fhirVersion: FhirVersion): ReceivedResource[] {
    const into: Flattening = {
      fhirVersion,
      format: 'json',
      original: (json, path) => (this.originalSpan(path) ? '' : JSON.stringify(json)),
      out: [],
    };
    flattenEntry(entry, `Bundle.entry[${index}]`, 0, into);
    return into.out;
  }

  /** Where in `bytes` the resource at `entryPath` (e.g. 'Bundle.entry[3].resource') is, if known. */
  originalSpan(entryPath: string): [number, number] | undefined {
    return this.spans.get('$' + entryPath.slice('Bundle'.length));
  }
}

/** Whether only whitespace and one comma between two entries lie between the entries (else JSON.parse of the whole decides). */
function onlyCommasBetween(text: Buffer, { arrayStart, arrayEnd, elements }: EntryLayout): boolean {
  const gap = (from: number, to: number, comma: boolean) => {
    let commas = 0;
    for (let i = from; i < to; i++) {
      const c = text[i]!;
      if (c === 0x2c) commas++;
      else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
    }
    return commas === (comma ? 1 : 0);
  };
  if (elements.length === 0) return gap(arrayStart + 1, arrayEnd - 1, false);
  if (!gap(arrayStart + 1, elements[0]!, false) || !gap(elements[elements.length - 1]!, arrayEnd - 1, false)) return false;
  for (let k = 1; k + 1 < elements.length; k += 2) if (!gap(elements[k]!, elements[k + 1]!, true)) return false;
  return true;
}
