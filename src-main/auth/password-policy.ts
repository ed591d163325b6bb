import { ZxcvbnFactory, type OptionsType } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import * as dutch from '@zxcvbn-ts/language-nl-be';
import type { Language, PasswordAssessment } from '../../src-preload/contract/api';

export const minimumPasswordLength = 10;
export const minimumPasswordScore = 3;
/**
 * zxcvbn's score 3 starts at 10^8 guesses, where "Welkom2024!" and "janjanssen1954" (for Jan) sit just
 * above the line: a common word or a name, a year and a sign. Regie asks ten times more, which such
 * patterns do not reach while a few unrelated words ("paarse olifant danst op zolder") easily do.
 */
export const minimumGuessesLog10 = 9;

/**
 * Words Dutch people put in passwords that zxcvbn's Dutch lists rank low or miss: what the screen
 * itself shows, the season, the club, the city. Matched like the person's own name (cheap to guess).
 */
const dutchPasswordWords = [
  'regie', 'welkom', 'wachtwoord', 'geheim', 'gezondheid', 'dokter', 'huisarts', 'ziekenhuis', 'apotheek',
  'medicijnen', 'profiel', 'zomer', 'winter', 'lente', 'herfst', 'voorjaar', 'najaar', 'vakantie',
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober',
  'november', 'december', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag',
  'oranje', 'nederland', 'holland', 'ajax', 'feyenoord', 'psv', 'amsterdam', 'rotterdam', 'utrecht',
  'denhaag', 'eindhoven', 'groningen', 'schatje', 'liefje', 'lieverd', 'opa', 'oma', 'papa', 'mama',
  'kleinkind', 'kleinkinderen', 'voetbal', 'fietsen', 'tuin', 'poes', 'hond', 'konijn', 'hallo',
];

const texts = {
  nl: { tooShort: 'Gebruik minstens 10 tekens.', tooGuessable: 'Dit wachtwoord is te makkelijk te raden.' },
  en: { tooShort: 'Use at least 10 characters.', tooGuessable: 'This password is too easy to guess.' },
} satisfies Record<Language, Record<string, string>>;

// The dictionaries are large: build each checker once, on first use.
const checkers = new Map<Language, ZxcvbnFactory>();

function checkerFor(language: Language): ZxcvbnFactory {
  let checker = checkers.get(language);
  if (!checker) {
    const pack = language === 'nl' ? dutch : english;
    const options: OptionsType = {
      translations: pack.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...pack.dictionary },
      // Off: it costs ~100 ms per check on the main process, and the UI assesses on every keystroke.
      useLevenshteinDistance: false,
    };
    checker = new ZxcvbnFactory(options);
    checkers.set(language, checker);
  }
  return checker;
}

/** zxcvbn's estimate plus our floor: score ≥ 3 and at least 10 characters. `userInputs` (e.g. the label) count as guessable. */
export function assessPassword(password: string, language: Language, userInputs: string[]): PasswordAssessment {
  const result = checkerFor(language).check(password, [...expandUserInputs(userInputs), ...dutchPasswordWords]);
  const guessable = result.guessesLog10 < minimumGuessesLog10;
  // The meter must not say "sterk" for a password Regie refuses: below the line it shows at most 2.
  const score = (guessable ? Math.min(result.score, 2) : result.score) as PasswordAssessment['score'];
  const longEnough = [...password].length >= minimumPasswordLength;
  const acceptable = score >= minimumPasswordScore && longEnough;
  let warning = result.feedback.warning || null;
  if (!longEnough) warning = texts[language].tooShort;
  else if (!acceptable && !warning) warning = texts[language].tooGuessable;
  return { score, acceptable, warning, suggestions: result.feedback.suggestions };
}

/** zxcvbn matches each input as a whole; a label like "Anna de Vries" should also make "vries" guessable. */
function expandUserInputs(userInputs: string[]): string[] {
  const words = userInputs.flatMap((input) => input.split(/[\s\p{P}]+/u)).filter((word) => word.length >= 3);
  return [...new Set([...userInputs, ...words])];
}
