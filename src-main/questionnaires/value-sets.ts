/**
 * The value sets a questionnaire may name for its answers that Regie can list without a terminology
 * server: small, fixed HL7 sets, with Dutch words. Any other value set (not contained in the
 * questionnaire) makes a choice question unanswerable in Regie, and the form says so.
 */
type Coding = { system?: string; code?: string; display?: string };

const V2_0136 = 'http://terminology.hl7.org/CodeSystem/v2-0136';
const DATA_ABSENT = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
const GENDER = 'http://hl7.org/fhir/administrative-gender';

const sets: Record<string, Coding[]> = {
  'http://hl7.org/fhir/ValueSet/yesnodontknow': [
    { system: V2_0136, code: 'Y', display: 'Ja' },
    { system: V2_0136, code: 'N', display: 'Nee' },
    { system: DATA_ABSENT, code: 'asked-unknown', display: 'Weet ik niet' },
  ],
  'http://hl7.org/fhir/ValueSet/administrative-gender': [
    { system: GENDER, code: 'male', display: 'Man' },
    { system: GENDER, code: 'female', display: 'Vrouw' },
    { system: GENDER, code: 'other', display: 'Anders' },
    { system: GENDER, code: 'unknown', display: 'Onbekend' },
  ],
};

export function knownValueSet(url: string): Coding[] | null {
  const found = sets[url.split('|')[0] ?? url];
  return found ? found.map((c) => ({ ...c })) : null;
}
