/**
 * One presenter per resource type: which fields a patient wants to read, under Dutch labels, with
 * code displays (codes still visible), units and dates in words. Unknown types get the generic
 * presenter, which still shows names, codes, dates and texts readably.
 */
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { Language } from '../../../../src-preload/contract/constants';
import {
  addressText,
  annotationsText,
  arr,
  choiceText,
  codingText,
  conceptText,
  conceptsText,
  humanNameText,
  identifierText,
  obj,
  objs,
  periodText,
  quantityText,
  rangeFlag,
  rangeText,
  referenceText,
  referencesText,
  str,
  telecomText,
  type Json,
} from '../common/fhir';
import { formatDate, formatNumber } from '../common/format';
import { RangeMarker } from '../common/RangeMarker';
import { statusText } from '../common/typeNames';

export interface Field {
  key: string;
  label: string;
  value: ReactNode;
}

export interface Presentation {
  fields: Field[];
  /** Extra blocks under the fields: components, reactions, … */
  blocks: Array<{ key: string; title: string; content: ReactNode }>;
}

interface Ctx {
  t: TFunction;
  language: Language;
}

type Presenter = (resource: Json, ctx: Ctx) => Presentation;

class Builder {
  readonly fields: Field[] = [];
  readonly blocks: Presentation['blocks'] = [];
  constructor(private readonly ctx: Ctx) {}
  add(key: string, value: ReactNode | null | undefined): this {
    if (value === null || value === undefined || value === '' || value === false) return this;
    this.fields.push({ key, label: this.ctx.t(`records.fields.${key}`), value });
    return this;
  }
  block(key: string, content: ReactNode | null): this {
    if (content) this.blocks.push({ key, title: this.ctx.t(`records.blocks.${key}`), content });
    return this;
  }
  done(): Presentation {
    return { fields: this.fields, blocks: this.blocks };
  }
}

const status = (ctx: Ctx, value: unknown) => statusText(ctx.t, str(value));
const conceptStatus = (ctx: Ctx, concept: unknown) => {
  const code = str(objs(obj(concept)?.coding)[0]?.code);
  return code ? statusText(ctx.t, code) : conceptText(concept);
};
const date = (ctx: Ctx, value: unknown) => formatDate(str(value), ctx.language) || null;
const choice = (ctx: Ctx, resource: Json, prefix: string) => choiceText(resource, prefix, ctx.language);
const multiline = (text: string | null) => (text ? <span className="pre-line">{text}</span> : null);

function valueWithMarker(ctx: Ctx, resource: Json): ReactNode {
  const value = choice(ctx, resource, 'value');
  if (!value) return null;
  const flag = rangeFlag(resource);
  return (
    <span className="value-line" data-testid="observation-value">
      <span className="value-main">{value}</span>
      {flag && <RangeMarker flag={flag} />}
    </span>
  );
}

function referenceRanges(ctx: Ctx, resource: Json): ReactNode {
  const ranges = objs(resource.referenceRange)
    .map((range) => {
      const text = rangeText(range, ctx.language) ?? str(range.text);
      const applies = [conceptText(range.type), conceptsText(range.appliesTo), rangeText(range.age, ctx.language)]
        .filter(Boolean)
        .join(', ');
      return text ? (applies ? `${text} (${applies})` : text) : null;
    })
    .filter((r): r is string => r !== null);
  if (!ranges.length) return null;
  return <span data-testid="reference-range">{ranges.join('; ')}</span>;
}

export function dosageText(dosage: unknown, ctx: Ctx): string | null {
  const d = obj(dosage);
  if (!d) return null;
  const text = str(d.text);
  if (text) return text;
  const parts: string[] = [];
  const repeat = obj(obj(d.timing)?.repeat);
  const dose = objs(d.doseAndRate)[0];
  const doseText = quantityText(dose?.doseQuantity, ctx.language) ?? rangeText(dose?.doseRange, ctx.language);
  if (repeat) {
    const frequency = typeof repeat.frequency === 'number' ? repeat.frequency : null;
    const period = typeof repeat.period === 'number' ? repeat.period : null;
    const unit = str(repeat.periodUnit);
    if (frequency && period && unit) {
      const unitText = ctx.t(`records.dosage.units.${unit}`, { count: period, defaultValue: unit });
      const per = period === 1 ? unitText : `${formatNumber(period, ctx.language)} ${unitText}`;
      parts.push(ctx.t('records.dosage.frequency', { count: frequency, per }));
    }
  }
  if (doseText) parts.push(ctx.t('records.dosage.dose', { dose: doseText }));
  const when = arr(repeat?.when).map(str).filter(Boolean);
  if (when.length) parts.push(when.map((w) => ctx.t(`records.dosage.when.${w}`, { defaultValue: w })).join(', '));
  if (d.asNeededBoolean === true) parts.push(ctx.t('records.dosage.asNeeded'));
  const asNeeded = conceptText(d.asNeededCodeableConcept);
  if (asNeeded) parts.push(ctx.t('records.dosage.asNeededFor', { reason: asNeeded }));
  const route = conceptText(d.route);
  if (route) parts.push(route);
  const additional = conceptsText(d.additionalInstruction);
  if (additional) parts.push(additional);
  const patient = str(d.patientInstruction);
  if (patient) parts.push(patient);
  return parts.length ? parts.join(', ') : null;
}

function dosagesText(dosages: unknown, ctx: Ctx): ReactNode {
  const list = arr(dosages)
    .map((d) => dosageText(d, ctx))
    .filter((d): d is string => d !== null);
  return list.length ? <span data-testid="dosage">{list.join('; ')}</span> : null;
}

function dosagePeriod(dosages: unknown, ctx: Ctx): string | null {
  for (const dosage of objs(dosages)) {
    const bounds = periodText(obj(obj(dosage.timing)?.repeat)?.boundsPeriod, ctx.language);
    if (bounds) return bounds;
    const duration = quantityText(obj(obj(dosage.timing)?.repeat)?.boundsDuration, ctx.language);
    if (duration) return duration;
  }
  return null;
}

const medication = (ctx: Ctx, r: Json) => choice(ctx, r, 'medication');
const reasons = (r: Json) => [conceptsText(r.reasonCode), referencesText(r.reasonReference)].filter(Boolean).join('; ') || null;
const actors = (list: unknown, key = 'actor') =>
  objs(list)
    .map((p) => referenceText(p[key]))
    .filter(Boolean)
    .join('; ') || null;

const observation: Presenter = (r, ctx) => {
  const b = new Builder(ctx)
    .add('observationCode', conceptText(r.code))
    .add('value', valueWithMarker(ctx, r))
    .add('referenceRange', referenceRanges(ctx, r))
    .add('interpretation', conceptsText(r.interpretation))
    .add('dataAbsentReason', conceptText(r.dataAbsentReason))
    .add('date', choice(ctx, r, 'effective'))
    .add('category', conceptsText(r.category))
    .add('status', status(ctx, r.status))
    .add('method', conceptText(r.method))
    .add('bodySite', conceptText(r.bodySite))
    .add('specimen', referenceText(r.specimen))
    .add('performer', referencesText(r.performer))
    .add('issued', date(ctx, r.issued))
    .add('note', multiline(annotationsText(r.note)));
  const components = objs(r.component);
  if (components.length) {
    b.block(
      'components',
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{ctx.t('records.fields.component')}</th>
            <th scope="col">{ctx.t('records.fields.value')}</th>
            <th scope="col">{ctx.t('records.fields.referenceRange')}</th>
          </tr>
        </thead>
        <tbody>
          {components.map((component, index) => (
            <tr key={index}>
              <th scope="row">{conceptText(component.code)}</th>
              <td>{valueWithMarker(ctx, component) ?? conceptText(component.dataAbsentReason)}</td>
              <td>{referenceRanges(ctx, component)}</td>
            </tr>
          ))}
        </tbody>
      </table>,
    );
  }
  return b.done();
};

const condition: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('problem', conceptText(r.code))
    .add('clinicalStatus', conceptStatus(ctx, r.clinicalStatus))
    .add('verificationStatus', conceptStatus(ctx, r.verificationStatus))
    .add('category', conceptsText(r.category))
    .add('severity', conceptText(r.severity))
    .add('onset', choice(ctx, r, 'onset'))
    .add('abatement', choice(ctx, r, 'abatement'))
    .add('bodySite', conceptsText(r.bodySite))
    .add('recordedDate', date(ctx, r.recordedDate))
    .add('recorder', referenceText(r.recorder) ?? referenceText(r.asserter))
    .add('note', multiline(annotationsText(r.note)))
    .done();

const allergy: Presenter = (r, ctx) => {
  const b = new Builder(ctx)
    .add('allergen', conceptText(r.code))
    .add('allergyType', str(r.type) ? ctx.t(`records.values.allergyType.${str(r.type)}`, { defaultValue: str(r.type) }) : null)
    .add(
      'allergyCategory',
      arr(r.category)
        .map((c) => ctx.t(`records.values.allergyCategory.${str(c)}`, { defaultValue: str(c) ?? '' }))
        .join(', ') || null,
    )
    .add('criticality', str(r.criticality) ? ctx.t(`records.values.criticality.${str(r.criticality)}`, { defaultValue: str(r.criticality) }) : null)
    .add('clinicalStatus', conceptStatus(ctx, r.clinicalStatus))
    .add('verificationStatus', conceptStatus(ctx, r.verificationStatus))
    .add('onset', choice(ctx, r, 'onset'))
    .add('lastOccurrence', date(ctx, r.lastOccurrence))
    .add('recordedDate', date(ctx, r.recordedDate))
    .add('recorder', referenceText(r.recorder) ?? referenceText(r.asserter))
    .add('note', multiline(annotationsText(r.note)));
  const reactions = objs(r.reaction);
  if (reactions.length) {
    b.block(
      'reactions',
      <ul className="plain-list">
        {reactions.map((reaction, index) => (
          <li key={index}>
            <dl className="fields fields-compact">
              {[
                ['substance', conceptText(reaction.substance)],
                ['manifestation', conceptsText(reaction.manifestation)],
                ['reactionSeverity', str(reaction.severity) ? ctx.t(`records.values.severity.${str(reaction.severity)}`, { defaultValue: str(reaction.severity) }) : null],
                ['description', str(reaction.description)],
                ['onset', date(ctx, reaction.onset)],
                ['exposureRoute', conceptText(reaction.exposureRoute)],
              ]
                .filter(([, v]) => v)
                .map(([k, v]) => (
                  <div key={k} className="field-row">
                    <dt>{ctx.t(`records.fields.${k}`)}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
            </dl>
          </li>
        ))}
      </ul>,
    );
  }
  return b.done();
};

const medicationResource: Presenter = (r, ctx) => {
  const ingredients = objs(r.ingredient)
    .map((ing) => {
      const item = choice(ctx, ing, 'item');
      const strength = obj(ing.strength);
      const n = quantityText(strength?.numerator, ctx.language);
      const d = quantityText(strength?.denominator, ctx.language);
      return [item, n ? (d ? `${n} / ${d}` : n) : null].filter(Boolean).join(' ');
    })
    .filter(Boolean);
  return new Builder(ctx)
    .add('medication', conceptText(r.code))
    .add('form', conceptText(r.form))
    .add('ingredients', ingredients.join('; ') || null)
    .add('manufacturer', referenceText(r.manufacturer))
    .add('status', status(ctx, r.status))
    .done();
};

const medicationRequest: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('medication', medication(ctx, r))
    .add('dosage', dosagesText(r.dosageInstruction, ctx))
    .add('usePeriod', dosagePeriod(r.dosageInstruction, ctx) ?? periodText(obj(r.dispenseRequest)?.validityPeriod, ctx.language))
    .add('authoredOn', date(ctx, r.authoredOn))
    .add('prescriber', referenceText(r.requester))
    .add('reason', reasons(r))
    .add('status', status(ctx, r.status))
    .add('intent', str(r.intent) ? ctx.t(`records.values.intent.${str(r.intent)}`, { defaultValue: str(r.intent) }) : null)
    .add('category', conceptsText(r.category))
    .add('note', multiline(annotationsText(r.note)))
    .done();

const medicationStatement: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('medication', medication(ctx, r))
    .add('dosage', dosagesText(r.dosage, ctx))
    .add('usePeriod', choice(ctx, r, 'effective') ?? dosagePeriod(r.dosage, ctx))
    .add('status', status(ctx, r.status))
    .add('statusReason', conceptsText(r.statusReason))
    .add('reason', reasons(r))
    .add('dateAsserted', date(ctx, r.dateAsserted))
    .add('informationSource', referenceText(r.informationSource))
    .add('category', conceptText(r.category))
    .add('note', multiline(annotationsText(r.note)))
    .done();

const medicationDispense: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('medication', medication(ctx, r))
    .add('quantity', quantityText(r.quantity, ctx.language))
    .add('daysSupply', quantityText(r.daysSupply, ctx.language))
    .add('dosage', dosagesText(r.dosageInstruction, ctx))
    .add('whenHandedOver', date(ctx, r.whenHandedOver))
    .add('whenPrepared', date(ctx, r.whenPrepared))
    .add('pharmacy', actors(r.performer) ?? referenceText(r.location))
    .add('status', status(ctx, r.status))
    .add('note', multiline(annotationsText(r.note)))
    .done();

const medicationAdministration: Presenter = (r, ctx) => {
  const dosage = obj(r.dosage);
  return new Builder(ctx)
    .add('medication', medication(ctx, r))
    .add('administeredOn', choice(ctx, r, 'effective'))
    .add('dose', quantityText(dosage?.dose, ctx.language) ?? str(dosage?.text))
    .add('route', conceptText(dosage?.route))
    .add('performer', actors(r.performer))
    .add('status', status(ctx, r.status))
    .add('note', multiline(annotationsText(r.note)))
    .done();
};

const immunization: Presenter = (r, ctx) => {
  const protocol = objs(r.protocolApplied)[0];
  return new Builder(ctx)
    .add('vaccine', conceptText(r.vaccineCode))
    .add('date', choice(ctx, r, 'occurrence'))
    .add('targetDisease', conceptsText(protocol?.targetDisease))
    .add('doseNumber', protocol ? choice(ctx, protocol, 'doseNumber') : null)
    .add('lotNumber', str(r.lotNumber))
    .add('site', conceptText(r.site))
    .add('route', conceptText(r.route))
    .add('doseQuantity', quantityText(r.doseQuantity, ctx.language))
    .add('performer', actors(r.performer))
    .add('status', status(ctx, r.status))
    .add('note', multiline(annotationsText(r.note)))
    .done();
};

const procedure: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('procedure', conceptText(r.code))
    .add('date', choice(ctx, r, 'performed'))
    .add('bodySite', conceptsText(r.bodySite))
    .add('performer', actors(r.performer))
    .add('location', referenceText(r.location))
    .add('reason', reasons(r))
    .add('outcome', conceptText(r.outcome))
    .add('category', conceptText(r.category))
    .add('status', status(ctx, r.status))
    .add('note', multiline(annotationsText(r.note)))
    .done();

const serviceRequest: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('request', conceptText(r.code))
    .add('date', choice(ctx, r, 'occurrence') ?? date(ctx, r.authoredOn))
    .add('requester', referenceText(r.requester))
    .add('performer', referencesText(r.performer))
    .add('reason', reasons(r))
    .add('category', conceptsText(r.category))
    .add('status', status(ctx, r.status))
    .add('note', multiline(annotationsText(r.note)))
    .done();

const encounter: Presenter = (r, ctx) => {
  const diagnoses = objs(r.diagnosis)
    .map((d) => referenceText(d.condition))
    .filter(Boolean)
    .join('; ');
  return new Builder(ctx)
    .add('encounterClass', codingText(obj(r.class)) ?? conceptsText(r.class))
    .add('encounterType', conceptsText(r.type))
    .add('period', periodText(r.period, ctx.language))
    .add('reason', reasons(r))
    .add('diagnosis', diagnoses || null)
    .add('practitioner', actors(r.participant, 'individual'))
    .add('serviceProvider', referenceText(r.serviceProvider))
    .add('dischargeDisposition', conceptText(obj(r.hospitalization)?.dischargeDisposition))
    .add('status', status(ctx, r.status))
    .done();
};

const appointment: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('appointmentWhat', conceptsText(r.serviceType) ?? conceptText(r.appointmentType) ?? conceptsText(r.specialty))
    .add('description', str(r.description))
    .add('start', date(ctx, r.start))
    .add('end', date(ctx, r.end))
    .add('duration', typeof r.minutesDuration === 'number' ? ctx.t('records.values.minutes', { count: r.minutesDuration }) : null)
    .add('participants', actors(r.participant))
    .add('reason', [conceptsText(r.reasonCode), referencesText(r.reasonReference)].filter(Boolean).join('; ') || null)
    .add('patientInstruction', str(r.patientInstruction))
    .add('comment', str(r.comment))
    .add('status', status(ctx, r.status))
    .done();

const patient: Presenter = (r, ctx) => {
  const contacts = objs(r.contact)
    .map((c) => [humanNameText(arr(c.name)), conceptsText(c.relationship), telecomText(c.telecom)].filter(Boolean).join(', '))
    .filter(Boolean);
  return new Builder(ctx)
    .add('name', humanNameText(r.name))
    .add('birthDate', date(ctx, r.birthDate))
    .add('gender', str(r.gender) ? ctx.t(`records.values.gender.${str(r.gender)}`, { defaultValue: str(r.gender) }) : null)
    .add('identifier', identifierText(r.identifier))
    .add('address', addressText(r.address))
    .add('telecom', telecomText(r.telecom))
    .add('maritalStatus', conceptText(r.maritalStatus))
    .add('language', objs(r.communication).map((c) => conceptText(c.language)).filter(Boolean).join(', ') || null)
    .add('generalPractitioner', referencesText(r.generalPractitioner))
    .add('deceased', choice(ctx, r, 'deceased'))
    .add('contacts', contacts.join('; ') || null)
    .done();
};

const practitioner: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('name', humanNameText(r.name))
    .add('identifier', identifierText(r.identifier))
    .add('qualification', objs(r.qualification).map((q) => conceptText(q.code)).filter(Boolean).join('; ') || null)
    .add('telecom', telecomText(r.telecom))
    .add('address', addressText(r.address))
    .done();

const practitionerRole: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('practitioner', referenceText(r.practitioner))
    .add('organization', referenceText(r.organization))
    .add('role', conceptsText(r.code))
    .add('specialty', conceptsText(r.specialty))
    .add('telecom', telecomText(r.telecom))
    .add('period', periodText(r.period, ctx.language))
    .done();

const organization: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('name', str(r.name))
    .add('organizationType', conceptsText(r.type))
    .add('identifier', identifierText(r.identifier))
    .add('address', addressText(r.address))
    .add('telecom', telecomText(r.telecom))
    .done();

const relatedPerson: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('name', humanNameText(r.name))
    .add('relationship', conceptsText(r.relationship))
    .add('telecom', telecomText(r.telecom))
    .add('address', addressText(r.address))
    .add('period', periodText(r.period, ctx.language))
    .done();

const documentReference: Presenter = (r, ctx) => {
  const attachments = objs(r.content).map((c) => obj(c.attachment));
  return new Builder(ctx)
    .add('documentTitle', str(r.description) ?? str(attachments[0]?.title))
    .add('documentType', conceptText(r.type))
    .add('category', conceptsText(r.category))
    .add('date', date(ctx, r.date) ?? date(ctx, attachments[0]?.creation))
    .add('author', referencesText(r.author))
    .add('custodian', referenceText(r.custodian))
    .add('period', periodText(obj(r.context)?.period, ctx.language))
    .add('status', status(ctx, r.status))
    .done();
};

const consent: Presenter = (r, ctx) => {
  const provision = obj(r.provision);
  return new Builder(ctx)
    .add('consentKind', conceptsText(r.category))
    .add('scope', conceptText(r.scope))
    .add('date', date(ctx, r.dateTime))
    .add('period', periodText(provision?.period, ctx.language))
    .add('provisionCode', conceptsText(provision?.code))
    .add('representative', actors(provision?.actor, 'reference'))
    .add('policy', objs(r.policyRule ? [r.policyRule] : r.policy).map((p) => conceptText(p) ?? str(p.uri)).filter(Boolean).join('; ') || null)
    .add('documentTitle', str(obj(r.sourceAttachment)?.title))
    .add('status', status(ctx, r.status))
    .done();
};

const coverage: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('payor', referencesText(r.payor))
    .add('coverageType', conceptText(r.type))
    .add('policyNumber', str(r.subscriberId) ?? identifierText(r.identifier))
    .add('beneficiary', referenceText(r.beneficiary))
    .add('period', periodText(r.period, ctx.language))
    .add('status', status(ctx, r.status))
    .done();

const flag: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('alert', conceptText(r.code))
    .add('category', conceptsText(r.category))
    .add('period', periodText(r.period, ctx.language))
    .add('author', referenceText(r.author))
    .add('status', status(ctx, r.status))
    .done();

const device: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('device', conceptText(r.type) ?? objs(r.deviceName).map((n) => str(n.name)).filter(Boolean).join(', '))
    .add('deviceName', objs(r.deviceName).map((n) => str(n.name)).filter(Boolean).join(', ') || null)
    .add('manufacturer', str(r.manufacturer))
    .add('model', str(r.modelNumber))
    .add('serialNumber', str(r.serialNumber) ?? (objs(r.udiCarrier).map((u) => str(u.deviceIdentifier)).filter(Boolean).join(', ') || null))
    .add('expirationDate', date(ctx, r.expirationDate))
    .add('status', status(ctx, r.status))
    .add('note', multiline(annotationsText(r.note)))
    .done();

const deviceUse: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('device', referenceText(r.device))
    .add('period', choice(ctx, r, 'timing'))
    .add('bodySite', conceptText(r.bodySite))
    .add('reason', [conceptsText(r.reasonCode), referencesText(r.reasonReference)].filter(Boolean).join('; ') || null)
    .add('status', status(ctx, r.status))
    .add('note', multiline(annotationsText(r.note)))
    .done();

const diagnosticReport: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('report', conceptText(r.code))
    .add('date', choice(ctx, r, 'effective') ?? date(ctx, r.issued))
    .add('category', conceptsText(r.category))
    .add('conclusion', multiline(str(r.conclusion)))
    .add('conclusionCode', conceptsText(r.conclusionCode))
    .add('performer', referencesText(r.performer))
    .add('status', status(ctx, r.status))
    .done();

const questionnaireResponse: Presenter = (r, ctx) => {
  const b = new Builder(ctx)
    .add('questionnaire', str(r.questionnaire))
    .add('date', date(ctx, r.authored))
    .add('author', referenceText(r.author))
    .add('status', status(ctx, r.status));
  const rows: Array<{ q: string; a: string }> = [];
  const walk = (items: unknown, depth: number) => {
    if (depth > 8) return;
    for (const item of objs(items)) {
      const answers = objs(item.answer)
        .map((a) => choice(ctx, a, 'value'))
        .filter(Boolean)
        .join(', ');
      rows.push({ q: str(item.text) ?? str(item.linkId) ?? '', a: answers });
      walk(item.item, depth + 1);
      for (const answer of objs(item.answer)) walk(answer.item, depth + 1);
    }
  };
  walk(r.item, 0);
  if (rows.length)
    b.block(
      'answers',
      <dl className="fields">
        {rows.map((row, i) => (
          <div key={i} className="field-row">
            <dt>{row.q}</dt>
            <dd>{row.a || '—'}</dd>
          </div>
        ))}
      </dl>,
    );
  return b.done();
};

const task: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('task', conceptText(r.code) ?? str(r.description))
    .add('description', str(r.description))
    .add('date', date(ctx, r.authoredOn))
    .add('period', periodText(r.executionPeriod, ctx.language))
    .add('status', status(ctx, r.status))
    .done();

const skipGeneric = new Set(['resourceType', 'id', 'meta', 'text', 'contained', 'extension', 'modifierExtension', 'implicitRules', 'language']);

/** Any value as a short readable text: concepts, references, quantities, periods, names, dates. */
function genericValue(value: unknown, ctx: Ctx, depth = 0): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return ctx.t(value ? 'records.values.yes' : 'records.values.no');
  if (typeof value === 'number') return formatNumber(value, ctx.language);
  if (typeof value === 'string') return /^\d{4}-\d{2}(-\d{2})?(T.*)?$/.test(value) ? formatDate(value, ctx.language) : value;
  if (Array.isArray(value)) {
    const parts = value.map((v) => genericValue(v, ctx, depth)).filter(Boolean);
    return parts.length ? parts.join('; ') : null;
  }
  const o = obj(value);
  if (!o) return null;
  if ('coding' in o || ('text' in o && Object.keys(o).length === 1)) return conceptText(o);
  if ('system' in o && 'code' in o) return codingText(o);
  if ('reference' in o || 'display' in o) return referenceText(o);
  if ('value' in o && ('unit' in o || 'code' in o)) return quantityText(o, ctx.language);
  if ('start' in o || 'end' in o) return periodText(o, ctx.language);
  if ('family' in o || 'given' in o) return humanNameText([o]);
  if ('contentType' in o) return str(o.title) ?? str(o.contentType);
  if (depth >= 2) return null;
  const parts = Object.entries(o)
    .filter(([k]) => !skipGeneric.has(k))
    .map(([k, v]) => {
      const text = genericValue(v, ctx, depth + 1);
      return text ? `${ctx.t(`records.fields.${k}`, { defaultValue: humanize(k) })}: ${text}` : null;
    })
    .filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const generic: Presenter = (r, ctx) => {
  const b = new Builder(ctx);
  for (const [key, value] of Object.entries(r)) {
    if (skipGeneric.has(key)) continue;
    const text = genericValue(value, ctx);
    if (!text) continue;
    b.fields.push({ key, label: ctx.t(`records.fields.${key}`, { defaultValue: humanize(key) }), value: text });
  }
  return b.done();
};

const presenters: Record<string, Presenter> = {
  Observation: observation,
  Condition: condition,
  AllergyIntolerance: allergy,
  Medication: medicationResource,
  MedicationRequest: medicationRequest,
  MedicationStatement: medicationStatement,
  MedicationDispense: medicationDispense,
  MedicationAdministration: medicationAdministration,
  Immunization: immunization,
  Procedure: procedure,
  ServiceRequest: serviceRequest,
  Encounter: encounter,
  Appointment: appointment,
  Patient: patient,
  Practitioner: practitioner,
  PractitionerRole: practitionerRole,
  Organization: organization,
  RelatedPerson: relatedPerson,
  DocumentReference: documentReference,
  Consent: consent,
  Coverage: coverage,
  Flag: flag,
  Device: device,
  DeviceUseStatement: deviceUse,
  DeviceUsage: deviceUse,
  DiagnosticReport: diagnosticReport,
  QuestionnaireResponse: questionnaireResponse,
  Task: task,
};

export function present(resource: Json, ctx: Ctx): Presentation {
  const type = str(resource.resourceType) ?? '';
  const presenter = presenters[type] ?? generic;
  const result = presenter(resource, ctx);
  // Never an empty page: fall back to the generic view when a specific presenter found nothing.
  return result.fields.length || result.blocks.length ? result : generic(resource, ctx);
}

/** The narrative a provider may include, as plain text (never rendered as HTML). */
export function narrativeText(resource: Json): string | null {
  const div = str(obj(resource.text)?.div);
  if (!div) return null;
  const doc = new DOMParser().parseFromString(div, 'text/html');
  const text = (doc.body.textContent ?? '').replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim();
  return text || null;
}
