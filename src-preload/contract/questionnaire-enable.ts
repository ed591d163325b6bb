/**
 * Which questions of a questionnaire apply, given the answers so far (FHIR enableWhen with every
 * operator and enableBehavior any/all). One implementation for the form (it hides what does not
 * apply) and the core (it leaves those answers out of what is sent and does not require them).
 *
 * Rules, as FHIR R4 defines them:
 * - exists: whether the question has an answer equals the condition's boolean;
 * - = : at least one answer equals the condition's answer; != : no answer equals it (so also true
 *   when there is no answer); > < >= <= : at least one answer compares so;
 * - a question that does not apply counts as unanswered for the conditions of others, and a group
 *   that does not apply takes all its questions with it;
 * - answers that cannot be compared (a word with a number) never satisfy an ordering.
 * A condition on a question that does not exist, or a circle of conditions, counts as unanswered.
 */
import type { AnswerValue, Answers, ConditionAnswer, QuestionCondition, QuestionItem, QuestionnaireForm } from './questionnaire-form';

export function enabledLinkIds(form: QuestionnaireForm, answers: Answers): Set<string> {
  const byId = new Map<string, QuestionItem>();
  const parentOf = new Map<string, QuestionItem>();
  const index = (items: readonly QuestionItem[], parent: QuestionItem | null) => {
    for (const item of items) {
      byId.set(item.linkId, item);
      if (parent) parentOf.set(item.linkId, parent);
      index(item.items, item);
    }
  };
  index(form.items, null);

  const memo = new Map<string, boolean>();
  const visiting = new Set<string>();
  const isEnabled = (item: QuestionItem): boolean => {
    const known = memo.get(item.linkId);
    if (known !== undefined) return known;
    if (visiting.has(item.linkId)) return false;
    visiting.add(item.linkId);
    const parent = parentOf.get(item.linkId);
    let enabled = parent ? isEnabled(parent) : true;
    if (enabled && item.enableWhen.length > 0) {
      const results = item.enableWhen.map((condition) => holds(condition));
      enabled = item.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
    }
    visiting.delete(item.linkId);
    memo.set(item.linkId, enabled);
    return enabled;
  };
  const holds = (condition: QuestionCondition): boolean => {
    const question = byId.get(condition.question);
    const given = question && isEnabled(question) ? (answers[condition.question] ?? []) : [];
    return conditionHolds(condition, question ?? null, given);
  };

  const enabled = new Set<string>();
  for (const item of byId.values()) if (isEnabled(item)) enabled.add(item.linkId);
  return enabled;
}

function conditionHolds(condition: QuestionCondition, question: QuestionItem | null, given: readonly AnswerValue[]): boolean {
  const { operator, answer } = condition;
  if (operator === 'exists') return (given.length > 0) === (answer.kind === 'boolean' ? answer.value : true);
  const comparisons = given.map((value) => compare(question, value, answer));
  switch (operator) {
    case '=':
      return comparisons.some((c) => c === 0);
    case '!=':
      return !comparisons.some((c) => c === 0);
    case '>':
      return comparisons.some((c) => c !== null && c > 0);
    case '<':
      return comparisons.some((c) => c !== null && c < 0);
    case '>=':
      return comparisons.some((c) => c !== null && c >= 0);
    case '<=':
      return comparisons.some((c) => c !== null && c <= 0);
  }
}

/** Sign of (answer − condition answer); NaN-free: null when they cannot be compared. */
function compare(question: QuestionItem | null, value: AnswerValue, target: ConditionAnswer): number | null {
  if (typeof value === 'object') return target.kind === 'string' ? equalOnly(value.other === target.value) : null;
  const option = typeof value === 'string' && question ? question.options.find((o) => o.key === value) : undefined;
  if (option) {
    const v = option.value;
    if (target.kind === 'coding') {
      if (v.kind !== 'coding') return null;
      const sameSystem = !target.coding.system || !v.coding.system || target.coding.system === v.coding.system;
      return equalOnly(sameSystem && target.coding.code !== undefined && v.coding.code === target.coding.code);
    }
    if (v.kind === 'coding') return target.kind === 'string' ? equalOnly(v.coding.code === target.value || option.label === target.value) : null;
    return compare(null, v.value, target);
  }
  switch (target.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? equalOnly(value === target.value) : null;
    case 'number':
    case 'quantity':
      return typeof value === 'number' ? sign(value - target.value) : null;
    case 'string':
    case 'reference':
      return typeof value === 'string' ? sign(value.localeCompare(target.value)) : null;
    case 'date':
    case 'dateTime':
    case 'time':
      return typeof value === 'string' ? compareMoments(value, target.value) : null;
    case 'coding':
      return null;
  }
}

const equalOnly = (equal: boolean) => (equal ? 0 : 1);
const sign = (n: number) => (n > 0 ? 1 : n < 0 ? -1 : 0);

/** ISO dates, date-times and times: by instant when both have a time of day and a zone, else by text. */
function compareMoments(a: string, b: string): number | null {
  const withZone = /T.*(Z|[+-]\d{2}:\d{2})$/;
  if (withZone.test(a) && withZone.test(b)) {
    const x = Date.parse(a);
    const y = Date.parse(b);
    return Number.isNaN(x) || Number.isNaN(y) ? null : sign(x - y);
  }
  // A date against a date-time compares the days.
  const length = Math.min(a.length, b.length, a.includes('T') !== b.includes('T') ? 10 : Infinity);
  return sign(a.slice(0, length).localeCompare(b.slice(0, length)));
}
