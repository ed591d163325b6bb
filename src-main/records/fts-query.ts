/**
 * Turns what a person types into a safe FTS5 query: only words survive, each quoted (so `"`, `*`,
 * `NEAR(`, `OR`, `AND`, `NOT`, `:` and `^` are plain text, never syntax) and matched as a prefix;
 * all words must occur. Returns null when nothing searchable is left.
 */
const maxTerms = 12;

export function ftsQueryOf(input: string): string | null {
  const words = input.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = [...new Set(words.map((word) => word.toLowerCase()))].slice(0, maxTerms);
  if (terms.length === 0) return null;
  // A word holds letters and digits only, so wrapping it in quotes cannot be broken out of.
  return terms.map((term) => `"${term}"*`).join(' ');
}
