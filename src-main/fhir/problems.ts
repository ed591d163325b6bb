import type { ImportProblem } from './types';

/** Bilingual texts per problem code; `{x}` placeholders are filled from params. */
const TEXTS: Record<string, { nl: string; en: string }> = {
  'too-large': { nl: 'Het bestand is te groot ({size} bytes, maximaal {max}).', en: 'The input is too large ({size} bytes, at most {max}).' },
  empty: { nl: 'Het bestand is leeg.', en: 'The input is empty.' },
  unreadable: { nl: 'Het bestand kon niet worden gelezen.', en: 'The input could not be read.' },
  'unknown-format': { nl: 'Dit is geen FHIR JSON of XML.', en: 'This is neither FHIR JSON nor XML.' },
  'bad-encoding': { nl: 'Het bestand is geen geldige UTF-8-tekst.', en: 'The input is not valid UTF-8 text.' },
  'too-deep': { nl: 'De gegevens zijn te diep genest (meer dan {max} niveaus).', en: 'The data is nested too deeply (more than {max} levels).' },
  'json-syntax': { nl: 'Ongeldige JSON: {detail}', en: 'Invalid JSON: {detail}' },
  'xml-doctype': { nl: 'XML met DOCTYPE of ENTITY wordt om veiligheidsredenen geweigerd.', en: 'XML with DOCTYPE or ENTITY declarations is refused for safety.' },
  'xml-syntax': { nl: 'Ongeldige XML: {detail}', en: 'Invalid XML: {detail}' },
  'xml-namespace': { nl: 'Element {name} hoort niet bij de FHIR-namespace.', en: 'Element {name} is not in the FHIR namespace.' },
  'xml-value': { nl: 'Waarde "{value}" van {name} is geen {type}.', en: 'Value "{value}" of {name} is not a {type}.' },
  'unknown-resource-type': { nl: 'Het resourcetype "{type}" bestaat niet in FHIR {version}.', en: 'The resource type "{type}" does not exist in FHIR {version}.' },
  'not-a-resource': { nl: 'Dit is geen FHIR-resource (resourceType ontbreekt of is geen tekst).', en: 'This is not a FHIR resource (resourceType missing or not a string).' },
  'wrong-type': { nl: '{name} heeft het verkeerde type (verwacht: {expected}).', en: '{name} has the wrong type (expected: {expected}).' },
  'bundle-too-deep': { nl: 'Bundels zijn te diep in elkaar genest.', en: 'Bundles are nested too deeply.' },
  'version-unknown': { nl: 'FHIR-versie {version} wordt niet ondersteund.', en: 'FHIR version {version} is not supported.' },
  'version-mixed': { nl: 'Dit bestand mengt STU3 en R4.', en: 'This input mixes STU3 and R4.' },
  'invalid-id': { nl: 'Ongeldige id "{value}".', en: 'Invalid id "{value}".' },
  'missing-element': { nl: 'Verplicht gegeven {name} ontbreekt.', en: 'Required element {name} is missing.' },
  'invalid-date': { nl: '{name} "{value}" is geen geldige datum.', en: '{name} "{value}" is not a valid date.' },
  'invalid-number': { nl: '{name} is geen getal.', en: '{name} is not a number.' },
};

export function problem(entryPath: string, code: string, params: Record<string, string | number> = {}): ImportProblem {
  const t = TEXTS[code] ?? { nl: code, en: code };
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
  return { entryPath, code, message: { nl: fill(t.nl), en: fill(t.en) } };
}

/** Thrown inside the parsers to abort at the first problem; never escapes parseFhirInput. */
export class ProblemError extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.code);
  }
}
