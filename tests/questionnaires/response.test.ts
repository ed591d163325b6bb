/** The QuestionnaireResponse and the Task update as MedMij Vragenlijsten 2.0 scenario 3 prescribes. */
import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../src-preload/contract/questionnaire-answers';
import { checkSendBundle, checkSendResource } from '../../src-main/medmij/send-rules';
import { answerTransaction, PROFILES, questionnaireResponse, subjectOf, updatedTask } from '../../src-main/questionnaires/response';
import type { FhirJson } from '../../src-main/fhir';
import { formOf, question, simulatorForm, simulatorInvitation } from './helpers';

const answers = { gewicht: '81,5', lengte: 180, roken: true, sigaretten: 10, 'ooit-gerookt': true, klachten: ['pijn', 'moe'], 'pijn-score': 8, vervoer: 'Fiets', beltijd: '2026-12-02T10:00:00+01:00' };

describe('the QuestionnaireResponse', () => {
  for (const version of ['STU3', 'R4'] as const) {
    it(`${version}: only answers to questions that apply, under their groups, typed per question`, () => {
      const form = simulatorForm(version);
      const { questionnaire, original } = simulatorInvitation(version);
      const check = checkAnswers(form, answers);
      expect(check.problems).toEqual([]);
      const response = questionnaireResponse({
        form, questionnaire, questionnaireReference: 'Questionnaire/vl-sanne-proef-afspraak', answers: check.applicable, fhirVersion: version,
        subject: subjectOf(original.task)!, authored: '2026-12-01T11:00:00+01:00',
      });
      expect(response.id).toBeUndefined();
      expect(response.meta).toEqual({ profile: [version === 'STU3' ? PROFILES.responseStu3 : PROFILES.responseR4] });
      expect(response.questionnaire).toEqual(
        version === 'STU3'
          ? { reference: 'https://vragenlijsten.example.org/Questionnaire/voorbereiding-afspraak--20260901', display: 'Voorbereiding op uw afspraak (fictief)' }
          : 'https://vragenlijsten.example.org/Questionnaire/voorbereiding-afspraak--20260901',
      );
      expect(response.subject).toEqual({ reference: 'Patient/sanne-proef', display: 'Sanne Proef (fictief)' });
      expect(response.author).toEqual(response.subject);
      expect(response).toMatchObject({ status: 'completed', authored: '2026-12-01T11:00:00+01:00', language: 'nl-NL' });
      const items = response.item as FhirJson[];
      // The display item is not in it; "beltijd" does not apply (bellen unanswered), nor "ooit-gerookt" (roken is ja).
      expect(items.map((i) => i.linkId)).toEqual(['over-u', 'klachten-groep', 'afspraak']);
      const overU = items[0]!.item as FhirJson[];
      expect(overU.map((i) => [i.linkId, i.answer])).toEqual([
        ['gewicht', [{ valueDecimal: 81.5 }]],
        ['lengte', [{ valueInteger: 180 }]],
        ['roken', [{ valueBoolean: true }]],
        ['sigaretten', [{ valueInteger: 10 }]],
      ]);
      const klachten = items[1]!.item as FhirJson[];
      expect(klachten[0]!.answer).toEqual([
        { valueCoding: { system: 'urn:oid:2.16.840.1.113883.2.4.3.11.999.1', code: 'pijn', display: 'Pijn' } },
        { valueCoding: { system: 'urn:oid:2.16.840.1.113883.2.4.3.11.999.1', code: 'moe', display: 'Vermoeidheid' } },
      ]);
      expect((items[2]!.item as FhirJson[]).map((i) => [i.linkId, i.answer])).toEqual([['vervoer', [{ valueString: 'Fiets' }]]]);
    });
  }

  it('a quantity carries the unit of the question; a question nested under a question sits under its answer', () => {
    const form = formOf(
      question('keer', 'quantity', { unit: { label: 'keer per week', code: '/wk', system: 'http://unitsofmeasure.org' } }),
      question('a', 'boolean', { items: [question('b', 'string')] }),
    );
    const response = questionnaireResponse({
      form, questionnaire: { resourceType: 'Questionnaire', id: 'q' }, questionnaireReference: null, answers: { keer: [3], a: [true], b: ['x'] },
      fhirVersion: 'R4', subject: { reference: 'Patient/p', display: 'P' }, authored: '2026-01-01T00:00:00Z',
    });
    expect(response.questionnaire).toBe('Questionnaire/q');
    expect(response.item).toEqual([
      { linkId: 'keer', text: 'Vraag keer', answer: [{ valueQuantity: { value: 3, unit: 'keer per week', system: 'http://unitsofmeasure.org', code: '/wk' } }] },
      { linkId: 'a', text: 'Vraag a', answer: [{ valueBoolean: true, item: [{ linkId: 'b', text: 'Vraag b', answer: [{ valueString: 'x' }] }] }] },
    ]);
  });
});

describe('the Task update and the transaction', () => {
  it('accepted: the Task as received with only its status (and the profile) changed; it passes the sending rules', () => {
    const { original } = simulatorInvitation('STU3');
    const accepted = updatedTask(original.task, 'accepted');
    expect({ ...accepted, status: original.task.status }).toEqual(original.task);
    expect(accepted.status).toBe('accepted');
    expect(checkSendResource(accepted, 'PUT', `Task/${String(original.task.id)}`)).toEqual([]);
    const bare = updatedTask({ ...original.task, meta: undefined }, 'accepted');
    expect(bare.meta).toEqual({ profile: [PROFILES.task] });
  });

  it('completed in one transaction with the response: PUT Task (its address), POST response (urn:uuid, no id), linked by output', () => {
    const { original } = simulatorInvitation('STU3');
    const response = { resourceType: 'QuestionnaireResponse', meta: { profile: [PROFILES.responseStu3] }, status: 'completed', subject: { reference: 'Patient/sanne-proef', display: 'Sanne' } };
    const taskFullUrl = 'http://127.0.0.1:9/delinde/fhir/stu3/Task/vl-sanne-proef-taak-afspraak';
    const { bundle, responseFullUrl } = answerTransaction({ task: original.task, taskFullUrl, response });
    expect(responseFullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(bundle.type).toBe('transaction');
    const [taskEntry, responseEntry] = bundle.entry as FhirJson[];
    expect(taskEntry).toMatchObject({ fullUrl: taskFullUrl, request: { method: 'PUT', url: 'Task/vl-sanne-proef-taak-afspraak' }, resource: { status: 'completed' } });
    expect((taskEntry!.resource as FhirJson).output).toEqual([
      { type: { text: 'QuestionnaireResponse' }, valueReference: { reference: responseFullUrl, display: 'Ingevulde vragenlijst' } },
    ]);
    expect(responseEntry).toEqual({ fullUrl: responseFullUrl, resource: response, request: { method: 'POST', url: 'QuestionnaireResponse' } });
    expect(checkSendBundle(bundle, { bundleType: 'transaction' })).toEqual([]);
  });
});
