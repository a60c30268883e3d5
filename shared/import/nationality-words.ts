/**
 * Reading a nationality cell of a partner's file: a code (SYR, SY), a country's name
 * or a demonym, in English or the region's languages, Latin or Cyrillic, with or
 * without diacritics ("Syrian", "Sirija", "Сирија", "sirijski", "Afghan",
 * "avganistanska", "Siri", "stateless").
 *
 * Country names come from i18n-iso-countries (the package the codes come from, MIT),
 * in English, Serbian, Macedonian, Albanian, Bosnian and Croatian. Demonyms are not in
 * any well-kept package, so the route's main nationalities have a small table of ours
 * (`DEMONYMS`). Every word is folded as the place search folds names (case,
 * diacritics, Cyrillic as Latin: shared/places/place-search.ts). A word that names
 * two countries ("Congo") is not guessed at: the screen lists it for the user to map
 * or skip, as it lists unmatched place names.
 */
import countries from 'i18n-iso-countries';
import bs from 'i18n-iso-countries/langs/bs.json';
import en from 'i18n-iso-countries/langs/en.json';
import hr from 'i18n-iso-countries/langs/hr.json';
import mk from 'i18n-iso-countries/langs/mk.json';
import sq from 'i18n-iso-countries/langs/sq.json';
import sr from 'i18n-iso-countries/langs/sr.json';
import { isNationalityCode } from '../observations/nationalities';
import { foldForSearch, searchKeysOf } from '../places/place-search';

/** The languages whose country names are read: English and the route's. */
const COUNTRY_NAME_LOCALES: readonly { countries: Readonly<Record<string, string | readonly string[]>> }[] = [en, sr, mk, sq, bs, hr];

/** A Serbian, Croatian or Bosnian adjective stem ("sirijsk") in its nominative forms. */
const bcs = (stem: string): string[] => ['i', 'a', 'o', 'e'].map((end) => stem + end);
/** The same for a Macedonian stem ("сириск"). */
const macedonian = (stem: string): string[] => ['и', 'а', 'о'].map((end) => stem + end);

/**
 * Demonyms and common short names of the route's main nationalities, by alpha-3 code:
 * English; Serbian, Croatian and Bosnian (the man, the people, the woman, the
 * adjective; Serbian Cyrillic folds to these); Macedonian; Albanian. Written with
 * their diacritics: folding finds them written without.
 */
export const DEMONYMS: Readonly<Record<string, readonly string[]>> = {
  SYR: ['Syria', 'Syrian', 'Syrians', 'Sirijac', 'Sirijci', 'Sirijka', ...bcs('sirijsk'), 'Сириец', 'Сиријци', ...macedonian('сириск'), 'Siria', 'sirian', 'siriane', 'sirianë', 'sirianët'],
  AFG: [
    'Afghan',
    'Afghans',
    'Afghani',
    'Avganistanac',
    'Avganistanci',
    'Avganistanka',
    ...bcs('avganistansk'),
    'Afganistanac',
    'Afganistanci',
    'Afganistanka',
    ...bcs('afganistansk'),
    'Авганистанец',
    'Авганистанци',
    ...macedonian('авганистанск'),
    'afgan',
    'afgane',
    'afganë',
    'afganistanas',
  ],
  IRQ: ['Iraqi', 'Iraqis', 'Iračanin', 'Iračani', 'Iračanka', ...bcs('iračk'), 'Ирачанец', 'Ирачани', ...macedonian('ирачк'), 'irakian', 'irakiane', 'irakianë'],
  IRN: ['Iranian', 'Iranians', 'Persian', 'Iranac', 'Iranci', 'Iranka', ...bcs('iransk'), 'Иранец', 'Иранци', ...macedonian('иранск'), 'iranian', 'iraniane', 'iranianë'],
  PAK: ['Pakistani', 'Pakistanis', 'Pakistanac', 'Pakistanci', 'Pakistanka', ...bcs('pakistansk'), 'Пакистанец', 'Пакистанци', ...macedonian('пакистанск'), 'pakistanez', 'pakistaneze', 'pakistanas'],
  MAR: ['Moroccan', 'Moroccans', 'Marokanac', 'Marokanci', 'Marokanka', ...bcs('marokansk'), 'Мароканец', 'Мароканци', ...macedonian('мароканск'), 'Maroku', 'marokan', 'marokene', 'maroken'],
  DZA: ['Algerian', 'Algerians', 'Alžirac', 'Alžirci', 'Alžirka', ...bcs('alžirsk'), 'Алжирец', 'Алжирци', ...macedonian('алжирск'), 'Algjeria', 'algjerian', 'algjeriane', 'algjerianë'],
  ERI: ['Eritrean', 'Eritreans', 'Eritrejac', 'Eritrejci', 'Eritrejka', ...bcs('eritrejsk'), 'Еритреец', 'Еритрејци', ...macedonian('еритрејск'), 'Eritrea', 'eritrean', 'eritreane', 'eritreanë'],
  SOM: ['Somali', 'Somalis', 'Somalian', 'Somalijac', 'Somalijci', 'Somalijka', ...bcs('somalijsk'), 'Сомалиец', 'Сомалијци', ...macedonian('сомалиск'), 'Somalia', 'somalez', 'somaleze'],
  BGD: ['Bangladeshi', 'Bangladeshis', 'Bangladešanin', 'Bangladešani', 'Bangladešanka', ...bcs('bangladešk'), 'Бангладешанец', 'Бангладешани', ...macedonian('бангладешк'), 'bangladeshas', 'bangladeshian'],
  PSE: ['Palestinian', 'Palestinians', 'Palestina', 'Palestinac', 'Palestinci', 'Palestinka', ...bcs('palestinsk'), 'Палестина', 'Палестинец', 'Палестинци', ...macedonian('палестинск'), 'palestinez', 'palestineze'],
  TUR: ['Turkish', 'Turk', 'Turks', 'Turčin', 'Turci', 'Turkinja', ...bcs('tursk'), 'Турчин', 'Турци', ...macedonian('турск'), 'Turqia', 'turk', 'turke', 'turq'],
  LBY: ['Libyan', 'Libyans', 'Libijac', 'Libijci', 'Libijka', ...bcs('libijsk'), 'Либиец', 'Либијци', ...macedonian('либиск'), 'Libia', 'libian', 'libiane', 'libianë'],
  MKD: ['Macedonia', 'Makedonija', 'Македонија', 'Maqedonia'],
  // ICAO Doc 9303's code for a stateless person (shared/observations/nationalities.ts).
  XXA: [
    'stateless',
    'stateless person',
    'stateless persons',
    'bez državljanstva',
    'lice bez državljanstva',
    'lica bez državljanstva',
    'osoba bez državljanstva',
    'osobe bez državljanstva',
    'apatrid',
    'apatridi',
    'без државјанство',
    'лице без државјанство',
    'лица без државјанство',
    'апатриди',
    'pa shtetësi',
    'person pa shtetësi',
    'persona pa shtetësi',
  ],
  // Unspecified nationality (ICAO): what partners' files write when nobody said.
  XXX: ['unknown', 'unspecified', 'not known', 'nepoznato', 'nepoznata', 'nepoznat', 'непознато', 'непозната', 'непознат', 'e panjohur', 'i panjohur', 'të panjohur'],
};

/** The key a nationality word is remembered under (the user's answers for unmatched words are kept by it). */
export function nationalityKey(text: string): string {
  return foldForSearch(text);
}

/** Folded word → alpha-3 code; a word two countries share is left out. */
function buildWordTable(): ReadonlyMap<string, string> {
  const codesOf = new Map<string, Set<string>>();
  const add = (word: string, code: string) => {
    for (const key of searchKeysOf(word)) {
      const codes = codesOf.get(key) ?? new Set<string>();
      codes.add(code);
      codesOf.set(key, codes);
    }
  };
  for (const locale of COUNTRY_NAME_LOCALES) {
    for (const [alpha2, names] of Object.entries(locale.countries)) {
      const code = alpha2 === 'XK' ? 'XKX' : countries.alpha2ToAlpha3(alpha2);
      if (code === undefined || !isNationalityCode(code)) continue;
      for (const name of typeof names === 'string' ? [names] : names) add(name, code);
    }
  }
  for (const [code, words] of Object.entries(DEMONYMS)) for (const word of words) add(word, code);
  const table = new Map<string, string>();
  for (const [key, codes] of codesOf) {
    const [only] = codes;
    if (codes.size === 1 && only !== undefined) table.set(key, only);
  }
  return table;
}

let wordTable: ReadonlyMap<string, string> | null = null;
/** A file writes the same few nationalities on row after row: remembered as written, so most rows cost one lookup. */
const asWritten = new Map<string, string | null>();

/** A code as written: alpha-3 as stored, or the country's alpha-2 (Kosovo's XK is ICAO's XKX). */
function codeOf(text: string): string | null {
  const value = text.trim().toUpperCase();
  if (isNationalityCode(value)) return value;
  if (value === 'XK') return 'XKX';
  const alpha3 = /^[A-Z]{2}$/.test(value) ? countries.alpha2ToAlpha3(value) : undefined;
  return alpha3 !== undefined && isNationalityCode(alpha3) ? alpha3 : null;
}

/**
 * The alpha-3 nationality code a cell means, by code, country name or demonym, or null
 * when it names none (or more than one). The empty cell is the caller's to handle.
 */
export function matchNationality(text: string): string | null {
  const remembered = asWritten.get(text);
  if (remembered !== undefined) return remembered;
  wordTable ??= buildWordTable();
  const code = codeOf(text) ?? wordTable.get(nationalityKey(text)) ?? null;
  if (asWritten.size < 10_000) asWritten.set(text, code);
  return code;
}
