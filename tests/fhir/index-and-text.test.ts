import { describe, expect, it } from 'vitest';
import { prepareImport } from '../../src-main/fhir/index';
import { readableText } from '../../src-main/fhir/readable-text';
import { indexFields } from '../../src-main/fhir/summary';
import { validateResource } from '../../src-main/fhir/validate';
import { fixture } from './helpers';

describe('prepareImport (parse → R4 → validate)', () => {
  for (const name of ['stu3-bgz-bundle.json', 'stu3-bgz-bundle.xml', 'r4-bgz-bundle.json', 'r4-bgz-bundle.xml']) {
    it(`imports every resource type of ${name}`, () => {
      const r = prepareImport(fixture(name));
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      const types = new Set(r.resources.map((x) => x.r4.resourceType));
      for (const t of ['Patient', 'Practitioner', 'PractitionerRole', 'Organization', 'RelatedPerson', 'Condition', 'AllergyIntolerance', 'Flag', 'Medication',
        'MedicationStatement', 'MedicationRequest', 'MedicationDispense', 'MedicationAdministration', 'Immunization', 'Observation', 'DiagnosticReport',
        'Specimen', 'Procedure', 'ServiceRequest', 'Encounter', 'EpisodeOfCare', 'Appointment', 'Consent', 'Coverage', 'Device', 'DeviceUseStatement',
        'NutritionOrder', 'DocumentReference', 'DocumentManifest', 'Binary', 'Composition', 'Questionnaire', 'QuestionnaireResponse', 'Task']) {
        expect(types.has(t), t).toBe(true);
      }
      if (name.startsWith('stu3')) expect(r.resources.find((x) => x.resourceType === 'ProcedureRequest')!.r4.resourceType).toBe('ServiceRequest');
    });
  }
});

describe('validateResource', () => {
  it('refuses unknown types, bad ids, dates, numbers and shapes with the entry path', () => {
    expect(validateResource({ resourceType: 'ExoticThing', id: 'a.b-1', whatever: { x: 1 } }, 'X').map((p) => p.code)).toEqual(['unknown-resource-type']);
    expect(validateResource({ resourceType: 'Basic', id: 'a.b-1', whatever: { x: 1 } }, 'X')).toEqual([]);
    const codes = (r: object) => validateResource(r as never, 'Bundle.entry[2].resource').map((p) => `${p.code}@${p.entryPath}`);
    expect(codes({ resourceType: 'Patient', id: 'has space' })).toEqual(['invalid-id@Bundle.entry[2].resource']);
    expect(codes({ resourceType: 'Observation', status: 'final' })).toEqual(['missing-element@Bundle.entry[2].resource']);
    expect(codes({ resourceType: 'Observation', code: { text: 'x' }, effectiveDateTime: '5 maart' })[0]).toMatch(/^invalid-date/);
    expect(codes({ resourceType: 'Observation', code: { text: 'x' }, valueQuantity: { value: '120' } })[0]).toMatch(/^invalid-number/);
    expect(codes({ resourceType: 'Patient', name: { family: 'x' } })[0]).toMatch(/^wrong-type/);
    expect(codes({ resourceType: 'Patient', active: 'yes' })[0]).toMatch(/^wrong-type/);
    expect(codes({ resourceType: 'Patient', birthDate: '1958-03-14' })).toEqual([]);
  });
});

describe('readableText and indexFields', () => {
  const r = prepareImport(fixture('r4-bgz-bundle.json'));
  if (!r.ok) throw new Error('fixture');
  const get = (id: string) => r.resources.find((x) => x.id === id)!.r4;

  it('collects displays, texts, notes, narrative and values with units', () => {
    const bp = readableText(get('bloeddruk-2024-03'));
    expect(bp).toContain('Bloeddruk');
    expect(bp).toContain('Systolic blood pressure');
    expect(bp).toContain('Systolische bloeddruk');
    expect(bp).toContain('142 mmHg');
    const cond = readableText(get('diabetes'));
    expect(cond).toContain('Suikerziekte type 2');
    expect(cond).toContain('Goed ingesteld op metformine.');
    expect(cond).not.toContain('http://snomed.info/sct');
    expect(readableText(get('jan-de-vries'))).toContain('Jan de Vries, geboren 14 maart 1958');
    expect(readableText(get('jan-de-vries'))).not.toContain('<p>');
  });

  it('derives the UI columns', () => {
    expect(indexFields(get('hba1c-2024-03'))).toEqual({ resourceType: 'Observation', category: '275711006', code: 'http://loinc.org|59261-8', display: 'HbA1c',
      date: '2024-03-04T08:10:00+01:00', status: 'final', patientRef: 'Patient/jan-de-vries' });
    expect(indexFields(get('diabetes'))).toMatchObject({ status: 'active', date: '2015-09-01', code: 'http://snomed.info/sct|44054006' });
    expect(indexFields(get('ma-metformine'))).toMatchObject({ display: 'Metformine 500 mg tablet', date: '2023-01-10', category: '16076005' });
    expect(indexFields(get('controle-2025-06'))).toMatchObject({ date: '2025-06-12T10:00:00+02:00', patientRef: 'Patient/jan-de-vries', status: 'booked' });
    expect(indexFields(get('consult-2024-03'))).toMatchObject({ code: 'http://terminology.hl7.org/CodeSystem/v3-ActCode|AMB', date: '2024-03-05T09:20:00+01:00' });
    expect(indexFields(get('jan-de-vries'))).toMatchObject({ display: 'Jan de Vries', patientRef: 'Patient/jan-de-vries', date: '1958-03-14' });
    expect(indexFields(get('griepprik-2024'))).toMatchObject({ date: '2024-10-20', display: 'Griepvaccin' });
  });

  it('names a behandelaanwijzing by its treatment and whether it is permitted, a wilsverklaring by its kind', () => {
    const sct = (code: string, display?: string) => ({ coding: [{ system: 'http://snomed.info/sct', code, ...(display && { display }) }] });
    const directive = (provision: Record<string, unknown>, modifierExtension?: unknown[]) => ({
      resourceType: 'Consent', status: 'active', category: [sct('11291000146105', 'Behandelaanwijzing')],
      scope: { coding: [{ code: 'treatment' }] }, provision, ...(modifierExtension && { modifierExtension }),
    });
    const reanimatie = { ...sct('89666000'), text: 'Reanimatie' };
    expect(indexFields(directive({ type: 'deny', code: [reanimatie] }))).toMatchObject({ code: 'http://snomed.info/sct|89666000', display: 'Reanimatie: niet toegestaan' });
    expect(indexFields(directive({ type: 'permit', code: [reanimatie] })).display).toBe('Reanimatie: toegestaan');
    const yesBut = [{ url: 'http://nictiz.nl/fhir/StructureDefinition/zib-TreatmentDirective-TreatmentPermitted', valueCodeableConcept: { coding: [{ code: 'JA_MAAR' }] } }];
    expect(indexFields(directive({ type: 'permit', code: [reanimatie] }, yesBut)).display).toBe('Reanimatie: toegestaan, met beperkingen');
    expect(indexFields(directive({ code: [reanimatie] })).display).toBe('Reanimatie');
    expect(indexFields(directive({})).display).toBe('Behandelaanwijzing');
    const advance = { resourceType: 'Consent', status: 'active', category: [sct('11341000146107', 'Wilsverklaring'), { coding: [{ code: 'NR', display: 'Niet reanimeren verklaring' }] }] };
    expect(indexFields(advance).display).toBe('Niet reanimeren verklaring');
    expect(indexFields({ ...advance, category: [sct('11341000146107', 'Wilsverklaring')] }).display).toBe('Wilsverklaring');
    expect(indexFields({ resourceType: 'Consent', status: 'active', sourceAttachment: { title: 'Euthanasieverklaring' } }).display).toBe('Euthanasieverklaring');
  });
});
