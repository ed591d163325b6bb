/**
 * parseFhirInput: bytes → the resources they hold, each as received plus its FHIR JSON form.
 * Refuses (with bilingual problems, never exceptions) oversized input, hostile XML (DOCTYPE/ENTITY),
 * excessive nesting, malformed syntax and wrongly typed Bundle structure. One bad entry fails all.
 */
import { R4_ELEMENTS, STU3_ELEMENTS } from './cardinality/element-table.generated';
import { decideVersion, scoreResource, versionFromMime, type VersionScore } from './detect-version';
import { scanJson } from './json-scan';
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
}

export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 64;
const MAX_BUNDLE_NESTING = 8;

export function parseFhirInput(bytes: Buffer | string, hint: ParseOptions = {}): ParseResult {
  try {
    return { ok: true, ...parse(bytes, hint) };
  } catch (e) {
    if (e instanceof ProblemError) return { ok: false, problems: [e.problem] };
    // Anything unexpected is still a refusal of the input, never a crash of the import.
    return { ok: false, problems: [problem(INPUT_PATH, 'unreadable')] };
  }
}

function parse(bytes: Buffer | string, hint: ParseOptions): { fhirVersion: FhirVersion; format: FhirFormat; resources: ReceivedResource[] } {
  const maxBytes = hint.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = hint.maxDepth ?? DEFAULT_MAX_DEPTH;
  // Size first, before decoding or parsing anything (a string's UTF-8 size is at least its length).
  const size = typeof bytes === 'string' ? (bytes.length > maxBytes ? bytes.length : Buffer.byteLength(bytes)) : bytes.length;
  if (size > maxBytes) throw new ProblemError(problem(INPUT_PATH, 'too-large', { size, max: maxBytes }));
  let text: string;
  if (typeof bytes === 'string') text = bytes;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new ProblemError(problem(INPUT_PATH, 'bad-encoding'));
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const first = /\S/.exec(text)?.[0];
  if (first === undefined) throw new ProblemError(problem(INPUT_PATH, 'empty'));

  const mimeVersion = versionFromMime(hint.contentType);
  if (mimeVersion === 'other') throw new ProblemError(problem(INPUT_PATH, 'version-unknown', { version: hint.contentType ?? '' }));
  const fixed = hint.versionHint ?? mimeVersion ?? null;

  if (first === '{') return parseJsonText(text, maxDepth, fixed);
  if (first === '<') return parseXmlText(text, maxDepth, fixed);
  throw new ProblemError(problem(INPUT_PATH, 'unknown-format'));
}

function parseJsonText(text: string, maxDepth: number, fixed: FhirVersion | null) {
  const spans = scanJson(text, maxDepth);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    throw new ProblemError(problem(INPUT_PATH, 'json-syntax', { detail: e instanceof Error ? e.message.slice(0, 200) : '' }));
  }
  const rootJson = requireResource(root, INPUT_PATH);
  const fhirVersion = fixed ?? detect(rootJson);
  const rootPath = rootJson.resourceType as string;
  const original = (json: FhirJson, path: string): string => {
    const span = path === rootPath ? spans.get('$') : spans.get('$' + path.slice(rootPath.length));
    return span ? text.slice(span[0], span[1]) : JSON.stringify(json);
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
  const visit = (r: FhirJson, depth: number) => {
    scoreResource(r, score);
    if (r.resourceType === 'Bundle' && depth < MAX_BUNDLE_NESTING) {
      const entries = Array.isArray(r.entry) ? r.entry : isObject(r.entry) ? [r.entry] : [];
      for (const e of entries) if (isObject(e) && isObject(e.resource)) visit(e.resource, depth + 1);
    }
  };
  visit(root, 0);
  const v = decideVersion(score);
  if (v === 'mixed') throw new ProblemError(problem(INPUT_PATH, 'version-mixed'));
  return v;
}

function requireResource(v: unknown, path: string): FhirJson {
  if (!isObject(v) || typeof v.resourceType !== 'string' || !/^[A-Z][A-Za-z]{1,63}$/.test(v.resourceType)) {
    throw new ProblemError(problem(path, 'not-a-resource'));
  }
  return v;
}

function flatten(
  root: FhirJson,
  fhirVersion: FhirVersion,
  format: FhirFormat,
  original: (json: FhirJson, path: string) => string,
): ReceivedResource[] {
  const out: ReceivedResource[] = [];
  const wrong = (path: string, name: string, expected: string): ImportProblem => problem(path, 'wrong-type', { name, expected });
  const visit = (r: FhirJson, path: string, fullUrl: string | undefined, nesting: number) => {
    if (r.id !== undefined && typeof r.id !== 'string') throw new ProblemError(wrong(path, 'id', 'string'));
    if (r.resourceType !== 'Bundle') {
      out.push({
        resourceType: r.resourceType as string,
        id: (r.id as string | undefined) ?? null,
        fhirVersion, format,
        originalText: original(r, path),
        json: r,
        entryPath: path,
        ...(fullUrl !== undefined && { fullUrl }),
      });
      return;
    }
    if (nesting >= MAX_BUNDLE_NESTING) throw new ProblemError(problem(path, 'bundle-too-deep'));
    if (r.entry === undefined) return;
    if (!Array.isArray(r.entry)) throw new ProblemError(wrong(`${path}.entry`, 'Bundle.entry', 'array'));
    r.entry.forEach((entry: unknown, i) => {
      const entryPath = `${path}.entry[${i}]`;
      if (!isObject(entry)) throw new ProblemError(wrong(entryPath, 'Bundle.entry', 'object'));
      if (entry.fullUrl !== undefined && typeof entry.fullUrl !== 'string') throw new ProblemError(wrong(entryPath, 'fullUrl', 'string'));
      // Entries without a resource (e.g. a DELETE in a batch) carry nothing to import.
      if (entry.resource === undefined) return;
      const resource = requireResource(entry.resource, `${entryPath}.resource`);
      // Search outcome messages are server chatter, not patient data.
      const mode = isObject(entry.search) ? entry.search.mode : undefined;
      if (mode === 'outcome' && resource.resourceType === 'OperationOutcome') return;
      visit(resource, `${entryPath}.resource`, entry.fullUrl as string | undefined, nesting + 1);
    });
  };
  visit(root, root.resourceType as string, undefined, 0);
  return out;
}
