/** Presenters of care: contacts, appointments, requests, directives, insurance, devices, plans, goals, questionnaires, tasks. */
import type { PresentedField, PresentedGroup } from '../../../src-preload/contract/records';
import type { FhirJson } from '../../fhir/types';
import { actors, Builder, choice, concept, concepts, date, multiline, period, type Presenter, reasons, status } from './builder';
import type { Named } from './names';
import { annotationsText, identifierText, joined, obj, objs, str } from './values';

export const encounter: Presenter = (r, ctx) =>
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

export const episodeOfCare: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('episodeType', concepts(ctx, r.type))
    .add('period', period(ctx, r.period))
    .add('diagnosis', objs(r.diagnosis).map((d) => ctx.names.of(d.condition)).filter((n): n is Named => n !== null))
    .ref('serviceProvider', r.managingOrganization)
    .ref('practitioner', r.careManager)
    .add('status', status(ctx, r.status))
    .done();

export const appointment: Presenter = (r, ctx) =>
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

export const consent: Presenter = (r, ctx) => {
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

export const coverage: Presenter = (r, ctx) =>
  new Builder(ctx)
    .ref('payor', r.payor)
    .add('coverageType', concept(ctx, r.type))
    .add('policyNumber', str(r.subscriberId) ?? identifierText(r.identifier, ctx.language))
    .ref('beneficiary', r.beneficiary)
    .add('period', period(ctx, r.period))
    .add('status', status(ctx, r.status))
    .done();

const deviceNames = (r: FhirJson) => joined(objs(r.deviceName).map((n) => str(n.name)), ', ');

export const device: Presenter = (r, ctx) =>
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

export const deviceUse: Presenter = (r, ctx) =>
  new Builder(ctx)
    .ref('device', r.device)
    .add('period', choice(ctx, r, 'timing'))
    .add('bodySite', concept(ctx, r.bodySite))
    .add('reason', reasons(ctx, r))
    .add('status', status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();

export const deviceRequest: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('device', choice(ctx, r, 'code'))
    .add('date', choice(ctx, r, 'occurrence') ?? date(ctx, r.authoredOn))
    .ref('requester', r.requester)
    .add('reason', reasons(ctx, r))
    .add('status', status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();

export const nutritionOrder: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('diet', concepts(ctx, obj(r.oralDiet)?.type))
    .add('description', str(obj(r.oralDiet)?.instruction))
    .add('date', date(ctx, r.dateTime))
    .ref('requester', r.orderer)
    .add('status', status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();

export const carePlan: Presenter = (r, ctx) =>
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

export const careTeam: Presenter = (r, ctx) =>
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

export const goal: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('goal', concept(ctx, r.description))
    .add('achievement', concept(ctx, r.achievementStatus))
    .add('dueDate', joined(objs(r.target).map((t) => date(ctx, t.dueDate))))
    .add('date', date(ctx, r.startDate) ?? date(ctx, r.statusDate))
    .ref('reason', r.addresses)
    .add('status', status(ctx, r.lifecycleStatus) ?? status(ctx, r.status))
    .add('note', annotationsText(r.note), multiline)
    .done();

export const questionnaire: Presenter = (r, ctx) => {
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

export const questionnaireResponse: Presenter = (r, ctx) => {
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

export const task: Presenter = (r, ctx) =>
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

