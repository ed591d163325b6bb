/**
 * One person per profile: whom a profile belongs to, and the words used when data of someone else
 * is stopped. The app, the CLI and the fetch from providers all show these same sentences.
 */
import type { Language } from './constants';
import { formatDate } from './format';

/** A person as the data (or the person themself) names them. */
export interface PersonIdentity {
  /** Full name as written, e.g. "Anna Maria de Boer-Visser"; null when unknown. */
  name: string | null;
  /** YYYY-MM-DD (or shorter when the data is less precise); null when unknown. */
  birthDate: string | null;
  /** Burgerservicenummer, when the data carries one. */
  bsn: string | null;
}

/** Where the profile's identity came from. */
export type IdentityOrigin =
  | { kind: 'person' }
  | { kind: 'file'; label: string }
  | { kind: 'provider'; label: string }
  | { kind: 'example'; label: string };

export interface ProfileIdentity extends PersonIdentity {
  origin: IdentityOrigin;
  /** When it was set (ISO). */
  setAt: string;
}

/**
 * Why an import or fetch was stopped. `profile` is whom the profile belongs to (null when this
 * is the profile's first data and the data itself names several people); for a caregiver profile
 * without an identity yet, only the birth date of the represented person is known.
 */
export interface OtherPerson {
  kind: 'other-person' | 'several-people';
  found: PersonIdentity;
  profile: PersonIdentity | null;
}

/** "Sanne Proef, geboren 1 juli 1990" / "iemand geboren 11 februari 1947". */
export function personInWords(person: PersonIdentity, language: Language): string {
  const born = person.birthDate ? formatDate(person.birthDate, language) : null;
  if (language === 'en') {
    if (!person.name) return born ? `someone born ${born}` : 'someone whose name is not given';
    return born ? `${person.name}, born ${born}` : person.name;
  }
  if (!person.name) return born ? `iemand geboren ${born}` : 'iemand zonder naam in de gegevens';
  return born ? `${person.name}, geboren ${born}` : person.name;
}

/** The one message for data of another person: whose it is, that nothing was stored, and what to do. */
export function otherPersonMessage(other: OtherPerson, language: Language): string {
  const found = personInWords(other.found, language);
  const onlyBsnDiffers =
    other.profile !== null &&
    other.found.bsn !== null &&
    other.profile.bsn !== null &&
    other.found.bsn !== other.profile.bsn &&
    personInWords(other.profile, language) === found;
  if (language === 'en') {
    const who = other.found.name ?? 'that person';
    if (other.kind === 'several-people' || other.profile === null) {
      return `This data is about more than one person (one of them: ${found}). Nothing has been stored. Import each person's data into their own profile.`;
    }
    return (
      `This data is about ${found}, but this profile belongs to ${personInWords(other.profile, language)}.` +
      (onlyBsnDiffers ? ' The citizen service numbers (BSN) differ.' : '') +
      ` Nothing has been stored. Put it in the profile of ${who}, or make a new profile for them.`
    );
  }
  const who = other.found.name ?? 'die persoon';
  if (other.kind === 'several-people' || other.profile === null) {
    return `Deze gegevens gaan over meer dan één persoon (onder wie ${found}). Er is niets opgeslagen. Zet de gegevens van elke persoon in een eigen profiel.`;
  }
  return (
    `Deze gegevens zijn van ${found}, maar dit profiel is van ${personInWords(other.profile, language)}.` +
    (onlyBsnDiffers ? ' Het burgerservicenummer (BSN) is anders.' : '') +
    ` Er is niets opgeslagen. Zet ze in het profiel van ${who}, of maak een nieuw profiel voor die persoon.`
  );
}

/** Flat error params (ErrorPayload.params holds strings and numbers only) and back. */
export function otherPersonParams(other: OtherPerson): Record<string, string> {
  const params: Record<string, string> = { kind: other.kind };
  const put = (prefix: string, person: PersonIdentity | null) => {
    if (!person) return;
    params[`${prefix}Known`] = '1';
    if (person.name) params[`${prefix}Name`] = person.name;
    if (person.birthDate) params[`${prefix}BirthDate`] = person.birthDate;
    if (person.bsn) params[`${prefix}Bsn`] = person.bsn;
  };
  put('found', other.found);
  put('profile', other.profile);
  return params;
}

export function otherPersonFromParams(params: Record<string, string | number>): OtherPerson {
  const text = (key: string) => (typeof params[key] === 'string' ? (params[key] as string) : null);
  const person = (prefix: string): PersonIdentity => ({
    name: text(`${prefix}Name`),
    birthDate: text(`${prefix}BirthDate`),
    bsn: text(`${prefix}Bsn`),
  });
  return {
    kind: params.kind === 'several-people' ? 'several-people' : 'other-person',
    found: person('found'),
    profile: params.profileKnown ? person('profile') : null,
  };
}
