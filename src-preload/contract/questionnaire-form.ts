/**
 * A provider's questionnaire as the app and the CLI see it: the stored FHIR Questionnaire (R4, or
 * STU3 converted to R4 on import) read once by the core into this plain form model, so the renderer
 * never reads FHIR. Zod-free and type-only: the renderer imports it at run time through the rules
 * (questionnaire-rules.ts).
 */

/** The item types of FHIR R4 (and STU3) Questionnaires. */
export type QuestionType =
  | 'group'
  | 'display'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'date'
  | 'dateTime'
  | 'time'
  | 'string'
  | 'text'
  | 'url'
  | 'choice'
  | 'open-choice'
  | 'quantity'
  | 'attachment'
  | 'reference';

export interface QuestionCoding {
  system?: string;
  code?: string;
  display?: string;
}

/** What choosing an option puts in the answer sent to the provider. */
export type OptionValue =
  | { kind: 'coding'; coding: QuestionCoding }
  | { kind: 'string'; value: string }
  | { kind: 'integer'; value: number }
  | { kind: 'date'; value: string }
  | { kind: 'time'; value: string };

export interface QuestionOption {
  /** Stable within the question: the code (with its system when two options share a code) or the value. */
  key: string;
  /** What the person reads. */
  label: string;
  value: OptionValue;
}

/** The answer an enableWhen compares with. */
export type ConditionAnswer =
  | { kind: 'boolean'; value: boolean }
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'date'; value: string }
  | { kind: 'dateTime'; value: string }
  | { kind: 'time'; value: string }
  | { kind: 'coding'; coding: QuestionCoding }
  | { kind: 'quantity'; value: number; code?: string }
  | { kind: 'reference'; value: string };

export type ConditionOperator = 'exists' | '=' | '!=' | '>' | '<' | '>=' | '<=';

export interface QuestionCondition {
  /** linkId of the question it depends on. */
  question: string;
  operator: ConditionOperator;
  answer: ConditionAnswer;
}

export interface QuestionUnit {
  /** As shown next to the field, e.g. "kg". */
  label: string;
  code?: string;
  system?: string;
}

/**
 * Why a question cannot be answered in Regie: its answers come from a value set Regie does not know,
 * or it asks for a file or a reference to a record.
 */
export type UnsupportedReason = 'value-set' | 'type';

export interface QuestionItem {
  linkId: string;
  text: string | null;
  /** e.g. "1." or "a)", shown before the text. */
  prefix: string | null;
  type: QuestionType;
  required: boolean;
  repeats: boolean;
  readOnly: boolean;
  enableWhen: QuestionCondition[];
  enableBehavior: 'all' | 'any';
  /** For choice and open-choice: the options, from answerOption or a value set. */
  options: QuestionOption[];
  unsupported: UnsupportedReason | null;
  /** For decimal, integer and quantity questions (extension questionnaire-unit). */
  unit: QuestionUnit | null;
  /** Extensions minValue / maxValue: a number, or an ISO date (time) for date questions. */
  minValue: number | string | null;
  maxValue: number | string | null;
  maxLength: number | null;
  minLength: number | null;
  maxDecimalPlaces: number | null;
  /** Answers filled in beforehand by the provider (initial, initialSelected). */
  initial: AnswerValue[];
  items: QuestionItem[];
}

export interface QuestionnaireForm {
  title: string;
  description: string | null;
  items: QuestionItem[];
}

/**
 * One answer as the app keeps it: a boolean, a number (decimal, integer, quantity in the question's
 * unit), text (string, text, url; ISO date, date-time or time), a chosen option's key, or for an
 * open-choice question a text of the person's own.
 */
export type AnswerValue = boolean | number | string | { other: string };

/** linkId → the answers to that question (more than one only where the question repeats). */
export type Answers = Record<string, AnswerValue[]>;

/** Every item of the form, depth first. */
export function allItems(items: readonly QuestionItem[]): QuestionItem[] {
  return items.flatMap((item) => [item, ...allItems(item.items)]);
}
