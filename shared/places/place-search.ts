/**
 * Finding a gazetteer place by name as a monitor types it: in Latin or Cyrillic,
 * with or without diacritics, on a plain English keyboard. "Presevo", "Preševo" and
 * "Прешево" all find Preševo; "Djevdjelija", "Đevđelija" and "Гевгелија" find Gevgelija.
 *
 * Names and queries are folded to one plain-Latin form (see `foldForSearch`, with the
 * letter table the summary search uses too: shared/text/letter-folds.ts); the
 * folded keys of every place are computed once in `createPlaceSearch`, so a search is
 * a handful of string comparisons per place.
 */
import { LETTER_FOLDS } from '../text/letter-folds';
import { PLACE_ALTERNATIVE_NAMES } from './place-alternative-names';
import type { Place } from './place';

/** How well a place's name matched, best first. */
export const MATCH_QUALITIES = ['exact', 'prefix', 'wordPrefix', 'substring'] as const;
export type MatchQuality = (typeof MATCH_QUALITIES)[number];

export interface PlaceMatch {
  readonly place: Place;
  readonly quality: MatchQuality;
  /** The name as written in the gazetteer (or the alternative name) that matched best. */
  readonly matchedName: string;
}

export interface PlaceSearch {
  /** Places matching `query`, best first, at most `limit`. An empty query finds nothing. */
  search(query: string, limit?: number): PlaceMatch[];
}

export interface PlaceSearchOptions {
  /** Other names by place id; the route's known ones by default. */
  readonly alternativeNames?: Readonly<Record<string, readonly string[]>>;
}

export const DEFAULT_SEARCH_LIMIT = 10;

/**
 * Spellings of the same letters that a keyboard without them produces; each variant
 * gives a name a second key, so either spelling finds it:
 * - `d`: đ/ђ typed as a bare d ("Devdelija"), as often as dj;
 * - `digraph`: š, č, ž (and ш, ч, ж) typed as sh, ch, zh, as English and Albanian
 *   spelling does ("Preshevo", "Shid").
 */
type FoldVariant = 'plain' | 'd' | 'digraph';

const VARIANT_OVERRIDES: Readonly<Record<FoldVariant, Readonly<Record<string, string>>>> = {
  plain: {},
  d: { đ: 'd', ð: 'd', ђ: 'd' },
  digraph: { ш: 'sh', ч: 'ch', ж: 'zh' },
};

const COMBINING_MARK = /\p{M}/gu;
const CARON_DIGRAPH = /([scz])\u030C/g;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

function foldVariant(text: string, variant: FoldVariant): string {
  let decomposed = text.toLowerCase().normalize('NFD');
  if (variant === 'digraph') decomposed = decomposed.replace(CARON_DIGRAPH, '$1h');
  const overrides = VARIANT_OVERRIDES[variant];
  let latin = '';
  for (const char of decomposed.replace(COMBINING_MARK, '')) {
    latin += overrides[char] ?? LETTER_FOLDS[char] ?? char;
  }
  // Punctuation and spacing never decide a match: "Slavonski-Brod" finds "Slavonski Brod".
  return latin.replace(NOT_LETTER_OR_DIGIT, ' ').trim();
}

/**
 * The plain-Latin search form of a name or query: lower case, no diacritics,
 * Cyrillic transliterated, đ as dj, punctuation as single spaces.
 */
export function foldForSearch(text: string): string {
  return foldVariant(text, 'plain');
}

/** Every folded form under which a name should be found (the plain one first). */
export function searchKeysOf(name: string): string[] {
  const keys = [foldVariant(name, 'plain'), foldVariant(name, 'd'), foldVariant(name, 'digraph')];
  return [...new Set(keys)].filter((key) => key !== '');
}

interface NameKey {
  readonly key: string;
  /** The key after a space, so that "starts a word" is one `includes`. */
  readonly spaced: string;
  readonly name: string;
}

interface IndexedPlace {
  readonly place: Place;
  readonly keys: readonly NameKey[];
  /** Position in the list sorted by name: the tie-break, computed once. */
  readonly order: number;
}

function qualityOf(entry: NameKey, query: string, spacedQuery: string): number {
  if (entry.key === query) return 0;
  if (entry.key.startsWith(query)) return 1;
  if (entry.spaced.includes(spacedQuery)) return 2;
  if (entry.key.includes(query)) return 3;
  return -1;
}

/** Index `places` once for searching by name, local name and alternative names. */
export function createPlaceSearch(places: readonly Place[], options: PlaceSearchOptions = {}): PlaceSearch {
  const alternativeNames = options.alternativeNames ?? PLACE_ALTERNATIVE_NAMES;
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  const byName = [...places].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const indexed: IndexedPlace[] = byName.map((place, order) => {
    // Object.hasOwn: an id such as "constructor" must not reach Object.prototype.
    const others = Object.hasOwn(alternativeNames, place.id) ? (alternativeNames[place.id] ?? []) : [];
    const keys: NameKey[] = [];
    const seen = new Set<string>();
    for (const name of [place.name, place.nameLocal, ...others]) {
      for (const key of searchKeysOf(name)) {
        if (seen.has(key)) continue;
        seen.add(key);
        keys.push({ key, spaced: ` ${key}`, name });
      }
    }
    return { place, keys, order };
  });

  return {
    search(query: string, limit: number = DEFAULT_SEARCH_LIMIT): PlaceMatch[] {
      const max = Number.isNaN(limit) ? DEFAULT_SEARCH_LIMIT : Math.max(0, Math.floor(limit));
      const folded = foldForSearch(query);
      if (folded === '' || max === 0) return [];
      const spacedQuery = ` ${folded}`;
      const found: { entry: IndexedPlace; quality: number; name: string }[] = [];
      for (const entry of indexed) {
        let best = -1;
        let bestName = '';
        for (const nameKey of entry.keys) {
          const quality = qualityOf(nameKey, folded, spacedQuery);
          if (quality >= 0 && (best < 0 || quality < best)) {
            best = quality;
            bestName = nameKey.name;
            if (quality === 0) break;
          }
        }
        if (best >= 0) found.push({ entry, quality: best, name: bestName });
      }
      found.sort((a, b) => a.quality - b.quality || a.entry.order - b.entry.order);
      return found.slice(0, max).map(({ entry, quality, name }) => ({
        place: entry.place,
        quality: MATCH_QUALITIES[quality] ?? 'substring',
        matchedName: name,
      }));
    },
  };
}
