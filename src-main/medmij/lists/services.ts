/**
 * Regie's own catalogue of MedMij data services (Gegevensdiensten): a stable key, the
 * GegevensdienstId used in the lists, and a plain-Dutch name for people.
 *
 * IDs: only the ones marked `idVerified` were found in public material (the IDs the Ministry's own
 * PGO app "Mijn Gezondheidsoverzicht" uses: 48 BgZ, 49 huisartsgegevens, 51 PDF/A documenten,
 * 63 vaccinaties). For the others no authoritative ID was found; they get an ID in Regie's own
 * `regie.` namespace so they can never be mistaken for (or collide with) a real MedMij ID. Against
 * a real Zorgaanbiederslijst such a service simply does not appear; with the simulator's sample
 * lists it does. Replace them when the current MedMij Catalogus is at hand.
 */

export type MedmijServiceKey =
  | 'bgz'
  | 'huisartsgegevens'
  | 'medicatie'
  | 'labuitslagen'
  | 'afspraken'
  | 'zelfmetingen'
  | 'documenten'
  | 'ggz'
  | 'langdurige-zorg'
  | 'vaccinaties'
  | 'vragenlijsten';

export interface MedmijServiceInfo {
  key: MedmijServiceKey;
  /** GegevensdienstId as it appears in the Zorgaanbiederslijst */
  id: string;
  /** plain Dutch name shown to people */
  plainName: string;
  /** one-line plain Dutch explanation */
  description: string;
  /** whether `id` is a confirmed MedMij GegevensdienstId (see the module comment) */
  idVerified: boolean;
}

export const MEDMIJ_SERVICES: readonly MedmijServiceInfo[] = [
  {
    key: 'bgz',
    id: '48',
    plainName: 'Basisgegevens zorg (BgZ)',
    description: 'De belangrijkste gegevens die elke zorgverlener van u nodig heeft: problemen, allergieën, medicijnen, uitslagen en meer.',
    idVerified: true,
  },
  {
    key: 'huisartsgegevens',
    id: '49',
    plainName: 'Huisartsgegevens',
    description: 'Uw dossier bij de huisarts: episodes, medicatie, uitslagen en verslagen van contacten.',
    idVerified: true,
  },
  {
    key: 'medicatie',
    id: 'regie.medicatie',
    plainName: 'Medicatie',
    description: 'Uw medicijnen: afspraken van de voorschrijver, verstrekkingen door de apotheek en gebruik.',
    idVerified: false,
  },
  {
    key: 'labuitslagen',
    id: 'regie.labuitslagen',
    plainName: 'Labuitslagen',
    description: 'Uitslagen van laboratoriumonderzoek, zoals bloed- en urineonderzoek.',
    idVerified: false,
  },
  {
    key: 'afspraken',
    id: 'regie.afspraken',
    plainName: 'Afspraken',
    description: 'Geplande en eerdere afspraken met zorgverleners.',
    idVerified: false,
  },
  {
    key: 'zelfmetingen',
    id: 'regie.zelfmetingen',
    plainName: 'Zelfmetingen en meetwaarden',
    description: 'Metingen zoals bloeddruk, gewicht, lengte, hartslag en temperatuur.',
    idVerified: false,
  },
  {
    key: 'documenten',
    id: '51',
    plainName: 'Documenten (PDF/A)',
    description: 'Brieven en verslagen als PDF-document, zoals ontslagbrieven.',
    idVerified: true,
  },
  {
    key: 'ggz',
    id: 'regie.ggz',
    plainName: 'Basisgegevens GGZ',
    description: 'Gegevens uit uw dossier bij een instelling voor geestelijke gezondheidszorg.',
    idVerified: false,
  },
  {
    key: 'langdurige-zorg',
    id: 'regie.langdurige-zorg',
    plainName: 'Langdurige zorg',
    description: 'Gegevens uit de langdurige zorg, zoals verpleging en verzorging thuis of in een instelling.',
    idVerified: false,
  },
  {
    key: 'vaccinaties',
    id: '63',
    plainName: 'Vaccinaties',
    description: 'Vaccinaties die u hebt gekregen.',
    idVerified: true,
  },
  {
    key: 'vragenlijsten',
    id: 'regie.vragenlijsten',
    plainName: 'Vragenlijsten',
    description: 'Vragenlijsten die uw zorgverlener u vraagt in te vullen.',
    idVerified: false,
  },
];

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
 * roles). Undefined for codes that do not say, such as the older `MM-1.0.0-BZB-FHIR`; MedMij
 * services of that generation are STU3, which a caller may assume explicitly.
 */
export function fhirVersionOfSystemRole(code: string): 'STU3' | 'R4' | undefined {
  if (/(?:-|\/)R4(?:$|[-.])/i.test(code)) return 'R4';
  if (/(?:-|\/)STU3(?:$|[-.])/i.test(code)) return 'STU3';
  return undefined;
}
