/**
 * Why one file of a bulk import was skipped or refused, in plain words (Dutch first, English
 * second). The sentence is about "this file": the summary shows it next to the file's name.
 */
import type { FileReasonCode, ImportFileOutcome } from '../../src-preload/contract/imports';
import { errorMessage } from '../../src-preload/contract/errors';

type Words = { nl: string; en: string };

const words: Record<Exclude<FileReasonCode, 'fhir-problems' | 'other-person' | 'document-rejected'>, Words> = {
  'not-fhir': {
    nl: 'Overgeslagen: dit is geen bestand met medische gegevens (FHIR, .json of .xml), geen brief of foto en geen zip-archief.',
    en: 'Skipped: this is not a file with medical records (FHIR, .json or .xml), a letter, a photo or a zip archive.',
  },
  'document-not-asked': {
    nl: 'Overgeslagen: een brief of foto tussen andere bestanden wordt niet vanzelf toegevoegd. Voeg hem los toe als eigen document; dan geeft u hem een titel en een datum.',
    en: 'Skipped: a letter or photo among other files is not added by itself. Add it on its own as your own document, with a title and a date.',
  },
  empty: { nl: 'Het bestand is leeg.', en: 'The file is empty.' },
  'too-large': {
    nl: 'Het bestand is groter dan 100 MB en is niet gelezen. Vraag de afzender om de gegevens in kleinere delen.',
    en: 'The file is larger than 100 MB and was not read. Ask the sender for the data in smaller parts.',
  },
  'zip-bomb': {
    nl: 'Geweigerd voor de veiligheid: dit zou bij uitpakken veel groter worden dan het lijkt (een zogeheten zip-bom). Er is niets van opgeslagen.',
    en: 'Refused for safety: this would unpack to far more than it seems (a so-called zip bomb). Nothing of it was stored.',
  },
  'unsafe-name': {
    nl: 'Geweigerd voor de veiligheid: de naam van dit bestand in het archief wijst naar een plek buiten het archief.',
    en: 'Refused for safety: the name of this file in the archive points to a place outside the archive.',
  },
  'archive-link': {
    nl: 'Overgeslagen: dit is een snelkoppeling (link) in het archief. Regie volgt die niet.',
    en: 'Skipped: this is a shortcut (link) inside the archive. Regie does not follow it.',
  },
  'link-loop': {
    nl: 'Overgeslagen: deze snelkoppeling wijst terug naar een map die al gelezen wordt (een kringetje).',
    en: 'Skipped: this shortcut points back to a folder that is already being read (a loop).',
  },
  'nested-archive': {
    nl: 'Niet gelezen: dit is een archief in een archief. Pak het eerst uit en importeer het daarna apart.',
    en: 'Not read: this is an archive inside an archive. Unpack it first, then import it separately.',
  },
  'archive-damaged': {
    nl: 'Het archief is beschadigd of onvolledig; wat erin niet gelezen kon worden, is niet geïmporteerd. Vraag de afzender om het opnieuw te sturen.',
    en: 'The archive is damaged or incomplete; whatever in it could not be read was not imported. Ask the sender to send it again.',
  },
  encrypted: {
    nl: 'Dit bestand in het archief is met een wachtwoord beveiligd. Regie kan het niet lezen; pak het zelf uit en importeer het dan.',
    en: 'This file in the archive is protected with a password. Regie cannot read it; unpack it yourself, then import it.',
  },
  unreadable: {
    nl: 'Het bestand kon niet worden gelezen. Bestaat het nog, en mag u het openen?',
    en: 'The file could not be read. Does it still exist, and may you open it?',
  },
  'held-back': {
    nl: 'Niet opgeslagen: alles of niets was gevraagd, en een ander bestand is geweigerd.',
    en: 'Not stored: all or nothing was asked for, and another file was refused.',
  },
  'run-too-large': {
    nl: 'Niet opgeslagen: alles samen is meer dan 500 MB, te veel om in één keer alles-of-niets op te slaan. Importeer zonder alles-of-niets; dan wordt elk bestand apart opgeslagen.',
    en: 'Not stored: together it is more than 500 MB, too much to store all-or-nothing at once. Import without all-or-nothing; each file is then stored on its own.',
  },
  canceled: {
    nl: 'Niet opgeslagen: het importeren is gestopt, en alles of niets was gevraagd.',
    en: 'Not stored: the import was stopped, and all or nothing was asked for.',
  },
};

/** Statuses that a reason leads to: things nobody asked to import are skipped, the rest refused. */
const skippedCodes: ReadonlySet<FileReasonCode> = new Set(['not-fhir', 'document-not-asked', 'archive-link', 'link-loop']);

/** The outcome of a file that is not imported for one of the reasons above. */
export function outcomeFor(file: string, code: keyof typeof words): ImportFileOutcome {
  return { file, status: skippedCodes.has(code) ? 'skipped' : 'refused', reason: { code, ...words[code] } };
}

/** An own document the document check refused (wrong type, too large, empty…), in its own words. */
export function documentRefused(file: string, reason: string): ImportFileOutcome {
  const payload = { code: 'document-rejected' as const, params: { reason } };
  return { file, status: 'refused', reason: { code: 'document-rejected', nl: errorMessage(payload, 'nl'), en: errorMessage(payload, 'en') } };
}
