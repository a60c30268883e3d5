import { describe, expect, it } from 'vitest';
import { isNationalityCode } from '../observations/nationalities';
import { DEMONYMS, matchNationality, nationalityKey } from './nationality-words';

/** Nationality cells as partners' files write them (UNHCR, MUP and NGO sheets of 2015-16), with the code each means. */
const AS_WRITTEN: readonly [string, string][] = [
  // Codes, as before.
  ['SYR', 'SYR'],
  ['syr', 'SYR'],
  ['SY', 'SYR'],
  ['af', 'AFG'],
  ['XK', 'XKX'],
  // English names and demonyms.
  ['Syria', 'SYR'],
  ['Syrian Arab Republic', 'SYR'],
  ['Syrian', 'SYR'],
  ['syrians', 'SYR'],
  ['Afghan', 'AFG'],
  ['Afghanistan', 'AFG'],
  ['Iraqi', 'IRQ'],
  ['Iran', 'IRN'],
  ['Iranian', 'IRN'],
  ['Pakistani', 'PAK'],
  ['Moroccan', 'MAR'],
  ['Algerian', 'DZA'],
  ['Eritrean', 'ERI'],
  ['Somali', 'SOM'],
  ['Bangladeshi', 'BGD'],
  ['Palestinian', 'PSE'],
  ['Palestine', 'PSE'],
  ['Turkey', 'TUR'],
  ['Türkiye', 'TUR'],
  ['Libyan', 'LBY'],
  ['Stateless', 'XXA'],
  ['stateless persons', 'XXA'],
  ['Unknown', 'XXX'],
  // Serbian Latin, with and without diacritics, and Cyrillic.
  ['Sirija', 'SYR'],
  ['Сирија', 'SYR'],
  ['Sirijac', 'SYR'],
  ['sirijska', 'SYR'],
  ['Avganistan', 'AFG'],
  ['Авганистан', 'AFG'],
  ['avganistanska', 'AFG'],
  ['Авганистанци', 'AFG'],
  ['Iračanin', 'IRQ'],
  ['Iracanin', 'IRQ'],
  ['Ирачани', 'IRQ'],
  ['Alžir', 'DZA'],
  ['Alzirci', 'DZA'],
  ['Bangladeš', 'BGD'],
  ['Turska', 'TUR'],
  ['Турци', 'TUR'],
  ['bez državljanstva', 'XXA'],
  ['Lice bez drzavljanstva', 'XXA'],
  ['Непознато', 'XXX'],
  // Croatian and Bosnian.
  ['Afganistan', 'AFG'],
  ['afganistanski', 'AFG'],
  ['Libija', 'LBY'],
  ['Eritrejci', 'ERI'],
  ['Somalija', 'SOM'],
  ['Palestinsko Područje', 'PSE'],
  ['Maroko', 'MAR'],
  // Macedonian.
  ['Сириец', 'SYR'],
  ['Турција', 'TUR'],
  ['Пакистанец', 'PAK'],
  ['без државјанство', 'XXA'],
  ['Северна Македонија', 'MKD'],
  // Albanian, with and without ë and ç.
  ['Siri', 'SYR'],
  ['siriane', 'SYR'],
  ['Afganistan', 'AFG'],
  ['Irak', 'IRQ'],
  ['Algjeri', 'DZA'],
  ['Turqi', 'TUR'],
  ['Kosovë', 'XKX'],
  ['Kosove', 'XKX'],
  ['pa shtetësi', 'XXA'],
  ['pa shtetesi', 'XXA'],
  // Spacing and case do not matter.
  ['  SYRIAN ', 'SYR'],
  ['Bez  državljanstva', 'XXA'],
];

describe('nationality words', () => {
  it.each(AS_WRITTEN)('reads %j as %s', (text, code) => {
    expect(matchNationality(text)).toBe(code);
  });

  it('does not guess at a word two countries share, nor at one no country has', () => {
    // Congo is the Republic of the Congo and the Democratic Republic of the Congo.
    expect(matchNationality('Congo')).toBeNull();
    for (const text of ['Narnia', 'Syr1an', 'ZZ', 'XKK', 'SYRIA ARAB', '-', '42', 'constructor', '__proto__']) expect(matchNationality(text), text).toBeNull();
  });

  it('gives every demonym of its table a nationality code the record accepts', () => {
    for (const [code, words] of Object.entries(DEMONYMS)) {
      expect(isNationalityCode(code), code).toBe(true);
      for (const word of words) expect(matchNationality(word), word).toBe(code);
    }
  });

  it('keys a word by its folded form, so the user settles "Kurdish" and "KURDISH" once', () => {
    expect(nationalityKey(' Kurdish ')).toBe(nationalityKey('KURDISH'));
    expect(nationalityKey('Курд')).toBe(nationalityKey('kurd'));
  });
});
