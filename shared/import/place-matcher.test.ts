import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseGazetteerCsv } from '../places/gazetteer-csv';
import { createPlaceMatcher } from './place-matcher';

const { places } = parseGazetteerCsv(readFileSync(path.resolve(import.meta.dirname, '../../assets/places/route-places.csv'), 'utf8'));
const matcher = createPlaceMatcher(places);

describe('matching imported place names to the gazetteer', () => {
  it('finds Preševo however it is written: Cyrillic, no diacritics, capitals, spaces around', () => {
    for (const name of ['Прешево', 'Presevo', 'PREŠEVO', 'preševo ', 'rs-presevo']) expect(matcher.match(name)?.id, name).toBe('rs-presevo');
  });

  it('finds Šid, Đevđelija (by its Serbian name and its Cyrillic one) and Horgoš', () => {
    expect(matcher.match('Šid')?.id).toBe('rs-sid');
    expect(matcher.match('ШИД')?.id).toBe('rs-sid');
    expect(matcher.match('Đevđelija')?.id).toBe('mk-gevgelija');
    expect(matcher.match('Ђевђелија')?.id).toBe('mk-gevgelija');
    expect(matcher.match('Djevdjelija')?.id).toBe('mk-gevgelija');
    expect(matcher.match('Horgoš')?.id).toBe('rs-horgos');
  });

  it('does not guess: the start of a name, an unknown name, or nothing match no place', () => {
    expect(matcher.match('Pre')).toBeNull();
    expect(matcher.match('Bele Vode')).toBeNull();
    expect(matcher.match('   ')).toBeNull();
    expect(matcher.match('constructor')).toBeNull();
  });
});
