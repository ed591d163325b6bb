/**
 * What goes to the provider when a questionnaire is answered, as MedMij Vragenlijsten 2.0 prescribes
 * (Nictiz qualification TestScripts, PHR client scenario 3: src/Questionnaires-2-0/Cert/PHR-Client/
 * medmij-questionnaires-phr-1-1_2-1_3-1.xml with _components/phr-operation-updateTask.xml and
 * phr-scenario3-handleTransaction.xml):
 *
 * 1. PUT Task/<id>: the invitation exactly as the provider sent it, with status "accepted";
 * 2. POST a transaction Bundle at the FHIR base with
 *    - the Task (PUT Task/<id>, fullUrl its address at the provider) with status "completed" and an
 *      output { type.text "QuestionnaireResponse", valueReference → the response's fullUrl };
 *    - the QuestionnaireResponse (POST, no id, fullUrl urn:uuid:…, meta.profile, questionnaire,
 *      subject, author, authored, status "completed").
 * The provider answers the transaction with 200 (Task) and 201 (QuestionnaireResponse).
 *
 * Built in the FHIR version of the data service (Vragenlijsten 2.0 is STU3: questionnaire is a
 * Reference there, a canonical in R4). Only answers to questions that apply are included, each
 * under its groups in the questionnaire's order; display items are left out.
 */
import { randomUUID } from 'node:crypto';
import type { AnswerValue, Answers, OptionValue, QuestionItem, QuestionnaireForm } from '../../src-preload/contract/questionnaire-form';
import { isObject, type FhirJson, type FhirVersion } from '../fhir/types';

export const PROFILES = {
  task: 'http://nictiz.nl/fhir/StructureDefinition/vl-QuestionnaireProvisioningTask',
  responseStu3: 'http://nictiz.nl/fhir/StructureDefinition/vl-QuestionnaireResponse',
  /** MedMij has no R4 Vragenlijsten profile; Regie's R4 derivation declares the base profile. */
  responseR4: 'http://hl7.org/fhir/StructureDefinition/QuestionnaireResponse',
} as const;

export interface ResponseInput {
  form: QuestionnaireForm;
  /** The stored Questionnaire (R4): its url (or the Task's reference) identifies it in the response. */
  questionnaire: FhirJson;
  /** How the Task names the questionnaire, used when it has no canonical url. */
  questionnaireReference: string | null;
  /** Only the answers to questions that apply (checkAnswers().applicable). */
  answers: Answers;
  fhirVersion: FhirVersion;
  /** The person the answers are about, as the Task names them (e.g. "Patient/123"). */
  subject: FhirJson;
  authored: string;
}

export function questionnaireResponse(input: ResponseInput): FhirJson {
  const { questionnaire, fhirVersion } = input;
  const canonical = typeof questionnaire.url === 'string' ? questionnaire.url : (input.questionnaireReference ?? `Questionnaire/${String(questionnaire.id)}`);
  const title = typeof questionnaire.title === 'string' ? questionnaire.title : undefined;
  return {
    resourceType: 'QuestionnaireResponse',
    meta: { profile: [fhirVersion === 'STU3' ? PROFILES.responseStu3 : PROFILES.responseR4] },
    language: 'nl-NL',
    questionnaire: fhirVersion === 'STU3' ? { reference: canonical, ...(title && { display: title }) } : canonical,
    status: 'completed',
    subject: input.subject,
    authored: input.authored,
    author: input.subject,
    item: responseItems(input.form.items, input.answers),
  };
}

function responseItems(items: readonly QuestionItem[], answers: Answers): FhirJson[] {
  const out: FhirJson[] = [];
  for (const item of items) {
    if (item.type === 'display') continue;
    const children = responseItems(item.items, answers);
    const text = item.text ?? undefined;
    if (item.type === 'group') {
      if (children.length > 0) out.push({ linkId: item.linkId, ...(text && { text }), item: children });
      continue;
    }
    const given = answers[item.linkId] ?? [];
    if (given.length === 0 && children.length === 0) continue;
    const answer = given.map((value) => answerOf(item, value));
    // Questions nested under a question belong under its answer (FHIR R4 and STU3 alike).
    if (children.length > 0 && answer[0]) answer[0].item = children;
    out.push({ linkId: item.linkId, ...(text && { text }), ...(answer.length > 0 ? { answer } : { item: children }) });
  }
  return out;
}

function answerOf(item: QuestionItem, value: AnswerValue): FhirJson {
  if (typeof value === 'object') return { valueString: value.other };
  const option = typeof value === 'string' ? item.options.find((o) => o.key === value) : undefined;
  if (option) return optionAnswer(option.value);
  switch (item.type) {
    case 'boolean':
      return { valueBoolean: value };
    case 'decimal':
      return { valueDecimal: value };
    case 'integer':
      return { valueInteger: value };
    case 'quantity': {
      const unit = item.unit;
      return { valueQuantity: { value, ...(unit && { unit: unit.label }), ...(unit?.system && { system: unit.system }), ...(unit?.code && { code: unit.code }) } };
    }
    case 'date':
      return { valueDate: value };
    case 'dateTime':
      return { valueDateTime: value };
    case 'time':
      return { valueTime: value };
    case 'url':
      return { valueUri: value };
    default:
      return { valueString: String(value) };
  }
}

function optionAnswer(value: OptionValue): FhirJson {
  switch (value.kind) {
    case 'coding':
      return { valueCoding: { ...value.coding } };
    case 'string':
      return { valueString: value.value };
    case 'integer':
      return { valueInteger: value.value };
    case 'date':
      return { valueDate: value.value };
    case 'time':
      return { valueTime: value.value };
  }
}

/** Whom the Task asks about: its input "Subject" (MedMij), else Task.for, else its owner. */
export function subjectOf(task: FhirJson): FhirJson | null {
  const inputs = (Array.isArray(task.input) ? task.input : []).filter(isObject);
  const subject = inputs.find((i) => isObject(i.type) && i.type.text === 'Subject')?.valueReference;
  for (const candidate of [subject, task.for, task.owner]) {
    if (isObject(candidate) && typeof candidate.reference === 'string') {
      return { reference: candidate.reference, ...(typeof candidate.display === 'string' && { display: candidate.display }) };
    }
  }
  return null;
}

/** The Task as received, with a new status; meta.profile declared as MedMij requires. */
export function updatedTask(original: FhirJson, status: 'accepted' | 'completed', outputReference?: string): FhirJson {
  const task = structuredClone(original);
  task.status = status;
  const meta = isObject(task.meta) ? task.meta : {};
  const profiles = Array.isArray(meta.profile) ? meta.profile.filter((p): p is string => typeof p === 'string') : [];
  task.meta = { ...meta, profile: profiles.includes(PROFILES.task) ? profiles : [...profiles, PROFILES.task] };
  if (outputReference) {
    const outputs = Array.isArray(task.output) ? task.output : [];
    task.output = [...outputs, { type: { text: 'QuestionnaireResponse' }, valueReference: { reference: outputReference, display: 'Ingevulde vragenlijst' } }];
  }
  return task;
}

/** The transaction that completes the Task and creates the response (step 2 above). */
export function answerTransaction(input: { task: FhirJson; taskFullUrl: string; response: FhirJson }): { bundle: FhirJson; responseFullUrl: string } {
  const responseFullUrl = `urn:uuid:${randomUUID()}`;
  const taskId = String(input.task.id);
  return {
    responseFullUrl,
    bundle: {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: input.taskFullUrl,
          resource: updatedTask(input.task, 'completed', responseFullUrl),
          request: { method: 'PUT', url: `Task/${taskId}` },
        },
        { fullUrl: responseFullUrl, resource: input.response, request: { method: 'POST', url: 'QuestionnaireResponse' } },
      ],
    },
  };
}
