/**
 * The fictitious people the provider simulator serves. ALL OF THIS IS TEST DATA: invented names,
 * BSNs from the 9999xxxxx test range, every person marked as "fictief".
 *
 * | Person                 | STU3 | R4 | Source                                                     |
 * |------------------------|------|----|------------------------------------------------------------|
 * | Jan de Vries           |  ✓   | ✓  | tests/fixtures/fhir/stu3-bgz-bundle.json, r4-bgz-bundle.json |
 * | Anna de Boer-Visser    |      | ✓  | resources/voorbeeld-pgo/voorbeeld-pgo.r4.json (the voorbeeld-PGO) |
 * | Sanne Proef            |  ✓   | ✓  | generated below (small; 120 glucose self-measurements for paging) |
 * | Kees Compleet          |  ✓   | ✓  | generated in kees-compleet.ts (complete: every query of every MedMij set finds data) |
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isObject, type FhirJson, type FhirVersion } from '../../fhir/types';
import { keesCompleetResources } from './kees-compleet';
import { questionnaireInvitation } from './questionnaires';
import { HTEST, tinyPdf } from './test-data';

export { tinyPdf } from './test-data';

export interface SimPerson {
  /** Stable id used on the login page and in tokens (also the Patient id). */
  id: string;
  displayName: string;
  birthDate: string;
  /** Short Dutch description shown on the simulated DigiD page. */
  description: string;
  /** Resources per FHIR version this person has; a missing version means "no data in that version". */
  data: Partial<Record<FhirVersion, FhirJson[]>>;
}

/**
 * The folder that holds resources/ and tests/fixtures/ (the repository), found from this module in the
 * source tree. A bundled build (Electron's out/main) passes its own: see ProviderSimulatorOptions.root.
 */
export const DEFAULT_SIMULATOR_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function bundleResources(root: string, rel: string): FhirJson[] {
  const bundle = JSON.parse(readFileSync(join(root, rel), 'utf8')) as FhirJson;
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  return entries.flatMap((e) => (isObject(e) && isObject(e.resource) ? [e.resource] : []));
}

/**
 * MedMij PDF/A: a DocumentReference points at a Binary (attachment.url) rather than carrying the
 * PDF inline. The voorbeeld-PGO carries both; link them the MedMij way.
 */
function linkDocumentsToBinaries(resources: FhirJson[]): FhirJson[] {
  const binaryFor = new Map<string, string>();
  for (const r of resources) {
    if (r.resourceType === 'Binary' && isObject(r.securityContext) && typeof r.securityContext.reference === 'string') {
      binaryFor.set(r.securityContext.reference, String(r.id));
    }
  }
  return resources.map((r) => {
    if (r.resourceType !== 'DocumentReference' || !Array.isArray(r.content)) return r;
    const binId = binaryFor.get(`DocumentReference/${String(r.id)}`);
    if (!binId) return r;
    const content = r.content.map((c) => {
      if (!isObject(c) || !isObject(c.attachment)) return c;
      const { data: _data, ...attachment } = c.attachment;
      return { ...c, attachment: { ...attachment, url: `Binary/${binId}` } };
    });
    return { ...r, content };
  });
}

/**
 * Lab results carry different category codings depending on their source (HL7 "laboratory", zib
 * SNOMED 275711006 "Chemie"), while MedMij's queries ask for SNOMED 275711006 (BgZ) or
 * 49581000146104 (Laboratoriumresultaten 2.0). Add the missing codings so every published query
 * finds the same lab results.
 */
const labCategoryCodings: ReadonlyArray<[string, string]> = [
  ['275711006', 'Chemie'],
  ['49581000146104', 'Laboratoriumuitslag'],
];

function addLabSnomedCategory(resources: FhirJson[]): FhirJson[] {
  return resources.map((r) => {
    if (r.resourceType !== 'Observation' || !Array.isArray(r.category)) return r;
    const categories = JSON.stringify(r.category);
    const isLab = categories.includes('"laboratory"') || categories.includes('275711006');
    if (!isLab) return r;
    const missing = labCategoryCodings.filter(([code]) => !categories.includes(code));
    if (missing.length === 0) return r;
    const added = missing.map(([code, display]) => ({ coding: [{ system: 'http://snomed.info/sct', code, display }] }));
    return { ...r, category: [...r.category, ...added] };
  });
}

/** Sanne Proef: small and generated, in both versions; 120 glucose self-measurements exercise paging. */
export function sanneProefResources(version: FhirVersion): FhirJson[] {
  const r4 = version === 'R4';
  const pid = 'sanne-proef';
  const subject = { reference: `Patient/${pid}`, display: 'Sanne Proef (fictief)' };
  const meta = { tag: [HTEST] };
  const vitalCat = [{ coding: [{ system: r4 ? 'http://terminology.hl7.org/CodeSystem/observation-category' : 'http://hl7.org/fhir/observation-category', code: 'vital-signs', display: 'Vital Signs' }] }];
  const out: FhirJson[] = [
    {
      resourceType: 'Patient', id: pid, meta,
      identifier: [{ system: 'http://fhir.nl/fhir/NamingSystem/bsn', value: '999999959' }],
      name: [{ use: 'official', family: 'Proef', given: ['Sanne'], text: 'Sanne Proef (fictief)' }],
      gender: 'female', birthDate: '1990-07-01',
      generalPractitioner: [{ reference: 'Organization/proef-huisarts' }],
    },
    { resourceType: 'Organization', id: 'proef-huisarts', meta, name: 'Huisartsenpraktijk Proefstad (fictief)' },
    {
      resourceType: 'Condition', id: 'sanne-astma', meta,
      ...(r4
        ? { clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] } }
        : { clinicalStatus: 'active' }),
      category: [{ coding: [{ system: 'http://snomed.info/sct', code: '439401001', display: 'Diagnose' }] }],
      code: { coding: [{ system: 'http://snomed.info/sct', code: '195967001', display: 'Astma' }], text: 'Astma' },
      subject, onsetDateTime: '2015-04-01',
    },
    {
      resourceType: 'Immunization', id: 'sanne-griep-2025', meta, status: 'completed',
      vaccineCode: { coding: [{ system: 'http://www.whocc.no/atc', code: 'J07BB02', display: 'influenza' }], text: 'Griepvaccin' },
      ...(r4 ? { patient: subject, occurrenceDateTime: '2025-10-15' } : { patient: subject, date: '2025-10-15', notGiven: false, primarySource: true }),
    },
    {
      resourceType: 'Appointment', id: 'sanne-controle-2026', meta, status: 'booked',
      description: 'Astmacontrole bij de praktijkondersteuner',
      start: '2026-12-10T09:00:00+01:00', end: '2026-12-10T09:20:00+01:00',
      participant: [{ actor: subject, status: 'accepted' }],
    },
    { resourceType: 'Questionnaire', id: 'sanne-acq', meta, status: 'active', title: 'Astma-controlevragenlijst (fictief)', item: [{ linkId: '1', text: 'Hoe vaak had u de afgelopen week last van kortademigheid?', type: 'string' }] },
    {
      resourceType: 'Task', id: 'sanne-vragenlijst-taak', meta, status: 'requested', intent: 'order',
      description: 'Vul de astma-controlevragenlijst in', for: subject, authoredOn: '2026-10-20',
      focus: { reference: 'Questionnaire/sanne-acq' }, requester: { reference: 'Organization/proef-huisarts' },
    },
  ];
  const pdf = tinyPdf(['TESTGEGEVENS - fictieve brief', 'Sanne Proef (fictief)', 'Dit document is geen echte medische brief.']);
  out.push(
    { resourceType: 'Binary', id: 'sanne-brief-pdf', meta, contentType: 'application/pdf', ...(r4 ? { data: pdf.toString('base64') } : { content: pdf.toString('base64') }) },
    {
      resourceType: 'DocumentReference', id: 'sanne-brief', meta, status: 'current',
      type: { coding: [{ system: 'http://loinc.org', code: '11488-4', display: 'Consult note' }], text: 'Consultbrief' },
      subject,
      ...(r4 ? { date: '2026-09-01T10:00:00+02:00' } : { indexed: '2026-09-01T10:00:00+02:00' }),
      description: 'Consultbrief longarts (fictief)',
      content: [{ attachment: { contentType: 'application/pdf', url: 'Binary/sanne-brief-pdf', title: 'Consultbrief.pdf', size: pdf.length } }],
    },
  );
  // 120 daily glucose self-measurements (deterministic values).
  for (let i = 0; i < 120; i++) {
    const day = new Date(Date.UTC(2026, 5, 1) + i * 86_400_000).toISOString().slice(0, 10);
    out.push({
      resourceType: 'Observation', id: `sanne-glucose-${String(i + 1).padStart(3, '0')}`, meta, status: 'final',
      category: vitalCat,
      code: { coding: [{ system: 'http://loinc.org', code: '14743-9', display: 'Glucose [Moles/volume] in Capillary blood by Glucometer' }], text: 'Glucose (zelfmeting)' },
      subject, effectiveDateTime: `${day}T08:00:00+02:00`,
      valueQuantity: { value: 5 + ((i * 7) % 30) / 10, unit: 'mmol/l', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
    });
  }
  out.push({
    resourceType: 'Observation', id: 'sanne-gewicht-2026', meta, status: 'final', category: vitalCat,
    code: { coding: [{ system: 'http://loinc.org', code: '29463-7', display: 'Body weight' }], text: 'Gewicht' },
    subject, effectiveDateTime: '2026-09-01T10:00:00+02:00',
    valueQuantity: { value: 64, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
  });
  return out;
}

const cache = new Map<string, SimPerson[]>();

/** The people, loaded once per process (per root). */
export function loadPeople(root = DEFAULT_SIMULATOR_ROOT): SimPerson[] {
  const known = cache.get(root);
  if (known) return known;
  const people: SimPerson[] = [
    {
      id: 'jan-de-vries', displayName: 'Jan de Vries', birthDate: '1958-03-14',
      description: 'Man, 1958. Diabetes type 2. Gegevens in STU3 én R4.',
      data: {
        STU3: addLabSnomedCategory(bundleResources(root, 'tests/fixtures/fhir/stu3-bgz-bundle.json')),
        R4: addLabSnomedCategory(bundleResources(root, 'tests/fixtures/fhir/r4-bgz-bundle.json')),
      },
    },
    {
      id: 'anna-de-boer-visser', displayName: 'Anna de Boer-Visser', birthDate: '1961-05-22',
      description: 'Vrouw, 1961. Het voorbeeld-PGO: ruim 2.400 resources. Alleen R4.',
      data: { R4: addLabSnomedCategory(linkDocumentsToBinaries(bundleResources(root, 'resources/voorbeeld-pgo/voorbeeld-pgo.r4.json'))) },
    },
    {
      id: 'sanne-proef', displayName: 'Sanne Proef', birthDate: '1990-07-01',
      description: 'Vrouw, 1990. Klein dossier met 120 zelfmetingen. STU3 én R4.',
      data: { STU3: sanneProefResources('STU3'), R4: sanneProefResources('R4') },
    },
    {
      id: 'kees-compleet', displayName: 'Kees Compleet', birthDate: '1947-02-11',
      description: 'Man, 1947. Volledig dossier voor alle gegevensdiensten (GGZ, langdurige zorg, medicatie, vragenlijsten…). STU3 én R4.',
      data: { STU3: keesCompleetResources('STU3'), R4: keesCompleetResources('R4') },
    },
  ];
  for (const p of people) {
    const patient = p.data.R4?.find((r) => r.resourceType === 'Patient') ?? p.data.STU3?.find((r) => r.resourceType === 'Patient');
    if (patient && typeof patient.birthDate === 'string') p.birthDate = patient.birthDate;
    // Every person has a questionnaire to answer (questionnaires.ts), in each version they have data in.
    for (const version of ['STU3', 'R4'] as const) {
      p.data[version]?.push(
        ...questionnaireInvitation(version, {
          patientId: p.id, patientName: `${p.displayName} (fictief)`, requester: 'M. de Wit, huisarts (fictief)',
          authoredOn: '2026-11-25', dueDate: '2027-01-15',
        }),
      );
    }
  }
  cache.set(root, people);
  return people;
}
