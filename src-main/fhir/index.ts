/** FHIR input layer: parse what a provider or file sends, normalise to R4, validate, index. */
import { enterStage } from '../common/stage-clock';
import { decideVersion, type VersionScore } from './detect-version';
import { decided, type JsonBundleReader, openFhirInput, refusing, type ParseOptions } from './parse-input';
import { convertToR4 } from './stu3-to-r4/index';
import type { FhirFormat, FhirJson, FhirVersion, ImportProblem, ReceivedResource } from './types';
import { isResourceType } from './resource-types';
import { unknownResourceType, validateResource } from './validate';

export { parseFhirInput, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, type ParseOptions } from './parse-input';
export { convertToR4 } from './stu3-to-r4/index';
export { validateResource } from './validate';
export { isResourceType, RESOURCE_TYPES } from './resource-types';
export { readableText } from './readable-text';
export { indexFields, type IndexFields } from './summary';
export * from './types';

export interface PreparedResource extends ReceivedResource {
  /** The R4 form the app uses. */
  r4: FhirJson;
}

/**
 * Told about a large Bundle's checked resources while it is still being read, a group at a time
 * (records/early-digests.ts starts their digests on a worker meanwhile). `restart`: the Bundle is
 * read again from its start (its FHIR version was decided otherwise at the end), so what it was told
 * before no longer holds. Whatever it is told, the result of prepareImport is what counts.
 */
export interface PreparedSink {
  readonly groupSize: number;
  group(resources: readonly PreparedResource[]): void;
  restart(): void;
}

export type PrepareResult =
  | { ok: true; fhirVersion: ReceivedResource['fhirVersion']; format: ReceivedResource['format']; resources: PreparedResource[] }
  | { ok: false; problems: ImportProblem[] };

/**
 * Parse → convert to R4 → validate, all or nothing: the import pipeline's entry point. A large JSON
 * Bundle is read entry by entry and its resources are kept as text (TextBackedResource), so memory
 * stays near the input's own size however many resources it holds.
 */
export function prepareImport(bytes: Buffer | string, options?: ParseOptions & { sink?: PreparedSink }): PrepareResult {
  const back = enterStage('parse');
  try {
    const opened = openFhirInput(bytes, options);
    if (!opened.ok) return opened;
    if ('bundle' in opened) return refusing(() => prepareBundle(opened.bundle, options?.sink));
    const resources: PreparedResource[] = [];
    const problems: ImportProblem[] = [];
    for (const res of opened.resources) {
      const r4 = prepareOne(res, problems);
      if (r4) resources.push({ ...res, r4 });
    }
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, fhirVersion: opened.fhirVersion, format: opened.format, resources };
  } finally {
    enterStage(back);
  }
}

/** Type check, conversion and validation of one resource; its R4 form, or null with its problems added. */
function prepareOne(res: ReceivedResource, problems: ImportProblem[]): FhirJson | null {
  // Before conversion: an STU3 input's types are STU3's (ProcedureRequest, not ServiceRequest).
  if (!isResourceType(res.fhirVersion, res.resourceType)) {
    problems.push(unknownResourceType(res.entryPath, res.resourceType, res.fhirVersion));
    return null;
  }
  let r4: FhirJson;
  enterStage('convert');
  try {
    r4 = res.fhirVersion === 'STU3' ? convertToR4(res.json) : res.json;
  } catch {
    problems.push({ entryPath: res.entryPath, code: 'conversion-failed', message: { nl: 'Omzetten naar FHIR R4 is mislukt.', en: 'Conversion to FHIR R4 failed.' } });
    return null;
  }
  enterStage('validate');
  const found = validateResource(r4, res.entryPath, res.fhirVersion);
  enterStage('parse');
  if (found.length === 0) return r4;
  problems.push(...found);
  return null;
}

/**
 * A large JSON Bundle, entry by entry. The version is decided by the signals of all entries, which
 * are only known at the end: entries are read as the signals so far decide, and in the rare input
 * whose decision changes on the way (an STU3 file whose first entries carry no signal), read again
 * with the final version, so the result is always what reading it whole gives.
 */
function prepareBundle(bundle: JsonBundleReader, sink?: PreparedSink): PrepareResult {
  const first = readBundle(bundle, bundle.fixed, sink);
  if (!('readAgainAs' in first)) return first;
  sink?.restart();
  return readBundle(bundle, first.readAgainAs, sink) as PrepareResult;
}

function readBundle(bundle: JsonBundleReader, fixed: FhirVersion | null, sink?: PreparedSink): PrepareResult | { readAgainAs: FhirVersion } {
  const score: VersionScore = { stu3: 0, r4: 0 };
  if (!fixed) bundle.scoreRoot(score);
  const used = new Set<FhirVersion>();
  const resources: PreparedResource[] = [];
  const problems: ImportProblem[] = [];
  /** How many of `resources` the sink was told about. */
  let told = 0;
  for (let i = 0; i < bundle.size; i++) {
    const entry = bundle.entry(i);
    let version = fixed;
    if (!version) {
      bundle.scoreEntry(entry, score);
      version = decideVersion(score) === 'STU3' ? 'STU3' : 'R4';
      used.add(version);
    }
    for (const res of bundle.resourcesOf(entry, i, version)) {
      const r4 = prepareOne(res, problems);
      // Only where its text is is kept: the objects of this entry are garbage once the next one is read.
      if (r4 && problems.length === 0) resources.push(new TextBackedResource(res, r4, bundle.bytes, bundle.originalSpan(res.entryPath)));
    }
    // Each full group as soon as it is checked; none once a problem means nothing will be stored.
    while (sink && problems.length === 0 && resources.length - told >= sink.groupSize) {
      sink.group(resources.slice(told, told + sink.groupSize));
      told += sink.groupSize;
    }
  }
  const fhirVersion = fixed ?? decided(score);
  if (used.size > 1 || (used.size === 1 && !used.has(fhirVersion))) return { readAgainAs: fhirVersion };
  if (problems.length > 0) return { ok: false, problems };
  if (sink && told < resources.length) sink.group(resources.slice(told));
  return { ok: true, fhirVersion, format: 'json', resources };
}

/**
 * A prepared (checked) resource held as where its original is in the input's bytes: `originalText`
 * decodes it, `json` parses it and `r4` parses and converts it, each time they are asked, so take
 * `r4` once per use. 100,000 of them take little beside the input's bytes, not the several times
 * their size that the decoded text and parsed objects would.
 */
export class TextBackedResource implements PreparedResource {
  readonly resourceType: string;
  readonly id: string | null;
  readonly fhirVersion: FhirVersion;
  readonly format: FhirFormat;
  readonly entryPath: string;
  readonly fullUrl?: string;
  /** The R4 form's type (an STU3 ProcedureRequest is a ServiceRequest), without parsing it. */
  readonly normalizedType: string;

  /** The input's bytes and where the original is in them; or, without a span, the original itself. */
  readonly #bytes: Buffer;
  readonly #span: [number, number] | undefined;
  readonly #kept: string;

  constructor(received: ReceivedResource, r4: FhirJson, bytes: Buffer, span: [number, number] | undefined) {
    this.resourceType = received.resourceType;
    this.id = received.id;
    this.fhirVersion = received.fhirVersion;
    this.format = received.format;
    this.entryPath = received.entryPath;
    if (received.fullUrl !== undefined) this.fullUrl = received.fullUrl;
    this.normalizedType = String(r4.resourceType);
    // Private fields: never enumerated, so copying or serializing the resource does not drag the input along.
    this.#bytes = bytes;
    this.#span = span;
    this.#kept = span ? '' : received.originalText;
  }

  /** Where the original is in the input's bytes (see records/digest-pool.ts); null when held as text. */
  originalLocation(): { bytes: Buffer; start: number; end: number } | null {
    return this.#span ? { bytes: this.#bytes, start: this.#span[0], end: this.#span[1] } : null;
  }

  get originalText(): string {
    return this.#span ? this.#bytes.toString('utf8', this.#span[0], this.#span[1]) : this.#kept;
  }

  /** As received (its own version): the original text is JSON, as only JSON input is held this way. */
  get json(): FhirJson {
    return JSON.parse(this.originalText) as FhirJson;
  }

  /** The same R4 form as when it was checked (conversion is a pure function of the resource). */
  get r4(): FhirJson {
    return this.fhirVersion === 'STU3' ? convertToR4(this.json) : this.json;
  }
}
