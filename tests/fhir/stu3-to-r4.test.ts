import { describe, expect, it } from 'vitest';
import { convertToR4, CONVERTERS } from '../../src-main/fhir/stu3-to-r4/index';
import { validateResource } from '../../src-main/fhir/validate';
import type { FhirJson } from '../../src-main/fhir/types';
import { fixtureJson } from './helpers';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const entries = (name: string): FhirJson[] => (fixtureJson(name).entry as { resource: FhirJson }[]).map((e) => e.resource);
const stu3 = entries('stu3-bgz-bundle.json');
const r4 = entries('r4-bgz-bundle.json');
const byId = (list: FhirJson[], id: string) => list.find((r) => r.id === id)!;
const conv = (id: string): Any => convertToR4(byId(stu3, id));
const X = (path: string) => `http://hl7.org/fhir/3.0/StructureDefinition/extension-${path}`;

describe('STU3 → R4 conversion', () => {
  it('every STU3 fixture converts to valid R4, and every listed type has a converter', () => {
    for (const r of stu3) expect(validateResource(convertToR4(r), String(r.resourceType)), String(r.id)).toEqual([]);
    for (const r of r4) expect(validateResource(r, String(r.resourceType)), String(r.id)).toEqual([]);
    for (const t of ['Patient', 'Practitioner', 'PractitionerRole', 'Organization', 'RelatedPerson', 'Condition', 'AllergyIntolerance', 'Flag',
      'Medication', 'MedicationStatement', 'MedicationRequest', 'MedicationDispense', 'MedicationAdministration', 'Immunization', 'Observation',
      'DiagnosticReport', 'Specimen', 'Procedure', 'ProcedureRequest', 'Encounter', 'EpisodeOfCare', 'Appointment', 'Consent', 'Coverage', 'Device',
      'DeviceUseStatement', 'NutritionOrder', 'DocumentReference', 'DocumentManifest', 'Binary', 'Composition', 'Questionnaire',
      'QuestionnaireResponse', 'Task']) expect(CONVERTERS[t], t).toBeTypeOf('function');
  });

  it('does not modify its input and passes unknown types through', () => {
    const input = byId(stu3, 'diabetes');
    const copy = structuredClone(input);
    convertToR4(input);
    expect(input).toEqual(copy);
    const basic = { resourceType: 'Basic', id: 'b', code: { text: 'x' }, odd: [1] };
    expect(convertToR4(basic)).toEqual(basic);
  });

  it('converts these to exactly the R4 fixture', () => {
    for (const id of ['huisarts-bakker', 'huisarts-bakker-rol', 'praktijk-de-linde', 'maria-de-vries', 'valrisico', 'ketenzorg-diabetes', 'bloed-2024-03',
      'controle-2025-06', 'ontslagbrief-pdf', 'documenten-2023', 'leefstijl', 'leefstijl-antwoorden', 'vragenlijst-taak', 'gebruik-glucosemeter',
      'diabetesdieet', 'verwijzing-oogarts']) {
      const want = r4.find((r) => r.id === id && (id !== 'ontslagbrief-pdf' || r.resourceType === 'Binary'))!;
      const got = convertToR4(stu3.find((r) => r.id === id && (id !== 'ontslagbrief-pdf' || r.resourceType === 'Binary'))!);
      expect(got, id).toEqual(want);
    }
    const docRef = convertToR4(stu3.find((r) => r.resourceType === 'DocumentReference')!);
    expect(docRef).toEqual(r4.find((r) => r.resourceType === 'DocumentReference'));
  });

  it('Patient: animal kept as extension', () => {
    const p: Any = convertToR4({ resourceType: 'Patient', animal: { species: { text: 'hond' } } });
    expect(p.animal).toBeUndefined();
    expect(p.extension[0].url).toBe(X('Patient.animal'));
  });

  it('Condition: statuses to CodeableConcepts, assertedDate → recordedDate', () => {
    const c = conv('diabetes');
    expect(c.clinicalStatus.coding[0]).toEqual({ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' });
    expect(c.verificationStatus.coding[0].system).toBe('http://terminology.hl7.org/CodeSystem/condition-ver-status');
    expect(c.recordedDate).toBe('2015-09-10');
    expect(c.extension[0]).toEqual({ url: 'http://hl7.org/fhir/StructureDefinition/condition-assertedDate', valueDateTime: '2015-09-10' });
    const unknown: Any = convertToR4({ resourceType: 'Condition', verificationStatus: 'unknown', abatementBoolean: true, context: { reference: 'Encounter/1' } });
    expect(unknown.verificationStatus.coding[0].code).toBe('unconfirmed');
    expect(unknown.clinicalStatus.coding[0].code).toBe('resolved');
    expect(unknown.encounter).toEqual({ reference: 'Encounter/1' });
  });

  it('AllergyIntolerance: statuses and recordedDate; type/criticality unchanged', () => {
    const a = conv('penicilline');
    expect(a.clinicalStatus.coding[0]).toEqual({ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' });
    expect(a.verificationStatus.coding[0].code).toBe('confirmed');
    expect(a.recordedDate).toBe('2001-05-02');
    expect([a.type, a.criticality]).toEqual(['allergy', 'high']);
  });

  it('Medication: isBrand to extension, ingredient amount → strength', () => {
    const m = conv('metformine');
    expect(m.isBrand).toBeUndefined();
    expect(m.extension).toEqual([{ url: X('Medication.isBrand'), valueBoolean: false }]);
    expect(m.ingredient[0].strength.numerator.value).toBe(500);
    expect(m.ingredient[0].itemCodeableConcept.coding[0].code).toBe('1007');
  });

  it('MedicationStatement / Request / Dispense / Administration', () => {
    const ms = conv('mgb-metformine');
    expect(ms.taken).toBeUndefined();
    expect(ms.status).toBe('active');
    const notTaken: Any = convertToR4({ resourceType: 'MedicationStatement', taken: 'n', reasonNotTaken: [{ text: 'bijwerking' }], reasonForUseCodeableConcept: [{ text: 'pijn' }], dosage: [{ doseQuantity: { value: 1 } }] });
    expect(notTaken).toMatchObject({ status: 'not-taken', statusReason: [{ text: 'bijwerking' }], reasonCode: [{ text: 'pijn' }], dosage: [{ doseAndRate: [{ doseQuantity: { value: 1 } }] }] });
    expect(convertToR4({ resourceType: 'MedicationStatement', _status: { extension: [] }, taken: 'unk' }).status).toBe('unknown');
    const mr = conv('ma-metformine');
    expect(mr.requester).toEqual({ reference: 'PractitionerRole/huisarts-bakker-rol', display: 'dr. A. Bakker' });
    expect(mr.category).toHaveLength(1);
    expect(mr.dosageInstruction[0].doseAndRate[0].doseQuantity.value).toBe(1);
    expect(mr).toEqual({ ...byId(r4, 'ma-metformine'), meta: mr.meta });
    const md: Any = convertToR4({ resourceType: 'MedicationDispense', notDone: true, notDoneReasonCodeableConcept: { text: 'niet op voorraad' } });
    expect(md).toMatchObject({ status: 'declined', statusReasonCodeableConcept: { text: 'niet op voorraad' } });
    expect(conv('verstrekking-metformine').status).toBe('completed');
    const ma: Any = convertToR4({ resourceType: 'MedicationAdministration', status: 'completed', notGiven: true, reasonNotGiven: [{ text: 'weigert' }], prescription: { reference: 'MedicationRequest/1' } });
    expect(ma).toMatchObject({ status: 'not-done', statusReason: [{ text: 'weigert' }], request: { reference: 'MedicationRequest/1' } });
    expect(conv('toediening-griep')).toEqual(byId(r4, 'toediening-griep'));
  });

  it('Immunization: notGiven, date, explanation, practitioner, protocol', () => {
    expect(conv('griepprik-2024')).toEqual(byId(r4, 'griepprik-2024'));
    const i: Any = convertToR4({ resourceType: 'Immunization', status: 'completed', notGiven: true, date: '2024-01-01', explanation: { reasonNotGiven: [{ text: 'ziek' }], reason: [{ text: 'risicogroep' }] },
      practitioner: [{ role: { text: 'AP' }, actor: { reference: 'Practitioner/1' } }], vaccinationProtocol: [{ doseSequence: 2, seriesDoses: 3, series: 'DKTP' }] });
    expect(i).toMatchObject({ status: 'not-done', occurrenceDateTime: '2024-01-01', statusReason: { text: 'ziek' }, reasonCode: [{ text: 'risicogroep' }],
      performer: [{ function: { text: 'AP' }, actor: { reference: 'Practitioner/1' } }], protocolApplied: [{ series: 'DKTP', doseNumberPositiveInt: 2, seriesDosesPositiveInt: 3 }] });
  });

  it('Observation: interpretation → array, related → hasMember/derivedFrom, comment → note, context → encounter', () => {
    const o = conv('hba1c-2024-03');
    expect(o.interpretation).toHaveLength(1);
    expect(conv('bloeddruk-2024-03').component).toHaveLength(2);
    expect(conv('mobiliteit').note).toEqual([{ text: 'Loopt zonder hulpmiddel.' }]);
    const rel: Any = convertToR4({ resourceType: 'Observation', code: { text: 'x' }, status: 'final', context: { reference: 'Encounter/e' },
      related: [{ type: 'has-member', target: { reference: 'Observation/a' } }, { type: 'derived-from', target: { reference: 'Observation/b' } }, { type: 'replaces', target: { reference: 'Observation/c' } }] });
    expect(rel.hasMember).toEqual([{ reference: 'Observation/a' }]);
    expect(rel.derivedFrom).toEqual([{ reference: 'Observation/b' }]);
    expect(rel.encounter).toEqual({ reference: 'Encounter/e' });
    expect(rel.extension[0].url).toBe(X('Observation.related'));
  });

  it('DiagnosticReport, Procedure, Encounter, Specimen', () => {
    expect(conv('lab-2024-03')).toEqual(byId(r4, 'lab-2024-03'));
    const dr: Any = convertToR4({ resourceType: 'DiagnosticReport', image: [{ link: { reference: 'Media/1' } }] });
    expect(dr.media).toEqual([{ link: { reference: 'Media/1' } }]);
    expect(conv('appendectomie')).toEqual(byId(r4, 'appendectomie'));
    const p: Any = convertToR4({ resourceType: 'Procedure', status: 'suspended', notDone: true, notDoneReason: { text: 'uitgesteld' } });
    expect(p).toMatchObject({ status: 'not-done', statusReason: { text: 'uitgesteld' } });
    expect((convertToR4({ resourceType: 'Procedure', status: 'aborted' }) as Any).status).toBe('stopped');
    const e = conv('consult-2024-03');
    expect(e).toEqual({ ...byId(r4, 'consult-2024-03'), class: e.class });
    expect(e.class.code).toBe('AMB');
  });

  it('ProcedureRequest → ServiceRequest', () => {
    const s: Any = convertToR4({ resourceType: 'ProcedureRequest', status: 'suspended', intent: 'order', requester: { agent: { reference: 'Practitioner/1' }, onBehalfOf: { reference: 'Organization/1' } } });
    expect(s.resourceType).toBe('ServiceRequest');
    expect(s.status).toBe('on-hold');
    expect(s.requester).toEqual({ reference: 'Practitioner/1' });
    expect(s.extension[0]).toEqual({ url: X('ProcedureRequest.requester.onBehalfOf'), valueReference: { reference: 'Organization/1' } });
  });

  it('Consent: period/except → provision, consentingParty → performer, scope inferred', () => {
    const c = conv('wilsverklaring');
    expect(c.scope.coding[0].code).toBe('adr');
    expect(c.performer).toHaveLength(1);
    expect(c.provision.period.start).toBe('2020-02-01');
    const x: Any = convertToR4({ resourceType: 'Consent', status: 'active', policyRule: 'http://hl7.org/fhir/ConsentPolicy/opt-in', except: [{ type: 'deny', action: [{ text: 'delen' }] }] });
    expect(x.provision.provision).toEqual([{ type: 'deny', action: [{ text: 'delen' }] }]);
    expect(x.policyRule).toEqual({ text: 'http://hl7.org/fhir/ConsentPolicy/opt-in' });
    expect(x.scope.coding[0].code).toBe('patient-privacy');
  });

  it('Coverage, Device, Binary, Composition, DocumentReference', () => {
    expect(conv('zorgverzekering')).toEqual(byId(r4, 'zorgverzekering'));
    expect(conv('glucosemeter')).toEqual(byId(r4, 'glucosemeter'));
    const comp = conv('ontslagbrief');
    expect(comp.attester[0].mode).toBe('legal');
    expect(comp.category).toHaveLength(1);
    expect((convertToR4({ resourceType: 'Binary', contentType: 'text/plain', content: 'aGFsbG8=' }) as Any).data).toBe('aGFsbG8=');
  });

  it('Questionnaire enableWhen hasAnswer → exists; NutritionOrder status + intent', () => {
    const q: Any = convertToR4({ resourceType: 'Questionnaire', status: 'active', item: [{ linkId: '1', type: 'choice', option: [{ valueString: 'ja' }], options: { reference: 'ValueSet/jn' }, initialString: 'ja',
      item: [{ linkId: '1.1', type: 'string', enableWhen: [{ question: '1', hasAnswer: true }] }] }] });
    expect(q.item[0]).toMatchObject({ answerOption: [{ valueString: 'ja' }], answerValueSet: 'ValueSet/jn', initial: [{ valueString: 'ja' }] });
    expect(q.item[0].item[0].enableWhen[0]).toEqual({ question: '1', operator: 'exists', answerBoolean: true });
    expect(convertToR4({ resourceType: 'NutritionOrder', status: 'proposed' })).toMatchObject({ status: 'draft', intent: 'proposal' });
  });
});
