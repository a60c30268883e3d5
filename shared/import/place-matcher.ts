/**
 * Matching the place names of an imported file to the gazetteer. A name matches when,
 * folded as the place search folds it (case, diacritics, Serbian and Macedonian
 * Cyrillic as Latin: shared/places/place-search.ts), it is exactly one place's name,
 * local name or alternative name; a gazetteer id ("rs-presevo") matches too. A name
 * that is only the start of a place's name, or names two places, is not guessed at:
 * the screen lists it for the user to map or skip.
 */
import { createPlaceSearch, foldForSearch } from '../places/place-search';
import type { Place } from '../places/place';

export interface PlaceMatcher {
  /** The place a name means, or null when the gazetteer holds no single place of that name. */
  match(name: string): Place | null;
}

/** The key a name is remembered under (the user's answers for unmatched names are kept by it). */
export function placeNameKey(name: string): string {
  return foldForSearch(name);
}

export function createPlaceMatcher(places: readonly Place[]): PlaceMatcher {
  const search = createPlaceSearch(places);
  const byId = new Map(places.map((place) => [place.id, place]));
  const known = new Map<string, Place | null>();
  // A file names the same few places in the same spelling on row after row: remembered
  // as written too, so that most rows cost one lookup and no folding.
  const asWritten = new Map<string, Place | null>();
  const matchFolded = (name: string): Place | null => {
    const key = placeNameKey(name);
    if (key === '') return null;
    const cached = known.get(key);
    if (cached !== undefined) return cached;
    const exact = search.search(name, 20).filter((found) => found.quality === 'exact');
    const ids = new Set(exact.map((found) => found.place.id));
    const place = byId.get(name.trim().toLowerCase()) ?? (ids.size === 1 ? (exact[0]?.place ?? null) : null);
    known.set(key, place);
    return place;
  };
  return {
    match(name: string): Place | null {
      const remembered = asWritten.get(name);
      if (remembered !== undefined) return remembered;
      const place = matchFolded(name);
      if (asWritten.size < 10_000) asWritten.set(name, place);
      return place;
    },
  };
}
