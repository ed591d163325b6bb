import { describe, expect, it } from 'vitest';
import type { FhirJson } from '../../../src-main/fhir/types';
import { search, SearchError } from '../../../src-main/medmij/simulator/search';

const NICTIZ = 'http://nictiz.nl/fhir/StructureDefinition';
const ref = (reference: string) => ({ reference });

/** A small BgLZ-shaped record: a care plan whose activity points at a goal, an outcome and a device use. */
const record: FhirJson[] = [
  { resourceType: 'Patient', id: 'p' },
  {
    resourceType: 'CarePlan', id: 'plan', status: 'active', intent: 'order', subject: ref('Patient/p'),
    activity: [{
      outcomeReference: [ref('Observation/outcome')],
      detail: {
        extension: [
          { url: `${NICTIZ}/extension-medicaldevice`, valueReference: ref('DeviceUseStatement/dus') },
          { url: 'http://example.org/other', valueReference: ref('Observation/unrelated') },
        ],
        goal: [ref('Goal/goal')],
        status: 'in-progress',
      },
    }],
  },
  { resourceType: 'Goal', id: 'goal', status: 'in-progress', subject: ref('Patient/p') },
  { resourceType: 'Observation', id: 'outcome', status: 'final', code: { text: 'Wond genezen' } },
  { resourceType: 'Observation', id: 'unrelated', status: 'final', code: { text: 'x' } },
  { resourceType: 'DeviceUseStatement', id: 'dus', status: 'active', device: ref('Device/rollator'), subject: ref('Patient/p') },
  { resourceType: 'Device', id: 'rollator', type: { text: 'Rollator' } },
  {
    resourceType: 'CareTeam', id: 'team', status: 'active',
    participant: [{ member: ref('Practitioner/wijkverpleegkundige') }, { member: ref('RelatedPerson/dochter') }],
  },
  { resourceType: 'Practitioner', id: 'wijkverpleegkundige' },
  { resourceType: 'RelatedPerson', id: 'dochter' },
  {
    resourceType: 'MedicationRequest', id: 'ma', status: 'active', intent: 'order',
    category: [{ coding: [{ system: 'http://snomed.info/sct', code: '33633005' }] }],
    extension: [{ url: `${NICTIZ}/ext-MedicationAgreement.NextPractitioner`, valueReference: ref('PractitionerRole/opvolger') }],
    requester: ref('PractitionerRole/voorschrijver'),
  },
  { resourceType: 'PractitionerRole', id: 'voorschrijver', practitioner: ref('Practitioner/arts'), organization: ref('Organization/zkh') },
  { resourceType: 'PractitionerRole', id: 'opvolger', practitioner: ref('Practitioner/huisarts') },
  { resourceType: 'Practitioner', id: 'arts' },
  { resourceType: 'Practitioner', id: 'huisarts' },
  { resourceType: 'Organization', id: 'zkh' },
];

const run = (type: string, params: [string, string][]) => {
  const r = search(record, { resourceType: type, lastn: false, params: new URLSearchParams(params) });
  return { matches: r.matches.map((m) => `${String(m.resourceType)}/${String(m.id)}`), included: r.includesFor(r.matches).map((m) => `${String(m.resourceType)}/${String(m.id)}`) };
};

describe('simulator search: includes', () => {
  it('follows the BgLZ care plan includes, and :recurse from the included device use to the device', () => {
    const withoutRecurse = run('CarePlan', [
      ['_include', 'CarePlan:activity-goal:Goal'], ['_include', 'CarePlan:activity-outcomereference:Observation'],
      ['_include', 'CarePlan:activity-medicaldevice:DeviceUseStatement'],
    ]);
    expect(withoutRecurse).toEqual({ matches: ['CarePlan/plan'], included: ['Goal/goal', 'Observation/outcome', 'DeviceUseStatement/dus'] });
    const withRecurse = run('CarePlan', [
      ['_include', 'CarePlan:activity-medicaldevice:DeviceUseStatement'], ['_include:recurse', 'DeviceUseStatement:device:Device'],
    ]);
    expect(withRecurse.included).toEqual(['DeviceUseStatement/dus', 'Device/rollator']);
  });

  it('includes the care team members (CareTeam.participant.member)', () => {
    expect(run('CareTeam', [['_include', 'CareTeam:participant']]).included).toEqual(['Practitioner/wijkverpleegkundige', 'RelatedPerson/dochter']);
  });

  it('iterates PractitionerRole includes over what the first includes found (MP9 3.0)', () => {
    const r = run('MedicationRequest', [
      ['category', 'http://snomed.info/sct|33633005'], ['_include', 'MedicationRequest:requester'], ['_include', 'MedicationRequest:next-practitioner'],
      ['_include:iterate', 'PractitionerRole:practitioner'], ['_include:iterate', 'PractitionerRole:organization'],
    ]);
    expect(r.matches).toEqual(['MedicationRequest/ma']);
    expect(new Set(r.included)).toEqual(new Set(['PractitionerRole/voorschrijver', 'PractitionerRole/opvolger', 'Practitioner/arts', 'Practitioner/huisarts', 'Organization/zkh']));
    // Without :iterate the roles' practitioners are not reached.
    expect(run('MedicationRequest', [['_include', 'MedicationRequest:requester']]).included).toEqual(['PractitionerRole/voorschrijver']);
  });

  it('refuses a plain _include for another resource type, and malformed includes', () => {
    expect(() => run('CarePlan', [['_include', 'DeviceUseStatement:device']])).toThrow(SearchError);
    expect(() => run('CarePlan', [['_include:recurse', 'Nonsense']])).toThrow(SearchError);
    expect(() => run('CarePlan', [['_include:iterate', 'Unknown:thing']])).toThrow(/Onbekend resourcetype/);
  });
});
