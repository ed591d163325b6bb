/**
 * Bilingual problems for MedMij list validation. Every refusal names the list, where in the list
 * (a readable path such as `Zorgaanbieders/Zorgaanbieder[2]/Gegevensdiensten/Gegevensdienst[1]`)
 * and what is wrong, in Dutch and English.
 */

export interface ListProblem {
  code: ListProblemCode;
  /** readable location inside the list ('' for the list as a whole) */
  path: string;
  message: { nl: string; en: string };
}

export type ListProblemCode =
  | 'too-large'
  | 'empty'
  | 'bad-encoding'
  | 'xml-doctype'
  | 'xml-syntax'
  | 'too-deep'
  | 'wrong-root'
  | 'wrong-namespace'
  | 'unexpected-element'
  | 'unexpected-text'
  | 'unexpected-attribute'
  | 'missing-element'
  | 'too-many'
  | 'invalid-value'
  | 'duplicate-id'
  | 'endpoint-invalid'
  | 'endpoint-not-https'
  | 'endpoint-not-whitelisted'
  | 'unknown-service'
  | 'rollback'
  | 'placeholder-unresolved'
  | 'fetch-failed'
  | 'fetch-timeout'
  | 'fetch-status'
  | 'source-invalid'
  | 'read-failed';

const TEXTS: Record<ListProblemCode, { nl: string; en: string }> = {
  'too-large': { nl: 'De lijst is te groot ({size} bytes, maximaal {max}).', en: 'The list is too large ({size} bytes, at most {max}).' },
  empty: { nl: 'De lijst is leeg.', en: 'The list is empty.' },
  'bad-encoding': { nl: 'De lijst is geen geldige UTF-8-tekst.', en: 'The list is not valid UTF-8 text.' },
  'xml-doctype': {
    nl: 'XML met DOCTYPE- of ENTITY-declaraties wordt om veiligheidsredenen geweigerd.',
    en: 'XML with DOCTYPE or ENTITY declarations is refused for safety.',
  },
  'xml-syntax': { nl: 'Ongeldige XML: {detail}', en: 'Invalid XML: {detail}' },
  'too-deep': { nl: 'De XML is te diep genest (meer dan {max} niveaus).', en: 'The XML is nested too deeply (more than {max} levels).' },
  'wrong-root': {
    nl: 'Verwacht hoofdelement {expected}, gevonden {found}.',
    en: 'Expected root element {expected}, found {found}.',
  },
  'wrong-namespace': {
    nl: 'Element {name} heeft namespace "{found}"; verwacht "{expected}".',
    en: 'Element {name} has namespace "{found}"; expected "{expected}".',
  },
  'unexpected-element': { nl: 'Onverwacht element {name} (verwacht: {expected}).', en: 'Unexpected element {name} (expected: {expected}).' },
  'unexpected-text': { nl: 'Onverwachte tekst in element {name}.', en: 'Unexpected text inside element {name}.' },
  'unexpected-attribute': { nl: 'Onverwacht attribuut {name}.', en: 'Unexpected attribute {name}.' },
  'missing-element': { nl: 'Verplicht element {name} ontbreekt.', en: 'Required element {name} is missing.' },
  'too-many': { nl: 'Element {name} komt te vaak voor (maximaal {max}).', en: 'Element {name} occurs too often (at most {max}).' },
  'invalid-value': { nl: '{name} "{value}" is ongeldig: {reason}.', en: '{name} "{value}" is invalid: {reasonEn}.' },
  'duplicate-id': { nl: '{name} "{value}" komt meer dan één keer voor.', en: '{name} "{value}" occurs more than once.' },
  'endpoint-invalid': { nl: '{name} "{value}" is geen geldige URL.', en: '{name} "{value}" is not a valid URL.' },
  'endpoint-not-https': {
    nl: '{name} "{value}" gebruikt geen https (alleen http://127.0.0.1 is toegestaan, voor de simulator).',
    en: '{name} "{value}" does not use https (only http://127.0.0.1 is allowed, for the simulator).',
  },
  'endpoint-not-whitelisted': {
    nl: 'Host "{host}" van {name} staat niet op de Whitelist.',
    en: 'Host "{host}" of {name} is not on the Whitelist.',
  },
  'unknown-service': {
    nl: 'Gegevensdienst "{value}" staat niet op de Gegevensdienstnamenlijst.',
    en: 'Data service "{value}" is not on the Gegevensdienstnamenlijst.',
  },
  rollback: {
    nl: 'Volgnummer {found} is lager dan dat van de laatst geldige lijst ({previous}); een oudere lijst wordt niet aangenomen.',
    en: 'Sequence number {found} is lower than that of the last good list ({previous}); an older list is not accepted.',
  },
  'placeholder-unresolved': {
    nl: 'De lijst bevat de plaatshouder {token}, maar er is geen simulator-adres opgegeven.',
    en: 'The list contains the placeholder {token}, but no simulator origin was given.',
  },
  'fetch-failed': { nl: 'De lijst kon niet worden opgehaald: {detail}', en: 'The list could not be fetched: {detail}' },
  'fetch-timeout': { nl: 'Ophalen van de lijst duurde te lang (meer dan {ms} ms).', en: 'Fetching the list took too long (more than {ms} ms).' },
  'fetch-status': { nl: 'De server gaf status {status} bij het ophalen van de lijst.', en: 'The server answered status {status} when fetching the list.' },
  'source-invalid': { nl: 'Ongeldige bron voor de lijst: {detail}', en: 'Invalid source for the list: {detail}' },
  'read-failed': { nl: 'Het bestand kon niet worden gelezen: {detail}', en: 'The file could not be read: {detail}' },
};

export function listProblem(code: ListProblemCode, path: string, params: Record<string, string | number> = {}): ListProblem {
  const t = TEXTS[code];
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
  return { code, path, message: { nl: fill(t.nl), en: fill(t.en) } };
}

/** Thrown to abort parsing at a fatal problem (syntax, DOCTYPE, size); collected problems are returned instead. */
export class ListProblemError extends Error {
  constructor(readonly problem: ListProblem) {
    super(`${problem.code}: ${problem.message.en}`);
  }
}

/** One line per problem, for logs and CLI output (no health data is involved: these are public lists). */
export function formatProblems(problems: readonly ListProblem[], lang: 'nl' | 'en' = 'nl'): string {
  return problems.map((p) => (p.path ? `${p.path}: ${p.message[lang]}` : p.message[lang])).join('\n');
}
