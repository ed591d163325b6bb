/**
 * The everyday-word table of search: per entry, the everyday word finds a record that only names the
 * formal term (and the formal term alone does not find unrelated records through it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftsQueryOf } from '../../src-main/records/fts-query';
import { foldWord, searchSynonyms } from '../../src-main/records/search-synonyms';
import { condition, gp, openTestProfile, received, type TestProfile } from './helpers';

let profile: TestProfile;
const terms = [...new Set(Object.values(searchSynonyms).flat())];
const titleOf = (term: string) => `${term.charAt(0).toUpperCase()}${term.slice(1)} (vastgesteld)`;

beforeAll(() => {
  profile = openTestProfile({ now: () => new Date('2024-01-01T12:00:00Z') });
  profile.store.importResources(gp, [
    ...terms.map((term, i) => received(condition(`term-${i}`, titleOf(term), 'active', '2020-01-01'))),
    received(condition('unrelated', 'Enkelfractuur', 'resolved', '2015-02-01')),
  ]);
});
afterAll(() => profile?.remove());

const titlesFound = (query: string) =>
  profile.store.search({ query, limit: 200 }).items.map((item) => item.title);

describe('search synonyms', () => {
  it('are curated words: keys lowercase without diacritics, terms single safe words, never the key itself', () => {
    for (const [key, list] of Object.entries(searchSynonyms)) {
      expect(key, key).toBe(foldWord(key));
      expect(key, key).toMatch(/^[a-z0-9]+( [a-z0-9]+)*$/);
      expect(list.length, key).toBeGreaterThan(0);
      for (const term of list) {
        expect(term, key).toMatch(/^[a-z0-9]+$/);
        expect(term, key).not.toBe(key);
      }
    }
  });

  describe.each(Object.entries(searchSynonyms))('%s', (key, list) => {
    it(`finds ${list.join(', ')}`, () => {
      const found = titlesFound(key);
      for (const term of list) expect(found, `${key} → ${term}`).toContain(titleOf(term));
      expect(found).not.toContain('Enkelfractuur');
    });
  });

  it('knows the plural and any capitals or diacritics a person types', () => {
    expect(titlesFound('Bloedverdunners')).toContain('Acenocoumarol (vastgesteld)');
    expect(titlesFound('pijnstillers')).toContain('Paracetamol (vastgesteld)');
    expect(titlesFound('prikken')).toContain('Vaccinatie (vastgesteld)');
    expect(titlesFound('SUIKER')).toContain('Glucose (vastgesteld)');
    expect(titlesFound('blood thinners')).toContain('Acenocoumarol (vastgesteld)');
  });

  it('matches formal terms as a prefix, short ones only whole', () => {
    profile.store.importResources(gp, [
      received(condition('dm2', 'Diabetes mellitus type 2', 'active', '2018-01-01')),
      received(condition('hbv', 'Hbv-infectie', 'resolved', '2001-01-01')),
    ]);
    expect(titlesFound('suiker')).toContain('Diabetes mellitus type 2');
    expect(titlesFound('bloedarmoede')).toContain('Hb (vastgesteld)');
    expect(titlesFound('bloedarmoede')).not.toContain('Hbv-infectie');
  });

  it('a longer everyday phrase wins over its words; other words must still occur', () => {
    expect(titlesFound('hoge bloeddruk')).toContain('Hypertensie (vastgesteld)');
    expect(titlesFound('bloeddruk')).not.toContain('Hypertensie (vastgesteld)');
    // "suiker" widens to glucose, but "nuchter" must occur as well.
    expect(titlesFound('suiker nuchter')).toEqual([]);
    expect(ftsQueryOf('suiker nuchter')).toBe(
      '("suiker"* OR "glucose"* OR "bloedsuiker"* OR "bloedglucose"* OR "diabetes"* OR "hba1c"*) AND "nuchter"*',
    );
    expect(ftsQueryOf('hoge bloeddruk')).toBe('(("hoge"* AND "bloeddruk"*) OR "hypertensie"*)');
  });
});
