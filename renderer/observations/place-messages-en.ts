/** Messages of the place combobox and the typed-coordinates field (place-combobox.tsx, coordinate-input.tsx). */
export const placeMessagesEn = {
  'place.hint': 'Type a name in Latin or Cyrillic letters; accents are optional.',
  'place.noMatch': 'No place matches “{query}”.',
  'place.resultCount_one': '{count} place found. Use the up and down arrow keys to choose.',
  'place.resultCount_other': '{count} places found. Use the up and down arrow keys to choose.',
  'place.alsoKnownAs': 'also {name}',
  'place.clear': 'Clear',
  'place.clearLabel': 'Clear the place',

  'coordinates.hint': 'For example 42.3361, 21.9037 or 42°20′10″N 21°54′13″E',
  'coordinates.apply': 'Use these coordinates',
  'coordinates.readsAs': 'Reads as {decimal} ({dms})',
} as const;
