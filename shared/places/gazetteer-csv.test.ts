import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGazetteerCsv } from './gazetteer-csv';

describe('parseGazetteerCsv', () => {
  it('reads every place of the shipped gazetteer', () => {
    const text = readFileSync(new URL('../../assets/places/route-places.csv', import.meta.url), 'utf8');
    const { places, rejected } = parseGazetteerCsv(text);
    expect(rejected).toEqual([]);
    expect(places.length).toBe(text.trim().split('\n').length - 1);
    const presevo = places.find((p) => p.id === 'rs-presevo');
    expect(presevo?.nameLocal).toBe('Прешево');
    expect(presevo?.kind).toBe('reception_centre');
  });

  it('reports bad rows by line and keeps the good ones', () => {
    const csv = [
      'id,name,name_local,country,kind,lat,lon,coord_status,active,notes',
      'rs-a,A,А,RS,city,44.8,20.4,verified,2015-,',
      'rs-b,B,Б,RS,spaceport,44.8,20.4,verified,2015-,',
      'rs-c,C,В,RS,city,144.8,20.4,verified,2015-,',
      'rs-a,A again,А,RS,city,44.8,20.4,verified,2015-,',
    ].join('\n');
    const { places, rejected } = parseGazetteerCsv(csv);
    expect(places.map((p) => p.id)).toEqual(['rs-a']);
    expect(rejected.map((r) => r.line)).toEqual([3, 4, 5]);
  });
});
