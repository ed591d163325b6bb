import { describe, expect, it } from 'vitest';
import { indexFields } from '../../src-main/fhir/summary';
import type { FhirJson } from '../../src-main/fhir/types';
import { sortKeyOf, titleOf, valueOf } from '../../src-main/records/display';
import { dutchResourceName } from '../../src-main/records/resource-names';
import { sectionOf } from '../../src-main/records/sections';

describe('sections', () => {
  it.each([
    [{ resourceType: 'Observation', category: [{ coding: [{ code: 'vital-signs' }] }] }, 'vitale-functies'],
    [{ resourceType: 'Observation', category: [{ coding: [{ code: 'laboratory' }] }] }, 'lab'],
    [{ resourceType: 'Observation', category: [{ coding: [{ code: 'social-history' }] }] }, 'leefstijl'],
    [{ resourceType: 'Observation', code: { coding: [{ code: '301438001' }] } }, 'functionele-status'],
    [{ resourceType: 'Observation', code: { coding: [{ code: '27113001' }] } }, 'vitale-functies'],
    [{ resourceType: 'Observation', code: { text: 'iets' } }, 'overig'],
    [{ resourceType: 'MedicationRequest' }, 'medicatie-afspraken'],
    [{ resourceType: 'MedicationStatement' }, 'medicatie-gebruik'],
    [{ resourceType: 'MedicationAdministration' }, 'medicatie-gebruik'],
    [{ resourceType: 'MedicationDispense' }, 'medicatie-verstrekkingen'],
    [{ resourceType: 'PractitionerRole' }, 'personalia'],
    [{ resourceType: 'Coverage' }, 'zorgverzekering'],
    [{ resourceType: 'Consent' }, 'wilsverklaringen'],
    [{ resourceType: 'Flag' }, 'alerts'],
    [{ resourceType: 'DeviceUseStatement' }, 'hulpmiddelen'],
    [{ resourceType: 'Immunization' }, 'vaccinaties'],
    [{ resourceType: 'Procedure' }, 'verrichtingen'],
    [{ resourceType: 'EpisodeOfCare' }, 'contacten'],
    [{ resourceType: 'ServiceRequest' }, 'geplande-zorg'],
    [{ resourceType: 'Task', status: 'requested' }, 'geplande-zorg'],
    [{ resourceType: 'Task', status: 'completed' }, 'overig'],
    [{ resourceType: 'Binary' }, 'documenten'],
    [{ resourceType: 'QuestionnaireResponse' }, 'vragenlijsten'],
    [{ resourceType: 'Questionnaire' }, 'vragenlijsten'],
    [{ resourceType: 'CareTeam' }, 'personalia'],
    [{ resourceType: 'CarePlan' }, 'geplande-zorg'],
    [{ resourceType: 'Goal' }, 'geplande-zorg'],
    [{ resourceType: 'ImmunizationRecommendation' }, 'geplande-zorg'],
    [{ resourceType: 'DeviceRequest' }, 'geplande-zorg'],
    [{ resourceType: 'Basic' }, 'overig'],
  ])('%j → %s', (resource, section) => {
    expect(sectionOf(resource)).toBe(section);
  });
});

describe('values', () => {
  it('formats Dutch numbers with units and marks out-of-range by words', () => {
    const obs = (extra: object) => ({ resourceType: 'Observation', ...extra });
    expect(valueOf(obs({ valueQuantity: { value: 5.4, unit: 'mmol/l' } }))).toEqual({ valueText: '5,4 mmol/l', outOfRange: false });
    expect(valueOf(obs({ valueQuantity: { value: 1250.5, code: 'g' } })).valueText).toBe('1250,5 g');
    expect(valueOf(obs({ valueQuantity: { value: 48, unit: 'mmol/mol' }, interpretation: [{ coding: [{ code: 'H' }] }] }))).toEqual({
      valueText: '48 mmol/mol (hoog)',
      outOfRange: true,
    });
    expect(valueOf(obs({ valueQuantity: { value: 2, unit: 'x' }, interpretation: [{ coding: [{ code: 'A' }] }] })).valueText).toBe('2 x (afwijkend)');
    expect(valueOf(obs({ valueQuantity: { value: 9, unit: 'x' }, referenceRange: [{ high: { value: 8 } }] })).outOfRange).toBe(true);
    expect(valueOf(obs({ valueQuantity: { value: 8, unit: 'x' }, referenceRange: [{ low: { value: 4 }, high: { value: 8 } }] })).outOfRange).toBe(false);
    expect(valueOf(obs({ valueQuantity: { value: 1, unit: 'x', comparator: '<' }, referenceRange: [{ low: { value: 4 } }] }))).toEqual({
      valueText: '< 1 x',
      outOfRange: false,
    });
    const bp = (sys: string, dia: string) =>
      obs({
        component: [
          { code: { coding: [{ code: sys }] }, valueQuantity: { value: 132, unit: 'mmHg' } },
          { code: { coding: [{ code: dia }] }, valueQuantity: { value: 84, unit: 'mmHg' } },
        ],
      });
    expect(valueOf(bp('8480-6', '8462-4')).valueText).toBe('132/84 mmHg');
    expect(valueOf(bp('271649006', '271650006')).valueText).toBe('132/84 mmHg');
    expect(valueOf(obs({ valueBoolean: true })).valueText).toBe('ja');
    expect(valueOf({ resourceType: 'MedicationStatement', dosage: [{ text: '1x per dag' }] }).valueText).toBe('1x per dag');
  });

  it('sorts dates by their written wall-clock time', () => {
    expect(sortKeyOf('2024-03-01T08:30:00+01:00')).toBe('2024-03-01T08:30:00');
    expect(sortKeyOf('2024-03')).toBe('2024-03');
    expect(sortKeyOf(null)).toBe('');
  });
});

describe('care planning, vaccination advice, device requests, tasks and questionnaires', () => {
  const summary = (r4: FhirJson) => {
    const index = indexFields(r4);
    return { title: titleOf(r4, index), value: valueOf(r4).valueText, status: index.status, date: index.date };
  };

  it('have Dutch names', () => {
    expect(['CarePlan', 'CareTeam', 'Goal', 'ImmunizationRecommendation', 'DeviceRequest', 'Task', 'Questionnaire'].map(dutchResourceName)).toEqual([
      'Zorgplan', 'Zorgteam', 'Behandeldoel', 'Geplande vaccinatie', 'Gepland hulpmiddel', 'Taak', 'Vragenlijst',
    ]);
  });

  it('CareTeam: its name, and the members with their roles', () => {
    const team = {
      resourceType: 'CareTeam', status: 'active', name: 'Behandelteam depressie', period: { start: '2024-02-01' },
      participant: [
        { role: [{ coding: [{ system: 'http://snomed.info/sct', code: '80546007', display: 'psychiater' }] }], member: { reference: 'Practitioner/1', display: 'dr. S. el Amrani' } },
        { role: [{ text: 'regiebehandelaar' }], member: { reference: 'Practitioner/2', display: 'drs. L. Visser' } },
        { member: { reference: 'RelatedPerson/3', display: 'P. de Vries' } },
        { role: [{ text: 'wijkverpleging' }], member: { reference: 'Organization/4' } },
      ],
    };
    expect(summary(team)).toEqual({ title: 'Behandelteam depressie', value: 'dr. S. el Amrani (psychiater) · drs. L. Visser (regiebehandelaar) · P. de Vries · wijkverpleging',
      status: 'active', date: '2024-02-01' });
    expect(summary({ resourceType: 'CareTeam', participant: [] })).toMatchObject({ title: 'Zorgteam', value: null });
  });

  it('CarePlan: its title, else "Zorgplan"; the activities as the value line', () => {
    const plan = {
      resourceType: 'CarePlan', status: 'active', intent: 'plan', period: { start: '2024-04-01' },
      activity: [
        { detail: { code: { coding: [{ system: 'http://snomed.info/sct', code: '229065009', display: 'looptraining' }], text: 'Looptraining met rollator' }, status: 'in-progress' } },
        { detail: { description: 'Hulp bij douchen', status: 'scheduled' } },
        { reference: { reference: 'ServiceRequest/1', display: 'Wondverzorging' } },
      ],
    };
    expect(summary(plan)).toEqual({ title: 'Zorgplan', value: 'Looptraining met rollator · Hulp bij douchen · Wondverzorging', status: 'active', date: '2024-04-01' });
    expect(summary({ ...plan, title: 'Valpreventie' }).title).toBe('Valpreventie');
  });

  it('Goal: the goal as title, the target and progress in words, lifecycleStatus as status', () => {
    const goal = {
      resourceType: 'Goal', lifecycleStatus: 'active', startDate: '2024-04-01',
      achievementStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: 'improving', display: 'Improving' }] },
      description: { text: 'Zelfstandig lopen met rollator' },
      target: [{ measure: { text: 'Loopafstand' }, detailQuantity: { value: 100, unit: 'm' }, dueDate: '2024-09-01' }],
    };
    expect(summary(goal)).toEqual({ title: 'Zelfstandig lopen met rollator', value: 'Loopafstand: 100 m · gaat vooruit', status: 'active', date: '2024-04-01' });
    expect(summary({ resourceType: 'Goal', lifecycleStatus: 'proposed', description: { coding: [{ code: 'x' }] } })).toMatchObject({ title: 'Behandeldoel', value: null });
  });

  it('ImmunizationRecommendation: the vaccine, the forecast and dose', () => {
    const advice = {
      resourceType: 'ImmunizationRecommendation', date: '2024-06-01',
      recommendation: [{
        vaccineCode: [{ coding: [{ system: 'urn:oid:2.16.840.1.113883.2.4.4.1', code: '1000', display: 'BMR' }], text: 'Bof, mazelen, rodehond' }],
        doseNumberPositiveInt: 2, forecastStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/immunization-recommendation-status', code: 'due' }] },
      }],
    };
    expect(summary(advice)).toEqual({ title: 'Bof, mazelen, rodehond', value: 'nog te geven · dosis 2', status: null, date: '2024-06-01' });
    const targetOnly = { resourceType: 'ImmunizationRecommendation', recommendation: [{ targetDisease: { text: 'Mazelen' }, forecastStatus: { text: 'gepland' } }] };
    expect(summary(targetOnly)).toMatchObject({ title: 'Mazelen', value: 'gepland' });
  });

  it('DeviceRequest: the device, with the reason', () => {
    expect(summary({ resourceType: 'DeviceRequest', status: 'active', intent: 'order', codeReference: { reference: 'Device/1', display: 'Rollator' },
      occurrencePeriod: { start: '2024-04-01' }, reasonCode: [{ text: 'Valrisico' }] })).toEqual({ title: 'Rollator', value: 'Valrisico', status: 'active', date: '2024-04-01' });
    expect(summary({ resourceType: 'DeviceRequest', codeCodeableConcept: { text: 'Gehoorapparaat' } }).title).toBe('Gehoorapparaat');
    expect(summary({ resourceType: 'DeviceRequest' }).title).toBe('Gepland hulpmiddel');
  });

  it('Task and Questionnaire: their description or title; a questionnaire counts its questions', () => {
    expect(summary({ resourceType: 'Task', status: 'requested', intent: 'order', description: 'Vul de vragenlijst leefstijl in', authoredOn: '2024-02-15' }))
      .toEqual({ title: 'Vul de vragenlijst leefstijl in', value: null, status: 'requested', date: '2024-02-15' });
    expect(summary({ resourceType: 'Task', status: 'requested' }).title).toBe('Taak');
    const q = { resourceType: 'Questionnaire', status: 'active', title: 'Vragenlijst leefstijl',
      item: [{ linkId: '0', type: 'display', text: 'Over uw leefstijl' }, { linkId: '1', type: 'boolean' }, { linkId: '2', type: 'group', item: [{ linkId: '2.1', type: 'integer' }] }] };
    expect(summary(q)).toMatchObject({ title: 'Vragenlijst leefstijl', value: '2 vragen', status: 'active' });
  });
});
