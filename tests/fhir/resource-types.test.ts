/**
 * Only real FHIR: a resourceType that FHIR R4 (or, before conversion, STU3) does not define is refused
 * with a problem naming it, in Dutch and English; the lists come from the generated element tables.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareImport, type PrepareResult } from '../../src-main/fhir/index';
import { RESOURCE_TYPES } from '../../src-main/fhir/resource-types';

const problemsOf = (result: PrepareResult) => (result.ok ? [] : result.problems);

describe('the FHIR resource types', () => {
  it('STU3: exactly the resources of the spec-generated @types/fhir (its Resource union)', () => {
    const dts = readFileSync(join(import.meta.dirname, '../../node_modules/@types/fhir/index.d.ts'), 'utf8');
    const union = /^ {4}type Resource =([^;]+);/m.exec(dts)![1]!;
    const names = union.split('|').map((name) => name.trim()).filter((name) => name && name !== 'DomainResource');
    expect(names.length).toBe(117);
    expect([...RESOURCE_TYPES.STU3].sort()).toEqual(names.sort());
  });

  it('R4: the 146 resources of FHIR 4.0.1, no abstract bases, datatypes or R4B additions', () => {
    const r4 = RESOURCE_TYPES.R4;
    expect(r4.size).toBe(146);
    for (const type of ['Patient', 'Bundle', 'Binary', 'Parameters', 'ServiceRequest', 'MedicationKnowledge', 'MedicinalProductIngredient', 'Basic']) {
      expect(r4.has(type), type).toBe(true);
    }
    for (const type of ['Resource', 'DomainResource', 'SubscriptionStatus', 'ProcedureRequest', 'BodySite', 'Quantity', 'CodeableConcept', 'Extension', 'Meta', 'Dosage']) {
      expect(r4.has(type), type).toBe(false);
    }
  });
});

describe('prepareImport refuses a resource type FHIR does not define', () => {
  it('a single resource, named in Dutch and English', () => {
    const problems = problemsOf(prepareImport('{"resourceType":"NoSuchThing","id":"x"}'));
    expect(problems).toEqual([
      {
        entryPath: 'NoSuchThing',
        code: 'unknown-resource-type',
        message: {
          nl: 'Het resourcetype "NoSuchThing" bestaat niet in FHIR R4.',
          en: 'The resource type "NoSuchThing" does not exist in FHIR R4.',
        },
      },
    ]);
  });

  it('one entry of a Bundle refuses the whole Bundle, in JSON and XML', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: { resourceType: 'Patient', id: 'p1' } },
        { resource: { resourceType: 'Observatoin', id: 'o1', status: 'final', code: { text: 'x' } } },
      ],
    };
    const json = problemsOf(prepareImport(JSON.stringify(bundle)));
    expect(json.map((p) => [p.code, p.entryPath])).toEqual([['unknown-resource-type', 'Bundle.entry[1].resource']]);
    expect(json[0]!.message.en).toContain('"Observatoin"');
    const xml = `<Bundle xmlns="http://hl7.org/fhir"><type value="collection"/>
      <entry><resource><Patient><id value="p1"/></Patient></resource></entry>
      <entry><resource><Observatoin><id value="o1"/></Observatoin></resource></entry></Bundle>`;
    expect(problemsOf(prepareImport(xml)).map((p) => [p.code, p.entryPath])).toEqual([['unknown-resource-type', 'Bundle.entry[1].resource']]);
  });

  it('a contained resource of an unknown type', () => {
    const condition = { resourceType: 'Condition', id: 'c1', code: { text: 'x' }, contained: [{ resourceType: 'Thing', id: 't' }] };
    const problems = problemsOf(prepareImport(JSON.stringify(condition)));
    expect(problems.map((p) => [p.code, p.entryPath])).toEqual([['unknown-resource-type', 'Condition.contained']]);
    expect(problems[0]!.message.nl).toContain('"Thing"');
  });

  it('each version by its own list: STU3 types before conversion, R4 types in R4', () => {
    // ProcedureRequest is STU3 (it becomes a ServiceRequest); BodySite is STU3 and kept as it is.
    const stu3 = prepareImport(JSON.stringify({ resourceType: 'ProcedureRequest', id: 'pr', status: 'active', intent: 'order', subject: { reference: 'Patient/p' } }), { versionHint: 'STU3' });
    expect(stu3.ok && stu3.resources[0]!.r4.resourceType).toBe('ServiceRequest');
    expect(prepareImport('{"resourceType":"BodySite","id":"b"}', { versionHint: 'STU3' }).ok).toBe(true);
    const r4Only = problemsOf(prepareImport('{"resourceType":"ServiceRequest","id":"s","status":"active","intent":"order"}', { versionHint: 'STU3' }));
    expect(r4Only.map((p) => p.message.en)).toEqual(['The resource type "ServiceRequest" does not exist in FHIR STU3.']);
    const stu3Only = problemsOf(prepareImport('{"resourceType":"ProcedureRequest","id":"pr"}', { versionHint: 'R4' }));
    expect(stu3Only.map((p) => p.message.en)).toEqual(['The resource type "ProcedureRequest" does not exist in FHIR R4.']);
  });
});
