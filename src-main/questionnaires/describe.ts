/**
 * Answers in words, as the person reads them before sending ("what will be sent") and afterwards
 * ("what was sent"): each answered question that applies, with the groups it is in, in the order of
 * the questionnaire. Days as dd-mm-jjjj (Dutch) or dd/mm/yyyy, numbers with a decimal comma in Dutch,
 * units as the questionnaire gives them, choices by their words.
 */
import type { Language } from '../../src-preload/contract/constants';
import type { AnswerValue, Answers, QuestionItem, QuestionnaireForm } from '../../src-preload/contract/questionnaire-form';
import type { AnsweredQuestion } from '../../src-preload/contract/questionnaires';

export function describeAnswers(form: QuestionnaireForm, answers: Answers, language: Language): AnsweredQuestion[] {
  const out: AnsweredQuestion[] = [];
  const walk = (items: readonly QuestionItem[], groups: string[]) => {
    for (const item of items) {
      const given = answers[item.linkId] ?? [];
      if (given.length > 0) {
        out.push({
          linkId: item.linkId,
          groups,
          question: [item.prefix, item.text].filter(Boolean).join(' ') || item.linkId,
          answers: given.map((value) => answerText(item, value, language)),
        });
      }
      walk(item.items, item.type === 'group' && item.text ? [...groups, item.text] : groups);
    }
  };
  walk(form.items, []);
  return out;
}

export function answerText(item: QuestionItem, value: AnswerValue, language: Language): string {
  if (typeof value === 'object') return value.other;
  if (typeof value === 'boolean') return language === 'nl' ? (value ? 'Ja' : 'Nee') : value ? 'Yes' : 'No';
  if (typeof value === 'number') {
    const number = language === 'nl' ? String(value).replace('.', ',') : String(value);
    return item.unit ? `${number} ${item.unit.label}` : number;
  }
  const option = item.options.find((o) => o.key === value);
  if (option) return option.label;
  if (item.type === 'date') return day(value, language);
  if (item.type === 'time') return value.slice(0, 5);
  if (item.type === 'dateTime') {
    const time = /T(\d{2}:\d{2})/.exec(value)?.[1];
    return time ? `${day(value, language)} ${language === 'nl' ? 'om' : 'at'} ${time}` : day(value, language);
  }
  return value;
}

function day(iso: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  return [match[3], match[2], match[1]].join(language === 'en' ? '/' : '-');
}
