import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { User } from '../access/roles';
import { HXL_COLUMNS, alpha3, hxlMovementsCsv } from './hxl-csv';
import { PLACES, SID, exportRecord } from '../../test-support/shared/export-test-fixtures';

const analyst: User = { name: 'Hana', role: 'hq_analyst', office: 'HQ-VIE' };
const request = { user: analyst, includeSensitive: true, includeTraining: false };
const belgrade = { timeZone: 'Europe/Belgrade' };

/** The file read back: [header, hashtags, ...rows as objects keyed by hashtag]. */
function readBack(text: string): { header: string[]; tags: string[]; rows: Record<string, string>[] } {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header = [], tags = [], ...rest] = parsed.data;
  return { header, tags, rows: rest.map((row) => Object.fromEntries(tags.map((tag, i) => [tag, row[i] ?? '']))) };
}

describe('hxlMovementsCsv', () => {
  it('writes a header row and, under it, the HXL hashtag row', () => {
    const { header, tags } = readBack(hxlMovementsCsv([], request, PLACES, belgrade).text);
    expect(header[0]).toBe('Date');
    expect(tags).toEqual(HXL_COLUMNS.map(([, tag]) => tag));
    for (const tag of ['#date', '#loc+name', '#loc+code', '#adm1+name', '#country+code', '#geo+lat', '#geo+lon', '#affected+total', '#affected+f+adults', '#affected+m+adults', '#affected+f+children', '#affected+m+children', '#affected+children+unaccompanied', '#country+origin+code', '#x_direction', '#x_transport']) {
      expect(tags).toContain(tag);
    }
  });

  it('splits a record by nationality, the remainder on a row with an empty origin, sex and age as not disaggregated', () => {
    // 20 persons: SYR 12, AFG 3, 5 not covered.
    const out = hxlMovementsCsv([exportRecord()], request, PLACES, belgrade);
    const { rows } = readBack(out.text);
    expect(rows.map((r) => [r['#country+origin+code'], r['#affected+total'], r['#affected+x_not_disaggregated'], r['#affected+f+adults']])).toEqual([
      ['AFG', '3', '3', ''],
      ['SYR', '12', '12', ''],
      ['', '5', '5', ''],
    ]);
    expect(rows[0]).toMatchObject({ '#date': '2015-10-01', '#loc+name': 'Šid', '#loc+code': 'rs-sid', '#country+code': 'SRB', '#geo+lat': '45.128346', '#geo+lon': '19.226123', '#x_direction': 'outgoing', '#x_transport': 'bus;on_foot', '#meta+count': '1' });
    expect(out).toMatchObject({ rows: 3, records: 1 });
  });

  it('keeps the breakdown where all of a record\'s persons are on one row, and sums records of the same place, day, direction and nationality', () => {
    const a = exportRecord({ nationalities: [{ code: 'SYR', count: 20, basis: 'declared' }] });
    const movement = exportRecord().movement;
    if (!movement) throw new Error('fixture without movement');
    const b = exportRecord({ totalPersons: 10, nationalities: [{ code: 'SYR', count: 10, basis: 'declared' }], counts: { men: 4, women: null, boys: null, girls: null, unaccompaniedChildren: null, separatedChildren: null, method: 'estimate', min: null, max: null }, movement: { ...movement, transportModes: ['train'] } });
    const { rows } = readBack(hxlMovementsCsv([a, b], request, PLACES, belgrade).text);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      '#country+origin+code': 'SYR',
      '#affected+total': '30',
      '#affected+m+adults': '12',
      '#affected+f+adults': '5',
      '#affected+m+children': '4',
      '#affected+f+children': '3',
      '#affected+children+unaccompanied': '2',
      '#affected+x_not_disaggregated': '6',
      '#x_transport': 'bus;on_foot;train',
      '#meta+count': '2',
    });
    const r = rows[0] ?? {};
    const parts = ['#affected+f+adults', '#affected+m+adults', '#affected+f+children', '#affected+m+children', '#affected+x_not_disaggregated'].reduce((sum, tag) => sum + Number(r[tag]), 0);
    expect(parts).toBe(Number(r['#affected+total']));
  });

  it('counts movements only: site snapshots, incidents and official figures stay out', () => {
    const records = [
      exportRecord({ nationalities: [] }),
      exportRecord({ kind: 'site_snapshot', nationalities: [] }),
      exportRecord({ kind: 'incident', nationalities: [] }),
      exportRecord({ kind: 'secondary_source', nationalities: [] }),
      exportRecord({ kind: 'point_count', nationalities: [], counts: { men: null, women: null, boys: null, girls: null, unaccompaniedChildren: null, separatedChildren: null, method: 'official_figure', min: null, max: null } }),
    ];
    const out = hxlMovementsCsv(records, request, PLACES, belgrade);
    expect(out).toMatchObject({ rows: 1, records: 1, notMovements: 4 });
  });

  it('puts a record on the local day of the office, not the UTC day', () => {
    const late = exportRecord({ observedStart: '2015-10-01T22:30:00.000Z', nationalities: [] });
    expect(readBack(hxlMovementsCsv([late], request, PLACES, belgrade).text).rows[0]?.['#date']).toBe('2015-10-02');
    expect(readBack(hxlMovementsCsv([late], request, PLACES, { timeZone: 'UTC' }).text).rows[0]?.['#date']).toBe('2015-10-01');
  });

  it('keeps directions and places apart, and places a record without a place at its own point', () => {
    const movement = exportRecord().movement;
    if (!movement) throw new Error('fixture without movement');
    const incoming = exportRecord({ nationalities: [], movement: { ...movement, direction: 'incoming' } });
    const outgoing = exportRecord({ nationalities: [] });
    const atPoint = exportRecord({ placeId: null, location: { lat: 44.5, lon: -20.1234567 }, country: 'RS', nationalities: [] });
    const nowhere = exportRecord({ placeId: null, location: null, nationalities: [] });
    const out = hxlMovementsCsv([incoming, outgoing, atPoint, nowhere], request, PLACES, belgrade);
    const { rows } = readBack(out.text);
    expect(rows.map((r) => [r['#loc+name'], r['#x_direction'], r['#geo+lon']])).toEqual([
      ['', 'outgoing', '-20.123457'],
      ['Šid', 'incoming', '19.226123'],
      ['Šid', 'outgoing', '19.226123'],
    ]);
    expect(out.withoutLocation).toBe(1);
  });

  it('neutralises a place name that would start a formula', () => {
    const places = new Map(PLACES);
    places.set('rs-sid', { ...SID, name: '=HYPERLINK("http://x")' });
    const out = hxlMovementsCsv([exportRecord({ nationalities: [] })], request, places, belgrade);
    expect(readBack(out.text).rows[0]?.['#loc+name']).toBe('\'=HYPERLINK("http://x")');
  });

  it('writes countries as alpha-3, Kosovo as XKX', () => {
    expect(alpha3('RS')).toBe('SRB');
    expect(alpha3('MK')).toBe('MKD');
    expect(alpha3('XK')).toBe('XKX');
    expect(alpha3(null)).toBe('');
  });

  it('leaves out deleted and (unless asked) training records like every export', () => {
    const out = hxlMovementsCsv([exportRecord({ deleted: true }), exportRecord({ training: true })], request, PLACES, belgrade);
    expect(out.rows).toBe(0);
    expect(out.leftOut).toMatchObject({ deleted: 1, training: 1 });
  });
});
