/**
 * Why an import was refused, in plain words with what to do next. The technical problems (file,
 * entry, parser message) stay available as detail; this is the sentence a person reads first.
 */
type Words = { nl: string; en: string };

type Kind = 'damaged' | 'too-large' | 'unsafe' | 'version' | 'content';

const kindOfCode: Record<string, Kind> = {
  empty: 'damaged',
  unreadable: 'damaged',
  'unknown-format': 'damaged',
  'bad-encoding': 'damaged',
  'json-syntax': 'damaged',
  'xml-syntax': 'damaged',
  'not-a-resource': 'damaged',
  'too-large': 'too-large',
  'too-deep': 'unsafe',
  'bundle-too-deep': 'unsafe',
  'xml-doctype': 'unsafe',
  'version-unknown': 'version',
  'version-mixed': 'version',
};

export interface CodedProblem {
  file: string;
  code: string;
}

/** One explanation for all problems of an import (they are named after the first file with a problem). */
export function explainImportProblems(problems: readonly CodedProblem[]): Words {
  const first = problems[0];
  if (!first) return { nl: 'Er is niets geïmporteerd.', en: 'Nothing has been imported.' };
  const files = [...new Set(problems.map((p) => p.file))];
  const others = files.length - 1;
  const file = `"${first.file}"`;
  const nlFile = others > 0 ? `${file} (en ${others} ander${others === 1 ? '' : 'e'} bestand${others === 1 ? '' : 'en'})` : file;
  const enFile = others > 0 ? `${file} (and ${others} other file${others === 1 ? '' : 's'})` : file;
  const kind = kindOfCode[first.code] ?? 'content';
  const nothing = { nl: 'Er is niets geïmporteerd.', en: 'Nothing has been imported.' };
  switch (kind) {
    case 'damaged':
      return {
        nl: `Het bestand ${nlFile} is beschadigd of onvolledig, of het is geen bestand met gezondheidsgegevens (FHIR). ${nothing.nl} Vraag de afzender om het bestand opnieuw te sturen, of haal uw gegevens op bij uw zorgaanbieder via Zorgaanbieders. Een brief als PDF of een foto kunt u ook gewoon toevoegen.`,
        en: `The file ${enFile} is damaged or incomplete, or it is not a file with health records (FHIR). ${nothing.en} Ask the sender to send it again, or collect your records from your care provider under Care providers. A letter as PDF or a photo can be added as it is.`,
      };
    case 'too-large':
      return {
        nl: `Het bestand ${nlFile} is groter dan 100 MB. ${nothing.nl} Vraag de afzender om de gegevens in kleinere delen te sturen.`,
        en: `The file ${enFile} is larger than 100 MB. ${nothing.en} Ask the sender for the data in smaller parts.`,
      };
    case 'unsafe':
      return {
        nl: `Het bestand ${nlFile} is op een ongebruikelijke manier opgebouwd en is voor de veiligheid geweigerd. ${nothing.nl} Vraag de afzender om een gewoon FHIR-bestand.`,
        en: `The file ${enFile} is built in an unusual way and was refused for safety. ${nothing.en} Ask the sender for an ordinary FHIR file.`,
      };
    case 'version':
      return {
        nl: `Het bestand ${nlFile} gebruikt een FHIR-versie die Regie niet kan lezen (Regie leest STU3 en R4). ${nothing.nl} Vraag de afzender om de gegevens in FHIR STU3 of R4.`,
        en: `The file ${enFile} uses a FHIR version Regie cannot read (Regie reads STU3 and R4). ${nothing.en} Ask the sender for the data in FHIR STU3 or R4.`,
      };
    case 'content': {
      const n = problems.length;
      return {
        nl: `In het bestand ${nlFile} ${n === 1 ? 'klopt één onderdeel' : `kloppen ${n} onderdelen`} niet. Er is niets geïmporteerd, ook niet de onderdelen die wel goed zijn. Vraag de afzender om een verbeterd bestand.`,
        en: `In the file ${enFile}, ${n === 1 ? 'one part is' : `${n} parts are`} not valid. Nothing has been imported, not even the parts that are fine. Ask the sender for a corrected file.`,
      };
    }
  }
}
