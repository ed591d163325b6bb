/** Presenters of medicines and the records of the medication process (agreement, use, dispense, administration). */
import type { FhirJson } from '../../fhir/types';
import { dosagesLine } from '../dosage-text';
import {
  actors,
  Builder,
  choice,
  concept,
  concepts,
  type Ctx,
  date,
  multiline,
  period,
  type Presenter,
  quantity,
  reasons,
  status,
  type Value,
  word,
} from './builder';
import { annotationsText, joined, obj, objs, ratioText, str } from './values';

export const medicationResource: Presenter = (r, ctx) =>
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

export const medicationRequest: Presenter = (r, ctx) =>
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

export const medicationStatement: Presenter = (r, ctx) =>
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

export const medicationDispense: Presenter = (r, ctx) =>
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

export const medicationAdministration: Presenter = (r, ctx) => {
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

