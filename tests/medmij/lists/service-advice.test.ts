import { describe, expect, it } from 'vitest';
import { adviseServices } from '../../../src-main/medmij/lists/service-advice';
import { loadSampleLists } from '../../../src-main/medmij/lists/samples';
import { plainServiceName } from '../../../src-main/medmij/lists/services';

const offer = (...ids: string[]) => ids.map((id) => ({ id, name: plainServiceName(id) }));
const ticked = (ids: string[]) =>
  adviseServices(offer(...ids))
    .filter((s) => s.recommended)
    .map((s) => s.name);

describe('which services Regie ticks beforehand', () => {
  it('a GP offering ten services: the summary, the GP record and only the newest medication version', () => {
    const ids = ['48', '49', '31', '68', '46', '47', '52', '51', '63', '59'];
    expect(ticked(ids)).toEqual(['Basisgegevens zorg (BgZ)', 'Huisartsgegevens', 'Medicatie (nieuwe versie)']);
    const advised = adviseServices(offer(...ids));
    const newest = advised.find((s) => s.id === '68')!;
    expect(newest.advice?.nl).toMatch(/^Aanbevolen: /);
    // The older version says what it is, so nobody logs in twice for the same data.
    const older = advised.find((s) => s.id === '31')!;
    expect(older.recommended).toBe(false);
    expect(older.advice?.nl).toBe('Dezelfde gegevens als "Medicatie (nieuwe versie)", in de oudere vorm. U hoeft ze niet allebei op te halen.');
    expect(older.advice?.en).toContain('older format');
    // Not ticked and nothing to explain: only the description.
    const lab = advised.find((s) => s.id === '46')!;
    expect(lab).toMatchObject({ recommended: false, advice: null });
    expect(lab.description).toMatch(/laboratorium/);
  });

  it('with only the older medication version offered, that one is ticked', () => {
    const [medication] = adviseServices(offer('31'));
    expect(medication).toMatchObject({ id: '31', recommended: true });
    expect(medication!.advice?.nl).toMatch(/^Aanbevolen: /);
  });

  it('two vaccination versions: neither ticked, the older still points to the newer', () => {
    const advised = adviseServices(offer('63', '66'));
    expect(advised.map((s) => s.recommended)).toEqual([false, false]);
    expect(advised[0]!.advice?.nl).toContain('"Vaccinaties (nieuwe versie)"');
    expect(advised[1]!.advice).toBeNull();
  });

  it('the order of the list does not decide which version is newest', () => {
    expect(ticked(['68', '31'])).toEqual(['Medicatie (nieuwe versie)']);
  });

  it('a service Regie does not know is shown but never ticked', () => {
    expect(adviseServices([{ id: '999', name: 'Iets nieuws' }])).toEqual([
      { id: '999', name: 'Iets nieuws', description: null, recommended: false, advice: null },
    ]);
  });

  it('every practice provider gets at least one service ticked, never two versions of the same data', () => {
    const { zorgaanbiederslijst } = loadSampleLists('http://127.0.0.1:1');
    for (const provider of zorgaanbiederslijst.providers) {
      const advised = adviseServices(provider.services.map((s) => ({ id: s.id, name: plainServiceName(s.id) })));
      const names = advised.filter((s) => s.recommended).map((s) => s.name);
      expect(names.length, provider.name).toBeGreaterThan(0);
      expect(names.filter((n) => n.startsWith('Medicatie')).length, provider.name).toBeLessThanOrEqual(1);
    }
  });
});
