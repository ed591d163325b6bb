/**
 * The provider simulator receiving the answers to a questionnaire (data service 60, "Antwoorden op
 * vragenlijst"), checked as a real provider's server would, after Nictiz's Vragenlijsten 2.0
 * qualification scripts (XIS side: _components/xis-scenario3-receiveTaskUpdate.xml and
 * xis-scenario3-receiveQuestionnaireResponse.xml; PHR side: phr-operation-updateTask.xml,
 * phr-scenario3-handleTransaction.xml):
 *
 * - PUT Task/<id> with status "accepted": the Task must be one of the logged-in person's open
 *   invitations, declare the vl-QuestionnaireProvisioningTask profile, keep the provider's content
 *   (intent, code, owner, requester, the Questionnaire and Subject inputs) and pass the Nictiz
 *   PHR-send rules (send-rules.ts);
 * - POST a transaction Bundle at the base: exactly that Task (PUT, status "completed", output →
 *   the response's fullUrl) and one QuestionnaireResponse (POST, no id, urn:uuid fullUrl, profile,
 *   status "completed", authored, the person as subject, the Task's questionnaire), whose answers fit
 *   the questionnaire: known linkIds in the right groups, value types per question, options that
 *   exist, one answer unless the question repeats, required questions (that no condition hides)
 *   answered. All or nothing: any problem refuses the whole transaction (422 + OperationOutcome).
 *
 * What was accepted is kept per simulator: the Task's new state (so a new search for open
 * invitations no longer finds it) and the response, which the FHIR reads and searches then see.
 */
import { randomUUID } from 'node:crypto';
import { isObject, type FhirJson, type FhirVersion } from '../../fhir/types';
import { checkSendBundle, checkSendResource, type SendRuleFinding } from '../send-rules';
import type { SimPerson } from './people';
import type { ReceivedSend } from './receive';

const PROFILE_TASK = 'http://nictiz.nl/fhir/StructureDefinition/vl-QuestionnaireProvisioningTask';
const PROFILE_RESPONSE = 'http://nictiz.nl/fhir/StructureDefinition/vl-QuestionnaireResponse';
const PROFILE_RESPONSE_R4 = 'http://hl7.org/fhir/StructureDefinition/QuestionnaireResponse';
const open = new Set(['requested', 'received', 'accepted', 'ready', 'in-progress']);

export interface Verdict {
  status: number;
  body: FhirJson;
}

const outcome = (texts: string[], code = 'processing'): FhirJson => ({
  resourceType: 'OperationOutcome',
  issue: texts.slice(0, 20).map((text) => ({ severity: 'error', code, diagnostics: text, details: { text } })),
});
const refused = (status: number, texts: string[], code?: string): Verdict => ({ status, body: outcome(texts, code) });
const findingText = (f: SendRuleFinding) => `${f.path}: ${f.nl}`;
const profilesOf = (r: FhirJson): string[] => (isObject(r.meta) && Array.isArray(r.meta.profile) ? r.meta.profile.filter((p): p is string => typeof p === 'string') : []);
const refOf = (value: unknown): string | null => (isObject(value) && typeof value.reference === 'string' ? value.reference : null);

export interface QuestionnaireContext {
  provider: string;
  serviceId: string;
  person: SimPerson;
  version: FhirVersion;
  now: Date;
}

/** What a simulator received and changed for questionnaires; one per simulator, kept per provider. */
export class QuestionnaireInbox {
  private readonly tasks = new Map<string, FhirJson>();
  private readonly responses = new Map<string, FhirJson[]>();

  constructor(private readonly received: ReceivedSend[]) {}

  /** The person's resources as this provider now has them: updated Tasks, received responses. */
  view(provider: string, person: SimPerson, version: FhirVersion): FhirJson[] | undefined {
    const data = person.data[version];
    if (!data) return undefined;
    if (this.tasks.size === 0 && this.responses.size === 0) return data;
    const prefix = `${provider}|${person.id}|${version}|`;
    return [
      ...data.map((r) => (r.resourceType === 'Task' ? (this.tasks.get(`${prefix}${String(r.id)}`) ?? r) : r)),
      ...(this.responses.get(prefix) ?? []),
    ];
  }

  /** PUT Task/<id>: the invitation accepted (or otherwise updated while it is open). */
  putTask(context: QuestionnaireContext, id: string, body: unknown): Verdict {
    if (!isObject(body) || body.resourceType !== 'Task') return refused(400, ['Stuur een Task (application/fhir+json).'], 'invalid');
    if (body.id !== id) return refused(400, [`Task.id moet ${id} zijn, zoals in de URL.`], 'invalid');
    const current = this.task(context, id);
    if (!current) return refused(404, [`Task/${id} bestaat niet voor deze patiënt.`], 'not-found');
    const problems = [
      ...checkSendResource(body, 'PUT', `Task/${id}`).map(findingText),
      ...taskProblems(current, body, ['accepted', 'in-progress']),
    ];
    if (problems.length > 0) return refused(422, problems);
    const stored = { ...body, meta: { ...(isObject(body.meta) ? body.meta : {}), lastUpdated: context.now.toISOString() } };
    this.tasks.set(this.key(context, id), stored);
    return { status: 200, body: stored };
  }

  /** POST of the transaction that completes the Task and creates the QuestionnaireResponse. */
  receiveAnswers(context: QuestionnaireContext, bundle: unknown): Verdict {
    const findings = checkSendBundle(bundle, { bundleType: 'transaction' });
    const bundleLevel = findings.filter((f) => !/^Bundle\.entry\[\d+\]/.test(f.path));
    if (!isObject(bundle) || bundleLevel.length > 0) return refused(400, bundleLevel.length > 0 ? bundleLevel.map(findingText) : ['Het bericht is geen FHIR-Bundle.'], 'invalid');
    const entries = (bundle.entry as unknown[]).filter(isObject);
    const problems = findings.map(findingText);
    const taskEntries = entries.filter((e) => isObject(e.resource) && e.resource.resourceType === 'Task');
    const responseEntries = entries.filter((e) => isObject(e.resource) && e.resource.resourceType === 'QuestionnaireResponse');
    if (taskEntries.length !== 1 || responseEntries.length !== 1 || entries.length !== 2) {
      return refused(422, [...problems, 'Het bericht moet precies één Task (PUT) en één QuestionnaireResponse (POST) bevatten.']);
    }
    const taskEntry = taskEntries[0]!;
    const responseEntry = responseEntries[0]!;
    const task = taskEntry.resource as FhirJson;
    const response = responseEntry.resource as FhirJson;
    const taskId = typeof task.id === 'string' ? task.id : '';
    const current = this.task(context, taskId);
    if (!isObject(taskEntry.request) || taskEntry.request.method !== 'PUT') problems.push('De Task moet met PUT worden bijgewerkt.');
    if (!isObject(responseEntry.request) || responseEntry.request.method !== 'POST') problems.push('De QuestionnaireResponse moet met POST worden aangemaakt.');
    if (!current) return refused(422, [...problems, `Task/${taskId} bestaat niet voor deze patiënt.`]);
    problems.push(...taskProblems(current, task, ['completed']));
    const output = (Array.isArray(task.output) ? task.output : []).filter(isObject).find((o) => isObject(o.type) && o.type.text === 'QuestionnaireResponse');
    if (!output || refOf(output.valueReference) !== responseEntry.fullUrl) {
      problems.push('Task.output moet met type.text "QuestionnaireResponse" naar de fullUrl van de QuestionnaireResponse verwijzen.');
    }
    const questionnaire = this.questionnaireOf(context, current);
    problems.push(...responseProblems(context, response, current, questionnaire));
    if (problems.length > 0) return refused(422, problems);

    const responseId = randomUUID();
    const storedResponse: FhirJson = { ...response, id: responseId, meta: { ...(isObject(response.meta) ? response.meta : {}), versionId: '1', lastUpdated: context.now.toISOString() } };
    const storedTask: FhirJson = {
      ...task,
      meta: { ...(isObject(task.meta) ? task.meta : {}), lastUpdated: context.now.toISOString() },
      output: (task.output as FhirJson[]).map((o) =>
        o === output ? { ...o, valueReference: { ...(o.valueReference as FhirJson), reference: `QuestionnaireResponse/${responseId}` } } : o,
      ),
    };
    this.tasks.set(this.key(context, taskId), storedTask);
    const listKey = this.key(context, '');
    this.responses.set(listKey, [...(this.responses.get(listKey) ?? []), storedResponse]);
    this.received.push({
      id: randomUUID(),
      receivedAt: context.now.toISOString(),
      provider: context.provider,
      serviceId: context.serviceId,
      personId: context.person.id,
      fhirVersion: context.version,
      bundleType: 'transaction',
      entries: [
        { resourceType: 'Task', id: taskId, resource: storedTask },
        { resourceType: 'QuestionnaireResponse', id: responseId, resource: storedResponse },
      ],
      refused: [],
    });
    const at = context.now.toISOString();
    return {
      status: 200,
      body: {
        resourceType: 'Bundle',
        id: randomUUID(),
        type: 'transaction-response',
        entry: [
          { response: { status: '200 OK', location: `Task/${taskId}/_history/2`, lastModified: at } },
          { response: { status: '201 Created', location: `QuestionnaireResponse/${responseId}/_history/1`, lastModified: at } },
        ],
      },
    };
  }

  private key(context: QuestionnaireContext, id: string): string {
    return `${context.provider}|${context.person.id}|${context.version}|${id}`;
  }

  private task(context: QuestionnaireContext, id: string): FhirJson | null {
    return this.view(context.provider, context.person, context.version)?.find((r) => r.resourceType === 'Task' && r.id === id) ?? null;
  }

  private questionnaireOf(context: QuestionnaireContext, task: FhirJson): FhirJson | null {
    const reference = inputReference(task, 'Questionnaire');
    const id = reference?.replace(/^.*Questionnaire\//, '');
    return context.person.data[context.version]?.find((r) => r.resourceType === 'Questionnaire' && r.id === id) ?? null;
  }
}

function inputReference(task: FhirJson, kind: 'Questionnaire' | 'Subject'): string | null {
  const input = (Array.isArray(task.input) ? task.input : []).filter(isObject).find((i) => isObject(i.type) && i.type.text === kind);
  return input ? refOf(input.valueReference) : kind === 'Questionnaire' ? refOf(task.focus) : refOf(task.for);
}

/** The provider's content a PGO must send back unchanged, as JSON text per field. */
function fixedParts(task: FhirJson): Record<string, string> {
  const requester = isObject(task.requester) ? (isObject(task.requester.agent) ? refOf(task.requester.agent) : refOf(task.requester)) : null;
  return {
    intent: JSON.stringify(task.intent ?? null),
    code: JSON.stringify(isObject(task.code) && Array.isArray(task.code.coding) ? task.code.coding.filter(isObject).map((c) => [c.system, c.code]) : null),
    owner: JSON.stringify(refOf(task.owner)),
    requester: JSON.stringify(requester),
    'input Questionnaire': JSON.stringify(inputReference(task, 'Questionnaire')),
    'input Subject': JSON.stringify(inputReference(task, 'Subject')),
  };
}

function taskProblems(current: FhirJson, sent: FhirJson, statuses: string[]): string[] {
  const problems: string[] = [];
  if (!profilesOf(sent).includes(PROFILE_TASK)) problems.push(`Task.meta.profile moet ${PROFILE_TASK} bevatten.`);
  if (!open.has(String(current.status))) problems.push(`Deze vragenlijst is al afgerond of ingetrokken (status ${String(current.status)}).`);
  if (!statuses.includes(String(sent.status))) problems.push(`Task.status moet ${statuses.join(' of ')} zijn.`);
  const before = fixedParts(current);
  const after = fixedParts(sent);
  for (const [field, value] of Object.entries(before)) if (after[field] !== value) problems.push(`De Task wijkt af van die van de zorgaanbieder (${field}).`);
  return problems;
}

function responseProblems(context: QuestionnaireContext, response: FhirJson, task: FhirJson, questionnaire: FhirJson | null): string[] {
  const problems: string[] = [];
  const wanted = context.version === 'STU3' ? [PROFILE_RESPONSE] : [PROFILE_RESPONSE, PROFILE_RESPONSE_R4];
  if (!profilesOf(response).some((p) => wanted.includes(p))) problems.push(`QuestionnaireResponse.meta.profile moet ${wanted.join(' of ')} zijn.`);
  if (response.status !== 'completed') problems.push('QuestionnaireResponse.status moet completed zijn.');
  if (typeof response.authored !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(response.authored)) {
    problems.push('QuestionnaireResponse.authored moet een datum en tijd met tijdzone zijn.');
  }
  const subject = refOf(response.subject);
  if (subject !== `Patient/${context.person.id}` && subject !== inputReference(task, 'Subject')) {
    problems.push('QuestionnaireResponse.subject moet de patiënt zijn die heeft ingelogd.');
  }
  if (!questionnaire) return [...problems, 'De vragenlijst van deze Task is onbekend.'];
  const named = context.version === 'STU3' ? refOf(response.questionnaire) : typeof response.questionnaire === 'string' ? response.questionnaire : null;
  const accepted = [questionnaire.url, `Questionnaire/${String(questionnaire.id)}`, inputReference(task, 'Questionnaire')].filter(Boolean);
  if (!named || !accepted.includes(named)) problems.push('QuestionnaireResponse.questionnaire moet naar de vragenlijst van de Task verwijzen.');
  problems.push(...itemProblems(questionnaire.item, response.item, 'QuestionnaireResponse', context.version));
  return problems;
}

/** Answer types per question type; choices are checked against their options separately. */
const valueKeys: Record<string, string[]> = {
  boolean: ['valueBoolean'], decimal: ['valueDecimal'], integer: ['valueInteger'], date: ['valueDate'], dateTime: ['valueDateTime'],
  time: ['valueTime'], string: ['valueString'], text: ['valueString'], url: ['valueUri'], quantity: ['valueQuantity'],
  choice: ['valueCoding', 'valueString', 'valueInteger', 'valueDate', 'valueTime'],
  'open-choice': ['valueCoding', 'valueString', 'valueInteger', 'valueDate', 'valueTime'],
};

function itemProblems(questionItems: unknown, answerItems: unknown, path: string, version: FhirVersion): string[] {
  const questions = (Array.isArray(questionItems) ? questionItems : []).filter(isObject);
  const answers = (Array.isArray(answerItems) ? answerItems : []).filter(isObject);
  const problems: string[] = [];
  for (const [i, item] of answers.entries()) {
    const at = `${path}.item[${i}]`;
    const question = questions.find((q) => q.linkId === item.linkId);
    if (!question) {
      problems.push(`${at}: vraag "${String(item.linkId)}" bestaat hier niet in de vragenlijst.`);
      continue;
    }
    const given = (Array.isArray(item.answer) ? item.answer : []).filter(isObject);
    if (question.type === 'group' || question.type === 'display') {
      if (given.length > 0) problems.push(`${at}: "${String(item.linkId)}" is geen vraag en kan geen antwoord hebben.`);
      problems.push(...itemProblems(question.item, item.item, at, version));
      continue;
    }
    if (given.length > 1 && question.repeats !== true) problems.push(`${at}: vraag "${String(item.linkId)}" heeft maar één antwoord.`);
    const keys = valueKeys[String(question.type)] ?? [];
    for (const answer of given) {
      const key = Object.keys(answer).find((k) => k.startsWith('value'));
      if (!key || !keys.includes(key)) problems.push(`${at}: het antwoord op "${String(item.linkId)}" heeft niet het juiste type (${String(question.type)}).`);
      else if (key === 'valueInteger' && !Number.isInteger(answer[key])) problems.push(`${at}: het antwoord op "${String(item.linkId)}" moet een heel getal zijn.`);
      else if (key === 'valueCoding' && !optionCodes(question, version).includes(String(isObject(answer.valueCoding) ? answer.valueCoding.code : ''))) {
        problems.push(`${at}: het antwoord op "${String(item.linkId)}" is geen van de antwoordmogelijkheden.`);
      }
      problems.push(...itemProblems(question.item, answer.item, `${at}.answer`, version));
    }
  }
  // Required questions that no condition hides must be answered.
  for (const question of questions) {
    if (question.enableWhen !== undefined) continue;
    const item = answers.find((a) => a.linkId === question.linkId);
    if (question.type === 'group' && question.required !== true && !item && requiredInside(question)) {
      problems.push(`${path}: in "${String(question.linkId)}" staan verplichte vragen die niet zijn beantwoord.`);
      continue;
    }
    if (question.required !== true) continue;
    const answered = question.type === 'group' ? Array.isArray(item?.item) && item.item.length > 0 : Array.isArray(item?.answer) && item.answer.length > 0;
    if (!answered) problems.push(`${path}: de verplichte vraag "${String(question.linkId)}" is niet beantwoord.`);
  }
  return problems;
}

/** Whether a group holds a required question that no condition hides. */
function requiredInside(group: FhirJson): boolean {
  return (Array.isArray(group.item) ? group.item : [])
    .filter(isObject)
    .some((q) => q.enableWhen === undefined && (q.required === true || (q.type === 'group' && requiredInside(q))));
}

function optionCodes(question: FhirJson, version: FhirVersion): string[] {
  const options = (Array.isArray(version === 'STU3' ? question.option : question.answerOption) ? ((version === 'STU3' ? question.option : question.answerOption) as unknown[]) : []).filter(isObject);
  return options.map((o) => (isObject(o.valueCoding) ? String(o.valueCoding.code) : '')).filter(Boolean);
}
