/** enableWhen: every operator, enableBehavior any/all, questions and groups that do not apply. */
import { describe, expect, it } from 'vitest';
import { enabledLinkIds } from '../../src-preload/contract/questionnaire-enable';
import type { Answers, ConditionAnswer, ConditionOperator } from '../../src-preload/contract/questionnaire-form';
import { formOf, question, simulatorForm } from './helpers';

const dependent = (type: Parameters<typeof question>[1], operator: ConditionOperator, answer: ConditionAnswer) =>
  formOf(question('a', type), question('b', 'string', { enableWhen: [{ question: 'a', operator, answer }] }));
const enabled = (form: ReturnType<typeof formOf>, answers: Answers) => enabledLinkIds(form, answers).has('b');

describe('enableWhen operators', () => {
  it('exists true/false looks at whether there is an answer', () => {
    expect(enabled(dependent('string', 'exists', { kind: 'boolean', value: true }), {})).toBe(false);
    expect(enabled(dependent('string', 'exists', { kind: 'boolean', value: true }), { a: ['x'] })).toBe(true);
    expect(enabled(dependent('string', 'exists', { kind: 'boolean', value: false }), {})).toBe(true);
    expect(enabled(dependent('string', 'exists', { kind: 'boolean', value: false }), { a: ['x'] })).toBe(false);
  });

  it('= and != on booleans; != also holds without an answer', () => {
    const eq = dependent('boolean', '=', { kind: 'boolean', value: true });
    expect(enabled(eq, { a: [true] })).toBe(true);
    expect(enabled(eq, { a: [false] })).toBe(false);
    expect(enabled(eq, {})).toBe(false);
    const ne = dependent('boolean', '!=', { kind: 'boolean', value: true });
    expect(enabled(ne, { a: [false] })).toBe(true);
    expect(enabled(ne, { a: [true] })).toBe(false);
    expect(enabled(ne, {})).toBe(true);
  });

  it('> < >= <= compare numbers; equal values only pass the inclusive ones', () => {
    const at = (operator: ConditionOperator, value: number) => enabled(dependent('integer', operator, { kind: 'number', value: 7 }), { a: [value] });
    expect([at('>', 8), at('>', 7), at('<', 6), at('<', 7), at('>=', 7), at('>=', 6), at('<=', 7), at('<=', 8)]).toEqual([
      true, false, true, false, true, false, true, false,
    ]);
  });

  it('compares dates, date-times across zones and times', () => {
    expect(enabled(dependent('date', '<', { kind: 'date', value: '2020-01-01' }), { a: ['2019-12-31'] })).toBe(true);
    expect(enabled(dependent('date', '<', { kind: 'date', value: '2020-01-01' }), { a: ['2020-01-01'] })).toBe(false);
    // 10:00 in Amsterdam (+01:00) is 09:00 UTC: before 09:30Z.
    expect(enabled(dependent('dateTime', '<', { kind: 'dateTime', value: '2026-01-05T09:30:00Z' }), { a: ['2026-01-05T10:00:00+01:00'] })).toBe(true);
    expect(enabled(dependent('time', '>=', { kind: 'time', value: '08:00:00' }), { a: ['08:00:00'] })).toBe(true);
  });

  it('a number never passes an ordering against text (incomparable)', () => {
    expect(enabled(dependent('integer', '>', { kind: 'string', value: '3' }), { a: [5] })).toBe(false);
  });

  it('matches chosen options by code (system when both give one) and by value', () => {
    const coded = formOf(
      question('a', 'choice', {
        repeats: true,
        options: [
          { key: 'x', label: 'X', value: { kind: 'coding', coding: { system: 'urn:s', code: 'x', display: 'X' } } },
          { key: 'y', label: 'Y', value: { kind: 'coding', coding: { system: 'urn:s', code: 'y', display: 'Y' } } },
        ],
      }),
      question('b', 'string', { enableWhen: [{ question: 'a', operator: '=', answer: { kind: 'coding', coding: { code: 'y' } } }] }),
      question('c', 'string', { enableWhen: [{ question: 'a', operator: '=', answer: { kind: 'coding', coding: { system: 'urn:other', code: 'y' } } }] }),
    );
    const on = enabledLinkIds(coded, { a: ['x', 'y'] });
    expect(on.has('b')).toBe(true);
    expect(on.has('c')).toBe(false);
    const valued = formOf(
      question('a', 'choice', { options: [{ key: '2', label: 'Twee', value: { kind: 'integer', value: 2 } }] }),
      question('b', 'string', { enableWhen: [{ question: 'a', operator: '>=', answer: { kind: 'number', value: 2 } }] }),
    );
    expect(enabledLinkIds(valued, { a: ['2'] }).has('b')).toBe(true);
  });
});

describe('enableBehavior and cascades', () => {
  const two = (behavior: 'any' | 'all') =>
    formOf(
      question('a', 'boolean'),
      question('b', 'boolean'),
      question('c', 'string', {
        enableBehavior: behavior,
        enableWhen: [
          { question: 'a', operator: '=', answer: { kind: 'boolean', value: true } },
          { question: 'b', operator: '=', answer: { kind: 'boolean', value: true } },
        ],
      }),
    );

  it('all needs every condition, any one of them', () => {
    expect(enabledLinkIds(two('all'), { a: [true], b: [false] }).has('c')).toBe(false);
    expect(enabledLinkIds(two('all'), { a: [true], b: [true] }).has('c')).toBe(true);
    expect(enabledLinkIds(two('any'), { a: [true], b: [false] }).has('c')).toBe(true);
    expect(enabledLinkIds(two('any'), { a: [false], b: [false] }).has('c')).toBe(false);
  });

  it('a question that does not apply counts as unanswered further down the chain', () => {
    const chain = formOf(
      question('a', 'boolean'),
      question('b', 'boolean', { enableWhen: [{ question: 'a', operator: '=', answer: { kind: 'boolean', value: true } }] }),
      question('c', 'string', { enableWhen: [{ question: 'b', operator: '=', answer: { kind: 'boolean', value: true } }] }),
    );
    // b still holds an old answer (true), but a no longer opens b: c closes too.
    expect([...enabledLinkIds(chain, { a: [false], b: [true] })].sort()).toEqual(['a']);
    expect([...enabledLinkIds(chain, { a: [true], b: [true] })].sort()).toEqual(['a', 'b', 'c']);
  });

  it('a group that does not apply takes its questions along; circles and unknown questions count as unanswered', () => {
    const form = formOf(
      question('a', 'boolean'),
      question('g', 'group', { enableWhen: [{ question: 'a', operator: '=', answer: { kind: 'boolean', value: true } }], items: [question('g1', 'string')] }),
      question('x', 'string', { enableWhen: [{ question: 'y', operator: 'exists', answer: { kind: 'boolean', value: true } }] }),
      question('y', 'string', { enableWhen: [{ question: 'x', operator: 'exists', answer: { kind: 'boolean', value: true } }] }),
      question('z', 'string', { enableWhen: [{ question: 'nope', operator: 'exists', answer: { kind: 'boolean', value: false } }] }),
    );
    const on = enabledLinkIds(form, { a: [false], x: ['1'], y: ['2'] });
    expect(on.has('g1')).toBe(false);
    expect(on.has('x') || on.has('y')).toBe(false);
    expect(on.has('z')).toBe(true);
  });
});

describe('the simulator questionnaire as received', () => {
  it('R4: the date of the complaints needs complaints that are not "geen" (all), the call question a pain score above 7', () => {
    const form = simulatorForm('R4');
    expect(enabledLinkIds(form, { klachten: ['geen'] }).has('klachten-sinds')).toBe(false);
    expect(enabledLinkIds(form, { klachten: ['pijn'] }).has('klachten-sinds')).toBe(true);
    expect(enabledLinkIds(form, { klachten: ['pijn'], 'pijn-score': [8] }).has('pijn-eerder')).toBe(true);
    expect(enabledLinkIds(form, { klachten: ['pijn'], 'pijn-score': [7] }).has('pijn-eerder')).toBe(false);
    expect(enabledLinkIds(form, { klachten: ['moe'], 'pijn-score': [9] }).has('pijn-eerder')).toBe(false);
  });

  it('STU3: hasAnswer became exists; several conditions would mean any (STU3), the form says so', () => {
    const form = simulatorForm('STU3');
    expect(enabledLinkIds(form, { klachten: ['geen'] }).has('klachten-sinds')).toBe(true);
    expect(enabledLinkIds(form, {}).has('klachten-sinds')).toBe(false);
    expect(enabledLinkIds(form, { roken: [false], 'ooit-gerookt': [true] }).has('gestopt')).toBe(true);
    expect(enabledLinkIds(form, { roken: [true], 'ooit-gerookt': [true] }).has('gestopt')).toBe(false);
    expect(form.items.flatMap((i) => i.items).every((i) => i.enableBehavior === 'any')).toBe(true);
  });
});
