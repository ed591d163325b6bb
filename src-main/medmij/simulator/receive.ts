/**
 * The provider simulator's receiving side of MedMij's sending services (Delen): a PGO POSTs one
 * batch or transaction Bundle at the FHIR base with a token for a sending service. The simulator
 * checks it as a real provider's server would — the Nictiz PHR-send rules (../send-rules.ts), the
 * Bundle type and resource types per service, the profiles and contents the scenario prescribes,
 * and that the Patient in it is the person who logged in — refuses with an OperationOutcome, and
 * otherwise stores what it received for that fictitious person and answers with a batch-response or
 * transaction-response Bundle (201 Created per entry). A batch is judged per entry (one wrong
 * measurement does not refuse the others); a transaction is all or nothing.
 *
 * What arrived is shown on the simulator's pages (/<slug>/ontvangen) and kept for tests
 * (ProviderSimulator.received, GET /_sim/received).
 */
import { randomUUID } from 'node:crypto';
import { isObject, type FhirJson, type FhirVersion } from '../../fhir/types';
import { documentTypeOf } from '../../records/own-documents';
import type { MedmijServiceKey } from '../lists/services';
import { checkSendBundle, type SendRuleFinding } from '../send-rules';
import type { SimPerson } from './people';
import { SERVICE_RESOURCE_TYPES } from './providers';

export interface ReceivedEntry {
  resourceType: string;
  /** The id the simulator gave it. */
  id: string;
  resource: FhirJson;
}

export interface ReceivedSend {
  id: string;
  receivedAt: string;
  /** Provider slug, e.g. 'delinde'. */
  provider: string;
  serviceId: string;
  personId: string;
  fhirVersion: FhirVersion;
  bundleType: 'batch' | 'transaction';
  /** What was accepted and stored (refused batch entries are not here). */
  entries: ReceivedEntry[];
  /** Entries of a batch that were refused, with why. */
  refused: Array<{ index: number; resourceType: string; why: string }>;
}

export interface SendVerdict {
  status: number;
  body: FhirJson;
  stored: ReceivedSend | null;
}

const nictiz = 'http://nictiz.nl/fhir/StructureDefinition';
const nlCorePatient = 'http://fhir.nl/fhir/StructureDefinition/nl-core-patient';

export interface ServiceRules {
  bundleType: 'batch' | 'transaction';
  /** How entries may be written (default: only created, POST); e.g. a Task update is a PUT. */
  methods?: ReadonlyArray<'POST' | 'PUT'>;
  /** Resource-specific checks: a reason to refuse the entry, or null. */
  check(resource: FhirJson, bundle: BundleView): string | null;
  /** Whole-Bundle checks (what must be in it). */
  requires?(bundle: BundleView): string | null;
}

/** The request Bundle, with its entries by fullUrl (references between entries use them). */
export interface BundleView {
  entries: Array<{ fullUrl: string | null; resource: FhirJson; method: string }>;
  byUrl: Map<string, FhirJson>;
  person: SimPerson;
}

const profilesOf = (r: FhirJson): string[] => (isObject(r.meta) && Array.isArray(r.meta.profile) ? r.meta.profile.filter((p): p is string => typeof p === 'string') : []);
const refOf = (value: unknown): string | null => (isObject(value) && typeof value.reference === 'string' ? value.reference : null);
const inBundle = (bundle: BundleView, reference: string | null, type: string) => reference !== null && bundle.byUrl.get(reference)?.resourceType === type;

function checkPatient(resource: FhirJson, bundle: BundleView): string | null {
  if (!profilesOf(resource).includes(nlCorePatient)) return `Patient moet het profiel ${nlCorePatient} hebben.`;
  // The token says who logged in: data about someone else is refused.
  if (typeof resource.birthDate === 'string' && resource.birthDate !== bundle.person.birthDate) {
    return 'De Patient in het bericht is niet de persoon die heeft ingelogd (andere geboortedatum).';
  }
  return null;
}

const vitalProfiles = ['zib-BloodPressure', 'zib-BodyWeight', 'zib-HeartRate', 'zib-BodyTemperature', 'zib-BodyHeight', 'vitalsign-bloodglucose', 'zib-O2Saturation', 'zib-Respiration'].map((p) => `${nictiz}/${p}`);

/** Per sending service what the provider checks; a new sending service adds its entry here. */
export const RULES: Partial<Record<MedmijServiceKey, ServiceRules>> = {
  // SelfMeasurements 2.0, Nictiz Sending-PHR scenarios 2.x: a batch of Observations with the Patient.
  'zelfmetingen-delen': {
    bundleType: 'batch',
    check(resource, bundle) {
      if (resource.resourceType === 'Patient') return checkPatient(resource, bundle);
      if (!profilesOf(resource).some((p) => vitalProfiles.includes(p))) return 'Een zelfmeting moet een zib-profiel voor vitale functies hebben (bijv. zib-BloodPressure).';
      const codings = isObject(resource.code) && Array.isArray(resource.code.coding) ? resource.code.coding.filter(isObject) : [];
      if (!codings.some((c) => c.system === 'http://loinc.org' && typeof c.code === 'string')) return 'Een zelfmeting moet een LOINC-code hebben.';
      if (typeof resource.effectiveDateTime !== 'string') return 'Een zelfmeting moet een meetmoment (effectiveDateTime) hebben.';
      const quantities = [resource, ...(Array.isArray(resource.component) ? resource.component.filter(isObject) : [])]
        .map((r) => r.valueQuantity)
        .filter(isObject);
      if (quantities.length === 0 || quantities.some((q) => typeof q.value !== 'number' || q.system !== 'http://unitsofmeasure.org')) {
        return 'Een zelfmeting moet een waarde met een UCUM-eenheid hebben.';
      }
      if (!inBundle(bundle, refOf(resource.subject), 'Patient')) return 'Observation.subject moet naar de Patient in het bericht verwijzen.';
      return null;
    },
    requires: (bundle) => (bundle.entries.some((e) => e.resource.resourceType === 'Observation') ? null : 'Er zit geen meting in het bericht.'),
  },
  // Images 2.0, Nictiz PHR-Client scenario 1.1: List + Media + Binary in a transaction.
  beelden: {
    bundleType: 'transaction',
    check(resource, bundle) {
      switch (resource.resourceType) {
        case 'Patient':
          return checkPatient(resource, bundle);
        case 'List': {
          if (!profilesOf(resource).includes(`${nictiz}/images-List`)) return 'List moet het profiel images-List hebben.';
          const recipient = Array.isArray(resource.extension) ? resource.extension.filter(isObject).find((e) => e.url === `${nictiz}/images-recipient`) : undefined;
          if (!recipient || !isObject(recipient.valueReference)) return 'List moet een ontvanger hebben (extensie images-recipient).';
          return null;
        }
        case 'Media': {
          if (!profilesOf(resource).includes(`${nictiz}/images-Media`)) return 'Media moet het profiel images-Media hebben.';
          if (resource.type !== 'photo') return 'Media.type moet photo zijn.';
          const content = isObject(resource.content) ? resource.content : {};
          if (typeof content.url !== 'string' || bundle.byUrl.get(content.url)?.resourceType !== 'Binary') return 'Media.content.url moet naar de Binary in het bericht verwijzen.';
          if (!inBundle(bundle, refOf(resource.subject), 'Patient')) return 'Media.subject moet naar de Patient in het bericht verwijzen.';
          return null;
        }
        case 'Binary':
          return checkBinary(resource, ['image/jpeg', 'image/png']);
        default:
          return null;
      }
    },
    requires: (bundle) => {
      const count = (type: string) => bundle.entries.filter((e) => e.resource.resourceType === type).length;
      return count('Media') >= 1 && count('List') === 1 && count('Binary') >= 1 && count('Patient') === 1 ? null : 'Er moeten een List, een Media, een Binary en een Patient in het bericht zitten.';
    },
  },
  // PDF/A 3.0, Nictiz PHR-Client scenario 3.1: DocumentReference + Binary + Patient in a transaction.
  'documenten-delen': {
    bundleType: 'transaction',
    check(resource, bundle) {
      switch (resource.resourceType) {
        case 'Patient':
          return checkPatient(resource, bundle);
        case 'DocumentReference': {
          if (!profilesOf(resource).includes(`${nictiz}/IHE.MHD.Minimal.DocumentReference`)) return 'DocumentReference moet het profiel IHE.MHD.Minimal.DocumentReference hebben.';
          const attachment = Array.isArray(resource.content) && isObject(resource.content[0]) && isObject(resource.content[0].attachment) ? resource.content[0].attachment : null;
          if (!attachment || attachment.contentType !== 'application/pdf') return 'Het document moet een PDF zijn (application/pdf).';
          if (typeof attachment.url !== 'string' || bundle.byUrl.get(attachment.url)?.resourceType !== 'Binary') return 'De bijlage moet naar de Binary in het bericht verwijzen.';
          if (!inBundle(bundle, refOf(resource.subject), 'Patient')) return 'DocumentReference.subject moet naar de Patient in het bericht verwijzen.';
          return null;
        }
        case 'DocumentManifest':
          return profilesOf(resource).includes(`${nictiz}/IHE.MHD.DocumentManifest`) ? null : 'DocumentManifest moet het profiel IHE.MHD.DocumentManifest hebben.';
        case 'Binary':
          return checkBinary(resource, ['application/pdf']);
        default:
          return null;
      }
    },
    requires: (bundle) => {
      const count = (type: string) => bundle.entries.filter((e) => e.resource.resourceType === type).length;
      return count('DocumentReference') >= 1 && count('Binary') >= 1 && count('Patient') === 1 ? null : 'Er moeten een DocumentReference, een Binary en een Patient in het bericht zitten.';
    },
  },
  // Medication-related hypersensitivities: zib-AllergyIntolerance, category medication.
  'overgevoeligheden-delen': {
    bundleType: 'batch',
    check(resource, bundle) {
      if (resource.resourceType === 'Patient') return checkPatient(resource, bundle);
      if (!profilesOf(resource).includes(`${nictiz}/zib-AllergyIntolerance`)) return 'AllergyIntolerance moet het profiel zib-AllergyIntolerance hebben.';
      if (!Array.isArray(resource.category) || !resource.category.includes('medication')) return 'Alleen overgevoeligheden voor medicijnen (category medication) horen bij deze dienst.';
      if (typeof resource.verificationStatus !== 'string') return 'AllergyIntolerance.verificationStatus ontbreekt.';
      if (!inBundle(bundle, refOf(resource.patient), 'Patient')) return 'AllergyIntolerance.patient moet naar de Patient in het bericht verwijzen.';
      return null;
    },
    requires: (bundle) => (bundle.entries.some((e) => e.resource.resourceType === 'AllergyIntolerance') ? null : 'Er zit geen overgevoeligheid in het bericht.'),
  },
};

function checkBinary(resource: FhirJson, types: string[]): string | null {
  if (typeof resource.contentType !== 'string' || !types.includes(resource.contentType)) return `Binary.contentType moet ${types.join(' of ')} zijn.`;
  const data = typeof resource.content === 'string' ? resource.content : typeof resource.data === 'string' ? resource.data : null;
  if (data === null) return 'Binary heeft geen inhoud.';
  const actual = documentTypeOf(Buffer.from(data.slice(0, 64), 'base64'));
  return actual === resource.contentType ? null : 'De inhoud van de Binary past niet bij Binary.contentType.';
}

function outcome(texts: string[], code = 'invalid'): FhirJson {
  return {
    resourceType: 'OperationOutcome',
    issue: texts.slice(0, 20).map((text) => ({ severity: 'error', code, diagnostics: text, details: { text } })),
  };
}

const findingText = (f: SendRuleFinding) => `${f.path}: ${f.nl}`;

/** Per service, whether the simulator can receive with it. */
export function receivesWith(key: MedmijServiceKey | undefined): boolean {
  return key !== undefined && RULES[key] !== undefined;
}

export interface ReceiveInput {
  provider: string;
  serviceKey: MedmijServiceKey;
  serviceId: string;
  version: FhirVersion;
  person: SimPerson;
  /** The request body, parsed JSON. */
  body: unknown;
  now: Date;
}

/** Judges one send and (when anything is accepted) stores it; the caller writes the answer. */
export function receiveSend(input: ReceiveInput): SendVerdict {
  const rules = RULES[input.serviceKey];
  if (!rules) return { status: 403, body: outcome(['Met deze gegevensdienst kan niets worden ontvangen.'], 'forbidden'), stored: null };
  const bundle = input.body;
  const findings = checkSendBundle(bundle, { bundleType: rules.bundleType });
  const bundleLevel = findings.filter((f) => !/^Bundle\.entry\[\d+\]/.test(f.path));
  if (!isObject(bundle) || bundleLevel.length > 0) {
    return { status: 400, body: outcome(bundleLevel.length > 0 ? bundleLevel.map(findingText) : ['Het bericht is geen FHIR-Bundle.']), stored: null };
  }
  const rawEntries = (bundle.entry as unknown[]).filter(isObject);
  const view: BundleView = {
    entries: rawEntries.map((e) => ({
      fullUrl: typeof e.fullUrl === 'string' ? e.fullUrl : null,
      resource: e.resource as FhirJson,
      method: isObject(e.request) ? String(e.request.method) : '',
    })),
    byUrl: new Map(),
    person: input.person,
  };
  for (const e of view.entries) if (e.fullUrl) view.byUrl.set(e.fullUrl, e.resource);

  // Why each entry is refused (a rule of the general checks, the service's types, or its own checks).
  const allowed = new Set(SERVICE_RESOURCE_TYPES[input.serviceKey]);
  const whyNot = view.entries.map((entry, index) => {
    const ruleFindings = findings.filter((f) => f.path.startsWith(`Bundle.entry[${index}]`));
    if (ruleFindings.length > 0) return ruleFindings.map(findingText).join(' ');
    if (!allowed.has(String(entry.resource.resourceType))) return `${String(entry.resource.resourceType)} hoort niet bij deze gegevensdienst.`;
    if (!(rules.methods ?? ['POST']).includes(entry.method as 'POST' | 'PUT')) return `Bij deze gegevensdienst mag ${entry.method} niet.`;
    return rules.check(entry.resource, view);
  });
  const missing = rules.requires?.(view) ?? null;

  if (rules.bundleType === 'transaction' || missing !== null) {
    const problems = [...whyNot.flatMap((why, i) => (why ? [`Bundle.entry[${i}]: ${why}`] : [])), ...(missing ? [missing] : [])];
    if (problems.length > 0) return { status: 422, body: outcome(problems, 'processing'), stored: null };
  }

  const stored: ReceivedSend = {
    id: randomUUID(),
    receivedAt: input.now.toISOString(),
    provider: input.provider,
    serviceId: input.serviceId,
    personId: input.person.id,
    fhirVersion: input.version,
    bundleType: rules.bundleType,
    entries: [],
    refused: [],
  };
  const responseEntries = view.entries.map((entry, index) => {
    const why = whyNot[index];
    if (why) {
      stored.refused.push({ index, resourceType: String(entry.resource.resourceType), why });
      return { response: { status: '422 Unprocessable Entity', outcome: outcome([why], 'processing') } };
    }
    const id = randomUUID();
    stored.entries.push({ resourceType: String(entry.resource.resourceType), id, resource: { ...entry.resource, id } });
    return { response: { status: '201 Created', location: `${String(entry.resource.resourceType)}/${id}/_history/1`, lastModified: input.now.toISOString() } };
  });
  return {
    status: 200,
    body: { resourceType: 'Bundle', id: randomUUID(), type: `${rules.bundleType}-response`, entry: responseEntries },
    stored: stored.entries.length > 0 ? stored : null,
  };
}
