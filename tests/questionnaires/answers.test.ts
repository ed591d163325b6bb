/** Checking answers against the questionnaire: what people and files give, and what stands in the way of sending. */
import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../src-preload/contract/questionnaire-answers';
import { answerProblemText } from '../../src-preload/contract/questionnaire-problems';
import { formOf, question, simulatorForm } from './helpers';

const codes = (result: ReturnType<typeof checkAnswers>) => result.problems.map((p) => `${p.linkId}:${p.code}`);

describe('loose answers become the app form', () => {
  const form = formOf(
    question('b', 'boolean'),
    question('d', 'decimal'),
    question('i', 'integer'),
    question('day', 'date'),
    question('moment', 'dateTime'),
    question('t', 'time'),
    question('c', 'choice', {
      options: [
        { key: 'ja', label: 'Ja, zeker', value: { kind: 'coding', coding: { system: 'urn:s', code: 'ja', display: 'Ja, zeker' } } },
        { key: 'nee', label: 'Nee', value: { kind: 'coding', coding: { system: 'urn:s', code: 'nee', display: 'Nee' } } },
      ],
    }),
    question('o', 'open-choice', { options: [{ key: 'Auto', label: 'Auto', value: { kind: 'string', value: 'Auto' } }] }),
    question('s', 'string'),
  );

  it('reads ja/nee, decimal commas, d-m-yyyy, local times, option words and own text', () => {
    const { answers, problems } = checkAnswers(form, {
      b: 'ja', d: '72,5', i: '3', day: '3-2-2025', moment: '2026-12-01T14:00+01:00', t: '9:05', c: 'ja, ZEKER', o: 'Fiets', s: '  hallo ',
    });
    expect(problems).toEqual([]);
    expect(answers).toEqual({
      b: [true], d: [72.5], i: [3], day: ['2025-02-03'], moment: ['2026-12-01T14:00:00+01:00'], t: ['09:05:00'], c: ['ja'], o: [{ other: 'Fiets' }], s: ['hallo'],
    });
  });

  it('an option by its code object; empty values are no answer', () => {
    const { answers } = checkAnswers(form, { c: { system: 'urn:s', code: 'nee' }, s: '', d: null, i: [] });
    expect(answers).toEqual({ c: ['nee'] });
  });

  it('says per question what is wrong with a value', () => {
    const result = checkAnswers(form, { b: 'misschien', d: 'veel', i: '2,5', day: '31-02-2025', moment: 'morgen', t: '25:00', c: 'Weet niet', s: true, nope: 1 });
    expect(codes(result)).toEqual([
      'nope:unknown-question', 'b:not-boolean', 'd:not-number', 'i:not-integer', 'day:not-date', 'moment:not-datetime', 't:not-time', 'c:not-option', 's:not-text',
    ]);
    expect(result.answers).toEqual({});
  });
});

describe('what stands in the way of sending', () => {
  it('required questions that apply, not those that do not', () => {
    const form = formOf(
      question('roken', 'boolean', { required: true }),
      question('aantal', 'integer', { required: true, enableWhen: [{ question: 'roken', operator: '=', answer: { kind: 'boolean', value: true } }] }),
    );
    expect(codes(checkAnswers(form, {}))).toEqual(['roken:required']);
    expect(codes(checkAnswers(form, { roken: true }))).toEqual(['aantal:required']);
    expect(codes(checkAnswers(form, { roken: false }))).toEqual([]);
    // A value that cannot be read says what to fix; it is not also called missing.
    expect(codes(checkAnswers(form, { roken: 'misschien' }))).toEqual(['roken:not-boolean']);
    // A bad value for a question that does not apply is no problem, and it is not sent.
    const closed = checkAnswers(form, { roken: false, aantal: 'veel' });
    expect(closed.problems).toEqual([]);
    const stale = checkAnswers(form, { roken: false, aantal: 20 });
    expect(stale.answers).toEqual({ roken: [false], aantal: [20] });
    expect(stale.applicable).toEqual({ roken: [false] });
  });

  it('a required group needs one answered question in it', () => {
    const form = formOf(question('g', 'group', { required: true, items: [question('a', 'string'), question('b', 'string')] }));
    expect(codes(checkAnswers(form, {}))).toEqual(['g:required']);
    expect(codes(checkAnswers(form, { b: 'x' }))).toEqual([]);
  });

  it('limits: min/max, decimals, length, one line, a web address, one answer, read-only, unsupported', () => {
    const form = formOf(
      question('kg', 'decimal', { minValue: 20, maxValue: 300, maxDecimalPlaces: 1, unit: { label: 'kg' } }),
      question('naam', 'string', { maxLength: 5, minLength: 2 }),
      question('web', 'url'),
      question('een', 'integer'),
      question('ro', 'string', { readOnly: true }),
      question('bestand', 'attachment', { unsupported: 'type' }),
      question('verplicht-bestand', 'attachment', { unsupported: 'type', required: true }),
      question('dag', 'date', { minValue: '2026-01-01' }),
    );
    const result = checkAnswers(form, { kg: '10', naam: 'a\nb', web: 'www.voorbeeld.nl', een: [1, 2], ro: 'x', bestand: 'x', dag: '2025-12-31' });
    expect(codes(result)).toEqual([
      'kg:below-min', 'naam:one-line', 'web:not-url', 'een:one-answer', 'ro:read-only', 'bestand:unsupported', 'verplicht-bestand:unsupported', 'dag:below-min',
    ]);
    expect(codes(checkAnswers(form, { kg: '72,55' }))).toContain('kg:too-many-decimals');
    expect(codes(checkAnswers(form, { kg: 301 }))).toContain('kg:above-max');
    expect(codes(checkAnswers(form, { naam: 'abcdef' }))).toContain('naam:too-long');
    expect(codes(checkAnswers(form, { naam: 'a' }))).toContain('naam:too-short');
  });

  it('every problem reads as what to do, in Dutch and English', () => {
    const form = formOf(question('kg', 'decimal', { minValue: 20, unit: { label: 'kg' } }), question('k', 'choice', { required: true }));
    const result = checkAnswers(form, { kg: '10,5' });
    const byId = new Map(form.items.map((i) => [i.linkId, i]));
    expect(result.problems.map((p) => answerProblemText(p, byId.get(p.linkId) ?? null, 'nl'))).toEqual(['Vul 20 kg of meer in.', 'Kies een antwoord.']);
    expect(result.problems.map((p) => answerProblemText(p, byId.get(p.linkId) ?? null, 'en'))).toEqual(['Enter 20 kg or more.', 'Choose an answer.']);
  });

  it('the simulator questionnaire: a complete set of answers passes in both versions', () => {
    for (const version of ['STU3', 'R4'] as const) {
      const form = simulatorForm(version);
      const result = checkAnswers(form, {
        gewicht: '81,5', lengte: 178, roken: 'nee', 'ooit-gerookt': 'ja', gestopt: '2010-05-01', klachten: ['Pijn', 'moe'], 'pijn-score': 8,
        'klachten-sinds': '2026-10-01', vervoer: 'Taxi of regiotaxi', bellen: true, beltijd: '2026-12-02T10:00:00+01:00',
      });
      expect(result.problems, version).toEqual([]);
      expect(Object.keys(result.applicable).sort()).toEqual(
        ['beltijd', 'bellen', 'gestopt', 'gewicht', 'klachten', 'klachten-sinds', 'lengte', 'ooit-gerookt', 'pijn-score', 'roken', 'vervoer'].sort(),
      );
      expect(codes(checkAnswers(form, { roken: 'ja' }))).toEqual(['gewicht:required', 'sigaretten:required', 'klachten:required']);
    }
  });
});
