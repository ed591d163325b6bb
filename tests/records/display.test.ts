import { describe, expect, it } from 'vitest';
import { sortKeyOf, valueOf } from '../../src-main/records/display';
import { sectionOf } from '../../src-main/records/sections';

describe('sections', () => {
  it.each([
    [{ resourceType: 'Observation', category: [{ coding: [{ code: 'vital-signs' }] }] }, 'vitale-functies'],
    [{ resourceType: 'Observation', category: [{ coding: [{ code: 'laboratory' }] }] }, 'lab'],
    [{ resourceType: 'Observation', category: [{ coding: [{ code: 'social-history' }] }] }, 'leefstijl'],
    [{ resourceType: 'Observation', code: { coding: [{ code: '301438001' }] } }, 'functionele-status'],
    [{ resourceType: 'Observation', code: { coding: [{ code: '27113001' }] } }, 'vitale-functies'],
    [{ resourceType: 'Observation', code: { text: 'iets' } }, 'overig'],
    [{ resourceType: 'MedicationRequest' }, 'medicatie-afspraken'],
    [{ resourceType: 'MedicationStatement' }, 'medicatie-gebruik'],
    [{ resourceType: 'MedicationAdministration' }, 'medicatie-gebruik'],
    [{ resourceType: 'MedicationDispense' }, 'medicatie-verstrekkingen'],
    [{ resourceType: 'PractitionerRole' }, 'personalia'],
    [{ resourceType: 'Coverage' }, 'zorgverzekering'],
    [{ resourceType: 'Consent' }, 'wilsverklaringen'],
    [{ resourceType: 'Flag' }, 'alerts'],
    [{ resourceType: 'DeviceUseStatement' }, 'hulpmiddelen'],
    [{ resourceType: 'Immunization' }, 'vaccinaties'],
    [{ resourceType: 'Procedure' }, 'verrichtingen'],
    [{ resourceType: 'EpisodeOfCare' }, 'contacten'],
    [{ resourceType: 'ServiceRequest' }, 'geplande-zorg'],
    [{ resourceType: 'Task', status: 'requested' }, 'geplande-zorg'],
    [{ resourceType: 'Task', status: 'completed' }, 'overig'],
    [{ resourceType: 'Binary' }, 'documenten'],
    [{ resourceType: 'QuestionnaireResponse' }, 'vragenlijsten'],
    [{ resourceType: 'Basic' }, 'overig'],
  ])('%j → %s', (resource, section) => {
    expect(sectionOf(resource)).toBe(section);
  });
});

describe('values', () => {
  it('formats Dutch numbers with units and marks out-of-range by words', () => {
    const obs = (extra: object) => ({ resourceType: 'Observation', ...extra });
    expect(valueOf(obs({ valueQuantity: { value: 5.4, unit: 'mmol/l' } }))).toEqual({ valueText: '5,4 mmol/l', outOfRange: false });
    expect(valueOf(obs({ valueQuantity: { value: 1250.5, code: 'g' } })).valueText).toBe('1250,5 g');
    expect(valueOf(obs({ valueQuantity: { value: 48, unit: 'mmol/mol' }, interpretation: [{ coding: [{ code: 'H' }] }] }))).toEqual({
      valueText: '48 mmol/mol (hoog)',
      outOfRange: true,
    });
    expect(valueOf(obs({ valueQuantity: { value: 2, unit: 'x' }, interpretation: [{ coding: [{ code: 'A' }] }] })).valueText).toBe('2 x (afwijkend)');
    expect(valueOf(obs({ valueQuantity: { value: 9, unit: 'x' }, referenceRange: [{ high: { value: 8 } }] })).outOfRange).toBe(true);
    expect(valueOf(obs({ valueQuantity: { value: 8, unit: 'x' }, referenceRange: [{ low: { value: 4 }, high: { value: 8 } }] })).outOfRange).toBe(false);
    expect(valueOf(obs({ valueQuantity: { value: 1, unit: 'x', comparator: '<' }, referenceRange: [{ low: { value: 4 } }] }))).toEqual({
      valueText: '< 1 x',
      outOfRange: false,
    });
    const bp = (sys: string, dia: string) =>
      obs({
        component: [
          { code: { coding: [{ code: sys }] }, valueQuantity: { value: 132, unit: 'mmHg' } },
          { code: { coding: [{ code: dia }] }, valueQuantity: { value: 84, unit: 'mmHg' } },
        ],
      });
    expect(valueOf(bp('8480-6', '8462-4')).valueText).toBe('132/84 mmHg');
    expect(valueOf(bp('271649006', '271650006')).valueText).toBe('132/84 mmHg');
    expect(valueOf(obs({ valueBoolean: true })).valueText).toBe('ja');
    expect(valueOf({ resourceType: 'MedicationStatement', dosage: [{ text: '1x per dag' }] }).valueText).toBe('1x per dag');
  });

  it('sorts dates by their written wall-clock time', () => {
    expect(sortKeyOf('2024-03-01T08:30:00+01:00')).toBe('2024-03-01T08:30:00');
    expect(sortKeyOf('2024-03')).toBe('2024-03');
    expect(sortKeyOf(null)).toBe('');
  });
});
