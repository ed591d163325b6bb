/**
 * Reads a stored Questionnaire (R4; STU3 ones were converted to R4 on import, see
 * fhir/stu3-to-r4/questionnaire.ts) into the app's form model (contract/questionnaire-form.ts).
 *
 * What Dutch providers' questionnaires use is read: groups, display text, every answer type,
 * answerOption and answerValueSet (a contained ValueSet, or one of the few Regie knows), enableWhen
 * and enableBehavior, repeats, required, readOnly, initial answers, and the extensions
 * questionnaire-unit, minValue, maxValue, minLength, maxDecimalPlaces and questionnaire-hidden.
 *
 * STU3 knew no enableBehavior: there, several enableWhen conditions meant "any of them" (STU3
 * Questionnaire.item.enableWhen), so a questionnaire received as STU3 keeps that reading. An R4
 * questionnaire with several conditions must say; if it does not, all of them must hold.
 */
import type {
  AnswerValue,
  ConditionAnswer,
  ConditionOperator,
  OptionValue,
  QuestionCondition,
  QuestionItem,
  QuestionnaireForm,
  QuestionOption,
  QuestionType,
  QuestionUnit,
} from '../../src-preload/contract/questionnaire-form';
import { isObject, type FhirJson } from '../fhir/types';
import { knownValueSet } from './value-sets';

const EXT = 'http://hl7.org/fhir/StructureDefinition/';
const types = new Set<QuestionType>([
  'group', 'display', 'boolean', 'decimal', 'integer', 'date', 'dateTime', 'time', 'string', 'text', 'url',
  'choice', 'open-choice', 'quantity', 'attachment', 'reference',
]);
const operators = new Set<ConditionOperator>(['exists', '=', '!=', '>', '<', '>=', '<=']);

/** Readable names of UCUM units a questionnaire may give without a display. */
const unitWords: Record<string, string> = {
  a: 'jaar', mo: 'maanden', wk: 'weken', d: 'dagen', h: 'uur', min: 'minuten', Cel: '°C', '/wk': 'per week', '/d': 'per dag',
};

export function questionnaireForm(questionnaire: FhirJson, receivedAs: 'STU3' | 'R4'): QuestionnaireForm {
  const contained = (Array.isArray(questionnaire.contained) ? questionnaire.contained : []).filter(isObject);
  const context: Context = { contained, defaultBehavior: receivedAs === 'STU3' ? 'any' : 'all' };
  return {
    title: text(questionnaire.title) ?? text(questionnaire.name) ?? 'Vragenlijst',
    description: text(questionnaire.description),
    items: itemsOf(questionnaire.item, context),
  };
}

interface Context {
  contained: FhirJson[];
  defaultBehavior: 'all' | 'any';
}

function itemsOf(raw: unknown, context: Context): QuestionItem[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).flatMap((item) => {
    const linkId = text(item.linkId);
    const type = text(item.type) as QuestionType | null;
    // Hidden items are for the provider's own bookkeeping; an item without linkId or type cannot be answered.
    if (!linkId || !type || !types.has(type) || extension(item, 'questionnaire-hidden')?.valueBoolean === true) return [];
    return [itemOf(item, linkId, type, context)];
  });
}

function itemOf(item: FhirJson, linkId: string, type: QuestionType, context: Context): QuestionItem {
  const choice = type === 'choice' || type === 'open-choice';
  const { options, known, selected } = choice ? optionsOf(item, context) : { options: [], known: true, selected: [] };
  const enableWhen = (Array.isArray(item.enableWhen) ? item.enableWhen : []).filter(isObject).flatMap(conditionOf);
  const behavior = item.enableBehavior === 'any' || item.enableBehavior === 'all' ? item.enableBehavior : context.defaultBehavior;
  return {
    linkId,
    text: text(item.text),
    prefix: text(item.prefix),
    type,
    required: item.required === true,
    repeats: item.repeats === true,
    readOnly: item.readOnly === true,
    enableWhen,
    enableBehavior: behavior,
    options,
    unsupported: type === 'attachment' || type === 'reference' ? 'type' : type === 'choice' && !known ? 'value-set' : null,
    unit: unitOf(item),
    minValue: limitOf(extension(item, 'minValue')),
    maxValue: limitOf(extension(item, 'maxValue')),
    maxLength: typeof item.maxLength === 'number' ? item.maxLength : null,
    minLength: integerOf(extension(item, 'minLength')?.valueInteger),
    maxDecimalPlaces: integerOf(extension(item, 'maxDecimalPlaces')?.valueInteger),
    initial: selected.length > 0 ? selected : initialOf(item, options),
    items: itemsOf(item.item, context),
  };
}

function extension(item: FhirJson, name: string): FhirJson | undefined {
  const list = Array.isArray(item.extension) ? item.extension : [];
  return list.filter(isObject).find((e) => e.url === `${EXT}${name}`);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function integerOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

function limitOf(ext: FhirJson | undefined): number | string | null {
  if (!ext) return null;
  for (const key of ['valueInteger', 'valueDecimal']) if (typeof ext[key] === 'number') return ext[key];
  for (const key of ['valueDate', 'valueDateTime', 'valueTime']) if (typeof ext[key] === 'string') return ext[key];
  return null;
}

function unitOf(item: FhirJson): QuestionUnit | null {
  const coding = extension(item, 'questionnaire-unit')?.valueCoding;
  if (!isObject(coding)) return null;
  const code = text(coding.code) ?? undefined;
  const label = text(coding.display) ?? (code && (unitWords[code] ?? code));
  if (!label) return null;
  return { label, ...(code && { code }), ...(text(coding.system) && { system: String(coding.system) }) };
}

function codingOf(raw: unknown): { system?: string; code?: string; display?: string } | null {
  if (!isObject(raw)) return null;
  const system = text(raw.system);
  const code = text(raw.code);
  const display = text(raw.display);
  if (!code && !display) return null;
  return { ...(system && { system }), ...(code && { code }), ...(display && { display }) };
}

function conditionOf(raw: FhirJson): QuestionCondition[] {
  const question = text(raw.question);
  const operator = text(raw.operator) as ConditionOperator | null;
  if (!question || !operator || !operators.has(operator)) return [];
  const answer = conditionAnswerOf(raw);
  return answer ? [{ question, operator, answer }] : [];
}

function conditionAnswerOf(raw: FhirJson): ConditionAnswer | null {
  if (typeof raw.answerBoolean === 'boolean') return { kind: 'boolean', value: raw.answerBoolean };
  if (typeof raw.answerDecimal === 'number') return { kind: 'number', value: raw.answerDecimal };
  if (typeof raw.answerInteger === 'number') return { kind: 'number', value: raw.answerInteger };
  for (const kind of ['date', 'dateTime', 'time', 'string'] as const) {
    const value = raw[`answer${kind.charAt(0).toUpperCase()}${kind.slice(1)}`];
    if (typeof value === 'string') return { kind, value };
  }
  if (typeof raw.answerUri === 'string') return { kind: 'string', value: raw.answerUri };
  const coding = codingOf(raw.answerCoding);
  if (coding) return { kind: 'coding', coding };
  if (isObject(raw.answerQuantity) && typeof raw.answerQuantity.value === 'number') {
    const code = text(raw.answerQuantity.code);
    return { kind: 'quantity', value: raw.answerQuantity.value, ...(code && { code }) };
  }
  if (isObject(raw.answerReference) && typeof raw.answerReference.reference === 'string') return { kind: 'reference', value: raw.answerReference.reference };
  return null;
}

/** The options from answerOption, or the value set's concepts; `known` is false for a value set Regie cannot read. */
function optionsOf(item: FhirJson, context: Context): { options: QuestionOption[]; known: boolean; selected: string[] } {
  const values: Array<{ value: OptionValue; selected: boolean }> = [];
  if (Array.isArray(item.answerOption)) {
    for (const option of item.answerOption.filter(isObject)) {
      const value = optionValueOf(option);
      if (value) values.push({ value, selected: option.initialSelected === true });
    }
  } else if (typeof item.answerValueSet === 'string') {
    const codings = valueSetCodings(item.answerValueSet, context);
    if (!codings) return { options: [], known: false, selected: [] };
    for (const coding of codings) values.push({ value: { kind: 'coding', coding }, selected: false });
  }
  const codes = values.flatMap((v) => (v.value.kind === 'coding' && v.value.coding.code ? [v.value.coding.code] : []));
  const shared = new Set(codes.filter((code, i) => codes.indexOf(code) !== i));
  const seen = new Set<string>();
  const options: QuestionOption[] = [];
  const selected: string[] = [];
  for (const { value, selected: initiallySelected } of values) {
    const key = keyOf(value, shared);
    if (initiallySelected && !selected.includes(key)) selected.push(key);
    if (seen.has(key)) continue;
    seen.add(key);
    options.push({ key, label: labelOf(value), value });
  }
  return { options, known: true, selected };
}

function optionValueOf(option: FhirJson): OptionValue | null {
  const coding = codingOf(option.valueCoding);
  if (coding) return { kind: 'coding', coding };
  if (typeof option.valueString === 'string' && option.valueString.trim()) return { kind: 'string', value: option.valueString };
  if (typeof option.valueInteger === 'number') return { kind: 'integer', value: option.valueInteger };
  if (typeof option.valueDate === 'string') return { kind: 'date', value: option.valueDate };
  if (typeof option.valueTime === 'string') return { kind: 'time', value: option.valueTime };
  return null;
}

function keyOf(value: OptionValue, sharedCodes: ReadonlySet<string>): string {
  if (value.kind !== 'coding') return String(value.value);
  const { system, code, display } = value.coding;
  if (!code) return display ?? '';
  return sharedCodes.has(code) && system ? `${system}|${code}` : code;
}

function labelOf(value: OptionValue): string {
  if (value.kind === 'coding') return value.coding.display ?? value.coding.code ?? '';
  return String(value.value);
}

/** A contained value set ("#id"), or one Regie knows; null when neither. */
function valueSetCodings(reference: string, context: Context): Array<{ system?: string; code?: string; display?: string }> | null {
  if (reference.startsWith('#')) {
    const valueSet = context.contained.find((r) => r.resourceType === 'ValueSet' && r.id === reference.slice(1));
    return valueSet ? conceptsOf(valueSet) : null;
  }
  const contained = context.contained.find((r) => r.resourceType === 'ValueSet' && r.url === reference);
  return contained ? conceptsOf(contained) : knownValueSet(reference);
}

function conceptsOf(valueSet: FhirJson): Array<{ system?: string; code?: string; display?: string }> | null {
  const out: Array<{ system?: string; code?: string; display?: string }> = [];
  const expansion = isObject(valueSet.expansion) && Array.isArray(valueSet.expansion.contains) ? valueSet.expansion.contains : null;
  if (expansion) {
    for (const c of expansion.filter(isObject)) {
      const coding = codingOf(c);
      if (coding) out.push(coding);
    }
    return out.length > 0 ? out : null;
  }
  const includes = isObject(valueSet.compose) && Array.isArray(valueSet.compose.include) ? valueSet.compose.include.filter(isObject) : [];
  for (const include of includes) {
    // A filter or a whole code system needs a terminology server: Regie cannot list those options.
    if (!Array.isArray(include.concept) || include.filter !== undefined) return null;
    for (const concept of include.concept.filter(isObject)) {
      const coding = codingOf({ system: include.system, code: concept.code, display: concept.display });
      if (coding) out.push(coding);
    }
  }
  return out.length > 0 ? out : null;
}

function initialOf(item: FhirJson, options: readonly QuestionOption[]): AnswerValue[] {
  const initial = (Array.isArray(item.initial) ? item.initial : []).filter(isObject);
  return initial.flatMap((entry): AnswerValue[] => {
    for (const key of ['valueBoolean', 'valueDecimal', 'valueInteger', 'valueDate', 'valueDateTime', 'valueTime', 'valueString', 'valueUri']) {
      const value = entry[key];
      if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return [value];
    }
    if (isObject(entry.valueQuantity) && typeof entry.valueQuantity.value === 'number') return [entry.valueQuantity.value];
    const coding = codingOf(entry.valueCoding);
    const option = coding && options.find((o) => o.value.kind === 'coding' && o.value.coding.code === coding.code);
    return option ? [option.key] : [];
  });
}
