import { describe, expect, it } from 'vitest';
import {
  MEDMIJ_SERVICES,
  buildProviderDirectory,
  fhirVersionOfSystemRole,
  loadSampleLists,
  normalizeForSearch,
  parseProviderDisplayFile,
  plainServiceName,
  searchProviders,
} from '../../../src-main/medmij/lists';
import { ORIGIN } from './helpers';

const lists = loadSampleLists(ORIGIN);
const directory = buildProviderDirectory(lists.zorgaanbiederslijst, lists.gegevensdienstnamenlijst, lists.weergave);
const names = (q: string) => searchProviders(directory, q).map((p) => p.displayName);

describe('provider search', () => {
  it('finds by name or place, case- and diacritics-insensitive', () => {
    expect(names('de linde')).toEqual(['Huisartsenpraktijk De Linde']);
    expect(names('UTRECHT')).toEqual(['Huisartsenpraktijk De Linde']);
    expect(names('arnhem')).toEqual(['Ziekenhuis Rijnstad']);
    expect(names('kruispunt zwolle')).toEqual(['Apotheek Het Kruispunt']);
    expect(names('noorderlicht')).toEqual(['GGZ Noorderlicht']);
    expect(names('sudwest')).toEqual(['Woonzorgcentrum De Terp']);
    expect(names('Súdwest-Fryslân')).toEqual(['Woonzorgcentrum De Terp']);
    expect(names('ggz groningen')).toEqual(['GGZ Noorderlicht']);
    expect(names('rijnstad@medmij')).toEqual(['Ziekenhuis Rijnstad']);
    expect(names('tandarts')).toEqual([]);
  });

  it('ranks name matches before place matches and sorts with Dutch collation', () => {
    expect(names('')).toEqual(['Apotheek Het Kruispunt', 'GGZ Noorderlicht', 'Huisartsenpraktijk De Linde', 'Woonzorgcentrum De Terp', 'Ziekenhuis Rijnstad']);
    expect(names('de')).toEqual(['Huisartsenpraktijk De Linde', 'Woonzorgcentrum De Terp']);
    expect(searchProviders(directory, '', { limit: 2 })).toHaveLength(2);
  });

  it('normalizes Dutch text', () => {
    expect(normalizeForSearch('  Ĳsselstein — Café  ')).toBe('ijsselstein cafe');
  });

  it('names each provider service in plain Dutch', () => {
    const linde = directory.find((p) => p.id === 'delinde@medmij')!;
    expect(linde.place).toBe('Utrecht');
    expect(linde.organisationType).toBe('Huisartsenpraktijk');
    expect(linde.services.map((s) => s.name)).toEqual([
      'Basisgegevens zorg (BgZ)',
      'Huisartsgegevens',
      'Medicatie',
      'Medicatie (nieuwe versie)',
      'Labuitslagen',
      'Afspraken',
      'Zelfmetingen en meetwaarden',
      'Documenten (PDF/A)',
      'Vaccinaties',
      'Vragenlijsten',
      'Antwoorden op vragenlijsten',
      'Overgevoeligheden',
      'Zelfmetingen delen',
      "Foto's delen",
      'Documenten delen',
      'Overgevoeligheden voor medicijnen delen',
    ]);
    expect(linde.services[0]).toMatchObject({ id: '48', key: 'bgz', listName: 'Basisgegevensset Zorg' });
    expect(plainServiceName('999', 'Iets Nieuws')).toBe('Iets Nieuws');
    expect(plainServiceName('999')).toBe('Gegevensdienst 999');
  });

  it('falls back to the Zorgaanbiedernaam without display details', () => {
    const bare = buildProviderDirectory(lists.zorgaanbiederslijst);
    expect(bare.map((p) => p.displayName)).toContain('delinde');
    expect(searchProviders(bare, 'linde').map((p) => p.id)).toEqual(['delinde@medmij']);
  });

  it('validates the display file', () => {
    expect(parseProviderDisplayFile({ zorgaanbieders: { 'Fout@medmij': { weergavenaam: 'x' } } }).ok).toBe(false);
    expect(parseProviderDisplayFile({ zorgaanbieders: { 'goed@medmij': { weergavenaam: 'x', extra: 1 } } }).ok).toBe(false);
  });

  it('catalogue: unique numeric MedMij ids and keys, each with its FHIR version, standard and evidence', () => {
    expect(new Set(MEDMIJ_SERVICES.map((s) => s.id)).size).toBe(MEDMIJ_SERVICES.length);
    expect(new Set(MEDMIJ_SERVICES.map((s) => s.key)).size).toBe(MEDMIJ_SERVICES.length);
    for (const s of MEDMIJ_SERVICES) {
      expect(s.id, s.key).toMatch(/^\d+$/);
      expect(['STU3', 'R4']).toContain(s.fhirVersion);
      expect(s.standard.length, s.key).toBeGreaterThan(3);
      expect(s.idSource.length, s.key).toBeGreaterThan(3);
    }
    expect(Object.fromEntries(MEDMIJ_SERVICES.map((s) => [s.key, s.id]))).toMatchObject({
      bgz: '48', huisartsgegevens: '49', ggz: '50', documenten: '51', 'langdurige-zorg': '61', vaccinaties: '63',
      medicatie: '31', labuitslagen: '46', afspraken: '47', zelfmetingen: '52', vragenlijsten: '59',
    });
  });

  it('reads the FHIR version from a Systeemrolcode', () => {
    expect(fhirVersionOfSystemRole('REGIE-SIM-BGZ-STU3')).toBe('STU3');
    expect(fhirVersionOfSystemRole('REGIE-SIM-BGZ-R4')).toBe('R4');
    expect(fhirVersionOfSystemRole('MMC-PTR-zib2020/R4-rc.3')).toBe('R4');
    expect(fhirVersionOfSystemRole('MM-1.0.0-BZB-FHIR')).toBeUndefined();
  });
});
