/**
 * The questionnaires a profile holds: each invitation (a Task that asks to fill in a Questionnaire,
 * MedMij's QuestionnaireProvisioningTask) with the questionnaire it names, from the same source.
 *
 * A Task is an invitation when it has LOINC 74468-0 ("Questionnaire form definition Document") as
 * its code, or names a Questionnaire as its input or focus. The questionnaire is the Questionnaire
 * record the Task refers to within its own source (ids are per server), or one whose canonical url
 * the Task gives.
 */
import type { RecordDetail, RecordProvenance } from '../../src-preload/contract/records';
import { isObject, parseFhirInput, type FhirJson, type FhirVersion } from '../fhir/index';
import type { RecordStore } from '../records/record-store';

const LOINC_QUESTIONNAIRE_TASK = '74468-0';

export interface Invitation {
  /** The Task's record id: the questionnaire's id in the API. */
  id: string;
  /** The Task in R4, as the app reads it. */
  task: FhirJson;
  /** Where it came from (the provider and data service). */
  provenance: RecordProvenance;
  /** The Task as the provider sent it (its own FHIR version, as JSON), for updating it there. */
  originalTask(): FhirJson | null;
  questionnaire: { recordId: string; resource: FhirJson; receivedAs: FhirVersion } | null;
}

/** Every invitation in the profile, newest first. */
export function invitations(store: RecordStore): Invitation[] {
  const { items } = store.list({ resourceTypes: ['Task'], limit: 10_000 });
  const found: Invitation[] = [];
  for (const summary of items) {
    const detail = store.get(summary.id);
    if (!isInvitation(detail.resource)) continue;
    found.push(invitationOf(store, detail));
  }
  return found.sort((a, b) => String(b.task.authoredOn ?? '').localeCompare(String(a.task.authoredOn ?? '')));
}

export function invitation(store: RecordStore, id: string): Invitation | null {
  let detail: RecordDetail;
  try {
    detail = store.get(id);
  } catch {
    return null;
  }
  return detail.resourceType === 'Task' && isInvitation(detail.resource) ? invitationOf(store, detail) : null;
}

function isInvitation(task: FhirJson): boolean {
  const codings = isObject(task.code) && Array.isArray(task.code.coding) ? task.code.coding.filter(isObject) : [];
  if (codings.some((c) => c.code === LOINC_QUESTIONNAIRE_TASK && (c.system === undefined || c.system === 'http://loinc.org'))) return true;
  return questionnaireReference(task) !== null;
}

/** What the Task names as its questionnaire: input "Questionnaire" (MedMij), another input, or its focus. */
export function questionnaireReference(task: FhirJson): string | null {
  const inputs = (Array.isArray(task.input) ? task.input : []).filter(isObject);
  const referenceOf = (value: unknown) => (isObject(value) && typeof value.reference === 'string' ? value.reference : null);
  const isQuestionnaire = (reference: string | null): reference is string => reference !== null && /(^|\/)Questionnaire\//.test(reference);
  const named = inputs.find((i) => isObject(i.type) && i.type.text === 'Questionnaire');
  const fromNamed = named && (referenceOf(named.valueReference) ?? (typeof named.valueCanonical === 'string' ? named.valueCanonical : null));
  if (fromNamed) return fromNamed;
  const fromInput = inputs.map((i) => referenceOf(i.valueReference)).find(isQuestionnaire);
  if (fromInput) return fromInput;
  const focus = referenceOf(task.focus);
  return isQuestionnaire(focus) ? focus : null;
}

function invitationOf(store: RecordStore, detail: RecordDetail): Invitation {
  const provenance = detail.originals.find((o) => o.source.kind === 'provider') ?? detail.originals[0]!;
  const original = detail.originals.find((o) => o.source.id === provenance.source.id);
  return {
    id: detail.id,
    task: detail.resource,
    provenance,
    originalTask: () => (original ? parseOriginal(original.text, original.fhirVersion) : null),
    questionnaire: questionnaireOf(store, detail),
  };
}

function questionnaireOf(store: RecordStore, task: RecordDetail): Invitation['questionnaire'] {
  const related = task.related.find((r) => r.resourceType === 'Questionnaire');
  let recordId = related?.id ?? null;
  if (!recordId) {
    // A canonical url rather than a reference: find the Questionnaire with that url.
    const reference = questionnaireReference(task.resource);
    if (reference && /^https?:/.test(reference)) {
      const { items } = store.list({ resourceTypes: ['Questionnaire'], limit: 10_000 });
      recordId = items.map((s) => store.get(s.id)).find((q) => q.resource.url === reference.split('|')[0])?.id ?? null;
    }
  }
  if (!recordId) return null;
  const detail = store.get(recordId);
  return { recordId, resource: detail.resource, receivedAs: detail.originals[0]?.fhirVersion ?? 'R4' };
}

function parseOriginal(text: string, version: FhirVersion): FhirJson | null {
  const parsed = parseFhirInput(text, { versionHint: version });
  return parsed.ok ? (parsed.resources[0]?.json ?? null) : null;
}
