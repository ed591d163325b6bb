/**
 * Questionnaires the fictitious providers ask every fictitious person to fill in (MedMij Vragenlijsten
 * 2.0: a QuestionnaireProvisioningTask with status "requested" naming a Questionnaire), in STU3 and
 * R4 shapes. ALL OF THIS IS TEST DATA.
 *
 * "Voorbereiding op uw afspraak" exercises what Dutch providers' forms use: an introduction (display),
 * groups, a decimal with a unit and at most one decimal, an integer with min/max, booleans that open
 * follow-up questions (enableWhen), a repeating choice whose "Pijn" opens a pain score and whose
 * absence of "Geen klachten" opens a date (two conditions, all must hold: only R4 can say so, STU3
 * asks it of everyone with complaints), free text with a maximum length, an open choice and a
 * date-time. R4 adds a question that only follows a high pain score (operator ">").
 */
import type { FhirJson, FhirVersion } from '../../fhir/types';
import { HTEST } from './test-data';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const EXT = 'http://hl7.org/fhir/StructureDefinition/';
const PROFILE_TASK = 'http://nictiz.nl/fhir/StructureDefinition/vl-QuestionnaireProvisioningTask';
const PROFILE_QUESTIONNAIRE = 'http://nictiz.nl/fhir/StructureDefinition/vl-Questionnaire';
const COMPLAINTS = 'urn:oid:2.16.840.1.113883.2.4.3.11.999.1';

export interface QuestionnaireInvitationInput {
  /** The person's Patient id (the simulator's person id). */
  patientId: string;
  patientName: string;
  /** Who asks, in words (a display-only reference). */
  requester: string;
  authoredOn: string;
  dueDate: string;
}

/** A Task + its Questionnaire for one person in one FHIR version; ids start with `vl-<patientId>-`. */
export function questionnaireInvitation(version: FhirVersion, input: QuestionnaireInvitationInput): FhirJson[] {
  const r4 = version === 'R4';
  const qid = `vl-${input.patientId}-afspraak`;
  const patient = { reference: `Patient/${input.patientId}`, display: input.patientName };
  const title = 'Voorbereiding op uw afspraak (fictief)';
  const questionnaire: FhirJson = {
    resourceType: 'Questionnaire',
    id: qid,
    meta: { ...(r4 ? {} : { profile: [PROFILE_QUESTIONNAIRE] }), tag: [HTEST] },
    language: 'nl-NL',
    url: `https://vragenlijsten.example.org/Questionnaire/voorbereiding-afspraak--20260901`,
    version: '20260901',
    name: 'voorbereiding-afspraak',
    title,
    status: 'active',
    subjectType: ['Patient'],
    date: '2026-09-01',
    description: 'Met deze vragen bereidt uw zorgverlener de afspraak voor. Het invullen duurt ongeveer vijf minuten.',
    item: items(r4),
  };
  const requester = { display: input.requester };
  const task: FhirJson = {
    resourceType: 'Task',
    id: `vl-${input.patientId}-taak-afspraak`,
    meta: { profile: [PROFILE_TASK], tag: [HTEST] },
    status: 'requested',
    intent: 'order',
    code: { coding: [{ system: LOINC, code: '74468-0', display: 'Questionnaire form definition Document' }], text: 'Vragenlijst invullen' },
    description: 'Wilt u vóór uw afspraak de vragenlijst "Voorbereiding op uw afspraak" invullen?',
    for: patient,
    authoredOn: input.authoredOn,
    requester: r4 ? requester : { agent: requester },
    owner: patient,
    restriction: { period: { end: input.dueDate } },
    input: [
      { type: { text: 'Questionnaire' }, valueReference: { reference: `Questionnaire/${qid}`, display: title } },
      { type: { text: 'Subject' }, valueReference: patient },
    ],
  };
  return [questionnaire, task];
}

type Item = FhirJson;

function items(r4: boolean): Item[] {
  const options = (values: Array<[string, string]>, system?: string) => {
    const list = values.map(([code, display]) => ({ valueCoding: { ...(system && { system }), code, display } }));
    return r4 ? { answerOption: list } : { option: list };
  };
  const stringOptions = (values: string[]) => {
    const list = values.map((v) => ({ valueString: v }));
    return r4 ? { answerOption: list } : { option: list };
  };
  const when = (question: string, answer: FhirJson, operator: string = '=') =>
    r4 ? { question, operator, ...answer } : operator === 'exists' ? { question, hasAnswer: answer.answerBoolean } : { question, ...answer };
  const unit = (code: string, display: string) => ({ url: `${EXT}questionnaire-unit`, valueCoding: { system: UCUM, code, display } });
  const intExt = (name: string, value: number) => ({ url: `${EXT}${name}`, valueInteger: value });
  const decExt = (name: string, value: number) => ({ url: `${EXT}${name}`, valueDecimal: value });

  const painScore: Item[] = [
    {
      linkId: 'pijn-score', text: 'Hoe erg is de pijn? (0 = geen pijn, 10 = de ergste pijn die u zich kunt voorstellen)', type: 'integer', required: true,
      extension: [intExt('minValue', 0), intExt('maxValue', 10)],
      enableWhen: [when('klachten', { answerCoding: { system: COMPLAINTS, code: 'pijn', display: 'Pijn' } })],
    },
  ];
  if (r4) {
    painScore.push({
      linkId: 'pijn-eerder', text: 'De pijn is erg. Wilt u dat wij u vóór de afspraak bellen?', type: 'boolean',
      enableWhen: [when('pijn-score', { answerInteger: 7 }, '>')],
    });
  }
  return [
    {
      linkId: 'uitleg', type: 'display',
      text: 'Beantwoord de vragen zo goed als u kunt. Vragen met een sterretje zijn verplicht. Sommige vragen verschijnen pas als ze voor u van toepassing zijn.',
    },
    {
      linkId: 'over-u', text: 'Over uzelf', type: 'group',
      item: [
        {
          linkId: 'gewicht', text: 'Wat is uw gewicht?', type: 'decimal', required: true,
          extension: [unit('kg', 'kg'), intExt('maxDecimalPlaces', 1), decExt('minValue', 20), decExt('maxValue', 300)],
        },
        { linkId: 'lengte', text: 'Wat is uw lengte?', type: 'integer', extension: [unit('cm', 'cm'), intExt('minValue', 50), intExt('maxValue', 250)] },
        { linkId: 'roken', text: 'Rookt u?', type: 'boolean', required: true },
        {
          linkId: 'sigaretten', text: 'Hoeveel sigaretten rookt u per dag?', type: 'integer', required: true,
          extension: [unit('/d', 'per dag'), intExt('minValue', 1), intExt('maxValue', 100)],
          enableWhen: [when('roken', { answerBoolean: true })],
        },
        { linkId: 'ooit-gerookt', text: 'Heeft u vroeger gerookt?', type: 'boolean', enableWhen: [when('roken', { answerBoolean: false })] },
        { linkId: 'gestopt', text: 'Wanneer bent u gestopt met roken?', type: 'date', enableWhen: [when('ooit-gerookt', { answerBoolean: true })] },
      ],
    },
    {
      linkId: 'klachten-groep', text: 'Uw klachten', type: 'group',
      item: [
        {
          linkId: 'klachten', text: 'Welke klachten heeft u op dit moment? (u kunt meer dan één antwoord kiezen)', type: 'choice', required: true, repeats: true,
          ...options([['geen', 'Geen klachten'], ['pijn', 'Pijn'], ['benauwd', 'Benauwdheid'], ['moe', 'Vermoeidheid']], COMPLAINTS),
        },
        ...painScore,
        {
          linkId: 'klachten-sinds', text: 'Sinds wanneer heeft u deze klachten?', type: 'date',
          enableWhen: r4
            ? [when('klachten', { answerBoolean: true }, 'exists'), when('klachten', { answerCoding: { system: COMPLAINTS, code: 'geen', display: 'Geen klachten' } }, '!=')]
            : [when('klachten', { answerBoolean: true }, 'exists')],
          ...(r4 ? { enableBehavior: 'all' } : {}),
        },
        { linkId: 'toelichting', text: 'Wilt u nog iets over uw klachten vertellen?', type: 'text', maxLength: 500 },
      ],
    },
    {
      linkId: 'afspraak', text: 'Uw afspraak', type: 'group',
      item: [
        { linkId: 'vervoer', text: 'Hoe komt u naar de afspraak?', type: 'open-choice', ...stringOptions(['Eigen auto', 'Openbaar vervoer', 'Taxi of regiotaxi']) },
        { linkId: 'bellen', text: 'Mogen wij u vóór de afspraak bellen?', type: 'boolean' },
        { linkId: 'beltijd', text: 'Wanneer kunnen wij u het best bellen?', type: 'dateTime', enableWhen: [when('bellen', { answerBoolean: true })] },
      ],
    },
  ];
}
