/**
 * Free-text matching as field staff type it: without caring for case, diacritics or
 * script. "presevo zena" finds "Preševo, žena" and "Прешево, жена"; "dorde" and
 * "djordje" find "Đorđe". Used by the list's summary search (renderer/store/text-search.ts) and by
 * anything else that matches typed words against stored text. (Place names have
 * their own, ranked search with more spelling variants: shared/places/place-search.ts.)
 *
 * Both sides go through `foldText`, then every word of the query must occur somewhere
 * in the text (substring, so that a word typed half-way already matches).
 */
import { LETTER_FOLDS } from './letter-folds';

const COMBINING_MARKS = /\p{M}+/gu;
const NON_ASCII = /[\u0080-\uffff]/g;
const HAS_NON_ASCII = /[\u0080-\uffff]/;
/**
 * đ is written dj on keyboards without it ("Djevdjelija", "Djordje") and as a bare d
 * ("Dorde"); LETTER_FOLDS gives dj, and folding dj to d on both sides lets every
 * spelling find the others.
 */
const DJ = /dj+/g;

/**
 * Text in the one form matching compares: lower case, no diacritics, Serbian and
 * Macedonian Cyrillic as Latin. Some letters fold to two (љ -> lj), so positions in
 * the folded text are not positions in the original. ASCII text takes a fast path
 * (most summaries are ASCII), because a search folds tens of thousands of summaries.
 */
export function foldText(text: string): string {
  if (!HAS_NON_ASCII.test(text)) return text.toLowerCase().replace(DJ, 'd');
  // Upper case, then lower: closer to Unicode case folding than lower case alone (ſ
  // and ᲀ lower-case to themselves but upper-case to a common letter; ᾀ upper-cases
  // to two). NFKD rather than NFD: it also splits ligatures and compatibility forms
  // (ǆ -> dž, ﬁ -> fi, full-width and mathematical letters) that pasted text may
  // carry; these can decompose into capitals (𝒜 -> A), hence the last lower case.
  return text
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(NON_ASCII, (ch) => LETTER_FOLDS[ch] ?? ch)
    .replace(DJ, 'd');
}

const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * The folded words of a query, each to be found in the text. Punctuation around a
 * word is dropped ("Preševo," finds "Preševo."); inside a word it stays ("e-mail").
 * An empty list means "no text filter".
 */
export function queryWords(query: string): string[] {
  const words = foldText(query)
    .split(/\s+/)
    .map((word) => word.replace(EDGE_PUNCTUATION, ''))
    .filter((word) => word !== '');
  return [...new Set(words)];
}

/** Whether already folded text holds every (folded) word. */
export function matchesWords(foldedText: string, words: readonly string[]): boolean {
  for (const word of words) if (!foldedText.includes(word)) return false;
  return true;
}

/** Whether `text` holds every word of `query`, both folded. An empty query matches everything. */
export function textMatches(text: string, query: string): boolean {
  return matchesWords(foldText(text), queryWords(query));
}
