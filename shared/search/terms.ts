/**
 * What the office types into a search box, as the journal's full-text index reads it (pure, so
 * the renderer can say "type at least three letters" before asking).
 *
 * The index uses trigrams: any three characters or more of a word match, wherever they are in
 * it (part of an order id, "Walt" of Walter Chin), without regard to case or accents. Every
 * word of at least three characters must be found; shorter ones cannot be looked up.
 */

/** The shortest word the index can look up. */
export const MIN_TERM = 3;

/** The words that count, in the order typed. */
export function searchTerms(typed: string): string[] {
  return typed
    .split(/\s+/)
    .filter((t) => [...t].length >= MIN_TERM)
    .slice(0, 16);
}

/**
 * The FTS5 query for what was typed: each word quoted (nothing typed is read as query syntax),
 * all of them required. Null when no word is long enough.
 */
export function matchExpression(typed: string): string | null {
  const terms = searchTerms(typed);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ');
}
