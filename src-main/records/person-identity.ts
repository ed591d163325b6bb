/**
 * One person per profile. A profile belongs to the first person it gets: set by the person, or taken
 * from the Patient of the first import or fetch. Every later import or fetch whose Patient is someone
 * else is stopped before anything is stored.
 *
 * The identity is a person setting (key `person.identity`, see person-settings.ts) in the synced Yjs
 * document, so every device of the person agrees on it; it is written in the same transaction as
 * the import that brought it. A caregiver profile (MedMij "namens") without an identity yet is
 * checked against the represented person's birth date.
 *
 * Matching: the BSN decides when both sides have one; otherwise a different birth date or an
 * incompatible name means another person. Data that names no one (no Patient) cannot be checked and
 * is let through: refusing it would refuse most single measurements and documents.
 */
import { z } from 'zod';
import type { IdentityOrigin, OtherPerson, PersonIdentity, ProfileIdentity } from '../../src-preload/contract/identity';
import { RegieError } from '../core/errors';
import { isObject, type FhirJson } from '../fhir/types';
import { personName } from './display';
import { personSettingKeys } from './person-settings';
import type { RecordStore } from './record-store';

export const bsnSystem = 'http://fhir.nl/fhir/NamingSystem/bsn';

const personSchema = { name: z.string().nullable(), birthDate: z.string().nullable(), bsn: z.string().nullable() };
const profileIdentitySchema: z.ZodType<ProfileIdentity> = z.object({
  ...personSchema,
  origin: z.union([
    z.object({ kind: z.literal('person') }),
    z.object({ kind: z.enum(['file', 'provider', 'example']), label: z.string() }),
  ]),
  setAt: z.string(),
});

/** Who a Patient resource (R4 or STU3: these elements are the same in both) says the person is. */
export function identityOfPatient(patient: FhirJson): PersonIdentity {
  const identifiers = Array.isArray(patient.identifier) ? patient.identifier.filter(isObject) : [];
  const bsn = identifiers.find((i) => i.system === bsnSystem && typeof i.value === 'string' && i.value.trim() !== '');
  const birthDate = typeof patient.birthDate === 'string' && patient.birthDate.trim() !== '' ? patient.birthDate.trim() : null;
  return { name: personName(patient), birthDate, bsn: bsn ? String(bsn.value).trim() : null };
}

/** The people named by the Patient resources among `resources` (as received or normalized). */
export function patientsIn(resources: Iterable<{ resourceType: string; json?: FhirJson; r4?: FhirJson }>): PersonIdentity[] {
  const found: PersonIdentity[] = [];
  for (const resource of resources) {
    if (resource.resourceType !== 'Patient') continue;
    const body = resource.r4 ?? resource.json;
    if (!body) continue;
    const identity = identityOfPatient(body);
    if (identity.bsn || identity.name || identity.birthDate) found.push(identity);
  }
  return found;
}

export type Comparison = 'same' | 'different' | 'unknown';

export function comparePersons(a: PersonIdentity, b: PersonIdentity): Comparison {
  if (a.bsn && b.bsn) return a.bsn === b.bsn ? 'same' : 'different';
  if (a.birthDate && b.birthDate && !sameDay(a.birthDate, b.birthDate)) return 'different';
  if (a.name && b.name && !namesCompatible(a.name, b.name)) return 'different';
  return (a.birthDate && b.birthDate) || (a.name && b.name) ? 'same' : 'unknown';
}

/** Equal as far as both are precise ("1961" and "1961-05-14" do not contradict each other). */
function sameDay(a: string, b: string): boolean {
  const length = Math.min(a.length, b.length, 10);
  return a.slice(0, length) === b.slice(0, length);
}

/** Dutch surname particles: "de Boer" and "Boer" are the same name. */
const particles = new Set(['van', 'de', 'der', 'den', 'het', 't', 'ten', 'ter', 'te', 'in', 'op', 'la', 'le', 'du', 'da', 'dos', 'von', 'vd']);

function nameTokens(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((token) => token !== '' && !particles.has(token));
}

/**
 * Could these be the same person's name? They must share a name of two letters or more (a surname,
 * or the first name a person gave for their own profile), and where both have more than one part
 * their first parts must start alike ("A.M. de Boer" and "Anna de Boer-Visser", not "Piet Jansen"
 * and "Jan Jansen").
 */
function namesCompatible(a: string, b: string): boolean {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (ta.length === 0 || tb.length === 0) return true;
  const long = new Set(tb.filter((t) => t.length > 1));
  if (!ta.some((t) => t.length > 1 && long.has(t))) return false;
  if (ta.length > 1 && tb.length > 1) return ta[0]!.charAt(0) === tb[0]!.charAt(0);
  return true;
}

export type IdentityCheck = { ok: true; first: PersonIdentity | null } | { ok: false; otherPerson: OtherPerson };

/**
 * Checks the people `found` in an input against whom the profile belongs to (`reference`: its
 * identity, else a caregiver profile's represented birth date, else null). With no reference yet,
 * the input must not name several people. `first` is the person the profile would take on.
 */
export function checkPeople(reference: PersonIdentity | null, found: readonly PersonIdentity[]): IdentityCheck {
  if (found.length === 0) return { ok: true, first: null };
  if (reference) {
    const other = found.find((person) => comparePersons(reference, person) === 'different');
    if (other) return { ok: false, otherPerson: { kind: 'other-person', found: other, profile: plain(reference) } };
    return { ok: true, first: found[0]! };
  }
  const base = found[0]!;
  const other = found.find((person) => comparePersons(base, person) === 'different');
  if (other) return { ok: false, otherPerson: { kind: 'several-people', found: other, profile: null } };
  return { ok: true, first: base };
}

function plain(person: PersonIdentity): PersonIdentity {
  return { name: person.name, birthDate: person.birthDate, bsn: person.bsn };
}

export function readIdentity(store: RecordStore): ProfileIdentity | null {
  return store.getPersonSetting(personSettingKeys.identity, profileIdentitySchema);
}

/**
 * The person says whom the profile belongs to. Once set, it changes only as a correction (`correct`):
 * a typing mistake in the name or birth date can be mended, but never into someone the profile's own
 * records contradict (their Patient records name another person), so a correction cannot open the
 * door to a second person's data. A BSN taken from received data stays.
 */
export function setIdentityByPerson(
  store: RecordStore,
  person: { name: string; birthDate: string },
  now: Date,
  options: { correct?: boolean } = {},
): ProfileIdentity {
  const current = readIdentity(store);
  if (current && !options.correct) throw new RegieError('identity-already-set');
  const next: PersonIdentity = { name: person.name.trim(), birthDate: person.birthDate, bsn: current?.bsn ?? null };
  if (current) {
    const patients = store.list({ resourceTypes: ['Patient'], limit: 500 }).items.map((item) => ({ resourceType: 'Patient', r4: store.get(item.id).resource }));
    const check = checkPeople(next, patientsIn(patients));
    if (!check.ok && check.otherPerson.found) {
      throw new RegieError('identity-contradicts-records', { person: personSummary(check.otherPerson.found) });
    }
  }
  const identity: ProfileIdentity = { ...next, origin: { kind: 'person' }, setAt: now.toISOString() };
  store.setPersonSetting(personSettingKeys.identity, identity);
  return identity;
}

/** "Jan de Vries, 1958-03-14" for a message (the renderer and CLI show the sentence around it). */
function personSummary(person: PersonIdentity): string {
  return [person.name, person.birthDate].filter(Boolean).join(', ');
}

export interface IdentityGateOptions {
  /** Birth date of the person a caregiver profile represents (MedMij "namens"), if any. */
  representationBirthDate?: string | null;
  /** The person knows this is someone else's data (CLI --other-person): nothing is checked or taken on. */
  allowOtherPerson?: boolean;
  /** Where the data comes from, for the identity it may give the profile. */
  origin: Exclude<IdentityOrigin, { kind: 'person' }>;
  now: Date;
}

/**
 * Decides before an import whether it may be stored. On success, `personSettings` holds the identity
 * the profile takes on (when it had none), to be written in the import's own transaction.
 */
export function gateImport(
  store: RecordStore,
  resources: Iterable<{ resourceType: string; json?: FhirJson; r4?: FhirJson }>,
  options: IdentityGateOptions,
): { ok: true; personSettings?: Record<string, unknown> } | { ok: false; otherPerson: OtherPerson } {
  if (options.allowOtherPerson) return { ok: true };
  const stored = readIdentity(store);
  const representation = options.representationBirthDate ? { name: null, birthDate: options.representationBirthDate, bsn: null } : null;
  const found = patientsIn(resources);
  // A caregiver profile is checked against the represented person's birth date as well.
  const check = checkPeople(stored ?? representation, found);
  if (!check.ok) return check;
  if (stored && representation) {
    const represented = checkPeople(representation, found);
    if (!represented.ok) return represented;
  }
  if (stored || !check.first) return { ok: true };
  const identity: ProfileIdentity = { ...check.first, origin: options.origin, setAt: options.now.toISOString() };
  return { ok: true, personSettings: { [personSettingKeys.identity]: identity } };
}
