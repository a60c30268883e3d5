import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGazetteerCsv } from './gazetteer-csv';
import type { Place } from './place';
import { createPlaceSearch, foldForSearch, searchKeysOf } from './place-search';

const { places } = parseGazetteerCsv(readFileSync(new URL('../../assets/places/route-places.csv', import.meta.url), 'utf8'));
const gazetteer = createPlaceSearch(places);
const firstId = (query: string): string | undefined => gazetteer.search(query)[0]?.place.id;

function place(id: string, name: string, nameLocal = ''): Place {
  return { id, name, nameLocal, country: 'RS', kind: 'city', lat: 44, lon: 20, coordStatus: 'approximate', active: '2015-', notes: '' };
}

describe('foldForSearch', () => {
  it('drops case and diacritics and transliterates Serbian and Macedonian Cyrillic', () => {
    expect(foldForSearch('Preševo')).toBe('presevo');
    expect(foldForSearch('Прешево')).toBe('presevo');
    expect(foldForSearch('Đevđelija')).toBe('djevdjelija');
    expect(foldForSearch('Ђевђелија')).toBe('djevdjelija');
    expect(foldForSearch('Љубљана Њиш Џеп')).toBe('ljubljana njis dzep');
    expect(foldForSearch('ЋЌЃЅЈЧШЖХЦ')).toBe('ckgdzjcszhc');
    expect(foldForSearch('  Slavonski-Brod, (HR)  ')).toBe('slavonski brod hr');
  });

  it('gives a name a key with đ as d and one with š/č/ž as sh/ch/zh', () => {
    expect(searchKeysOf('Đevđelija')).toEqual(['djevdjelija', 'devdelija']);
    expect(searchKeysOf('Прешево')).toEqual(['presevo', 'preshevo']);
    expect(searchKeysOf('Tabanovce')).toEqual(['tabanovce']);
  });
});

describe('createPlaceSearch over the shipped gazetteer', () => {
  it.each(['Presevo', 'presevo', 'PRESEVO', 'Preševo', 'Прешево', 'прешево', 'Preshevo', 'Pres', 'Пре'])('finds Presevo by "%s"', (query) => {
    expect(firstId(query)).toBe('rs-presevo');
  });

  it.each(['Tabanovce', 'tabanovce', 'Табановце', 'табан'])('finds Tabanovce by "%s"', (query) => {
    expect(firstId(query)).toBe('mk-tabanovce');
  });

  it.each(['Djevdjelija', 'Đevđelija', 'đevđelija', 'Devdelija', 'Gevgelija', 'gevgelija', 'Гевгелија', 'Ђевђелија'])('finds Gevgelija by "%s"', (query) => {
    expect(firstId(query)).toBe('mk-gevgelija');
  });

  it('says which name matched and how well', () => {
    expect(gazetteer.search('Đevđelija')[0]).toMatchObject({ quality: 'exact', matchedName: 'Đevđelija' });
    expect(gazetteer.search('Гевгел')[0]).toMatchObject({ quality: 'prefix', matchedName: 'Gevgelija' });
    expect(gazetteer.search('Brod')[0]).toMatchObject({ quality: 'wordPrefix', matchedName: 'Slavonski Brod' });
  });

  it('ranks exact, then prefix, then word prefix, then substring, then by name', () => {
    const search = createPlaceSearch([
      place('rs-d', 'Old Sid'),
      place('rs-c', 'Kasida'),
      place('rs-b', 'Sidovac'),
      place('rs-e', 'Apsid'),
      place('rs-a', 'Sid', 'Шид'),
      place('rs-f', 'Sidarevo'),
    ]);
    expect(search.search('sid', 10).map((m) => m.place.name)).toEqual(['Sid', 'Sidarevo', 'Sidovac', 'Old Sid', 'Apsid', 'Kasida']);
    expect(search.search('sid', 10).map((m) => m.quality)).toEqual(['exact', 'prefix', 'prefix', 'wordPrefix', 'substring', 'substring']);
  });

  it('finds a place once even when several of its names match', () => {
    const ids = gazetteer.search('gevgel', 50).map((m) => m.place.id);
    expect(ids.filter((id) => id === 'mk-gevgelija')).toHaveLength(1);
  });

  it('keeps to the limit', () => {
    expect(gazetteer.search('a', 3)).toHaveLength(3);
    expect(gazetteer.search('a', 0)).toEqual([]);
    expect(gazetteer.search('a', -5)).toEqual([]);
    expect(gazetteer.search('a', Number.NaN)).toHaveLength(10);
    expect(gazetteer.search('a', Number.POSITIVE_INFINITY).length).toBeGreaterThan(10);
  });

  it('uses alternative names given in the options instead of the default ones', () => {
    const search = createPlaceSearch(places, { alternativeNames: { 'rs-sid': ['Šid'] } });
    expect(search.search('Đevđelija')).toEqual([]);
    expect(search.search('Šid')[0]?.place.id).toBe('rs-sid');
  });
});

describe('hostile input', () => {
  it.each([
    ['empty', ''],
    ['whitespace', ' \t\n\u00A0\u2003 '],
    ['punctuation only', '.*+?^${}()|[]\\/'],
    ['emoji', '🏳️‍🌈🚶‍♀️'],
    ['right-to-left marks', '\u202E\u200F'],
  ])('finds nothing for %s', (_label, query) => {
    expect(gazetteer.search(query)).toEqual([]);
  });

  it('treats regular-expression characters as text', () => {
    expect(() => gazetteer.search('(Pres[evo')).not.toThrow();
    expect(firstId('(Pres[evo')).toBeUndefined();
    expect(firstId('Pre.*')).toBe('rs-presevo');
  });

  it('handles Arabic, Hebrew and mixed-direction text', () => {
    expect(gazetteer.search('بلغراد')).toEqual([]);
    expect(gazetteer.search('\u202EBelgrade')[0]?.place.id).toBe('rs-belgrade');
  });

  // A search that grew with the square of the query would run past the test timeout.
  it('answers a 10,000-character query with nothing', () => {
    expect(gazetteer.search('a'.repeat(10_000))).toEqual([]);
    expect(gazetteer.search('Прешево '.repeat(1_250))).toEqual([]);
  });

  it('a place named after an Object.prototype key is only itself', () => {
    const search = createPlaceSearch([place('rs-x', 'constructor')], { alternativeNames: {} });
    expect(search.search('constructor').map((m) => m.place.id)).toEqual(['rs-x']);
    expect(() => createPlaceSearch([{ ...place('rs-y', 'Y'), id: 'constructor' }]).search('y')).not.toThrow();
  });

  it('never throws on any string and every result really contains the query', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: -3, max: 60 }), (query, limit) => {
        const results = gazetteer.search(query, limit);
        expect(results.length).toBeLessThanOrEqual(Math.max(0, limit));
        const folded = foldForSearch(query);
        for (const match of results) expect(searchKeysOf(match.matchedName).some((key) => key.includes(folded))).toBe(true);
      }),
    );
  });
});

describe('many places', () => {
  it('finds one place among 5,000 by its Cyrillic name, and caps each answer at its limit', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => place(`rs-p${i}`, `Mesto ${i} Šabac`, `Место ${i} Шабац`));
    const search = createPlaceSearch(many, { alternativeNames: {} });
    for (let i = 0; i < 200; i++) expect(search.search(`${i} sab`, 10).length).toBeLessThanOrEqual(10);
    expect(search.search('Место 4999')[0]?.place.id).toBe('rs-p4999');
  });
});
