/**
 * Turns what a person types into a safe FTS5 query: only words survive, each quoted (so `"`, `*`,
 * `NEAR(`, `OR`, `AND`, `NOT`, `:` and `^` are plain text, never syntax) and matched as a prefix;
 * all words must occur. A word (or words) with an everyday meaning the record names formally also
 * matches those names ("suiker" → glucose, diabetes; see search-synonyms.ts). Returns null when
 * nothing searchable is left.
 */
import { foldWord, partsOf } from './search-synonyms';

const maxTerms = 12;

export function ftsQueryOf(input: string): string | null {
  const words = input.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = [...new Set(words.map(foldWord))].slice(0, maxTerms);
  if (terms.length === 0) return null;
  return partsOf(terms)
    .map(({ words: typed, synonyms }) => {
      const asTyped = typed.map((word) => `"${word}"*`).join(' AND ');
      if (synonyms.length === 0) return asTyped;
      // Short formal terms ("hb", "tia") only as whole words: as a prefix they would find too much.
      const formal = synonyms.map((term) => (term.length <= 3 ? `"${term}"` : `"${term}"*`));
      return `(${[typed.length > 1 ? `(${asTyped})` : asTyped, ...formal].join(' OR ')})`;
    })
    .join(' AND ');
}
