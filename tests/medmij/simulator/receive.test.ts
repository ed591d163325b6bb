/**
 * The simulator as a provider receiving sends (MedMij Delen): what it refuses, with which answer,
 * and what it stores. Batch sends are judged per entry, transactions as a whole.
 */
import { describe, expect, it } from 'vitest';
import type { FhirJson } from '../../../src-main/fhir/types';
import { receiveSend } from '../../../src-main/medmij/simulator/receive';
import type { SimPerson } from '../../../src-main/medmij/simulator/people';
import { tinyPdf } from '../../../src-main/medmij/simulator/test-data';

const kees: SimPerson = { id: 'kees-compleet', displayName: 'Kees Compleet', birthDate: '1947-02-11', description: 'test', data: {} };
const now = new Date('2026-11-25T10:00:00Z');
const nictiz = 'http://nictiz.nl/fhir/StructureDefinition';
const patientUrl = 'urn:uuid:11111111-1111-4111-8111-111111111111';
const patientRef = { reference: patientUrl, display: 'Kees Compleet' };

const patient = (birthDate = '1947-02-11') => ({
  fullUrl: patientUrl,
  resource: { resourceType: 'Patient', meta: { profile: ['http://fhir.nl/fhir/StructureDefinition/nl-core-patient'] }, name: [{ text: 'Kees Compleet' }], birthDate },
  request: { method: 'POST', url: 'Patient' },
});

const weight = (n: number, extra: FhirJson = {}) => ({
  fullUrl: `urn:uuid:22222222-2222-4222-8222-${String(n).padStart(12, '0')}`,
  resource: {
    resourceType: 'Observation',
    meta: { profile: [`${nictiz}/zib-BodyWeight`] },
    status: 'final',
    category: [{ coding: [{ system: 'http://hl7.org/fhir/observation-category', code: 'vital-signs', display: 'Vital Signs' }] }],
    code: { coding: [{ system: 'http://loinc.org', code: '29463-7', display: 'Body weight' }] },
    subject: patientRef,
    effectiveDateTime: '2026-11-20T08:00:00+01:00',
    valueQuantity: { value: 80 + n, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    ...extra,
  },
  request: { method: 'POST', url: 'Observation' },
});

const bundle = (type: string, entry: unknown[]) => ({ resourceType: 'Bundle', type, entry });
const receive53 = (body: unknown, person = kees) =>
  receiveSend({ provider: 'delinde', serviceKey: 'zelfmetingen-delen', serviceId: '53', version: 'STU3', person, body, now });
const texts = (outcome: unknown) => ((outcome as { issue: Array<{ details: { text: string } }> }).issue ?? []).map((i) => i.details.text).join(' | ');

describe('receiving Zelfmetingen (batch)', () => {
  it('accepts a good batch, answers 201 per entry and stores it for the person', () => {
    const verdict = receive53(bundle('batch', [patient(), weight(1), weight(2)]));
    expect(verdict.status).toBe(200);
    expect(verdict.body.type).toBe('batch-response');
    const statuses = (verdict.body.entry as Array<{ response: { status: string; location: string } }>).map((e) => e.response.status);
    expect(statuses).toEqual(['201 Created', '201 Created', '201 Created']);
    expect(verdict.stored).toMatchObject({ personId: 'kees-compleet', serviceId: '53', refused: [] });
    expect(verdict.stored!.entries.map((e) => e.resourceType)).toEqual(['Patient', 'Observation', 'Observation']);
  });

  it('refuses one wrong entry of a batch and takes the others', () => {
    const verdict = receive53(bundle('batch', [patient(), weight(1), weight(2, { meta: { profile: ['http://example.org/other'] } })]));
    expect(verdict.status).toBe(200);
    const entries = verdict.body.entry as Array<{ response: { status: string; outcome?: unknown } }>;
    expect(entries.map((e) => e.response.status)).toEqual(['201 Created', '201 Created', '422 Unprocessable Entity']);
    expect(texts(entries[2]!.response.outcome)).toContain('zib-profiel voor vitale functies');
    expect(verdict.stored!.entries).toHaveLength(2);
    expect(verdict.stored!.refused).toEqual([{ index: 2, resourceType: 'Observation', why: expect.any(String) }]);
  });

  it.each([
    ['an id on a created resource', () => weight(1, { id: 'abc' }), 'geen id'],
    ['no profile', () => weight(1, { meta: undefined }), 'meta.profile'],
    ['a reference without display', () => weight(1, { subject: { reference: patientUrl } }), 'display'],
    ['a code without words', () => weight(1, { code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] } }), 'omschrijving'],
    ['a BSN', () => weight(1, { identifier: [{ system: 'http://fhir.nl/fhir/NamingSystem/bsn', value: '999990147' }] }), 'BSN'],
  ])('refuses %s (the Nictiz rules)', (_name, entry, why) => {
    const verdict = receive53(bundle('batch', [patient(), entry()]));
    const entries = verdict.body.entry as Array<{ response: { status: string; outcome?: unknown } }>;
    expect(entries[1]!.response.status).toBe('422 Unprocessable Entity');
    expect(texts(entries[1]!.response.outcome)).toContain(why);
  });

  it('refuses a fullUrl that is not urn:uuid/urn:oid, a patient parameter and an http request.url', () => {
    const withHttp = { ...weight(1), fullUrl: 'http://pgo.example/Observation/1' };
    const withParam = { ...weight(2), request: { method: 'POST', url: 'Observation?patient=999990147' } };
    const verdict = receive53(bundle('batch', [patient(), withHttp, withParam]));
    const entries = verdict.body.entry as Array<{ response: { status: string; outcome?: unknown } }>;
    expect(texts(entries[1]!.response.outcome)).toContain('urn:uuid of urn:oid');
    expect(texts(entries[2]!.response.outcome)).toContain('"patient" mag niet');
  });

  it('refuses the whole send: the wrong Bundle type, nothing to measure, someone else', () => {
    expect(receive53(bundle('transaction', [patient(), weight(1)]))).toMatchObject({ status: 400, stored: null });
    expect(texts(receive53(bundle('transaction', [patient(), weight(1)])).body)).toContain('batch');
    expect(receive53(bundle('batch', [patient()]))).toMatchObject({ status: 422, stored: null });
    const other = receive53(bundle('batch', [patient('1990-07-01'), weight(1)]));
    expect((other.body.entry as Array<{ response: { status: string } }>)[0]!.response.status).toBe('422 Unprocessable Entity');
    expect(receive53({ resourceType: 'Observation' })).toMatchObject({ status: 400 });
  });
});

describe('receiving documents and photos (transaction: all or nothing)', () => {
  const pdf = tinyPdf(['Brief']).toString('base64');
  const binaryUrl = 'urn:uuid:33333333-3333-4333-8333-333333333333';
  const documentBundle = (binary: FhirJson) =>
    bundle('transaction', [
      patient(),
      {
        fullUrl: 'urn:uuid:44444444-4444-4444-8444-444444444444',
        resource: {
          resourceType: 'DocumentReference',
          meta: { profile: [`${nictiz}/IHE.MHD.Minimal.DocumentReference`] },
          status: 'current',
          type: { text: 'Document van de patiënt' },
          subject: patientRef,
          indexed: now.toISOString(),
          content: [{ attachment: { contentType: 'application/pdf', url: binaryUrl, title: 'Brief' } }],
        },
        request: { method: 'POST', url: 'DocumentReference' },
      },
      { fullUrl: binaryUrl, resource: binary, request: { method: 'POST', url: 'Binary' } },
    ]);
  const receive57 = (body: unknown) => receiveSend({ provider: 'delinde', serviceKey: 'documenten-delen', serviceId: '57', version: 'STU3', person: kees, body, now });

  it('accepts a PDF with its DocumentReference and answers a transaction-response', () => {
    const verdict = receive57(documentBundle({ resourceType: 'Binary', contentType: 'application/pdf', content: pdf }));
    expect(verdict.status).toBe(200);
    expect(verdict.body.type).toBe('transaction-response');
    expect(verdict.stored!.entries.map((e) => e.resourceType)).toEqual(['Patient', 'DocumentReference', 'Binary']);
  });

  it('refuses everything when the Binary is not the PDF it claims to be', () => {
    const verdict = receive57(documentBundle({ resourceType: 'Binary', contentType: 'application/pdf', content: Buffer.from('not a pdf').toString('base64') }));
    expect(verdict.status).toBe(422);
    expect(verdict.stored).toBeNull();
    expect(texts(verdict.body)).toContain('past niet bij Binary.contentType');
  });

  it('a photo send without a recipient on the List is refused', () => {
    const verdict = receiveSend({
      provider: 'delinde', serviceKey: 'beelden', serviceId: '55', version: 'STU3', person: kees, now,
      body: bundle('transaction', [
        patient(),
        { fullUrl: 'urn:uuid:55555555-5555-4555-8555-555555555555', resource: { resourceType: 'List', meta: { profile: [`${nictiz}/images-List`] }, status: 'current', mode: 'snapshot', subject: patientRef }, request: { method: 'POST', url: 'List' } },
      ]),
    });
    expect(verdict.status).toBe(422);
    expect(texts(verdict.body)).toContain('ontvanger');
  });
});
