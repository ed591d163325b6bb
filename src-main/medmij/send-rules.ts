/**
 * What a provider checks in a PGO's sending request, after Nictiz's qualification TestScripts for
 * the PHR side of MedMij's sending scenarios (github.com/Nictiz/Nictiz-testscripts):
 * - src/common-asserts/_assert.bundleContent-core.request.xml: POSTed resources carry no id and a
 *   fullUrl that is absent, urn:uuid or urn:oid (never http[s]); PUT entries carry an id and a fullUrl;
 * - _assert.bundleContent-core.general.xml: a fullUrl agrees with the resource id; every literal
 *   reference is absolute, relative (Type/id), a #fragment, urn:uuid or urn:oid;
 * - _assert.bundleContent.request.xml: every resource except Binary declares meta.profile;
 * - _assert.bundleContent.general.xml: every CodeableConcept has a coding.display or a text, every
 *   Reference a display;
 * - medmij/_assert.bundleContent.general.xml: no BSN anywhere (a masked one is allowed);
 * - medmij/assert-request.xml: no `patient=` or `subject=` in the URL, the Bearer token;
 * - per scenario the Bundle type: batch for SelfMeasurements 2.0 (operation-create-bundle-batch),
 *   transaction for PDF/A 3.0, Images 2.0 and Questionnaires 2.0.
 *
 * Regie's sending client checks its own request with these rules before anything leaves (a bug
 * must not reach a provider), and the provider simulator refuses what breaks them, as a real
 * provider's server would. Each finding names where (FHIRPath-like) and why, in Dutch and English.
 */
import { isObject, type FhirJson } from '../fhir/types';

export interface SendRuleFinding {
  /** e.g. "Bundle.entry[2].resource.meta.profile" */
  path: string;
  nl: string;
  en: string;
}

export interface SendRuleOptions {
  /** The Bundle type the scenario prescribes; any of batch/transaction when absent. */
  bundleType?: 'batch' | 'transaction';
}

const uuidUrn = /^urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const oidUrn = /^urn:oid:[0-2](\.(0|[1-9]\d*))*$/;
const relativeReference = /^[A-Za-z]{3,}\/[^/]+$/;
const bsnSystem = 'http://fhir.nl/fhir/NamingSystem/bsn';

/** A request URL (or a Bundle entry's request.url) may never name the patient. */
export function patientParamsIn(url: string): string[] {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  const names = [...new URLSearchParams(query).keys()];
  return names.filter((name) => /^(patient|subject)(:|\.|$)/i.test(name) || /[._:](patient|subject)(:|\.|$)/i.test(name));
}

/** Findings for a Bundle sent at a FHIR base; empty when a provider would accept its form. */
export function checkSendBundle(bundle: unknown, options: SendRuleOptions = {}): SendRuleFinding[] {
  const findings: SendRuleFinding[] = [];
  const add = (path: string, nl: string, en: string) => findings.push({ path, nl, en });
  if (!isObject(bundle) || bundle.resourceType !== 'Bundle') {
    add('(root)', 'Het bericht is geen FHIR-Bundle.', 'The message is not a FHIR Bundle.');
    return findings;
  }
  const wanted = options.bundleType;
  if (bundle.type !== 'batch' && bundle.type !== 'transaction') {
    add('Bundle.type', 'Het Bundle-type moet batch of transaction zijn.', 'The Bundle type must be batch or transaction.');
  } else if (wanted && bundle.type !== wanted) {
    add('Bundle.type', `Deze gegevensdienst verwacht een Bundle van het type ${wanted}.`, `This data service expects a Bundle of type ${wanted}.`);
  }
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  if (entries.length === 0) add('Bundle.entry', 'De Bundle is leeg.', 'The Bundle is empty.');

  entries.forEach((entry, index) => {
    const at = `Bundle.entry[${index}]`;
    if (!isObject(entry) || !isObject(entry.resource)) {
      add(at, 'Een onderdeel heeft geen resource.', 'An entry has no resource.');
      return;
    }
    const resource = entry.resource;
    const request = isObject(entry.request) ? entry.request : null;
    const method = request?.method;
    const url = typeof request?.url === 'string' ? request.url : '';
    const fullUrl = typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined;
    if (method !== 'POST' && method !== 'PUT') {
      add(`${at}.request.method`, 'Elk onderdeel moet met POST (nieuw) of PUT (bijwerken) komen.', 'Every entry must be a POST (create) or PUT (update).');
    }
    if (!url || /^https?:/i.test(url) || url.startsWith('/')) {
      add(`${at}.request.url`, 'De request.url moet relatief zijn (bijv. Observation).', 'request.url must be relative (e.g. Observation).');
    } else if (url.split('?')[0]!.split('/')[0] !== resource.resourceType) {
      add(`${at}.request.url`, 'De request.url past niet bij het soort resource.', 'request.url does not match the resource type.');
    }
    for (const name of patientParamsIn(url)) {
      add(`${at}.request.url`, `De parameter "${name}" mag niet worden meegestuurd: het token bepaalt de patiënt.`, `Parameter "${name}" must not be sent: the token decides the patient.`);
    }
    if (method === 'POST') {
      if (resource.id !== undefined) {
        add(`${at}.resource.id`, 'Een nieuw (POST) onderdeel mag geen id hebben.', 'A created (POST) resource must not carry an id.');
      }
      if (fullUrl !== undefined && !uuidUrn.test(fullUrl) && !oidUrn.test(fullUrl)) {
        add(`${at}.fullUrl`, 'De fullUrl van een nieuw onderdeel moet een urn:uuid of urn:oid zijn.', 'The fullUrl of a created resource must be a urn:uuid or urn:oid.');
      }
    }
    if (method === 'PUT') {
      if (typeof resource.id !== 'string' || fullUrl === undefined) {
        add(at, 'Een bij te werken (PUT) onderdeel heeft een id en een fullUrl nodig.', 'An updated (PUT) resource needs an id and a fullUrl.');
      } else if (url !== `${String(resource.resourceType)}/${resource.id}`) {
        add(`${at}.request.url`, 'De request.url van een PUT moet Type/id van de resource zijn.', 'The request.url of a PUT must be the resource type/id.');
      }
    }
    if (fullUrl !== undefined && typeof resource.id === 'string' && !fullUrl.endsWith(resource.id)) {
      add(`${at}.fullUrl`, 'De fullUrl past niet bij het id van de resource.', 'The fullUrl does not agree with the resource id.');
    }
    if (fullUrl !== undefined && !/^https?:\/\//.test(fullUrl) && !uuidUrn.test(fullUrl) && !oidUrn.test(fullUrl)) {
      add(`${at}.fullUrl`, 'De fullUrl moet een absolute URL, urn:uuid of urn:oid zijn.', 'The fullUrl must be an absolute URL, urn:uuid or urn:oid.');
    }
    if (resource.resourceType !== 'Binary') {
      const profiles = isObject(resource.meta) && Array.isArray(resource.meta.profile) ? resource.meta.profile : [];
      if (!profiles.some((p) => typeof p === 'string' && p.length > 0)) {
        add(`${at}.resource.meta.profile`, 'Elke resource behalve Binary moet zijn profiel noemen (meta.profile).', 'Every resource except Binary must declare its profile (meta.profile).');
      }
    }
    walk(resource, `${at}.resource`, (value, path) => {
      if (isReference(value, path)) {
        const ref = value.reference;
        if (typeof ref === 'string' && !(/^https?:\/\//.test(ref) || ref.startsWith('#') || uuidUrn.test(ref) || oidUrn.test(ref) || relativeReference.test(ref))) {
          add(`${path}.reference`, 'Een verwijzing moet absoluut, relatief (Type/id), #intern, urn:uuid of urn:oid zijn.', 'A reference must be absolute, relative (Type/id), #internal, urn:uuid or urn:oid.');
        }
        if (typeof value.display !== 'string' || value.display.trim() === '') {
          add(`${path}.display`, 'Elke verwijzing moet een display hebben.', 'Every reference must have a display.');
        }
      }
      if (isCodeableConcept(value)) {
        const codings = Array.isArray(value.coding) ? value.coding.filter(isObject) : [];
        const hasDisplay = codings.some((c) => typeof c.display === 'string' && c.display !== '');
        const hasText = typeof value.text === 'string' && value.text !== '';
        if (!hasDisplay && !(codings.length === 0 && hasText) && !Array.isArray(value.extension)) {
          add(path, 'Elke code moet een omschrijving hebben (coding.display of text).', 'Every code must have a description (coding.display or text).');
        }
      }
      if (isObject(value) && value.system === bsnSystem && typeof value.value === 'string' && value.value !== '' && !isObject((value as { _value?: unknown })._value)) {
        add(path, 'Er mag geen BSN worden meegestuurd.', 'No BSN may be sent.');
      }
    });
  });
  return findings;
}

/** A resource written on its own (PUT Type/id): the same rules as one Bundle entry. */
export function checkSendResource(resource: unknown, method: 'POST' | 'PUT', path: string): SendRuleFinding[] {
  if (!isObject(resource)) return [{ path: '(root)', nl: 'Het bericht is geen FHIR-resource.', en: 'The message is not a FHIR resource.' }];
  const entry: FhirJson = {
    ...(method === 'PUT' && typeof resource.id === 'string' && { fullUrl: `urn:uuid:00000000-0000-0000-0000-000000000000` }),
    resource,
    request: { method, url: path },
  };
  return checkSendBundle({ resourceType: 'Bundle', type: 'transaction', entry: [entry] }).filter((f) => !f.path.endsWith('.fullUrl'));
}

/** Elements known to be References (or CodeableConcepts) by name, since JSON does not say its type. */
const referenceNames = new Set([
  'subject', 'patient', 'performer', 'author', 'recipient', 'asserter', 'recorder', 'item', 'focus', 'for', 'owner', 'requester',
  'basedOn', 'partOf', 'practitioner', 'organization', 'custodian', 'authenticator', 'source', 'context', 'encounter', 'device',
  'valueReference', 'related', 'target', 'hasMember', 'derivedFrom', 'specimen', 'questionnaireResponse', 'location', 'operator',
]);
const conceptNames = new Set([
  'code', 'category', 'type', 'class', 'bodySite', 'method', 'substance', 'manifestation', 'clinicalStatus', 'verificationStatus',
  'specialty', 'valueCodeableConcept', 'exposureRoute', 'interpretation', 'businessStatus', 'statusReason', 'reasonCode', 'modality', 'view',
  'practiceSetting', 'facilityType', 'securityLabel', 'dataAbsentReason',
]);

function lastName(path: string): string {
  const last = path.slice(path.lastIndexOf('.') + 1);
  return last.replace(/\[\d+\]$/, '');
}

function isReference(value: unknown, path: string): value is { reference?: unknown; display?: unknown } {
  if (!isObject(value) || !referenceNames.has(lastName(path))) return false;
  return typeof value.reference === 'string' || (typeof value.display === 'string' && Object.keys(value).length <= 2);
}

function isCodeableConcept(value: unknown): value is { coding?: unknown; text?: unknown; extension?: unknown } {
  return isObject(value) && (Array.isArray(value.coding) || (typeof value.text === 'string' && Object.keys(value).every((k) => k === 'text' || k === 'extension')));
}

function walk(value: unknown, path: string, visit: (value: unknown, path: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, visit));
    return;
  }
  if (!isObject(value)) return;
  const name = lastName(path);
  if (conceptNames.has(name) || referenceNames.has(name) || name === 'identifier') visit(value, path);
  for (const [key, child] of Object.entries(value)) {
    if (key === 'contained') continue;
    walk(child, `${path}.${key}`, visit);
  }
}
