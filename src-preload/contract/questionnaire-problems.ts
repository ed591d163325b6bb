/**
 * What to do about a problem with an answer, in plain Dutch and English: shown next to the field,
 * in the form's summary (after the question) and by the CLI. Each sentence says what to fix.
 */
import type { Language } from './constants';
import type { AnswerProblem } from './questionnaire-answers';
import type { QuestionItem } from './questionnaire-form';

type Texts = Record<AnswerProblem['code'], (p: Record<string, string | number>, item: QuestionItem | null) => string>;

const number = (value: string | number | undefined, language: Language) =>
  language === 'nl' ? String(value ?? '').replace('.', ',') : String(value ?? '');
const day = (value: string | number | undefined, language: Language) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value ?? ''));
  return match ? [match[3], match[2], match[1]].join(language === 'en' ? '/' : '-') : String(value ?? '');
};
const limit = (p: string | number | undefined, item: QuestionItem | null, language: Language) =>
  typeof p === 'string' && /^\d{4}-/.test(p) ? day(p, language) : `${number(p, language)}${item?.unit ? ` ${item.unit.label}` : ''}`;
const isDate = (item: QuestionItem | null) => item?.type === 'date' || item?.type === 'dateTime';

const nl: Texts = {
  'unknown-question': (p) => `Deze vragenlijst heeft geen vraag met de code "${p.linkId}". Haal dit antwoord weg of controleer de code.`,
  'not-a-question': () => 'Dit is een kop of uitleg, geen vraag. Geef hier geen antwoord bij.',
  required: (_p, item) =>
    item?.type === 'group'
      ? 'Beantwoord minstens één vraag in dit onderdeel.'
      : item?.type === 'boolean'
        ? 'Kies ja of nee.'
        : item?.type === 'choice' || item?.type === 'open-choice'
          ? 'Kies een antwoord.'
          : 'Vul hier een antwoord in.',
  'one-answer': () => 'Geef bij deze vraag één antwoord.',
  'read-only': () => 'Deze vraag vult de zorgaanbieder zelf in. Laat hem leeg.',
  unsupported: (p) =>
    p.required
      ? 'Deze vraag kan in Regie niet worden beantwoord, maar is verplicht. Neem contact op met uw zorgaanbieder.'
      : 'Deze vraag kan in Regie niet worden beantwoord. Laat hem leeg.',
  'not-boolean': () => 'Kies ja of nee.',
  'not-integer': (_p, item) => `Vul een heel getal in, zonder komma, bijvoorbeeld 3${item?.unit ? ` (in ${item.unit.label})` : ''}.`,
  'not-number': (_p, item) => `Vul een getal in, bijvoorbeeld 72,5${item?.unit ? ` (in ${item.unit.label})` : ''}.`,
  'too-many-decimals': (p) =>
    Number(p.max) === 0 ? 'Vul een heel getal in, zonder komma.' : `Gebruik hoogstens ${p.max} ${Number(p.max) === 1 ? 'cijfer' : 'cijfers'} achter de komma.`,
  'not-date': () => 'Vul een datum in als dag-maand-jaar, bijvoorbeeld 03-02-2025.',
  'not-datetime': () => 'Vul een datum in als dag-maand-jaar en een tijd als uu:mm, bijvoorbeeld 03-02-2025 en 14:30.',
  'not-time': () => 'Vul een tijd in als uu:mm, bijvoorbeeld 14:30.',
  'not-url': () => 'Vul een webadres in dat begint met https://, bijvoorbeeld https://www.voorbeeld.nl.',
  'not-option': (p) => `Kies een van de antwoorden bij deze vraag${p.options ? `: ${p.options}` : ''}.`,
  'too-long': (p) => `Gebruik hoogstens ${p.max} tekens; nu zijn het er ${p.length}.`,
  'too-short': (p) => `Gebruik minstens ${p.min} tekens.`,
  'below-min': (p, item) => (isDate(item) ? `Kies ${day(p.min, 'nl')} of later.` : `Vul ${limit(p.min, item, 'nl')} of meer in.`),
  'above-max': (p, item) => (isDate(item) ? `Kies ${day(p.max, 'nl')} of eerder.` : `Vul ${limit(p.max, item, 'nl')} of minder in.`),
  'one-line': () => 'Gebruik één regel tekst, zonder Enter.',
  'not-text': () => 'Vul hier tekst in.',
};

const en: Texts = {
  'unknown-question': (p) => `This questionnaire has no question with the code "${p.linkId}". Remove this answer or check the code.`,
  'not-a-question': () => 'This is a heading or an explanation, not a question. Give no answer here.',
  required: (_p, item) =>
    item?.type === 'group'
      ? 'Answer at least one question in this part.'
      : item?.type === 'boolean'
        ? 'Choose yes or no.'
        : item?.type === 'choice' || item?.type === 'open-choice'
          ? 'Choose an answer.'
          : 'Enter an answer here.',
  'one-answer': () => 'Give one answer to this question.',
  'read-only': () => 'The care provider fills in this question. Leave it empty.',
  unsupported: (p) =>
    p.required
      ? 'This question cannot be answered in Regie, but it is required. Please contact your care provider.'
      : 'This question cannot be answered in Regie. Leave it empty.',
  'not-boolean': () => 'Choose yes or no.',
  'not-integer': (_p, item) => `Enter a whole number, without a decimal point, for example 3${item?.unit ? ` (in ${item.unit.label})` : ''}.`,
  'not-number': (_p, item) => `Enter a number, for example 72.5${item?.unit ? ` (in ${item.unit.label})` : ''}.`,
  'too-many-decimals': (p) =>
    Number(p.max) === 0 ? 'Enter a whole number, without a decimal point.' : `Use at most ${p.max} ${Number(p.max) === 1 ? 'digit' : 'digits'} after the decimal point.`,
  'not-date': () => 'Enter a date as day/month/year, for example 03/02/2025.',
  'not-datetime': () => 'Enter a date as day/month/year and a time as hh:mm, for example 03/02/2025 and 14:30.',
  'not-time': () => 'Enter a time as hh:mm, for example 14:30.',
  'not-url': () => 'Enter a web address starting with https://, for example https://www.example.org.',
  'not-option': (p) => `Choose one of the answers to this question${p.options ? `: ${p.options}` : ''}.`,
  'too-long': (p) => `Use at most ${p.max} characters; there are ${p.length} now.`,
  'too-short': (p) => `Use at least ${p.min} characters.`,
  'below-min': (p, item) => (isDate(item) ? `Choose ${day(p.min, 'en')} or later.` : `Enter ${limit(p.min, item, 'en')} or more.`),
  'above-max': (p, item) => (isDate(item) ? `Choose ${day(p.max, 'en')} or earlier.` : `Enter ${limit(p.max, item, 'en')} or less.`),
  'one-line': () => 'Use one line of text, without Enter.',
  'not-text': () => 'Enter text here.',
};

export function answerProblemText(problem: AnswerProblem, item: QuestionItem | null, language: Language): string {
  return (language === 'en' ? en : nl)[problem.code]({ ...problem.params, linkId: problem.linkId }, item);
}
