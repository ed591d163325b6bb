/**
 * Regie's catalogue of MedMij data services (Gegevensdiensten): one entry per GegevensdienstId, with
 * the FHIR version MedMij defines it in and a plain-Dutch name for people.
 *
 * Where the IDs come from (no public copy of the MedMij Catalogus itself was at hand; `idSource`
 * names the evidence per entry):
 *  - MGO: the configuration of the Ministry's own PGO app "Mijn Gezondheidsoverzicht"
 *    (github.com/minvws/nl-mgo-app-web packages/config/src/data-services/*.json, nl-mgo-localization
 *    fixtures, nl-mgo-dva-mock README);
 *  - MedMij test material: github.com/Stichting-MedMij/MedMij-testscripts (its README says it is not
 *    normative; used only for the two newest R4 services).
 * A service a provider list names with an ID that is not here is still shown (with the list's
 * Weergavenaam) but cannot be fetched: Regie has no query set for it.
 */

export type MedmijServiceKey =
  | 'bgz'
  | 'huisartsgegevens'
  | 'medicatie'
  | 'medicatie-mp9-3'
  | 'labuitslagen'
  | 'afspraken'
  | 'zelfmetingen'
  | 'documenten'
  | 'ggz'
  | 'langdurige-zorg'
  | 'vaccinaties'
  | 'vaccinaties-2'
  | 'vragenlijsten'
  | 'overgevoeligheden'
  | 'zelfmetingen-delen'
  | 'beelden'
  | 'documenten-delen'
  | 'overgevoeligheden-delen'
  | 'vragenlijst-antwoorden';

export interface MedmijServiceInfo {
  key: MedmijServiceKey;
  /** GegevensdienstId as it appears in the Zorgaanbiederslijst */
  id: string;
  /** plain Dutch name shown to people */
  plainName: string;
  /** one-line plain Dutch explanation */
  description: string;
  /** information standard and version behind the service */
  standard: string;
  /** the FHIR version MedMij defines the service in; used when a Systeemrolcode does not say */
  fhirVersion: 'STU3' | 'R4';
  /**
   * MedMij's use case: 'collect' (Verzamelen: Regie fetches from the provider) or 'share' (Delen:
   * Regie sends to the provider, src-main/medmij/client/send-manager.ts). Default: collect.
   */
  use?: 'collect' | 'share';
  /** where the ID was found (see the module comment) */
  idSource: string;
  /**
   * Services holding the same data in another version of the standard share a family; the
   * catalogue lists the newer version after the older one.
   */
  family?: 'medicatie' | 'vaccinaties';
  /**
   * Ticked beforehand when a provider offers it, because most people want it; the line says why.
   * Within a family only the newest version the provider offers is ticked.
   */
  recommended?: { nl: string; en: string };
}

const RECOMMENDED_MEDICATION = {
  nl: 'Aanbevolen: welke medicijnen u gebruikt, is belangrijk voor elke zorgverlener.',
  en: 'Recommended: which medicines you use matters to every care provider.',
};
const RECOMMENDED_CARE_RECORD = {
  nl: 'Aanbevolen: de kern van uw dossier bij deze zorgaanbieder.',
  en: 'Recommended: the core of your record at this care provider.',
};

const MGO = 'MGO (minvws/nl-mgo-app-web, nl-mgo-localization)';
const MGO_DVA = 'MGO (minvws/nl-mgo-localization, nl-mgo-dva-mock)';
const MEDMIJ_TEST = 'MedMij-testmateriaal (Stichting-MedMij/MedMij-testscripts, niet normatief)';
/**
 * A public copy of MedMij's catalogue "Actuele gegevensdiensten" (afsprakenstelsel.medmij.nl,
 * MMCatalogus) in a MedMij client library (C#, namespace Medmij.Contract, Gegevensdiensten.cs): ID,
 * name and use case (Verzamelen/Delen) of 53, 54, 55, 57, 58 and 60 ("Antwoorden op vragenlijst", Delen,
 * paired with 59 "Verwijzing naar vragenlijst"). For 54 and 58 also MedMij's test
 * material (Stichting-MedMij/MedMij-testscripts STU3/MedMij-STU3-MultipleDataServices/README.md:
 * "54 Overgevoeligheden-2.0", "58 Medicatiegerelateerde-Overgevoeligheden-2.A", both STU3).
 * Note: that test material and the Ministry's MGO (system role MM-2.A-AIB-FHIR) treat 58 as a
 * service to collect from; the catalogue copy and this issue's brief name it Delen, which is what
 * Regie implements.
 */
const MEDMIJ_CATALOGUE = 'MedMij-catalogus "Actuele gegevensdiensten" (publieke kopie: Medmij.Contract Gegevensdiensten.cs)';

export const MEDMIJ_SERVICES: readonly MedmijServiceInfo[] = [
  {
    key: 'bgz', id: '48', fhirVersion: 'STU3', standard: 'BgZ MSZ 2.0 (zib 2017)', idSource: MGO,
    plainName: 'Basisgegevens zorg (BgZ)',
    recommended: { nl: 'Aanbevolen: de belangrijkste gegevens in één keer.', en: 'Recommended: the most important data in one go.' },
    description: 'De belangrijkste gegevens die elke zorgverlener van u nodig heeft: problemen, allergieën, medicijnen, uitslagen en meer.',
  },
  {
    key: 'huisartsgegevens', id: '49', fhirVersion: 'STU3', standard: 'Huisartsgegevens 2.0', idSource: MGO,
    plainName: 'Huisartsgegevens',
    recommended: {
      nl: 'Aanbevolen: het meest volledige beeld van uw zorg bij de huisarts.',
      en: 'Recommended: the fullest picture of your care at the GP.',
    },
    description: 'Uw dossier bij de huisarts: episodes, medicatie, uitslagen en verslagen van contacten.',
  },
  {
    key: 'medicatie', id: '31', fhirVersion: 'STU3', standard: 'Medicatieproces 9.0.7', idSource: MGO_DVA,
    plainName: 'Medicatie',
    family: 'medicatie',
    recommended: RECOMMENDED_MEDICATION,
    description: 'Uw medicijnen: afspraken van de voorschrijver, verstrekkingen door de apotheek en gebruik.',
  },
  {
    key: 'medicatie-mp9-3', id: '68', fhirVersion: 'R4', standard: 'Medicatieproces 9 3.0', idSource: MEDMIJ_TEST,
    plainName: 'Medicatie (nieuwe versie)',
    family: 'medicatie',
    recommended: RECOMMENDED_MEDICATION,
    description: 'Uw medicijnen volgens de nieuwe medicatiestandaard: afspraken, verstrekkingen, toedieningen en gebruik.',
  },
  {
    key: 'labuitslagen', id: '46', fhirVersion: 'STU3', standard: 'Laboratoriumresultaten 2.0', idSource: MGO_DVA,
    plainName: 'Labuitslagen',
    description: 'Uitslagen van laboratoriumonderzoek, zoals bloed- en urineonderzoek.',
  },
  {
    key: 'afspraken', id: '47', fhirVersion: 'STU3', standard: 'eAfspraak 2.0', idSource: MGO,
    plainName: 'Afspraken',
    description: 'Geplande en eerdere afspraken met zorgverleners.',
  },
  {
    key: 'zelfmetingen', id: '52', fhirVersion: 'STU3', standard: 'Meetwaarden vitale functies (Zelfmetingen) 2.0', idSource: MGO_DVA,
    plainName: 'Zelfmetingen en meetwaarden',
    description: 'Metingen zoals bloeddruk, gewicht, lengte, hartslag en temperatuur.',
  },
  {
    key: 'documenten', id: '51', fhirVersion: 'STU3', standard: 'PDF/A 3.0', idSource: MGO,
    plainName: 'Documenten (PDF/A)',
    description: 'Brieven en verslagen als PDF-document, zoals ontslagbrieven.',
  },
  {
    key: 'ggz', id: '50', fhirVersion: 'STU3', standard: 'Basisgegevens GGZ 2.0', idSource: MGO,
    plainName: 'Basisgegevens GGZ',
    recommended: RECOMMENDED_CARE_RECORD,
    description: 'Gegevens uit uw dossier bij een instelling voor geestelijke gezondheidszorg.',
  },
  {
    key: 'langdurige-zorg', id: '61', fhirVersion: 'STU3', standard: 'Basisgegevens Langdurige Zorg 3.0', idSource: MGO,
    plainName: 'Langdurige zorg',
    recommended: RECOMMENDED_CARE_RECORD,
    description: 'Gegevens uit de langdurige zorg, zoals verpleging en verzorging thuis of in een instelling.',
  },
  {
    key: 'vaccinaties', id: '63', fhirVersion: 'R4', standard: 'Vaccinatie-Immunisatie 1.0', idSource: MGO,
    plainName: 'Vaccinaties',
    family: 'vaccinaties',
    description: 'Vaccinaties die u hebt gekregen.',
  },
  {
    key: 'vaccinaties-2', id: '66', fhirVersion: 'R4', standard: 'Vaccinatie-Immunisatie 2.0', idSource: MEDMIJ_TEST,
    plainName: 'Vaccinaties (nieuwe versie)',
    family: 'vaccinaties',
    description: 'Vaccinaties die u hebt gekregen, volgens de nieuwe vaccinatiestandaard.',
  },
  {
    key: 'overgevoeligheden', id: '54', fhirVersion: 'STU3', standard: 'Allergie-intolerantie (Overgevoeligheden) 2.0', idSource: `${MEDMIJ_CATALOGUE}; ${MEDMIJ_TEST}`,
    plainName: 'Overgevoeligheden',
    description: 'Allergieën en andere overgevoeligheden die bij uw zorgverlener bekend zijn.',
  },
  {
    key: 'zelfmetingen-delen', id: '53', fhirVersion: 'STU3', use: 'share', standard: 'Meetwaarden vitale functies (Zelfmetingen) 2.0', idSource: MEDMIJ_CATALOGUE,
    plainName: 'Zelfmetingen delen',
    description: 'Uw eigen metingen, zoals bloeddruk en gewicht, naar uw zorgverlener sturen.',
  },
  {
    key: 'beelden', id: '55', fhirVersion: 'STU3', use: 'share', standard: 'Beelden 2.0', idSource: MEDMIJ_CATALOGUE,
    plainName: "Foto's delen",
    description: 'Een foto, bijvoorbeeld van een wond of een plek op de huid, met uitleg naar uw zorgverlener sturen.',
  },
  {
    key: 'documenten-delen', id: '57', fhirVersion: 'STU3', use: 'share', standard: 'PDF/A 3.0', idSource: MEDMIJ_CATALOGUE,
    plainName: 'Documenten delen',
    description: 'Een PDF-document, zoals een brief, naar uw zorgverlener sturen.',
  },
  {
    key: 'overgevoeligheden-delen', id: '58', fhirVersion: 'STU3', use: 'share', standard: 'Medicatiegerelateerde overgevoeligheden 2.A', idSource: `${MEDMIJ_CATALOGUE}; ${MEDMIJ_TEST}`,
    plainName: 'Overgevoeligheden voor medicijnen delen',
    description: 'Uw allergieën en overgevoeligheden voor medicijnen naar uw zorgverlener sturen.',
  },
  {
    key: 'vragenlijsten', id: '59', fhirVersion: 'STU3', standard: 'Vragenlijsten 2.0 (verwijzing naar vragenlijst)', idSource: MGO_DVA,
    plainName: 'Vragenlijsten',
    description: 'Vragenlijsten die uw zorgverlener u vraagt in te vullen.',
  },
  {
    key: 'vragenlijst-antwoorden', id: '60', fhirVersion: 'STU3', use: 'share', standard: 'Vragenlijsten 2.0 (antwoorden op vragenlijst)', idSource: MEDMIJ_CATALOGUE,
    plainName: 'Antwoorden op vragenlijsten',
    description: 'De antwoorden op een vragenlijst van uw zorgverlener terugsturen.',
  },
];

/** A service Regie sends with (MedMij Delen) rather than fetches from. */
export function isShareService(id: string): boolean {
  return serviceInfoById(id)?.use === 'share';
}

export function serviceInfoById(id: string): MedmijServiceInfo | undefined {
  return MEDMIJ_SERVICES.find((s) => s.id === id);
}

export function serviceInfoByKey(key: MedmijServiceKey): MedmijServiceInfo {
  const info = MEDMIJ_SERVICES.find((s) => s.key === key);
  if (!info) throw new Error(`unknown service key ${key}`);
  return info;
}

/**
 * The name shown for a GegevensdienstId: Regie's plain-Dutch name when known, else the
 * Weergavenaam from the Gegevensdienstnamenlijst, else a neutral fallback with the ID.
 */
export function plainServiceName(id: string, weergavenaam?: string): string {
  return serviceInfoById(id)?.plainName ?? weergavenaam ?? `Gegevensdienst ${id}`;
}

/**
 * FHIR version a Systeemrol serves, read from its Systeemrolcode: codes ending in `-STU3` / `-R4`
 * (the sample lists' `REGIE-SIM-<DIENST>-<VERSIE>`) or containing `/R4` (MedMij's zib2020/R4
 * roles). Undefined for codes that do not say, such as `MM-3.0-BZB-FHIR`; then the catalogue's
 * version for the service applies (see fhirVersionOfRole in the client).
 */
export function fhirVersionOfSystemRole(code: string): 'STU3' | 'R4' | undefined {
  if (/(?:-|\/)R4(?:$|[-.])/i.test(code)) return 'R4';
  if (/(?:-|\/)STU3(?:$|[-.])/i.test(code)) return 'STU3';
  return undefined;
}
