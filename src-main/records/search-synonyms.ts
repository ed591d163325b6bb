/**
 * Everyday words for what records name formally: a person searches "suiker", the lab calls it
 * "glucose"; "bloedverdunner" is "acenocoumarol" or "antistolling" in the record. Small and curated
 * on purpose: each entry must only widen a search to what the person clearly means (every entry has
 * a test in tests/records/search-synonyms.test.ts). Most records are Dutch whatever language the app
 * shows, so the English entries also point to the Dutch words.
 *
 * Keys are one or more words, lowercase, without diacritics. Terms are single words as the record
 * writes them; they match as a prefix ("diabetes" finds "diabetes mellitus type 2"), except terms of
 * three letters or fewer, which must match whole ("hb", "tia", "cva").
 */
export const searchSynonyms: Readonly<Record<string, readonly string[]>> = {
  // ——— Dutch ———
  suiker: ['glucose', 'bloedsuiker', 'bloedglucose', 'diabetes', 'hba1c'],
  bloedsuiker: ['glucose', 'bloedglucose'],
  suikerziekte: ['diabetes'],
  bloedverdunner: [
    'antistolling',
    'anticoagulantia',
    'anticoagulans',
    'antitrombotica',
    'trombosedienst',
    'acenocoumarol',
    'fenprocoumon',
    'apixaban',
    'rivaroxaban',
    'dabigatran',
    'edoxaban',
    'plaatjesremmer',
    'clopidogrel',
    'carbasalaatcalcium',
    'acetylsalicylzuur',
  ],
  'hoge bloeddruk': ['hypertensie'],
  hartslag: ['hartfrequentie', 'pols'],
  pols: ['hartfrequentie', 'hartslag'],
  koorts: ['temperatuur', 'lichaamstemperatuur'],
  gewicht: ['lichaamsgewicht'],
  lengte: ['lichaamslengte'],
  nierfunctie: ['kreatinine', 'creatinine', 'egfr'],
  prik: ['vaccinatie', 'vaccin', 'immunisatie', 'inenting'],
  inenting: ['vaccinatie', 'vaccin', 'immunisatie'],
  griep: ['influenza'],
  griepprik: ['influenza'],
  longontsteking: ['pneumonie'],
  hartaanval: ['myocardinfarct', 'hartinfarct'],
  hartinfarct: ['myocardinfarct'],
  beroerte: ['cva', 'herseninfarct', 'hersenbloeding', 'tia'],
  staar: ['cataract'],
  benauwdheid: ['dyspneu', 'dyspnoe', 'kortademig'],
  maagzuur: ['reflux', 'omeprazol', 'pantoprazol', 'esomeprazol'],
  pijnstiller: ['analgetica', 'paracetamol', 'ibuprofen', 'diclofenac', 'naproxen', 'tramadol', 'oxycodon'],
  plaspil: ['diuretica', 'diureticum', 'furosemide', 'hydrochloorthiazide', 'chloortalidon', 'bumetanide'],
  cholesterolverlager: ['statine', 'simvastatine', 'atorvastatine', 'rosuvastatine', 'pravastatine'],
  bloedarmoede: ['anemie', 'hemoglobine', 'hb'],
  schildklier: ['thyreoidea', 'hypothyreoidie', 'hyperthyreoidie', 'tsh', 'levothyroxine'],
  hartritmestoornis: ['aritmie', 'atriumfibrilleren', 'boezemfibrilleren'],
  boezemfibrilleren: ['atriumfibrilleren'],
  hartfalen: ['hartinsufficientie', 'decompensatio'],
  brief: ['ontslagbrief', 'verwijsbrief', 'specialistenbrief', 'correspondentie'],

  // ——— English (the records themselves are mostly Dutch) ———
  sugar: ['glucose', 'bloedsuiker', 'bloedglucose', 'diabetes', 'suikerziekte', 'hba1c'],
  'blood sugar': ['glucose', 'bloedsuiker', 'bloedglucose'],
  'blood thinner': ['anticoagulant', 'antistolling', 'anticoagulantia', 'trombosedienst', 'acenocoumarol', 'fenprocoumon', 'warfarin', 'apixaban', 'rivaroxaban', 'dabigatran', 'edoxaban', 'clopidogrel'],
  'blood pressure': ['bloeddruk'],
  'high blood pressure': ['hypertension', 'hypertensie'],
  'heart rate': ['hartslag', 'hartfrequentie', 'pols'],
  pulse: ['hartslag', 'hartfrequentie', 'pols'],
  weight: ['gewicht', 'lichaamsgewicht'],
  fever: ['koorts', 'temperatuur', 'lichaamstemperatuur'],
  temperature: ['temperatuur', 'lichaamstemperatuur'],
  vaccination: ['vaccinatie', 'vaccin', 'immunisatie', 'inenting'],
  flu: ['influenza', 'griep'],
  allergy: ['allergie', 'overgevoeligheid'],
  painkiller: ['paracetamol', 'ibuprofen', 'diclofenac', 'naproxen', 'tramadol', 'oxycodon', 'pijnstiller'],
  letter: ['brief', 'ontslagbrief', 'verwijsbrief', 'specialistenbrief'],
};

/** Lowercase without diacritics, as the FTS tokenizer sees a word. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

const longestKey = Math.max(...Object.keys(searchSynonyms).map((key) => key.split(' ').length));

/** The entry for these words as typed, also in the plural ("bloedverdunners", "pijnstillers", "prikken"). */
function entryOf(words: readonly string[]): readonly string[] | undefined {
  const last = words.at(-1) ?? '';
  const stems = [last, last.replace(/'?s$/, ''), last.replace(/en$/, ''), last.replace(/(.)\1en$/, '$1')];
  for (const stem of stems) {
    const found = searchSynonyms[[...words.slice(0, -1), stem].join(' ')];
    if (found) return found;
  }
  return undefined;
}

export interface QueryPart {
  /** The words as typed (folded); all must occur, unless a synonym occurs instead. */
  words: string[];
  synonyms: readonly string[];
}

/** Splits folded words into parts, the longest synonym key first ("hoge bloeddruk" before "bloeddruk"). */
export function partsOf(words: readonly string[]): QueryPart[] {
  const parts: QueryPart[] = [];
  for (let i = 0; i < words.length; ) {
    let matched = false;
    for (let n = Math.min(longestKey, words.length - i); n >= 1 && !matched; n--) {
      const synonyms = entryOf(words.slice(i, i + n));
      if (synonyms) {
        parts.push({ words: words.slice(i, i + n), synonyms });
        i += n;
        matched = true;
      }
    }
    if (!matched) {
      parts.push({ words: [words[i]!], synonyms: [] });
      i += 1;
    }
  }
  return parts;
}
