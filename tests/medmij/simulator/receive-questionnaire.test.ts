/**
 * The simulator receiving questionnaire answers (service 60) as a provider would: the Task accepted,
 * then the transaction completing it with the response; refusals say why and change nothing.
 */
import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../../src-preload/contract/questionnaire-answers';
import { isObject, prepareImport, type FhirJson, type FhirVersion } from '../../../src-main/fhir';
import { loadPeople } from '../../../src-main/medmij/simulator/people';
import type { ReceivedSend } from '../../../src-main/medmij/simulator/receive';
import { QuestionnaireInbox, type QuestionnaireContext } from '../../../src-main/medmij/simulator/receive-questionnaire';
import { questionnaireForm } from '../../../src-main/questionnaires/form';
import { answerTransaction, questionnaireResponse, subjectOf, updatedTask } from '../../../src-main/questionnaires/response';

const person = loadPeople().find((p) => p.id === 'sanne-proef')!;
const TASK = 'vl-sanne-proef-taak-afspraak';
const BASE = 'http://127.0.0.1:9/delinde/fhir';

function setup(version: FhirVersion) {
  const received: ReceivedSend[] = [];
  const inbox = new QuestionnaireInbox(received);
  const context: QuestionnaireContext = { provider: 'delinde', serviceId: '60', person, version, now: new Date('2026-12-01T10:00:00Z') };
  const data = person.data[version]!;
  const task = data.find((r) => r.resourceType === 'Task' && r.id === TASK)!;
  const questionnaire = data.find((r) => r.resourceType === 'Questionnaire' && r.id === 'vl-sanne-proef-afspraak')!;
  const prepared = prepareImport(JSON.stringify(questionnaire), { versionHint: version });
  if (!prepared.ok) throw new Error('questionnaire does not import');
  const r4 = prepared.resources[0]!.r4;
  const form = questionnaireForm(r4, version);
  const answersBundle = (loose: Record<string, unknown>) => {
    const check = checkAnswers(form, loose);
    expect(check.problems).toEqual([]);
    const response = questionnaireResponse({
      form, questionnaire: r4, questionnaireReference: `Questionnaire/${String(questionnaire.id)}`, answers: check.applicable, fhirVersion: version,
      subject: subjectOf(task)!, authored: '2026-12-01T10:59:00+01:00',
    });
    return answerTransaction({ task, taskFullUrl: `${BASE}/${version.toLowerCase()}/Task/${TASK}`, response }).bundle;
  };
  return { inbox, received, context, task, answersBundle };
}

const complete = { gewicht: '64,5', roken: false, klachten: ['moe'], 'klachten-sinds': '2026-11-01', bellen: true, beltijd: '2026-12-03T09:00:00+01:00' };
const taskOf = (inbox: QuestionnaireInbox, version: FhirVersion) => inbox.view('delinde', person, version)!.find((r) => r.resourceType === 'Task' && r.id === TASK)!;

describe('receiving questionnaire answers', () => {
  for (const version of ['STU3', 'R4'] as const) {
    it(`${version}: accepts the Task, then the transaction; the Task is completed and points at the stored response`, () => {
      const { inbox, received, context, task, answersBundle } = setup(version);
      const accepted = inbox.putTask(context, TASK, updatedTask(task, 'accepted'));
      expect(accepted.status).toBe(200);
      expect(taskOf(inbox, version).status).toBe('accepted');

      const answer = inbox.receiveAnswers(context, answersBundle(complete));
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const entries = answer.body.entry as FhirJson[];
      expect(entries.map((e) => (e.response as FhirJson).status)).toEqual(['200 OK', '201 Created']);
      const stored = received[0]!;
      expect(stored.entries.map((e) => e.resourceType)).toEqual(['Task', 'QuestionnaireResponse']);
      const completed = taskOf(inbox, version);
      expect(completed.status).toBe('completed');
      const output = (completed.output as FhirJson[])[0]!;
      expect(output.valueReference).toMatchObject({ reference: `QuestionnaireResponse/${stored.entries[1]!.id}` });
      expect(inbox.view('delinde', person, version)!.filter((r) => r.resourceType === 'QuestionnaireResponse')).toHaveLength(1);
      // The person's base data is untouched: another simulator starts fresh.
      expect(person.data[version]!.find((r) => r.id === TASK)!.status).toBe('requested');
    });
  }

  it('refuses a second completion of the same invitation', () => {
    const { inbox, context, answersBundle } = setup('STU3');
    expect(inbox.receiveAnswers(context, answersBundle(complete)).status).toBe(200);
    const again = inbox.receiveAnswers(context, answersBundle(complete));
    expect(again.status).toBe(422);
    expect(JSON.stringify(again.body)).toContain('al afgerond');
  });

  it('refuses answers that do not fit the questionnaire, with the reasons, and stores nothing', () => {
    const { inbox, received, context, answersBundle } = setup('STU3');
    const bundle = answersBundle(complete);
    const response = ((bundle.entry as FhirJson[])[1]!.resource as FhirJson);
    const groups = response.item as FhirJson[];
    const overU = groups.find((g) => g.linkId === 'over-u')!;
    overU.item = (overU.item as FhirJson[]).filter((i) => i.linkId !== 'gewicht'); // a required answer gone
    (overU.item as FhirJson[]).push({ linkId: 'bestaat-niet', answer: [{ valueString: 'x' }] });
    const klachten = (groups.find((g) => g.linkId === 'klachten-groep')!.item as FhirJson[]).find((i) => i.linkId === 'klachten')!;
    klachten.answer = [{ valueCoding: { system: 'urn:x', code: 'verzonnen', display: 'Verzonnen' } }];
    const verdict = inbox.receiveAnswers(context, bundle);
    expect(verdict.status).toBe(422);
    const texts = JSON.stringify(verdict.body);
    expect(texts).toContain('\\"bestaat-niet\\" bestaat hier niet');
    expect(texts).toContain('verplichte vraag \\"gewicht\\"');
    expect(texts).toContain('geen van de antwoordmogelijkheden');
    expect(received).toEqual([]);
    expect(taskOf(inbox, 'STU3').status).toBe('requested');
  });

  it('refuses what breaks the sending rules or the scenario: an id on the POSTed response, a changed Task, a missing output, someone else', () => {
    const { inbox, context, task, answersBundle } = setup('STU3');
    const withId = answersBundle(complete);
    ((withId.entry as FhirJson[])[1]!.resource as FhirJson).id = 'eigen-id';
    expect(JSON.stringify(inbox.receiveAnswers(context, withId).body)).toContain('mag geen id hebben');

    const changed = answersBundle(complete);
    ((changed.entry as FhirJson[])[0]!.resource as FhirJson).owner = { reference: 'Patient/iemand-anders', display: 'Iemand' };
    expect(JSON.stringify(inbox.receiveAnswers(context, changed).body)).toContain('wijkt af van die van de zorgaanbieder (owner)');

    const noOutput = answersBundle(complete);
    delete ((noOutput.entry as FhirJson[])[0]!.resource as FhirJson).output;
    expect(JSON.stringify(inbox.receiveAnswers(context, noOutput).body)).toContain('Task.output');

    const otherPerson = answersBundle(complete);
    ((otherPerson.entry as FhirJson[])[1]!.resource as FhirJson).subject = { reference: 'Patient/kees-compleet', display: 'Kees' };
    expect(JSON.stringify(inbox.receiveAnswers(context, otherPerson).body)).toContain('de patiënt zijn die heeft ingelogd');

    const accepting = updatedTask(task, 'accepted');
    accepting.meta = {};
    const put = inbox.putTask(context, TASK, accepting);
    expect(put.status).toBe(422);
    expect(JSON.stringify(put.body)).toContain('vl-QuestionnaireProvisioningTask');
    expect(inbox.putTask(context, 'onbekend', { ...updatedTask(task, 'accepted'), id: 'onbekend' }).status).toBe(404);
    expect(isObject(taskOf(inbox, 'STU3')) && taskOf(inbox, 'STU3').status).toBe('requested');
  });
});
