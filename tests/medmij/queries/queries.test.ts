import { describe, expect, it } from 'vitest';
import { MEDMIJ_SERVICES, fhirVersionOfSystemRole, isShareService, loadSampleLists } from '../../../src-main/medmij/lists';
import { sendBuilderFor } from '../../../src-main/medmij/client/send-builders/index';
import {
  MEDMIJ_QUERY_SETS,
  buildQueryUrl,
  expandDateTokens,
  forbiddenPatientParams,
  querySetFor,
  resolveOnEndpoint,
  type FhirVersion,
} from '../../../src-main/medmij/queries';

describe('query sets', () => {
  it('exist for every service in every FHIR version the sample list offers it in, and nowhere a placeholder', () => {
    const lists = loadSampleLists('http://127.0.0.1:40000');
    const offered = new Set<string>();
    for (const p of lists.zorgaanbiederslijst.providers) {
      for (const s of p.services) {
        for (const role of s.systemRoles) {
          const v = fhirVersionOfSystemRole(role.code);
          expect(v, `${p.name} ${s.id} ${role.code}`).toBeDefined();
          offered.add(`${s.id} ${v}`);
        }
      }
    }
    for (const key of [...offered]) {
      const [id, v] = key.split(' ') as [string, FhirVersion];
      // A sending service (MedMij Delen) has no query set but a builder for the version it is offered in.
      if (isShareService(id)) {
        expect(sendBuilderFor(id)?.fhirVersions, key).toContain(v);
        offered.delete(key);
        continue;
      }
      const set = querySetFor(id, v);
      expect(set, key).toBeDefined();
      expect(set!.queries.length).toBeGreaterThan(0);
      expect(set!.source.length).toBeGreaterThan(20);
    }
    // Every catalogue service is in the sample list, with a published set for the FHIR version MedMij defines it in.
    for (const s of MEDMIJ_SERVICES.filter((service) => service.use !== 'share')) {
      expect(offered.has(`${s.id} ${s.fhirVersion}`), s.id).toBe(true);
      expect(querySetFor(s.id, s.fhirVersion)?.status, s.id).toBe('published');
    }
    // No set for a version the sample list does not offer: the sets and the list say the same.
    expect(MEDMIJ_QUERY_SETS.map((s) => `${s.serviceId} ${s.fhirVersion}`).sort()).toEqual([...offered].sort());
    const pairs = MEDMIJ_QUERY_SETS.map((s) => `${s.serviceId} ${s.fhirVersion}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const set of MEDMIJ_QUERY_SETS) {
      expect(['published', 'derived'], `${set.serviceId} ${set.fhirVersion}`).toContain(set.status);
      expect(set.source).not.toMatch(/plaatshouder|placeholder/i);
    }
  });

  it('a derived set only where MedMij has no service for that concept in that FHIR version', () => {
    // GGZ and langdurige zorg are STU3 information standards; medication and vaccinations have real R4 services of their own.
    for (const id of ['50', '61', '31']) expect(querySetFor(id, 'R4'), id).toBeUndefined();
    for (const id of ['63', '66', '68']) expect(querySetFor(id, 'STU3'), id).toBeUndefined();
    for (const set of MEDMIJ_QUERY_SETS.filter((s) => s.status === 'derived')) {
      const service = MEDMIJ_SERVICES.find((s) => s.id === set.serviceId)!;
      expect(set.fhirVersion, set.serviceId).not.toBe(service.fhirVersion);
      expect(set.source, set.serviceId).toMatch(/afleiding/i);
    }
  });

  it('never contain patient or subject parameters, have unique ids and plain labels', () => {
    for (const set of MEDMIJ_QUERY_SETS) {
      const ids = set.queries.map((q) => q.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const q of set.queries) {
        expect(q.method).toBe('GET');
        expect(q.label.length).toBeGreaterThan(3);
        const url = buildQueryUrl('https://fhir.example.nl/fhir', q, { count: 50 });
        expect(forbiddenPatientParams(url), `${set.serviceId} ${q.id}`).toEqual([]);
        for (const [name] of q.params) expect(name).not.toMatch(/^(patient|subject)/i);
      }
    }
  });

  it('mark publications and derivations in source', () => {
    for (const [id, v] of [['50', 'STU3'], ['61', 'STU3'], ['46', 'STU3'], ['31', 'STU3'], ['59', 'STU3'],
      ['52', 'STU3'], ['47', 'STU3'], ['68', 'R4']] as const) {
      expect(querySetFor(id, v), `${id} ${v}`).toMatchObject({ status: 'published', source: expect.stringContaining('Nictiz-testscripts') });
    }
    expect(querySetFor('48', 'STU3')).toMatchObject({ status: 'published', serviceKey: 'bgz' });
    expect(querySetFor('48', 'R4')?.status).toBe('derived');
    expect(querySetFor('63', 'R4')?.status).toBe('published');
  });

  it('BgZ STU3 covers all sections with the published parameters', () => {
    const bgz = querySetFor('48', 'STU3')!;
    const paths = bgz.queries.map((q) => q.path);
    for (const p of ['Patient', 'Coverage', 'Consent', 'Condition', 'AllergyIntolerance', 'MedicationStatement', 'MedicationRequest', 'MedicationDispense',
      'Immunization', 'Observation/$lastn', 'Procedure', 'Encounter', 'Appointment', 'Flag', 'NutritionOrder', 'DeviceUseStatement', 'ProcedureRequest',
      'ImmunizationRecommendation', 'DeviceRequest']) {
      expect(paths).toContain(p);
    }
    expect(bgz.queries.find((q) => q.id === 'bgz-patient')!.params).toEqual([['_include', 'Patient:general-practitioner']]);
    expect(bgz.queries.find((q) => q.id === 'bgz-medicatiegebruik')!.params).toEqual([
      ['category', 'urn:oid:2.16.840.1.113883.2.4.3.11.60.20.77.5.3|6'],
      ['_include', 'MedicationStatement:medication'],
    ]);
    expect(querySetFor('48', 'R4')!.queries.map((q) => q.path)).toContain('ServiceRequest');
  });

  it('GGZ, BgLZ, lab, medication, questionnaires and self-measurements STU3 follow the Nictiz qualification TestScripts', () => {
    const ggz = querySetFor('50', 'STU3')!;
    expect(ggz.queries.map((q) => q.path)).toEqual([
      'Patient', 'Coverage', 'Consent', 'Consent', 'Observation', 'Condition', 'Observation', 'Observation', 'Observation', 'Observation/$lastn',
      'Observation', 'Observation', 'CarePlan', 'Observation/$lastn', 'Observation', 'Procedure', 'DiagnosticReport', 'CareTeam',
    ]);
    expect(ggz.queries.at(-1)!.params).toEqual([['_include', 'CareTeam:participant']]);
    expect(ggz.queries.find((q) => q.id === 'ggz-hulp-van-anderen')!.params).toEqual([['category', 'http://snomed.info/sct|243114000']]);
    expect(ggz.queries.find((q) => q.id === 'ggz-meetinstrumenten')!.params).toEqual([['category', 'http://hl7.org/fhir/observation-category|survey']]);
    const lz = querySetFor('61', 'STU3')!;
    expect(lz.queries.map((q) => q.path)).toEqual(['Patient', 'Consent', 'Consent', 'Condition', 'AllergyIntolerance', 'Observation/$lastn', 'Procedure', 'CarePlan', 'CareTeam']);
    expect(lz.queries.find((q) => q.id === 'lz-zorgplan')!.params.map(([k, v]) => `${k}=${v}`)).toEqual([
      '_include=CarePlan:activity-goal:Goal', '_include=CarePlan:activity-outcomereference:Observation',
      '_include=CarePlan:activity-medicaldevice:DeviceUseStatement', '_include:recurse=DeviceUseStatement:device:Device',
    ]);
    expect(querySetFor('31', 'STU3')!.queries.map((q) => [q.path, ...q.params.map(([k, v]) => `${k}=${v}`)])).toEqual([
      ['MedicationRequest', 'category=http://snomed.info/sct|16076005', '_include=MedicationRequest:medication'],
      ['MedicationDispense', 'category=http://snomed.info/sct|373784005', '_include=MedicationDispense:medication'],
      ['MedicationDispense', 'category=http://snomed.info/sct|422037009', '_include=MedicationDispense:medication'],
      ['MedicationStatement', 'category=urn:oid:2.16.840.1.113883.2.4.3.11.60.20.77.5.3|6', '_include=MedicationStatement:medication'],
    ]);
    expect(querySetFor('59', 'STU3')!.queries.map((q) => [q.path, q.params, q.follow])).toEqual([
      ['Task', [['code', 'http://loinc.org|74468-0'], ['status', 'requested']],
        { fromResource: 'Task', element: 'input.valueReference.reference', resourceType: 'Questionnaire' }],
    ]);
    expect(querySetFor('47', 'STU3')!.queries.map((q) => [q.path, q.params])).toEqual([['Appointment', [['date', 'ge{today-150d}']]]]);
    const mp9 = querySetFor('68', 'R4')!;
    expect(mp9.queries.map((q) => `${q.path}?${q.params.find(([k]) => k === 'category')![1]}`)).toEqual([
      'MedicationRequest?http://snomed.info/sct|33633005', 'MedicationRequest?http://snomed.info/sct|52711000146108',
      'MedicationRequest?http://snomed.info/sct|395067002', 'MedicationStatement?http://snomed.info/sct|422979000',
      'MedicationDispense?http://snomed.info/sct|422037009', 'MedicationDispense?http://snomed.info/sct|373784005',
      'MedicationAdministration?http://snomed.info/sct|18629005',
    ]);
    expect(mp9.queries[0]!.params.filter(([k]) => k === '_include:iterate').map(([, v]) => v)).toEqual([
      'PractitionerRole:organization', 'PractitionerRole:practitioner', 'PractitionerRole:location',
    ]);
    expect(querySetFor('52', 'STU3')!.queries.map((q) => [q.path, q.params])).toEqual([['Observation', [['category', 'vital-signs']]]]);
    expect(querySetFor('46', 'STU3')!.queries.map((q) => [q.path, q.params])).toEqual([
      ['Observation', [['category', 'http://snomed.info/sct|49581000146104']]],
    ]);
  });

  it('documents follow DocumentReference to Binary', () => {
    const doc = querySetFor('51', 'STU3')!.queries[0]!;
    expect(doc.path).toBe('DocumentReference');
    expect(doc.follow).toEqual({ fromResource: 'DocumentReference', element: 'content.attachment.url', resourceType: 'Binary' });
  });
});

describe('buildQueryUrl', () => {
  const medStatement = querySetFor('48', 'STU3')!.queries.find((q) => q.id === 'bgz-medicatiegebruik')!;

  it('joins the endpoint path, encodes names and values, keeps repeated parameters', () => {
    expect(buildQueryUrl('https://fhir.example.nl/fhir/stu3/', medStatement)).toBe(
      'https://fhir.example.nl/fhir/stu3/MedicationStatement?category=urn%3Aoid%3A2.16.840.1.113883.2.4.3.11.60.20.77.5.3%7C6&_include=MedicationStatement%3Amedication',
    );
    const lab = querySetFor('48', 'STU3')!.queries.find((q) => q.id === 'bgz-labuitslagen')!;
    const url = new URL(buildQueryUrl('http://127.0.0.1:4000/delinde/fhir/stu3', lab));
    expect(url.pathname).toBe('/delinde/fhir/stu3/Observation/$lastn');
    expect(url.searchParams.getAll('_include')).toEqual(['Observation:related-target', 'Observation:specimen']);
    expect(url.searchParams.get('category')).toBe('http://snomed.info/sct|275711006');
    const lengte = querySetFor('48', 'STU3')!.queries.find((q) => q.id === 'bgz-lengte')!;
    expect(buildQueryUrl('https://f.example.nl/fhir', lengte)).toContain('code=http%3A%2F%2Floinc.org%7C8302-2%2Chttp%3A%2F%2Floinc.org%7C8306-3');
  });

  it('adds _count for paging, replacing one in the query', () => {
    const u = new URL(buildQueryUrl('https://f.example.nl/fhir', { path: 'Condition', params: [['_count', '10']] }, { count: 25 }));
    expect(u.searchParams.getAll('_count')).toEqual(['25']);
    expect(buildQueryUrl('https://f.example.nl/fhir', { path: 'Condition', params: [] })).toBe('https://f.example.nl/fhir/Condition');
    expect(() => buildQueryUrl('https://f.example.nl/fhir', { path: 'Condition', params: [] }, { count: 0 })).toThrow();
  });

  it('fills {today}', () => {
    const med = querySetFor('49', 'STU3')!.queries.find((q) => q.id === 'ha-medicatie')!;
    const u = new URL(buildQueryUrl('https://f.example.nl/fhir', med, { today: new Date(2025, 1, 19, 23, 30) }));
    expect(u.searchParams.get('periodofuse')).toBe('ge2025-02-19');
  });

  it('fills {today-150d} across a month and year boundary (the eAfspraak window)', () => {
    const afspraken = querySetFor('47', 'STU3')!.queries[0]!;
    const u = new URL(buildQueryUrl('https://f.example.nl/fhir', afspraken, { today: new Date(2026, 0, 10, 0, 5) }));
    expect(u.searchParams.get('date')).toBe('ge2025-08-13');
    expect(expandDateTokens('{today}|{today-1d}', new Date(2024, 2, 1))).toBe('2024-03-01|2024-02-29');
  });

  it('refuses queries that name the patient, and odd paths or endpoints', () => {
    expect(() => buildQueryUrl('https://f.example.nl/fhir', { path: 'Condition', params: [['patient', '123']] })).toThrow(/forbidden/);
    expect(() => buildQueryUrl('https://f.example.nl/fhir', { path: 'Condition', params: [['subject:Patient', '1']] })).toThrow(/forbidden/);
    expect(() => buildQueryUrl('https://f.example.nl/fhir', { path: '../admin', params: [] })).toThrow();
    expect(() => buildQueryUrl('https://f.example.nl/fhir?x=1', { path: 'Condition', params: [] })).toThrow();
  });
});

describe('forbiddenPatientParams', () => {
  it('finds patient and subject in every form', () => {
    expect(forbiddenPatientParams('https://f.example.nl/fhir/Condition?patient=1')).toEqual(['patient']);
    expect(forbiddenPatientParams('https://f.example.nl/fhir/Observation?code=x&subject=Patient/1&Patient.identifier=2&_include=Observation:subject')).toEqual(['subject', 'Patient.identifier']);
    expect(forbiddenPatientParams('/fhir/Observation?subject%3APatient=1&patient.identifier=bsn|1&PATIENT=3')).toEqual(['subject:Patient', 'patient.identifier', 'PATIENT']);
    expect(forbiddenPatientParams(new URL('https://f.example.nl/fhir/Patient?_include=Patient:general-practitioner'))).toEqual([]);
    expect(forbiddenPatientParams('https://f.example.nl/fhir/Coverage?_include=Coverage:payor:Patient')).toEqual([]);
  });
});

describe('resolveOnEndpoint (paging links, Binary URLs)', () => {
  const ep = 'https://fhir.example.nl/za/fhir';
  it('accepts same-endpoint absolute and relative URLs', () => {
    expect(resolveOnEndpoint(ep, 'https://fhir.example.nl/za/fhir/Condition?_page=2')).toBe('https://fhir.example.nl/za/fhir/Condition?_page=2');
    expect(resolveOnEndpoint(ep, 'Binary/abc')).toBe('https://fhir.example.nl/za/fhir/Binary/abc');
  });
  it('refuses other origins, other paths and patient parameters', () => {
    expect(resolveOnEndpoint(ep, 'https://evil.example.org/za/fhir/Binary/1')).toBeNull();
    expect(resolveOnEndpoint(ep, 'https://fhir.example.nl/other/Binary/1')).toBeNull();
    expect(resolveOnEndpoint(ep, '../../admin')).toBeNull();
    expect(resolveOnEndpoint(ep, 'Condition?patient=1')).toBeNull();
  });
});
