import { describe, expect, it } from 'vitest';
import { prepareImport } from '../../src-main/fhir/index';
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
      'QuestionnaireResponse', 'Task', 'CarePlan', 'CareTeam', 'Goal', 'ImmunizationRecommendation', 'DeviceRequest']) {
      expect(CONVERTERS[t], t).toBeTypeOf('function');
    }
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

  it('Consent (zib TreatmentDirective): treatment → provision.code, TreatmentPermitted → provision.type, modifier kept', () => {
    const sd = 'http://nictiz.nl/fhir/StructureDefinition';
    const permitted = (code: string) => ({ url: `${sd}/zib-TreatmentDirective-TreatmentPermitted`, valueCodeableConcept: { coding: [{ system: 'urn:oid:2.16.840.1.113883.2.4.3.11.60.40.4', code }] } });
    const reanimatie = { coding: [{ system: 'http://snomed.info/sct', code: '89666000', display: 'Cardiopulmonale resuscitatie' }], text: 'Reanimatie' };
    const stu3 = (code: string) => ({
      resourceType: 'Consent', status: 'active', category: [{ coding: [{ system: 'http://snomed.info/sct', code: '11291000146105' }] }],
      extension: [{ url: `${sd}/zib-TreatmentDirective-Treatment`, valueCodeableConcept: reanimatie }, { url: `${sd}/Comment`, valueString: 'besproken' }],
      modifierExtension: [permitted(code)], period: { start: '2024-03-04' },
    });
    const deny: Any = convertToR4(stu3('NEE'));
    expect(deny.provision).toEqual({ period: { start: '2024-03-04' }, code: [reanimatie], type: 'deny' });
    expect(deny.scope.coding[0].code).toBe('treatment');
    expect(deny.extension).toEqual([{ url: `${sd}/Comment`, valueString: 'besproken' }]);
    expect(deny.modifierExtension).toEqual([permitted('NEE')]);
    expect((convertToR4(stu3('JA')) as Any).provision.type).toBe('permit');
    const but: Any = convertToR4(stu3('JA_MAAR'));
    expect(but.provision.type).toBe('permit');
    expect(but.modifierExtension).toEqual([permitted('JA_MAAR')]); // only the modifier says "with restrictions"
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

  it('CarePlan (BgLZ zorgplan): context, definition, author, activity.detail category/prohibited/definition; medicaldevice kept', () => {
    const medicalDevice = { url: 'http://nictiz.nl/fhir/StructureDefinition/extension-medicaldevice', valueReference: { reference: 'DeviceUseStatement/rollator' } };
    const p: Any = convertToR4(structuredClone(ZORGPLAN));
    expect(p).toMatchObject({
      status: 'on-hold', intent: 'plan', encounter: { reference: 'EpisodeOfCare/verpleeghuis-2024' },
      instantiatesCanonical: ['PlanDefinition/valpreventie'],
      author: { reference: 'Practitioner/verpleegkundige-jansen', display: 'M. Jansen' },
      contributor: [{ reference: 'Organization/de-terp', display: 'Woonzorgcentrum De Terp' }],
      category: [{ coding: [{ system: 'http://snomed.info/sct', code: '9632001' }] }],
      goal: [{ reference: 'Goal/zelfstandig-lopen' }],
    });
    expect(p.context).toBeUndefined();
    expect(p.definition).toBeUndefined();
    const [hulp, wond] = p.activity;
    expect(hulp.detail).toEqual({
      extension: [medicalDevice, { url: X('CarePlan.activity.detail.category'), valueCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/care-plan-activity-category', code: 'procedure' }] } }],
      instantiatesCanonical: ['ActivityDefinition/looptraining'],
      code: { coding: [{ system: 'http://snomed.info/sct', code: '229065009', display: 'looptraining' }], text: 'Looptraining met rollator' },
      reasonCode: [{ text: 'Valrisico' }], reasonReference: [{ reference: 'Condition/valrisico' }], goal: [{ reference: 'Goal/zelfstandig-lopen' }],
      status: 'in-progress', statusReason: { text: 'Na heupoperatie' }, doNotPerform: false,
      scheduledTiming: { repeat: { frequency: 3, period: 1, periodUnit: 'wk' } },
      performer: [{ reference: 'Practitioner/fysiotherapeut-de-boer' }], description: 'Drie keer per week 15 minuten lopen met begeleiding.',
    });
    expect(wond.detail).toMatchObject({ kind: 'ServiceRequest', code: { text: 'Wondverzorging' }, doNotPerform: true });
    expect(wond.outcomeReference).toEqual([{ reference: 'Observation/wond-2024-05' }]);
    expect(wond.progress).toEqual([{ text: 'Wond sluit goed.' }]);
    // A definition that a canonical cannot fully carry is kept whole, too.
    const withDisplay: Any = convertToR4({ resourceType: 'CarePlan', status: 'cancelled', intent: 'plan', subject: { reference: 'Patient/p' },
      definition: [{ reference: 'PlanDefinition/x', display: 'Protocol X' }, { display: 'Zonder verwijzing' }] });
    expect(withDisplay.status).toBe('revoked');
    expect(withDisplay.instantiatesCanonical).toEqual(['PlanDefinition/x']);
    expect(withDisplay.extension).toEqual([
      { url: X('CarePlan.definition'), valueReference: { reference: 'PlanDefinition/x', display: 'Protocol X' } },
      { url: X('CarePlan.definition'), valueReference: { display: 'Zonder verwijzing' } },
    ]);
  });

  it('CareTeam: context → encounter, participant.role → array, members and organisation unchanged', () => {
    const t: Any = convertToR4(structuredClone(ZORGTEAM));
    expect(t.encounter).toEqual({ reference: 'EpisodeOfCare/ggz-behandeling' });
    expect(t.context).toBeUndefined();
    expect(t.participant).toEqual([
      { role: [{ coding: [{ system: 'http://snomed.info/sct', code: '80546007', display: 'psychiater' }] }], member: { reference: 'Practitioner/psychiater-el-amrani', display: 'dr. S. el Amrani' },
        onBehalfOf: { reference: 'Organization/ggz-noord' }, period: { start: '2024-02-01' } },
      { role: [{ text: 'regiebehandelaar' }], member: { reference: 'Practitioner/gz-psycholoog-visser', display: 'drs. L. Visser' } },
      { member: { reference: 'RelatedPerson/partner', display: 'P. de Vries' } },
    ]);
    expect(t).toMatchObject({ status: 'active', name: 'Behandelteam depressie', managingOrganization: [{ reference: 'Organization/ggz-noord' }] });
  });

  it('Goal (zib TreatmentObjective): status → lifecycleStatus + achievementStatus, target → array', () => {
    const g: Any = convertToR4(structuredClone(BEHANDELDOEL));
    expect(g.status).toBeUndefined();
    expect(g).toMatchObject({
      lifecycleStatus: 'active',
      achievementStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: 'in-progress' }] },
      description: { text: 'Zelfstandig lopen met rollator' },
      target: [{ measure: { text: 'Loopafstand' }, detailQuantity: { value: 100, unit: 'm' }, dueDate: '2024-09-01' }],
      priority: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-priority', code: 'high-priority' }] },
      statusDate: '2024-05-15', statusReason: 'Goede vooruitgang', outcomeCode: [{ text: 'Loopt 60 m zelfstandig' }],
      outcomeReference: [{ reference: 'Observation/loopafstand-2024-05' }], addresses: [{ reference: 'Condition/valrisico' }],
    });
    expect(g.extension).toBeUndefined();
    const cases: [string, string, string | undefined][] = [['proposed', 'proposed', undefined], ['achieved', 'completed', 'achieved'],
      ['sustaining', 'active', 'sustaining'], ['on-target', 'active', 'sustaining'], ['ahead-of-target', 'active', 'improving'],
      ['behind-target', 'active', 'worsening'], ['on-hold', 'on-hold', undefined], ['rejected', 'rejected', undefined]];
    for (const [stu3Status, lifecycle, achievement] of cases) {
      const out: Any = convertToR4({ resourceType: 'Goal', status: stu3Status, description: { text: 'x' }, subject: { reference: 'Patient/p' } });
      expect([out.lifecycleStatus, out.achievementStatus?.coding[0].code], stu3Status).toEqual([lifecycle, achievement]);
    }
    // R4 has no exact code for these: the STU3 one is kept.
    expect((convertToR4({ resourceType: 'Goal', status: 'behind-target' }) as Any).extension).toEqual([{ url: X('Goal.status'), valueString: 'behind-target' }]);
  });

  it('ImmunizationRecommendation: date to the resource, doseNumber, protocol → series/description/authority, vaccineCode → array', () => {
    const i: Any = convertToR4(structuredClone(VACCINATIEADVIES));
    expect(i.date).toBe('2024-06-01');
    expect(i.authority).toEqual({ reference: 'Organization/rivm', display: 'RIVM' });
    expect(i.recommendation[0]).toEqual({
      vaccineCode: [{ coding: [{ system: 'urn:oid:2.16.840.1.113883.2.4.4.1', code: '1000', display: 'BMR' }], text: 'Bof, mazelen, rodehond' }],
      targetDisease: { text: 'Mazelen' }, doseNumberPositiveInt: 2,
      forecastStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/immunization-recommendation-status', code: 'due' }] },
      dateCriterion: [{ code: { coding: [{ system: 'http://loinc.org', code: '30980-7' }] }, value: '2024-10-01' }],
      series: 'Rijksvaccinatieprogramma', description: 'BMR 2 op 9-jarige leeftijd',
      supportingImmunization: [{ reference: 'Immunization/bmr-1' }],
    });
    // A second recommendation with its own date, dose sequence and authority keeps them as extensions.
    const second = i.recommendation[1];
    expect(second.vaccineCode).toEqual([{ text: 'DTP' }]);
    expect(second.doseNumberPositiveInt).toBe(4);
    expect(second.extension).toEqual([
      { url: X('ImmunizationRecommendation.recommendation.date'), valueString: '2024-06-15' },
      { url: X('ImmunizationRecommendation.recommendation.protocol.doseSequence'), valueDecimal: 5 },
      { url: X('ImmunizationRecommendation.recommendation.protocol.authority'), valueReference: { reference: 'Organization/ggd' } },
    ]);
  });

  it('DeviceRequest (zib MedicalDeviceRequest): status, intent → code, requester.agent, context, definition', () => {
    const d: Any = convertToR4(structuredClone(HULPMIDDELAANVRAAG));
    expect(d).toMatchObject({
      status: 'on-hold', intent: 'order', requester: { reference: 'Practitioner/huisarts-bakker', display: 'dr. A. Bakker' },
      encounter: { reference: 'Encounter/consult-2024-03' }, instantiatesCanonical: ['ActivityDefinition/rollator-verstrekking'],
      codeReference: { reference: 'Device/rollator', display: 'Rollator' }, occurrencePeriod: { start: '2024-04-01' },
      reasonCode: [{ text: 'Valrisico' }], reasonReference: [{ reference: 'Condition/valrisico' }],
    });
    expect(d.extension).toEqual([{ url: X('DeviceRequest.requester.onBehalfOf'), valueReference: { reference: 'Organization/praktijk-de-linde' } }]);
    for (const k of ['context', 'definition']) expect(d[k], k).toBeUndefined();
    const textOnly: Any = convertToR4({ resourceType: 'DeviceRequest', status: 'cancelled', intent: { text: 'voorstel' }, codeCodeableConcept: { text: 'Gehoorapparaat' } });
    expect(textOnly).toMatchObject({ status: 'revoked', intent: 'order', extension: [{ url: X('DeviceRequest.intent'), valueCodeableConcept: { text: 'voorstel' } }] });
    expect((convertToR4({ resourceType: 'DeviceRequest', intent: 'plan' }) as Any).intent).toBe('plan');
  });

  it('an STU3 GGZ / langdurige zorg / BgZ Bundle with the new types passes prepareImport as valid R4', () => {
    const resources = [ZORGPLAN, ZORGTEAM, BEHANDELDOEL, VACCINATIEADVIES, HULPMIDDELAANVRAAG];
    const bundle = { resourceType: 'Bundle', type: 'searchset', entry: resources.map((r) => ({ fullUrl: `https://zorg.example.nl/fhir/${String(r.resourceType)}/${String(r.id)}`, resource: r })) };
    const result = prepareImport(JSON.stringify(bundle));
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.fhirVersion).toBe('STU3');
    expect(result.resources.map((r) => r.r4.resourceType)).toEqual(['CarePlan', 'CareTeam', 'Goal', 'ImmunizationRecommendation', 'DeviceRequest']);
    const byType = (t: string): Any => result.resources.find((r) => r.r4.resourceType === t)!.r4;
    expect(byType('Goal').lifecycleStatus).toBe('active');
    expect(byType('CarePlan').activity[0].detail.doNotPerform).toBe(false);
    expect(byType('ImmunizationRecommendation').recommendation[0].vaccineCode).toHaveLength(1);
    expect(byType('DeviceRequest').intent).toBe('order');
    for (const r of resources) expect(validateResource(convertToR4(r), String(r.resourceType)), String(r.id)).toEqual([]);
  });
});

// Realistic STU3 inputs as Dutch GGZ, langdurige zorg (BgLZ) and BgZ services send them.
const ZORGPLAN: FhirJson = {
  resourceType: 'CarePlan', id: 'zorgplan-valpreventie', status: 'suspended', intent: 'plan',
  category: { coding: [{ system: 'http://snomed.info/sct', code: '9632001' }] },
  subject: { reference: 'Patient/maria-de-vries' }, context: { reference: 'EpisodeOfCare/verpleeghuis-2024' },
  definition: [{ reference: 'PlanDefinition/valpreventie' }],
  author: [{ reference: 'Practitioner/verpleegkundige-jansen', display: 'M. Jansen' }, { reference: 'Organization/de-terp', display: 'Woonzorgcentrum De Terp' }],
  goal: [{ reference: 'Goal/zelfstandig-lopen' }],
  activity: [
    {
      detail: {
        extension: [{ url: 'http://nictiz.nl/fhir/StructureDefinition/extension-medicaldevice', valueReference: { reference: 'DeviceUseStatement/rollator' } }],
        category: { coding: [{ system: 'http://hl7.org/fhir/care-plan-activity-category', code: 'procedure' }] },
        definition: { reference: 'ActivityDefinition/looptraining' },
        code: { coding: [{ system: 'http://snomed.info/sct', code: '229065009', display: 'looptraining' }], text: 'Looptraining met rollator' },
        reasonCode: [{ text: 'Valrisico' }], reasonReference: [{ reference: 'Condition/valrisico' }], goal: [{ reference: 'Goal/zelfstandig-lopen' }],
        status: 'in-progress', statusReason: 'Na heupoperatie', prohibited: false,
        scheduledTiming: { repeat: { frequency: 3, period: 1, periodUnit: 'wk' } },
        performer: [{ reference: 'Practitioner/fysiotherapeut-de-boer' }], description: 'Drie keer per week 15 minuten lopen met begeleiding.',
      },
    },
    {
      outcomeReference: [{ reference: 'Observation/wond-2024-05' }], progress: [{ text: 'Wond sluit goed.' }],
      detail: { kind: 'ProcedureRequest', code: { text: 'Wondverzorging' }, status: 'scheduled', prohibited: true },
    },
  ],
};

const ZORGTEAM: FhirJson = {
  resourceType: 'CareTeam', id: 'behandelteam-depressie', status: 'active', name: 'Behandelteam depressie',
  subject: { reference: 'Patient/maria-de-vries' }, context: { reference: 'EpisodeOfCare/ggz-behandeling' }, period: { start: '2024-02-01' },
  participant: [
    { role: { coding: [{ system: 'http://snomed.info/sct', code: '80546007', display: 'psychiater' }] }, member: { reference: 'Practitioner/psychiater-el-amrani', display: 'dr. S. el Amrani' },
      onBehalfOf: { reference: 'Organization/ggz-noord' }, period: { start: '2024-02-01' } },
    { role: { text: 'regiebehandelaar' }, member: { reference: 'Practitioner/gz-psycholoog-visser', display: 'drs. L. Visser' } },
    { member: { reference: 'RelatedPerson/partner', display: 'P. de Vries' } },
  ],
  managingOrganization: [{ reference: 'Organization/ggz-noord' }],
};

const BEHANDELDOEL: FhirJson = {
  resourceType: 'Goal', id: 'zelfstandig-lopen', meta: { profile: ['http://nictiz.nl/fhir/StructureDefinition/zib-TreatmentObjective'] },
  status: 'in-progress', priority: { coding: [{ system: 'http://hl7.org/fhir/goal-priority', code: 'high-priority' }] },
  description: { text: 'Zelfstandig lopen met rollator' }, subject: { reference: 'Patient/maria-de-vries' }, startDate: '2024-04-01',
  target: { measure: { text: 'Loopafstand' }, detailQuantity: { value: 100, unit: 'm' }, dueDate: '2024-09-01' },
  statusDate: '2024-05-15', statusReason: 'Goede vooruitgang', addresses: [{ reference: 'Condition/valrisico' }],
  outcomeCode: [{ text: 'Loopt 60 m zelfstandig' }], outcomeReference: [{ reference: 'Observation/loopafstand-2024-05' }],
};

const VACCINATIEADVIES: FhirJson = {
  resourceType: 'ImmunizationRecommendation', id: 'bmr-2', meta: { profile: ['http://nictiz.nl/fhir/StructureDefinition/zib-VaccinationRecommendation'] },
  patient: { reference: 'Patient/maria-de-vries' },
  recommendation: [
    {
      date: '2024-06-01', vaccineCode: { coding: [{ system: 'urn:oid:2.16.840.1.113883.2.4.4.1', code: '1000', display: 'BMR' }], text: 'Bof, mazelen, rodehond' },
      targetDisease: { text: 'Mazelen' }, doseNumber: 2,
      forecastStatus: { coding: [{ system: 'http://hl7.org/fhir/immunization-recommendation-status', code: 'due' }] },
      dateCriterion: [{ code: { coding: [{ system: 'http://loinc.org', code: '30980-7' }] }, value: '2024-10-01' }],
      protocol: { doseSequence: 2, description: 'BMR 2 op 9-jarige leeftijd', authority: { reference: 'Organization/rivm', display: 'RIVM' }, series: 'Rijksvaccinatieprogramma' },
      supportingImmunization: [{ reference: 'Immunization/bmr-1' }],
    },
    {
      date: '2024-06-15', vaccineCode: { text: 'DTP' }, doseNumber: 4, forecastStatus: { text: 'gepland' },
      protocol: { doseSequence: 5, authority: { reference: 'Organization/ggd' } },
    },
  ],
};

const HULPMIDDELAANVRAAG: FhirJson = {
  resourceType: 'DeviceRequest', id: 'rollator-aanvraag', meta: { profile: ['http://nictiz.nl/fhir/StructureDefinition/zib-MedicalDeviceRequest'] },
  definition: [{ reference: 'ActivityDefinition/rollator-verstrekking' }], status: 'suspended',
  intent: { coding: [{ system: 'http://hl7.org/fhir/request-intent', code: 'order' }] },
  codeReference: { reference: 'Device/rollator', display: 'Rollator' }, subject: { reference: 'Patient/maria-de-vries' },
  context: { reference: 'Encounter/consult-2024-03' }, occurrencePeriod: { start: '2024-04-01' }, authoredOn: '2024-03-12',
  requester: { agent: { reference: 'Practitioner/huisarts-bakker', display: 'dr. A. Bakker' }, onBehalfOf: { reference: 'Organization/praktijk-de-linde' } },
  reasonCode: [{ text: 'Valrisico' }], reasonReference: [{ reference: 'Condition/valrisico' }],
};
