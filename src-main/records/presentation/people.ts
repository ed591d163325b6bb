/** Presenters of people and places: the patient, care providers, their roles, organizations, contacts, locations. */
import { Builder, choice, concept, concepts, date, period, type Presenter, word } from './builder';
import { addressText, arr, humanNameText, identifierText, joined, objs, str, telecomText } from './values';

export const patient: Presenter = (r, ctx) =>
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

export const practitioner: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('name', humanNameText(r.name))
    .add('identifier', identifierText(r.identifier, ctx.language))
    .add('qualification', joined(objs(r.qualification).map((q) => concept(ctx, q.code))))
    .add('telecom', telecomText(r.telecom))
    .add('address', addressText(r.address))
    .done();

export const practitionerRole: Presenter = (r, ctx) =>
  new Builder(ctx)
    .ref('practitioner', r.practitioner)
    .ref('organization', r.organization)
    .add('role', concepts(ctx, r.code))
    .add('specialty', concepts(ctx, r.specialty))
    .ref('location', r.location)
    .add('telecom', telecomText(r.telecom))
    .add('period', period(ctx, r.period))
    .done();

export const organization: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('name', str(r.name))
    .add('organizationType', concepts(ctx, r.type))
    .add('identifier', identifierText(r.identifier, ctx.language))
    .add('address', addressText(r.address))
    .add('telecom', telecomText(r.telecom))
    .done();

export const relatedPerson: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('name', humanNameText(r.name))
    .add('relationship', concepts(ctx, r.relationship))
    .add('telecom', telecomText(r.telecom))
    .add('address', addressText(r.address))
    .add('period', period(ctx, r.period))
    .done();

export const location: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('name', str(r.name))
    .add('description', str(r.description))
    .add('address', addressText(r.address))
    .add('telecom', telecomText(r.telecom))
    .ref('organization', r.managingOrganization)
    .done();

