/** Reading a stored Questionnaire into the form model: options from everywhere, units, limits, hidden items. */
import { describe, expect, it } from 'vitest';
import { prepareImport, type FhirJson } from '../../src-main/fhir';
import { questionnaireForm } from '../../src-main/questionnaires/form';

const EXT = 'http://hl7.org/fhir/StructureDefinition/';
const r4 = (item: FhirJson[], extra: FhirJson = {}): FhirJson => ({ resourceType: 'Questionnaire', status: 'active', title: 'T', item, ...extra });

describe('questionnaireForm', () => {
  it('options from answerOption (with initialSelected), a contained value set, a known one; an unknown one cannot be answered', () => {
    const form = questionnaireForm(
      r4(
        [
          { linkId: 'a', type: 'choice', answerOption: [{ valueCoding: { code: 'x', display: 'X' } }, { valueString: 'Y', initialSelected: true }, { valueInteger: 3 }] },
          { linkId: 'b', type: 'choice', answerValueSet: '#vs' },
          { linkId: 'c', type: 'choice', answerValueSet: 'http://hl7.org/fhir/ValueSet/yesnodontknow' },
          { linkId: 'd', type: 'choice', answerValueSet: 'http://example.org/ValueSet/onbekend' },
          { linkId: 'e', type: 'open-choice', answerValueSet: 'http://example.org/ValueSet/onbekend' },
        ],
        { contained: [{ resourceType: 'ValueSet', id: 'vs', compose: { include: [{ system: 'urn:s', concept: [{ code: 'k1', display: 'Keuze 1' }] }] } }] },
      ),
      'R4',
    );
    const [a, b, c, d, e] = form.items;
    expect(a!.options.map((o) => [o.key, o.label])).toEqual([['x', 'X'], ['Y', 'Y'], ['3', '3']]);
    expect(a!.initial).toEqual(['Y']);
    expect(b!.options).toEqual([{ key: 'k1', label: 'Keuze 1', value: { kind: 'coding', coding: { system: 'urn:s', code: 'k1', display: 'Keuze 1' } } }]);
    expect(c!.options.map((o) => o.label)).toEqual(['Ja', 'Nee', 'Weet ik niet']);
    expect([d!.unsupported, e!.unsupported]).toEqual(['value-set', null]);
  });

  it('units, min/max, decimals, lengths, initial values; hidden items and items without linkId are left out', () => {
    const form = questionnaireForm(
      r4([
        {
          linkId: 'kg', type: 'decimal', maxLength: 6,
          extension: [
            { url: `${EXT}questionnaire-unit`, valueCoding: { system: 'http://unitsofmeasure.org', code: 'kg' } },
            { url: `${EXT}minValue`, valueDecimal: 20 }, { url: `${EXT}maxValue`, valueDecimal: 300 },
            { url: `${EXT}maxDecimalPlaces`, valueInteger: 1 }, { url: `${EXT}minLength`, valueInteger: 1 },
          ],
          initial: [{ valueDecimal: 70 }],
        },
        { linkId: 'jaren', type: 'integer', extension: [{ url: `${EXT}questionnaire-unit`, valueCoding: { code: 'a' } }] },
        { linkId: 'dag', type: 'date', extension: [{ url: `${EXT}maxValue`, valueDate: '2030-01-01' }] },
        { linkId: 'verborgen', type: 'string', extension: [{ url: `${EXT}questionnaire-hidden`, valueBoolean: true }] },
        { type: 'string' },
        { linkId: 'x', type: 'question' },
      ]),
      'R4',
    );
    expect(form.items.map((i) => i.linkId)).toEqual(['kg', 'jaren', 'dag']);
    expect(form.items[0]).toMatchObject({ unit: { label: 'kg', code: 'kg' }, minValue: 20, maxValue: 300, maxDecimalPlaces: 1, minLength: 1, maxLength: 6, initial: [70] });
    expect(form.items[1]!.unit).toEqual({ label: 'jaar', code: 'a' });
    expect(form.items[2]!.maxValue).toBe('2030-01-01');
  });

  it('STU3 as converted on import: option → answerOption, hasAnswer → exists, several conditions mean any', () => {
    const stu3 = {
      resourceType: 'Questionnaire', id: 'q', status: 'active',
      item: [
        { linkId: 'a', type: 'boolean' },
        { linkId: 'b', type: 'boolean' },
        { linkId: 'c', type: 'choice', option: [{ valueCoding: { code: 'z', display: 'Z' } }], enableWhen: [{ question: 'a', hasAnswer: true }, { question: 'b', answerBoolean: true }] },
      ],
    };
    const prepared = prepareImport(JSON.stringify(stu3), { versionHint: 'STU3' });
    if (!prepared.ok) throw new Error('import');
    const c = questionnaireForm(prepared.resources[0]!.r4, 'STU3').items[2]!;
    expect(c.options.map((o) => o.key)).toEqual(['z']);
    expect(c.enableWhen).toEqual([
      { question: 'a', operator: 'exists', answer: { kind: 'boolean', value: true } },
      { question: 'b', operator: '=', answer: { kind: 'boolean', value: true } },
    ]);
    expect(c.enableBehavior).toBe('any');
    // The same conditions in an R4 questionnaire without enableBehavior: all must hold.
    expect(questionnaireForm(prepared.resources[0]!.r4, 'R4').items[2]!.enableBehavior).toBe('all');
  });
});
