/**
 * The building blocks of presenters: label keys (the renderer translates records.fields.<key> and
 * records.blocks.<key>; a test checks nl and en), the field builder, and FHIR elements in words
 * with the request's language (values.ts) and references by name (names.ts).
 */
import type { Language } from '../../../src-preload/contract/constants';
import type { PresentedField, PresentedGroup } from '../../../src-preload/contract/records';
import { valueWord, type ValueSet } from '../../../src-preload/contract/value-sets';
import type { FhirJson } from '../../fhir/types';
import { rangeDirection } from '../display';
import type { Named, ReferenceNames } from './names';
import {
  arr,
  conceptName,
  conceptNames,
  contentTypeText,
  dateText,
  joined,
  obj,
  objs,
  periodText,
  quantityText,
  rangeText,
  ratioText,
  str,
  yesNo,
} from './values';

/** Every label key a field may have; the renderer translates records.fields.<key> (a test checks nl and en). */
export const fieldKeys = [
  'observationCode', 'value', 'referenceRange', 'interpretation', 'dataAbsentReason', 'date', 'category', 'status',
  'method', 'bodySite', 'specimen', 'performer', 'issued', 'note', 'problem', 'clinicalStatus', 'verificationStatus',
  'severity', 'onset', 'abatement', 'recordedDate', 'recorder', 'allergen', 'allergyType', 'allergyCategory', 'criticality',
  'lastOccurrence', 'substance', 'manifestation', 'reactionSeverity', 'description', 'exposureRoute', 'medication', 'form',
  'ingredients', 'manufacturer', 'dosage', 'usePeriod', 'authoredOn', 'prescriber', 'reason', 'intent', 'statusReason',
  'dateAsserted', 'informationSource', 'quantity', 'daysSupply', 'whenHandedOver', 'whenPrepared', 'pharmacy',
  'administeredOn', 'dose', 'route', 'vaccine', 'targetDisease', 'doseNumber', 'lotNumber', 'site', 'doseQuantity',
  'procedure', 'location', 'outcome', 'request', 'requester', 'encounterClass', 'encounterType', 'period', 'diagnosis',
  'practitioner', 'serviceProvider', 'dischargeDisposition', 'appointmentWhat', 'start', 'end', 'duration', 'participants',
  'patientInstruction', 'comment', 'name', 'birthDate', 'gender', 'identifier', 'address', 'telecom', 'maritalStatus',
  'language', 'generalPractitioner', 'deceased', 'contacts', 'qualification', 'organization', 'role', 'specialty',
  'organizationType', 'relationship', 'documentTitle', 'documentType', 'author', 'custodian', 'consentKind', 'scope',
  'provisionCode', 'representative', 'policy', 'payor', 'coverageType', 'policyNumber', 'beneficiary', 'alert', 'device',
  'deviceName', 'model', 'serialNumber', 'expirationDate', 'report', 'conclusion', 'conclusionCode', 'questionnaire', 'task',
  'title', 'text', 'type', 'subject', 'basedOn', 'partOf', 'fileType', 'size', 'documents', 'file', 'specimenType',
  'collected', 'episodeType', 'diet', 'activities', 'goals', 'goal', 'achievement', 'dueDate', 'advice', 'members',
  'questionCount', 'owner', 'about', 'deadline', 'component', 'answer', 'options', 'results', 'encounter', 'attester',
] as const;
export type FieldKey = (typeof fieldKeys)[number];

/** Heading keys of groups: records.blocks.<key>. */
export const groupKeys = ['components', 'reactions', 'answers', 'sections', 'questions'] as const;
export type GroupKey = (typeof groupKeys)[number];

export interface Ctx {
  language: Language;
  names: ReferenceNames;
}

export interface Presentation {
  fields: PresentedField[];
  groups: PresentedGroup[];
}

export type Value = string | Named | Named[] | null | undefined;

export class Builder {
  readonly fields: PresentedField[] = [];
  readonly groups: PresentedGroup[] = [];
  constructor(private readonly ctx: Ctx) {}

  add(key: FieldKey, value: Value, extra: Pick<PresentedField, 'flag' | 'multiline'> = {}): this {
    const field = fieldOf(key, value, extra);
    if (field) this.fields.push(field);
    return this;
  }

  /** Reference(s) by name. */
  ref(key: FieldKey, references: unknown): this {
    return this.add(key, arr(references).map((r) => this.ctx.names.of(r)).filter((n): n is Named => n !== null));
  }

  group(key: GroupKey, items: PresentedGroup['items']): this {
    const present = items.filter((item) => item.fields.length > 0 || item.title !== null);
    if (present.length > 0) this.groups.push({ key, items: present });
    return this;
  }

  done(): Presentation {
    return { fields: this.fields, groups: this.groups };
  }
}

export function fieldOf(key: FieldKey, value: Value, extra: Pick<PresentedField, 'flag' | 'multiline'> = {}): PresentedField | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return { key, text: value, ...extra };
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return null;
  // The same name twice (a code's words and a reference saying the same) is read once.
  const names = list.filter((n, i) => list.findIndex((m) => m.text === n.text) === i);
  const text = names.map((n) => n.text).join('; ');
  return { key, text, ...(names.some((n) => n.recordId !== null) && { names }), ...extra };
}

export type Presenter = (r: FhirJson, ctx: Ctx) => Presentation;

export const word = (ctx: Ctx, set: ValueSet, code: unknown) => {
  const c = str(code);
  return c ? (valueWord(set, c, ctx.language) ?? c) : null;
};
export const status = (ctx: Ctx, code: unknown) => word(ctx, 'status', code);
export const concept = (ctx: Ctx, c: unknown) => conceptName(c, ctx.language);
export const concepts = (ctx: Ctx, c: unknown) => conceptNames(c, ctx.language);
export const date = (ctx: Ctx, value: unknown) => dateText(value, ctx.language);
export const period = (ctx: Ctx, value: unknown) => periodText(value, ctx.language);
export const quantity = (ctx: Ctx, value: unknown) => quantityText(value, ctx.language);

/** A choice element (value[x], onset[x], effective[x] …) in words; references by name. */
export function choice(ctx: Ctx, element: FhirJson, prefix: string): Value {
  for (const [key, value] of Object.entries(element)) {
    if (!key.startsWith(prefix) || key.length === prefix.length || !/^[A-Z]/.test(key.slice(prefix.length))) continue;
    switch (key.slice(prefix.length)) {
      case 'Quantity':
      case 'Age':
      case 'Duration':
      case 'SimpleQuantity':
        return quantity(ctx, value);
      case 'CodeableConcept':
      case 'Coding':
        return concept(ctx, value);
      case 'Boolean':
        return typeof value === 'boolean' ? yesNo(value, ctx.language) : null;
      case 'Integer':
      case 'Decimal':
      case 'PositiveInt':
      case 'UnsignedInt':
        return typeof value === 'number' ? quantity(ctx, { value }) : null;
      case 'DateTime':
      case 'Date':
      case 'Instant':
        return date(ctx, value);
      case 'Period':
        return period(ctx, value);
      case 'Range':
        return rangeText(value, ctx.language);
      case 'Ratio':
        return ratioText(value, ctx.language);
      case 'Reference':
        return ctx.names.of(value);
      case 'Attachment':
        return str(obj(value)?.title) ?? contentTypeText(obj(value)?.contentType, ctx.language);
      case 'Timing':
        return period(ctx, obj(obj(value)?.repeat)?.boundsPeriod) ?? date(ctx, arr(obj(value)?.event)[0]);
      case 'String':
      case 'Markdown':
      case 'Time':
        return str(value);
      default:
        return null;
    }
  }
  return null;
}

export function valueOf(ctx: Ctx, element: FhirJson): PresentedField | null {
  const direction = rangeDirection(element);
  return fieldOf('value', choice(ctx, element, 'value'), direction ? { flag: direction } : {});
}

export function referenceRanges(ctx: Ctx, element: FhirJson): string | null {
  return joined(
    objs(element.referenceRange).map((range) => {
      const text = rangeText(range, ctx.language) ?? str(range.text);
      const applies = joined([concept(ctx, range.type), concepts(ctx, range.appliesTo), rangeText(range.age, ctx.language)], ', ');
      return text && applies ? `${text} (${applies})` : text;
    }),
  );
}

export const reasons = (ctx: Ctx, r: FhirJson): Value => {
  const named = arr(r.reasonReference).map((x) => ctx.names.of(x)).filter((n): n is Named => n !== null);
  const coded = concepts(ctx, r.reasonCode);
  return coded ? [{ text: coded, recordId: null }, ...named] : named;
};
export const actors = (ctx: Ctx, list: unknown, key = 'actor'): Named[] =>
  objs(list)
    .map((p) => ctx.names.of(p[key]))
    .filter((n): n is Named => n !== null);
export const multiline = { multiline: true } as const;

