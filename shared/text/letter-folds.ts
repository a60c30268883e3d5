/**
 * The one table of letters that folding for search replaces, shared by the summary
 * search (shared/text/text-match.ts) and the place search (shared/places/place-search.ts),
 * so that both read a letter the same way.
 *
 * Two groups, applied to lower-case text after NFD/NFKD has removed the marks:
 * - Latin letters that Unicode does not decompose into a base letter and a mark
 *   (đ is the Serbian, Croatian and Bosnian one that matters most);
 * - Serbian and Macedonian Cyrillic, as the Latin alphabets of the same languages
 *   write them, with their carons dropped as for Latin (ш = š -> s, џ = dž -> dz),
 *   and a few letters of neighbouring Cyrillic alphabets that a quoted name may carry.
 *
 * đ and ђ become "dj", the spelling of keyboards without them ("Djevdjelija"); a
 * search that also wants the bare "d" ("Devdelija") maps dj on both sides itself.
 * ѓ, ќ and й decompose under NFD into г, к, и plus a mark, so they are reached through
 * those; they stay here for text that skipped normalisation.
 */
export const LETTER_FOLDS: Readonly<Record<string, string>> = {
  đ: 'dj',
  ð: 'dj',
  ħ: 'h',
  ı: 'i',
  ł: 'l',
  ŀ: 'l',
  ø: 'o',
  ŧ: 't',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  // Greek final sigma is the same letter as σ.
  ς: 'σ',
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ѓ: 'g',
  д: 'd',
  ђ: 'dj',
  е: 'e',
  ж: 'z',
  з: 'z',
  ѕ: 'dz',
  и: 'i',
  й: 'j',
  ј: 'j',
  к: 'k',
  ќ: 'k',
  л: 'l',
  љ: 'lj',
  м: 'm',
  н: 'n',
  њ: 'nj',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  ћ: 'c',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'c',
  ч: 'c',
  џ: 'dz',
  ш: 's',
  щ: 'sc',
  ъ: '',
  ь: '',
  ы: 'y',
  э: 'e',
  ю: 'ju',
  я: 'ja',
  є: 'je',
  і: 'i',
  ґ: 'g',
};
