import { describe, expect, it } from 'vitest';
import { parseFhirInput } from '../../src-main/fhir/parse-input';
import type { ParseResult, ReceivedResource } from '../../src-main/fhir/types';
import { fixture } from './helpers';

function ok(r: ParseResult): ReceivedResource[] {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.resources;
}
function problems(r: ParseResult) {
  if (r.ok) throw new Error('expected refusal');
  return r.problems;
}

describe('parseFhirInput: Bundles in both versions and formats', () => {
  for (const v of ['stu3', 'r4'] as const) {
    it(`${v}: JSON and XML of the same bundle yield identical JSON per entry`, () => {
      const json = parseFhirInput(fixture(`${v}-bgz-bundle.json`));
      const xml = parseFhirInput(Buffer.from(fixture(`${v}-bgz-bundle.xml`)));
      const a = ok(json);
      const b = ok(xml);
      expect(json.ok && json.fhirVersion).toBe(v === 'stu3' ? 'STU3' : 'R4');
      expect(xml.ok && xml.fhirVersion).toBe(v === 'stu3' ? 'STU3' : 'R4');
      expect(xml.ok && xml.format).toBe('xml');
      expect(a.length).toBeGreaterThanOrEqual(38);
      expect(b.map((r) => r.entryPath)).toEqual(a.map((r) => r.entryPath));
      for (let i = 0; i < a.length; i++) expect(b[i]!.json).toEqual(a[i]!.json);
      expect(a[0]!.fullUrl).toContain('Patient/jan-de-vries');
      expect(a[3]!.entryPath).toBe('Bundle.entry[3].resource');
    });

    it(`${v}: originalText is each entry exactly as received`, () => {
      const text = fixture(`${v}-bgz-bundle.json`);
      for (const r of ok(parseFhirInput(text))) {
        expect(text).toContain(r.originalText);
        expect(JSON.parse(r.originalText)).toEqual(r.json);
      }
      const xmlText = fixture(`${v}-bgz-bundle.xml`);
      for (const r of ok(parseFhirInput(xmlText))) {
        expect(r.originalText.startsWith(`<${r.resourceType} xmlns="http://hl7.org/fhir">`)).toBe(true);
        const again = ok(parseFhirInput(r.originalText, { versionHint: r.fhirVersion }));
        expect(again[0]!.json).toEqual(r.json);
      }
    });
  }

  it('single resources: JSON and XML identical, arrays kept for one-occurrence repeating elements', () => {
    for (const name of ['r4-patient-jan-de-vries', 'stu3-patient-jan-de-vries', 'r4-observation-bloeddruk-2024-03', 'stu3-observation-hba1c-2024-03', 'stu3-medicationstatement-mgb-metformine']) {
      const a = ok(parseFhirInput(fixture(`${name}.json`)));
      const b = ok(parseFhirInput(fixture(`${name}.xml`)));
      expect(b[0]!.json).toEqual(a[0]!.json);
      expect(a[0]!.entryPath).toBe(a[0]!.resourceType);
      expect(a[0]!.originalText).toBe(fixture(`${name}.json`).trim());
    }
    const patient = ok(parseFhirInput(fixture('r4-patient-jan-de-vries.xml')))[0]!.json;
    expect(Array.isArray(patient.name)).toBe(true);
    expect((patient.name as { given: unknown }[])[0]!.given).toEqual(['Jan']);
    expect((patient.text as { div: string }).div).toContain('xmlns="http://www.w3.org/1999/xhtml"');
    const hba1c = ok(parseFhirInput(fixture('stu3-observation-hba1c-2024-03.xml')))[0]!.json;
    // STU3 interpretation is 0..1: stays an object; the value is a number.
    expect(Array.isArray(hba1c.interpretation)).toBe(false);
    expect((hba1c.valueQuantity as { value: unknown }).value).toBe(56);
  });

  it('maps hand-written XML details: comments, primitive id/extension without value, prefixes, entities', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!-- opmerking -->
<f:MedicationStatement xmlns:f="http://hl7.org/fhir">
  <f:id value="ms1"/>
  <f:status id="s1"><f:extension url="http://hl7.org/fhir/StructureDefinition/data-absent-reason"><f:valueCode value="unknown"/></f:extension></f:status>
  <f:medicationCodeableConcept><f:text value="Paracetamol 500 mg &amp; co &#233;"/></f:medicationCodeableConcept>
  <f:subject><f:reference value="Patient/jan-de-vries"/></f:subject>
  <f:taken value="y"/>
  <f:note><f:text value="a"/></f:note>
  <f:dosage><f:sequence value="1"/><f:asNeededBoolean value="true"/></f:dosage>
</f:MedicationStatement>`;
    const r = parseFhirInput(xml);
    const [res] = ok(r);
    expect(r.ok && r.fhirVersion).toBe('STU3');
    expect(res!.json).toEqual({
      resourceType: 'MedicationStatement', id: 'ms1',
      _status: { id: 's1', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] },
      medicationCodeableConcept: { text: 'Paracetamol 500 mg & co é' }, subject: { reference: 'Patient/jan-de-vries' }, taken: 'y',
      note: [{ text: 'a' }], dosage: [{ sequence: 1, asNeededBoolean: true }],
    });
  });

  it('flattens nested bundles, keeps entries, skips search outcomes', () => {
    const input = JSON.stringify({ resourceType: 'Bundle', type: 'searchset', entry: [
      { resource: { resourceType: 'OperationOutcome', issue: [] }, search: { mode: 'outcome' } },
      { resource: { resourceType: 'Bundle', type: 'document', entry: [{ resource: { resourceType: 'Composition', id: 'c1' } }, { resource: { resourceType: 'Basic', id: 'x' } }] } },
      { request: { method: 'DELETE', url: 'Patient/1' } },
    ] });
    const res = ok(parseFhirInput(input));
    expect(res.map((r) => r.entryPath)).toEqual(['Bundle.entry[1].resource.entry[0].resource', 'Bundle.entry[1].resource.entry[1].resource']);
    expect(res[1]!.resourceType).toBe('Basic');
  });
});

describe('version detection', () => {
  it('uses profiles, version-specific elements, MIME parameter and the explicit hint', () => {
    const p = (o: object, hint?: object) => parseFhirInput(JSON.stringify(o), hint);
    const v = (r: ParseResult) => (r.ok ? r.fhirVersion : 'refused');
    expect(v(p({ resourceType: 'Patient', meta: { profile: ['http://fhir.nl/fhir/StructureDefinition/nl-core-patient'] } }))).toBe('STU3');
    expect(v(p({ resourceType: 'Patient', meta: { profile: ['http://nictiz.nl/fhir/StructureDefinition/nl-core-Patient'] } }))).toBe('R4');
    expect(v(p({ resourceType: 'Condition', clinicalStatus: 'active' }))).toBe('STU3');
    expect(v(p({ resourceType: 'Condition', clinicalStatus: { coding: [] } }))).toBe('R4');
    expect(v(p({ resourceType: 'MedicationStatement', taken: 'y' }))).toBe('STU3');
    expect(v(p({ resourceType: 'MedicationStatement', status: 'active' }))).toBe('R4');
    expect(v(p({ resourceType: 'ProcedureRequest' }))).toBe('STU3');
    expect(v(p({ resourceType: 'ServiceRequest' }))).toBe('R4');
    expect(v(p({ resourceType: 'Patient' }))).toBe('R4');
    // GGZ / langdurige zorg / BgZ types that changed shape between STU3 and R4
    expect(v(p({ resourceType: 'Goal', status: 'in-progress' }))).toBe('STU3');
    expect(v(p({ resourceType: 'Goal', lifecycleStatus: 'active' }))).toBe('R4');
    expect(v(p({ resourceType: 'CareTeam', context: { reference: 'EpisodeOfCare/1' } }))).toBe('STU3');
    expect(v(p({ resourceType: 'CarePlan', encounter: { reference: 'Encounter/1' } }))).toBe('R4');
    expect(v(p({ resourceType: 'DeviceRequest', intent: { coding: [{ code: 'order' }] } }))).toBe('STU3');
    expect(v(p({ resourceType: 'DeviceRequest', intent: 'order', encounter: { reference: 'Encounter/1' } }))).toBe('R4');
    expect(v(p({ resourceType: 'ImmunizationRecommendation', recommendation: [{ date: '2024-06-01' }] }))).toBe('STU3');
    expect(v(p({ resourceType: 'ImmunizationRecommendation', date: '2024-06-01', recommendation: [{}] }))).toBe('R4');
    expect(v(p({ resourceType: 'Patient' }, { contentType: 'application/fhir+json; fhirVersion=3.0' }))).toBe('STU3');
    expect(v(p({ resourceType: 'MedicationStatement', taken: 'y' }, { versionHint: 'R4' }))).toBe('R4');
    expect(problems(p({ resourceType: 'Patient' }, { contentType: 'application/fhir+json; fhirVersion=5.0' }))[0]!.code).toBe('version-unknown');
  });
});

describe('hostile and malformed input is refused with a precise problem', () => {
  const refuse = (input: string | Buffer, code: string, entryPath = '(input)') => {
    const p = problems(parseFhirInput(input));
    expect(p).toHaveLength(1);
    expect(p[0]!.code).toBe(code);
    expect(p[0]!.entryPath).toBe(entryPath);
    expect(p[0]!.message.nl.length).toBeGreaterThan(5);
    expect(p[0]!.message.en.length).toBeGreaterThan(5);
  };
  it('XXE and billion laughs', () => {
    refuse(fixture('hostile-xxe.xml'), 'xml-doctype');
    refuse(fixture('hostile-billion-laughs.xml'), 'xml-doctype');
    refuse('<Patient xmlns="http://hl7.org/fhir"><name><text value="&foo;"/></name></Patient>', 'xml-syntax');
  });
  it('deep nesting (JSON and XML) without exhausting the stack', () => {
    refuse(fixture('hostile-deep-200.json'), 'too-deep');
    refuse('{"resourceType":"Patient","a":' + '['.repeat(1_000_000) + ']'.repeat(1_000_000) + '}', 'too-deep');
    refuse('<Patient xmlns="http://hl7.org/fhir">' + '<extension>'.repeat(200) + '</extension>'.repeat(200) + '</Patient>', 'too-deep');
  });
  it('wrong types, truncation, bad entries', () => {
    refuse(fixture('hostile-wrong-types.json'), 'wrong-type', 'Bundle.entry');
    refuse(fixture('hostile-truncated.json'), 'json-syntax');
    refuse(fixture('hostile-bundle-one-bad-entry.json'), 'not-a-resource', 'Bundle.entry[3].resource');
    refuse('{"resourceType": 7}', 'not-a-resource');
    refuse('{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","id":5}}]}', 'wrong-type', 'Bundle.entry[0].resource');
    refuse('<Patient xmlns="http://hl7.org/fhir"><active value="ja"/></Patient>', 'xml-value', 'Patient');
    refuse('<Patient xmlns="http://hl7.org/fhir"><name>', 'xml-syntax');
    refuse('<Patient xmlns="urn:other"/>', 'xml-namespace', 'Patient');
    refuse('hello', 'unknown-format');
    refuse('   ', 'empty');
    refuse(Buffer.from([0x7b, 0xff, 0xfe]), 'bad-encoding');
  });
  it('refuses 100 MB+ quickly without parsing', () => {
    const big = '{"resourceType":"Binary","data":"' + 'A'.repeat(101 * 1024 * 1024) + '"}';
    const t0 = performance.now();
    refuse(big, 'too-large');
    refuse(Buffer.alloc(101 * 1024 * 1024, 0x20), 'too-large');
    expect(performance.now() - t0).toBeLessThan(1000);
    const small = problems(parseFhirInput('{"resourceType":"Patient"}', { maxBytes: 10 }));
    expect(small[0]!.code).toBe('too-large');
  });
});
