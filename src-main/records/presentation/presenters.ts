/**
 * One presenter per resource type: which fields a person wants to read, under label keys the UI
 * translates, with values in words (presentation/values.ts) and references by name (names.ts).
 * Codes, identifiers of resources and raw data (base64) are never a field: they are in the technical
 * view. Other types get the generic presenter, which shows only elements it has a label for.
 */
import type { Language } from '../../../src-preload/contract/constants';
import type { PresentedField, PresentedGroup } from '../../../src-preload/contract/records';
import { valueWord, type ValueSet } from '../../../src-preload/contract/value-sets';
import type { FhirJson } from '../../fhir/types';
import { diastolicCodes, rangeDirection, systolicCodes } from '../display';
import { dosagesLine } from '../dosage-text';
import type { Named, ReferenceNames } from './names';
import {
  addressText,
  annotationsText,
  arr,
  conceptName,
  conceptNames,
  contentTypeText,
  dateText,
  humanNameText,
  identifierText,
  joined,
  obj,
  objs,
  periodText,
  quantityText,
  rangeText,
  ratioText,
  str,
  telecomText,
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

type Value = string | Named | Named[] | null | undefined;

class Builder {
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

function fieldOf(key: FieldKey, value: Value, extra: Pick<PresentedField, 'flag' | 'multiline'> = {}): PresentedField | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return { key, text: value, ...extra };
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return null;
  // The same name twice (a code's words and a reference saying the same) is read once.
  const names = list.filter((n, i) => list.findIndex((m) => m.text === n.text) === i);
  const text = names.map((n) => n.text).join('; ');
  return { key, text, ...(names.some((n) => n.recordId !== null) && { names }), ...extra };
}

type Presenter = (r: FhirJson, ctx: Ctx) => Presentation;

const word = (ctx: Ctx, set: ValueSet, code: unknown) => {
  const c = str(code);
  return c ? (valueWord(set, c, ctx.language) ?? c) : null;
};
const status = (ctx: Ctx, code: unknown) => word(ctx, 'status', code);
const concept = (ctx: Ctx, c: unknown) => conceptName(c, ctx.language);
const concepts = (ctx: Ctx, c: unknown) => conceptNames(c, ctx.language);
const date = (ctx: Ctx, value: unknown) => dateText(value, ctx.language);
const period = (ctx: Ctx, value: unknown) => periodText(value, ctx.language);
const quantity = (ctx: Ctx, value: unknown) => quantityText(value, ctx.language);

/** A choice element (value[x], onset[x], effective[x] …) in words; references by name. */
function choice(ctx: Ctx, element: FhirJson, prefix: string): Value {
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

function valueOf(ctx: Ctx, element: FhirJson): PresentedField | null {
  const direction = rangeDirection(element);
  return fieldOf('value', choice(ctx, element, 'value'), direction ? { flag: direction } : {});
}

function referenceRanges(ctx: Ctx, element: FhirJson): string | null {
  return joined(
    objs(element.referenceRange).map((range) => {
      const text = rangeText(range, ctx.language) ?? str(range.text);
      const applies = joined([concept(ctx, range.type), concepts(ctx, range.appliesTo), rangeText(range.age, ctx.language)], ', ');
      return text && applies ? `${text} (${applies})` : text;
    }),
  );
}

const reasons = (ctx: Ctx, r: FhirJson): Value => {
  const named = arr(r.reasonReference).map((x) => ctx.names.of(x)).filter((n): n is Named => n !== null);
  const coded = concepts(ctx, r.reasonCode);
  return coded ? [{ text: coded, recordId: null }, ...named] : named;
};
const actors = (ctx: Ctx, list: unknown, key = 'actor'): Named[] =>
  objs(list)
    .map((p) => ctx.names.of(p[key]))
    .filter((n): n is Named => n !== null);
const multiline = { multiline: true } as const;

const observation: Presenter = (r, ctx) => {
  const b = new Builder(ctx).add('observationCode', concept(ctx, r.code));
  const value = valueOf(ctx, r);
  if (value) b.fields.push(value);
  b.add('referenceRange', referenceRanges(ctx, r))
    .add('interpretation', concepts(ctx, r.interpretation))
    .add('dataAbsentReason', concept(ctx, r.dataAbsentReason))
    .add('date', choice(ctx, r, 'effective'))
    .add('category', concepts(ctx, r.category))
    .add('status', status(ctx, r.status))
    .add('method', concept(ctx, r.method))
    .add('bodySite', concept(ctx, r.bodySite))
    .ref('specimen', r.specimen)
    .ref('performer', r.performer)
    .add('issued', date(ctx, r.issued))
    .add('note', annotationsText(r.note), multiline);
  return b
    .group(
      'components',
      objs(r.component).map((component) => ({
        title: componentName(ctx, component.code),
        fields: [valueOf(ctx, component) ?? fieldOf('value', concept(ctx, component.dataAbsentReason)), fieldOf('referenceRange', referenceRanges(ctx, component))].filter(
          (f): f is PresentedField => f !== null,
        ),
      })),
    )
    .done();
};

/** A blood pressure's parts in words when the sender gave only the (English) code display. */
function componentName(ctx: Ctx, code: unknown): string | null {
  const text = str(obj(code)?.text);
  if (text) return text;
  const codes = objs(obj(code)?.coding).map((c) => str(c.code));
  const en = ctx.language === 'en';
  if (codes.some((c) => c !== null && systolicCodes.has(c))) return en ? 'Systolic (upper) pressure' : 'Bovendruk (systolisch)';
  if (codes.some((c) => c !== null && diastolicCodes.has(c))) return en ? 'Diastolic (lower) pressure' : 'Onderdruk (diastolisch)';
  return concept(ctx, code);
}

const condition: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('problem', concept(ctx, r.code))
    .add('clinicalStatus', concept(ctx, r.clinicalStatus))
    .add('verificationStatus', concept(ctx, r.verificationStatus))
    .add('category', concepts(ctx, r.category))
    .add('severity', concept(ctx, r.severity))
    .add('onset', choice(ctx, r, 'onset'))
    .add('abatement', choice(ctx, r, 'abatement'))
    .add('bodySite', concepts(ctx, r.bodySite))
    .add('recordedDate', date(ctx, r.recordedDate))
    .ref('recorder', r.recorder ?? r.asserter)
    .add('note', annotationsText(r.note), multiline)
    .done();

const allergy: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('allergen', concept(ctx, r.code))
    .add('allergyType', word(ctx, 'allergyType', r.type))
    .add('allergyCategory', joined(arr(r.category).map((c) => word(ctx, 'allergyCategory', c)), ', '))
    .add('criticality', word(ctx, 'criticality', r.criticality))
    .add('clinicalStatus', concept(ctx, r.clinicalStatus))
    .add('verificationStatus', concept(ctx, r.verificationStatus))
    .add('onset', choice(ctx, r, 'onset'))
    .add('lastOccurrence', date(ctx, r.lastOccurrence))
    .add('recordedDate', date(ctx, r.recordedDate))
    .ref('recorder', r.recorder ?? r.asserter)
    .add('note', annotationsText(r.note), multiline)
    .group(
      'reactions',
      objs(r.reaction).map((reaction) => ({
        title: null,
        fields: [
          fieldOf('substance', concept(ctx, reaction.substance)),
          fieldOf('manifestation', concepts(ctx, reaction.manifestation)),
          fieldOf('reactionSeverity', word(ctx, 'severity', reaction.severity)),
          fieldOf('description', str(reaction.description)),
          fieldOf('onset', date(ctx, reaction.onset)),
          fieldOf('exposureRoute', concept(ctx, reaction.exposureRoute)),
        ].filter((f): f is PresentedField => f !== null),
      })),
    )
    .done();

const medicationResource: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('medication', concept(ctx, r.code))
    .add('form', concept(ctx, r.form))
    .add(
      'ingredients',
      joined(
        objs(r.ingredient).map((ing) => {
          const item = choice(ctx, ing, 'item');
          const itemText = typeof item === 'string' ? item : item && !Array.isArray(item) ? item.text : null;
          return joined([itemText, ratioText(ing.strength, ctx.language)], ' ');
        }),
      ),
    )
    .ref('manufacturer', r.manufacturer)
    .add('status', status(ctx, r.status))
    .done();

/** The product: its concept, a contained Medication, or the Medication record it references, by name. */
const medication = (ctx: Ctx, r: FhirJson): Value => choice(ctx, r, 'medication');

const dosagePeriod = (ctx: Ctx, dosages: unknown): string | null => {
  for (const dosage of objs(dosages)) {
    const repeat = obj(obj(dosage.timing)?.repeat);
    const bounds = period(ctx, repeat?.boundsPeriod) ?? quantity(ctx, repeat?.boundsDuration);
    if (bounds) return bounds;
  }
  return null;
};
const routes = (ctx: Ctx, dosages: unknown) => joined(objs(dosages).map((d) => concept(ctx, d.route)));

const medicationRequest: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('medication', medication(ctx, r))
    .add('dosage', dosagesLine(r.dosageInstruction, ctx.language))
    .add('route', routes(ctx, r.dosageInstruction))
    .add('usePeriod', dosagePeriod(ctx, r.dosageInstruction) ?? period(ctx, obj(r.dispenseRequest)?.validityPeriod))
    .add('authoredOn', date(ctx, r.authoredOn))
    .ref('prescriber', r.requester)
    .add('reason', reasons(ctx, r))
    .add('status', status(ctx, r.status))
    .add('intent', word(ctx, 'intent', r.intent))
    .add('quantity', quantity(ctx, obj(r.dispenseRequest)?.quantity))
    .ref('pharmacy', obj(r.dispenseRequest)?.performer)
    .ref('basedOn', r.basedOn)
    .add('note', annotationsText(r.note), multiline)
    .done();

const medicationStatement: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('medication', medication(ctx, r))
    .add('dosage', dosagesLine(r.dosage, ctx.language))
    .add('route', routes(ctx, r.dosage))
    .add('usePeriod', choice(ctx, r, 'effective') ?? dosagePeriod(ctx, r.dosage))
    .add('status', status(ctx, r.status))
    .add('statusReason', concepts(ctx, r.statusReason))
    .add('reason', reasons(ctx, r))
    .add('dateAsserted', date(ctx, r.dateAsserted))
    .ref('informationSource', r.informationSource)
    .add('note', annotationsText(r.note), multiline)
    .done();

const medicationDispense: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('medication', medication(ctx, r))
    .add('quantity', quantity(ctx, r.quantity))
    .add('daysSupply', quantity(ctx, r.daysSupply))
    .add('dosage', dosagesLine(r.dosageInstruction, ctx.language))
    .add('usePeriod', dosagePeriod(ctx, r.dosageInstruction))
    .add('whenHandedOver', date(ctx, r.whenHandedOver))
    .add('whenPrepared', date(ctx, r.whenPrepared))
    .add('pharmacy', actors(ctx, r.performer))
    .ref('location', r.location)
    .ref('basedOn', r.authorizingPrescription)
    .add('status', status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();

const medicationAdministration: Presenter = (r, ctx) => {
  const dosage = obj(r.dosage);
  return new Builder(ctx)
    .add('medication', medication(ctx, r))
    .add('administeredOn', choice(ctx, r, 'effective'))
    .add('dose', quantity(ctx, dosage?.dose) ?? str(dosage?.text))
    .add('route', concept(ctx, dosage?.route))
    .add('performer', actors(ctx, r.performer))
    .ref('basedOn', r.request)
    .add('status', status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();
};

const immunization: Presenter = (r, ctx) => {
  const protocol = objs(r.protocolApplied)[0];
  return new Builder(ctx)
    .add('vaccine', concept(ctx, r.vaccineCode))
    .add('date', choice(ctx, r, 'occurrence'))
    .add('targetDisease', concepts(ctx, protocol?.targetDisease))
    .add('doseNumber', protocol ? choice(ctx, protocol, 'doseNumber') : null)
    .add('lotNumber', str(r.lotNumber))
    .add('site', concept(ctx, r.site))
    .add('route', concept(ctx, r.route))
    .add('doseQuantity', quantity(ctx, r.doseQuantity))
    .add('performer', actors(ctx, r.performer))
    .add('status', status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();
};

const immunizationRecommendation: Presenter = (r, ctx) => {
  const rec = objs(r.recommendation)[0] ?? {};
  return new Builder(ctx)
    .add('vaccine', concepts(ctx, rec.vaccineCode))
    .add('targetDisease', concepts(ctx, rec.targetDisease))
    .add('advice', concept(ctx, rec.forecastStatus))
    .add('dueDate', joined(objs(rec.dateCriterion).map((c) => date(ctx, c.value))))
    .add('doseNumber', choice(ctx, rec, 'doseNumber'))
    .add('date', date(ctx, r.date))
    .done();
};

const procedure: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('procedure', concept(ctx, r.code))
    .add('date', choice(ctx, r, 'performed'))
    .add('bodySite', concepts(ctx, r.bodySite))
    .add('performer', actors(ctx, r.performer))
    .ref('location', r.location)
    .add('reason', reasons(ctx, r))
    .add('outcome', concept(ctx, r.outcome))
    .add('category', concept(ctx, r.category))
    .add('status', status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();

const serviceRequest: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('request', concept(ctx, r.code))
    .add('date', choice(ctx, r, 'occurrence') ?? date(ctx, r.authoredOn))
    .ref('requester', r.requester)
    .ref('performer', r.performer)
    .add('reason', reasons(ctx, r))
    .add('category', concepts(ctx, r.category))
    .add('status', status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();

const encounter: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('encounterClass', concept(ctx, r.class))
    .add('encounterType', concepts(ctx, r.type))
    .add('period', period(ctx, r.period))
    .add('reason', reasons(ctx, r))
    .add('diagnosis', objs(r.diagnosis).map((d) => ctx.names.of(d.condition)).filter((n): n is Named => n !== null))
    .add('practitioner', actors(ctx, r.participant, 'individual'))
    .ref('serviceProvider', r.serviceProvider)
    .add('location', objs(r.location).map((l) => ctx.names.of(l.location)).filter((n): n is Named => n !== null))
    .add('dischargeDisposition', concept(ctx, obj(r.hospitalization)?.dischargeDisposition))
    .add('status', status(ctx, r.status))
    .done();

const episodeOfCare: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('episodeType', concepts(ctx, r.type))
    .add('period', period(ctx, r.period))
    .add('diagnosis', objs(r.diagnosis).map((d) => ctx.names.of(d.condition)).filter((n): n is Named => n !== null))
    .ref('serviceProvider', r.managingOrganization)
    .ref('practitioner', r.careManager)
    .add('status', status(ctx, r.status))
    .done();

const appointment: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('appointmentWhat', concepts(ctx, r.serviceType) ?? concept(ctx, r.appointmentType) ?? concepts(ctx, r.specialty))
    .add('description', str(r.description))
    .add('start', date(ctx, r.start))
    .add('end', date(ctx, r.end))
    .add(
      'duration',
      typeof r.minutesDuration === 'number' ? `${r.minutesDuration} ${ctx.language === 'en' ? 'minutes' : r.minutesDuration === 1 ? 'minuut' : 'minuten'}` : null,
    )
    .add('participants', actors(ctx, r.participant))
    .add('reason', reasons(ctx, r))
    .add('patientInstruction', str(r.patientInstruction))
    .add('comment', str(r.comment))
    .add('status', status(ctx, r.status))
    .done();

const patient: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('name', humanNameText(r.name))
    .add('birthDate', date(ctx, r.birthDate))
    .add('gender', word(ctx, 'gender', r.gender))
    .add('identifier', identifierText(r.identifier, ctx.language))
    .add('address', addressText(r.address))
    .add('telecom', telecomText(r.telecom))
    .add('maritalStatus', concept(ctx, r.maritalStatus))
    .add('language', joined(objs(r.communication).map((c) => concept(ctx, c.language)), ', '))
    .ref('generalPractitioner', r.generalPractitioner)
    .add('deceased', choice(ctx, r, 'deceased'))
    .add(
      'contacts',
      joined(objs(r.contact).map((c) => joined([humanNameText(arr(c.name)), concepts(ctx, c.relationship), telecomText(c.telecom)], ', '))),
    )
    .done();

const practitioner: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('name', humanNameText(r.name))
    .add('identifier', identifierText(r.identifier, ctx.language))
    .add('qualification', joined(objs(r.qualification).map((q) => concept(ctx, q.code))))
    .add('telecom', telecomText(r.telecom))
    .add('address', addressText(r.address))
    .done();

const practitionerRole: Presenter = (r, ctx) =>
  new Builder(ctx)
    .ref('practitioner', r.practitioner)
    .ref('organization', r.organization)
    .add('role', concepts(ctx, r.code))
    .add('specialty', concepts(ctx, r.specialty))
    .ref('location', r.location)
    .add('telecom', telecomText(r.telecom))
    .add('period', period(ctx, r.period))
    .done();

const organization: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('name', str(r.name))
    .add('organizationType', concepts(ctx, r.type))
    .add('identifier', identifierText(r.identifier, ctx.language))
    .add('address', addressText(r.address))
    .add('telecom', telecomText(r.telecom))
    .done();

const relatedPerson: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('name', humanNameText(r.name))
    .add('relationship', concepts(ctx, r.relationship))
    .add('telecom', telecomText(r.telecom))
    .add('address', addressText(r.address))
    .add('period', period(ctx, r.period))
    .done();

const location: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('name', str(r.name))
    .add('description', str(r.description))
    .add('address', addressText(r.address))
    .add('telecom', telecomText(r.telecom))
    .ref('organization', r.managingOrganization)
    .done();

/** A category that only repeats the type (as letters often do) says nothing new. */
const categoryBesidesType = (ctx: Ctx, r: FhirJson): string | null => {
  const type = concept(ctx, r.type);
  const codesOf = (c: unknown) => objs(obj(c)?.coding).map((x) => `${str(x.system)}|${str(x.code)}`);
  const typeCodes = new Set(codesOf(r.type));
  const others = arr(r.category).filter((c) => !codesOf(c).some((code) => typeCodes.has(code)));
  const text = concepts(ctx, others);
  return text && text !== type ? text : null;
};

const documentReference: Presenter = (r, ctx) => {
  const attachments = objs(r.content).map((c) => obj(c.attachment) ?? {});
  return new Builder(ctx)
    .add('documentTitle', str(r.description) ?? str(attachments[0]?.title))
    .add('documentType', concept(ctx, r.type))
    .add('category', categoryBesidesType(ctx, r))
    .add('date', date(ctx, r.date) ?? date(ctx, r.indexed) ?? date(ctx, attachments[0]?.creation))
    .ref('author', r.author)
    .ref('custodian', r.custodian)
    .add('period', period(ctx, obj(r.context)?.period))
    .add('fileType', joined(attachments.map((a) => contentTypeText(a.contentType, ctx.language)), ', '))
    .add('status', status(ctx, r.docStatus) ?? status(ctx, r.status))
    .done();
};

const documentManifest: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('description', str(r.description))
    .add('documentType', concept(ctx, r.type))
    .add('date', date(ctx, r.created))
    .ref('author', r.author)
    .ref('documents', r.content)
    .add('status', status(ctx, r.status))
    .done();

const composition: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('documentTitle', str(r.title))
    .add('documentType', concept(ctx, r.type))
    .add('category', categoryBesidesType(ctx, r))
    .add('date', date(ctx, r.date))
    .ref('author', r.author)
    .add('attester', objs(r.attester).map((a) => ctx.names.of(a.party)).filter((n): n is Named => n !== null))
    .ref('custodian', r.custodian)
    .ref('encounter', r.encounter)
    .add('status', status(ctx, r.status))
    .group('sections', sectionItems(ctx, r.section, 0))
    .done();

function sectionItems(ctx: Ctx, sections: unknown, depth: number): PresentedGroup['items'] {
  if (depth > 4) return [];
  return objs(sections).flatMap((section) => [
    {
      title: str(section.title) ?? concept(ctx, section.code),
      fields: [fieldOf('text', narrativeOf(section), multiline), fieldOf('results', section.entry ? arr(section.entry).map((e) => ctx.names.of(e)).filter((n): n is Named => n !== null) : null)].filter(
        (f): f is PresentedField => f !== null,
      ),
    },
    ...sectionItems(ctx, section.section, depth + 1),
  ]);
}

const binary: Presenter = (r, ctx) => {
  const data = str(r.data);
  return new Builder(ctx)
    .add('fileType', contentTypeText(r.contentType, ctx.language))
    .add('size', data ? sizeText(Math.floor((data.replace(/=+$/, '').length * 3) / 4), ctx.language) : null)
    .ref('partOf', r.securityContext)
    .done();
};

function sizeText(bytes: number, language: Language): string {
  const kb = bytes / 1024;
  const format = (n: number) => new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 }).format(n);
  if (kb < 1) return `${bytes} B`;
  return kb < 1024 ? `${format(kb)} kB` : `${format(kb / 1024)} MB`;
}

const consent: Presenter = (r, ctx) => {
  const provision = obj(r.provision);
  return new Builder(ctx)
    .add('consentKind', concepts(ctx, r.category))
    .add('scope', concept(ctx, r.scope))
    .add('date', date(ctx, r.dateTime))
    .add('period', period(ctx, provision?.period))
    .add('provisionCode', concepts(ctx, provision?.code))
    .add('representative', actors(ctx, provision?.actor, 'reference'))
    .add('policy', joined(objs(r.policyRule ? [r.policyRule] : []).map((p) => concept(ctx, p))))
    .add('documentTitle', str(obj(r.sourceAttachment)?.title))
    .add('status', status(ctx, r.status))
    .done();
};

const coverage: Presenter = (r, ctx) =>
  new Builder(ctx)
    .ref('payor', r.payor)
    .add('coverageType', concept(ctx, r.type))
    .add('policyNumber', str(r.subscriberId) ?? identifierText(r.identifier, ctx.language))
    .ref('beneficiary', r.beneficiary)
    .add('period', period(ctx, r.period))
    .add('status', status(ctx, r.status))
    .done();

const flag: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('alert', concept(ctx, r.code))
    .add('category', concepts(ctx, r.category))
    .add('period', period(ctx, r.period))
    .ref('author', r.author)
    .add('status', status(ctx, r.status))
    .done();

const deviceNames = (r: FhirJson) => joined(objs(r.deviceName).map((n) => str(n.name)), ', ');

const device: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('device', concept(ctx, r.type) ?? deviceNames(r))
    .add('deviceName', deviceNames(r))
    .add('manufacturer', str(r.manufacturer))
    .add('model', str(r.modelNumber))
    .add('serialNumber', str(r.serialNumber) ?? joined(objs(r.udiCarrier).map((u) => str(u.deviceIdentifier)), ', '))
    .add('expirationDate', date(ctx, r.expirationDate))
    .add('status', status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();

const deviceUse: Presenter = (r, ctx) =>
  new Builder(ctx)
    .ref('device', r.device)
    .add('period', choice(ctx, r, 'timing'))
    .add('bodySite', concept(ctx, r.bodySite))
    .add('reason', reasons(ctx, r))
    .add('status', status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();

const deviceRequest: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('device', choice(ctx, r, 'code'))
    .add('date', choice(ctx, r, 'occurrence') ?? date(ctx, r.authoredOn))
    .ref('requester', r.requester)
    .add('reason', reasons(ctx, r))
    .add('status', status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();

const diagnosticReport: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('report', concept(ctx, r.code))
    .add('date', choice(ctx, r, 'effective') ?? date(ctx, r.issued))
    .add('category', concepts(ctx, r.category))
    .add('conclusion', str(r.conclusion), multiline)
    .add('conclusionCode', concepts(ctx, r.conclusionCode))
    .ref('results', r.result)
    .ref('specimen', r.specimen)
    .ref('performer', r.performer)
    .add('status', status(ctx, r.status))
    .done();

const specimen: Presenter = (r, ctx) => {
  const collection = obj(r.collection) ?? {};
  return new Builder(ctx)
    .add('specimenType', concept(ctx, r.type))
    .add('collected', choice(ctx, collection, 'collected'))
    .add('bodySite', concept(ctx, collection.bodySite))
    .ref('performer', collection.collector)
    .add('status', status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();
};

const nutritionOrder: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('diet', concepts(ctx, obj(r.oralDiet)?.type))
    .add('description', str(obj(r.oralDiet)?.instruction))
    .add('date', date(ctx, r.dateTime))
    .ref('requester', r.orderer)
    .add('status', status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();

const carePlan: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('title', str(r.title))
    .add('description', str(r.description))
    .add('category', concepts(ctx, r.category))
    .add('period', period(ctx, r.period))
    .add(
      'activities',
      joined(
        objs(r.activity).map((a) => {
          const detail = obj(a.detail) ?? {};
          return concept(ctx, detail.code) ?? str(detail.description) ?? ctx.names.of(a.reference)?.text ?? null;
        }),
      ),
    )
    .ref('goals', r.goal)
    .ref('reason', r.addresses)
    .ref('author', r.author)
    .add('status', status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();

const careTeam: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('name', str(r.name))
    .add(
      'members',
      objs(r.participant)
        .map((p) => {
          const member = ctx.names.of(p.member);
          const role = concepts(ctx, p.role);
          return member ? { ...member, text: role ? `${member.text} (${role})` : member.text } : null;
        })
        .filter((n): n is Named => n !== null),
    )
    .add('period', period(ctx, r.period))
    .ref('reason', r.reasonReference)
    .add('status', status(ctx, r.status))
    .done();

const goal: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('goal', concept(ctx, r.description))
    .add('achievement', concept(ctx, r.achievementStatus))
    .add('dueDate', joined(objs(r.target).map((t) => date(ctx, t.dueDate))))
    .add('date', date(ctx, r.startDate) ?? date(ctx, r.statusDate))
    .ref('reason', r.addresses)
    .add('status', status(ctx, r.lifecycleStatus) ?? status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();

const questionnaire: Presenter = (r, ctx) => {
  const questions: PresentedGroup['items'] = [];
  const walk = (items: unknown, depth: number) => {
    if (depth > 8) return;
    for (const item of objs(items)) {
      if (item.type !== 'group' && item.type !== 'display' && str(item.text)) {
        const options = joined(objs(item.answerOption ?? item.option).map((o) => str(o.valueString) ?? concept(ctx, o.valueCoding)), ', ');
        questions.push({ title: str(item.text), fields: options ? [{ key: 'options', text: options }] : [] });
      }
      walk(item.item, depth + 1);
    }
  };
  walk(r.item, 0);
  return new Builder(ctx)
    .add('title', str(r.title))
    .add('description', str(r.description))
    .add('date', date(ctx, r.date))
    .add('questionCount', questions.length > 0 ? String(questions.length) : null)
    .add('status', status(ctx, r.status))
    .group('questions', questions)
    .done();
};

const questionnaireResponse: Presenter = (r, ctx) => {
  const answers: PresentedField[] = [];
  const walk = (items: unknown, depth: number) => {
    if (depth > 8) return;
    for (const item of objs(items)) {
      const text = joined(
        objs(item.answer).map((a) => {
          const v = choice(ctx, a, 'value');
          return typeof v === 'string' ? v : Array.isArray(v) ? joined(v.map((n) => n.text)) : (v?.text ?? null);
        }),
        ', ',
      );
      const question = str(item.text) ?? str(item.linkId);
      if (question && text) answers.push({ key: 'answer', label: question, text });
      walk(item.item, depth + 1);
      for (const answer of objs(item.answer)) walk(answer.item, depth + 1);
    }
  };
  walk(r.item, 0);
  return new Builder(ctx)
    .add('questionnaire', ctx.names.ofUrl(r.questionnaire))
    .add('date', date(ctx, r.authored))
    .ref('author', r.author)
    .add('status', status(ctx, r.status))
    .group('answers', answers.length > 0 ? [{ title: null, fields: answers }] : [])
    .done();
};

const task: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('task', concept(ctx, r.code))
    .add('description', str(r.description))
    .ref('about', r.focus)
    .add('date', date(ctx, r.authoredOn))
    .add('period', period(ctx, r.executionPeriod))
    .add('deadline', date(ctx, obj(obj(r.restriction)?.period)?.end))
    .ref('requester', r.requester)
    .ref('owner', r.owner)
    .add('status', status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();

/** Elements the generic presenter shows (by their label key); everything else is in the technical view. */
const genericElements: ReadonlySet<string> = new Set<FieldKey>([
  'title', 'name', 'description', 'type', 'category', 'date', 'period', 'status', 'subject', 'author', 'performer',
  'requester', 'reason', 'note', 'text',
]);

/** Any element as a short readable text: concepts, references, quantities, periods, names, dates. */
function genericValue(ctx: Ctx, value: unknown, depth = 0): Value {
  if (value === null || value === undefined || depth > 2) return null;
  if (typeof value === 'boolean') return yesNo(value, ctx.language);
  if (typeof value === 'number') return quantity(ctx, { value });
  if (typeof value === 'string') return /^\d{4}-\d{2}(-\d{2})?(T.*)?$/.test(value) ? date(ctx, value) : str(value);
  if (Array.isArray(value)) {
    const parts = value.map((v) => genericValue(ctx, v, depth + 1)).filter((v): v is string | Named => typeof v === 'string' || (!!v && !Array.isArray(v)));
    if (parts.every((p) => typeof p !== 'string')) return parts as Named[];
    return joined(parts.map((p) => (typeof p === 'string' ? p : p.text)));
  }
  const o = obj(value);
  if (!o) return null;
  if ('coding' in o || 'text' in o) return concept(ctx, o);
  if ('reference' in o || 'display' in o || 'identifier' in o) return ctx.names.of(o);
  if ('value' in o && ('unit' in o || 'code' in o)) return quantity(ctx, o);
  if ('start' in o || 'end' in o) return period(ctx, o);
  if ('family' in o || 'given' in o) return humanNameText([o]);
  return null;
}

export const generic: Presenter = (r, ctx) => {
  const b = new Builder(ctx);
  for (const [key, value] of Object.entries(r)) {
    if (genericElements.has(key)) b.add(key as FieldKey, genericValue(ctx, value));
  }
  return b.done();
};

const presenters: Readonly<Record<string, Presenter>> = {
  Observation: observation,
  Condition: condition,
  AllergyIntolerance: allergy,
  Medication: medicationResource,
  MedicationRequest: medicationRequest,
  MedicationStatement: medicationStatement,
  MedicationDispense: medicationDispense,
  MedicationAdministration: medicationAdministration,
  Immunization: immunization,
  ImmunizationRecommendation: immunizationRecommendation,
  Procedure: procedure,
  ServiceRequest: serviceRequest,
  Encounter: encounter,
  EpisodeOfCare: episodeOfCare,
  Appointment: appointment,
  Patient: patient,
  Practitioner: practitioner,
  PractitionerRole: practitionerRole,
  Organization: organization,
  RelatedPerson: relatedPerson,
  Location: location,
  DocumentReference: documentReference,
  DocumentManifest: documentManifest,
  Composition: composition,
  Binary: binary,
  Consent: consent,
  Coverage: coverage,
  Flag: flag,
  Device: device,
  DeviceUseStatement: deviceUse,
  DeviceUsage: deviceUse,
  DeviceRequest: deviceRequest,
  DiagnosticReport: diagnosticReport,
  Specimen: specimen,
  NutritionOrder: nutritionOrder,
  CarePlan: carePlan,
  CareTeam: careTeam,
  Goal: goal,
  Questionnaire: questionnaire,
  QuestionnaireResponse: questionnaireResponse,
  Task: task,
};

export function presentResource(resource: FhirJson, ctx: Ctx): Presentation {
  const presenter = presenters[String(resource.resourceType)] ?? generic;
  return presenter(resource, ctx);
}

/** The narrative (Narrative.div, XHTML) as plain text: tags dropped, entities decoded, never HTML. */
export function narrativeOf(element: FhirJson): string | null {
  const div = str(obj(element.text)?.div);
  if (!div) return null;
  const text = div
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => decodeEntity(name) ?? entity)
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
  return text || null;
}

const namedEntities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntity(name: string): string | null {
  if (!name.startsWith('#')) return namedEntities[name.toLowerCase()] ?? null;
  const point = /^#x/i.test(name) ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : null;
}
