/** Presenters of clinical findings: measurements and results, problems, allergies, procedures, vaccinations, alerts. */
import type { PresentedField } from '../../../src-preload/contract/records';
import { diastolicCodes, systolicCodes } from '../display';
import {
  actors,
  Builder,
  choice,
  concept,
  concepts,
  type Ctx,
  date,
  fieldOf,
  multiline,
  period,
  type Presenter,
  quantity,
  reasons,
  referenceRanges,
  status,
  valueOf,
  word,
} from './builder';
import { annotationsText, arr, joined, obj, objs, str } from './values';

export const observation: Presenter = (r, ctx) => {
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

export const condition: Presenter = (r, ctx) =>
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

export const allergy: Presenter = (r, ctx) =>
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

export const immunization: Presenter = (r, ctx) => {
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

export const immunizationRecommendation: Presenter = (r, ctx) => {
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

export const procedure: Presenter = (r, ctx) =>
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

export const serviceRequest: Presenter = (r, ctx) =>
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

export const flag: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('alert', concept(ctx, r.code))
    .add('category', concepts(ctx, r.category))
    .add('period', period(ctx, r.period))
    .ref('author', r.author)
    .add('status', status(ctx, r.status))
    .done();

export const diagnosticReport: Presenter = (r, ctx) =>
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

export const specimen: Presenter = (r, ctx) => {
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

