/**
 * What a file in a bulk import is, by its name: FHIR (.json, .xml), a letter or photo, a .zip
 * archive, a system file nobody chose (passed over without a word), or something else (skipped
 * with the reason). The FHIR layer and the document check look at the bytes afterwards.
 */
import { looksLikeDocumentName } from '../records/own-documents';

export type FileKind = 'fhir' | 'document' | 'archive' | 'system' | 'other';

/** Files operating systems leave in folders and archives: Finder's .DS_Store and ._ forks, __MACOSX, Thumbs.db. */
function isSystemFile(path: string): boolean {
  const parts = path.split('/');
  const base = parts.at(-1) ?? '';
  return parts.includes('__MACOSX') || base.startsWith('.') || /^(thumbs\.db|desktop\.ini)$/i.test(base);
}

/** `named`: the person chose this very file, so it is never passed over as a system file. */
export function kindOfFile(path: string, named = false): FileKind {
  if (!named && isSystemFile(path)) return 'system';
  if (/\.(json|xml)$/i.test(path)) return 'fhir';
  if (looksLikeDocumentName(path)) return 'document';
  if (/\.zip$/i.test(path)) return 'archive';
  return 'other';
}

/** A zip archive's first bytes ("PK\3\4", or "PK\5\6" for an empty one), whatever its name says. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/** The file name without folders and extension: the title of an own document found in a folder or archive. */
export function titleOfFile(path: string): string {
  const base = path.split('/').at(-1) ?? path;
  return base.replace(/\.[^.]+$/, '').trim() || base;
}
