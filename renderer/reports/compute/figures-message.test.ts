/**
 * The packed figures the worker posts come back exactly as they were computed: the
 * official figures and the map groups, every field, through a structured clone with
 * their typed arrays handed over, as the worker posts them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import gazetteerCsv from '../../../assets/places/route-places.csv?raw';
import { buildObservation } from '../../../shared/observations/new-observation';
import { checkObservationInput } from '../../../shared/observations/observation-rules';
import { parseGazetteerCsv } from '../../../shared/places/gazetteer-csv';
import type { OfficialFigure } from '../../../shared/reports/official';
import { reportFiguresOf, reportWindow } from '../../../shared/reports/report-figures';
import type { ReportRecord } from '../../../shared/reports/report-record';
import { generateTrainingObservations } from '../../training/training-data';
import { computeReport } from './compute-report';
import { packFigures, packMapGroups, packOfficial, transferablesOf, unpackFigures, unpackMapGroups, unpackOfficial } from './figures-message';
import type { MapGroup } from './map-records';

const { places } = parseGazetteerCsv(gazetteerCsv);
const TIME_ZONE = 'Europe/Belgrade';
const PERIOD = { from: '2016-03-01T00:00:00.000+01:00', to: '2016-04-01T00:00:00.000+02:00' };

/** Training records of every kind around the period, as the store holds them (submitted, training). */
function trainingRecords(count: number): ReportRecord[] {
  const records: ReportRecord[] = [];
  let n = 0;
  for (const item of generateTrainingObservations({ places, count, seed: 11, start: new Date('2016-02-01T00:00:00Z'), end: new Date('2016-04-10T00:00:00Z') })) {
    const check = checkObservationInput(item.input, Date.parse('2016-05-01T00:00:00Z'));
    if (!check.ok) continue;
    const id = `0190${String((n += 1)).padStart(28, '0')}`;
    records.push({ ...buildObservation(check.value, { author: item.author, office: item.office, device: 'd' }, { id, hlc: 'x', reportedAt: '2016-05-01T00:00:00.000Z' }), training: true, reviewStatus: 'submitted' });
  }
  return records.sort((a, b) => (a.observedStart < b.observedStart ? -1 : a.observedStart > b.observedStart ? 1 : 0));
}

/** As the worker posts it: a structured clone with the typed arrays transferred. */
function posted<T>(value: T, transfer: ArrayBuffer[] = []): T {
  return structuredClone(value, { transfer });
}

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const iso = fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2017, 0, 1) }).map((t) => new Date(t).toISOString());
const officialFigure: fc.Arbitrary<OfficialFigure> = fc.record({
  kind: fc.constantFrom('secondary_source', 'point_count', 'site_snapshot'),
  placeId: nullable(fc.constantFrom('rs-presevo', 'mk-tabanovce', 'hr-slavonski-brod')),
  country: nullable(fc.constantFrom('RS', 'MK', 'HR')),
  sourceType: nullable(fc.constantFrom('government', 'un_agency', 'ngo')),
  sourceName: nullable(fc.string({ maxLength: 12 })),
  observedStart: iso,
  observedEnd: nullable(iso),
  figure: fc.record({
    value: fc.integer({ min: 0, max: 1_000_000 }),
    records: fc.nat(5),
    recordIds: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
    includesSubmitted: fc.boolean(),
    method: fc.record({ key: fc.constant('official' as const), values: fc.dictionary(fc.constantFrom('a', 'b'), fc.nat(), { noNullPrototype: true }) }, { noNullPrototype: true }),
  }, { noNullPrototype: true }),
}, { noNullPrototype: true }) as fc.Arbitrary<OfficialFigure>;
const mapGroup: fc.Arbitrary<MapGroup> = fc.record({
  kind: fc.constantFrom('group_sighting', 'point_count', 'site_snapshot'),
  placeId: nullable(fc.constantFrom('rs-presevo', 'mk-tabanovce')),
  location: nullable(fc.record({ lat: fc.double({ min: 40, max: 48, noNaN: true }), lon: fc.double({ min: 13, max: 23, noNaN: true }) }, { noNullPrototype: true })),
  movement: nullable(
    fc.record(
      { direction: fc.constantFrom('incoming', 'outgoing', 'unknown'), fromPlaceId: nullable(fc.constant('rs-presevo')), fromCountry: nullable(fc.constant('MK')), toPlaceId: nullable(fc.constant('hr-slavonski-brod')), toCountry: nullable(fc.constant('HR')) },
      { noNullPrototype: true },
    ),
  ),
  measure: fc.constantFrom('movements', 'presence', 'official'),
  totalPersons: fc.integer({ min: 0, max: 100_000 }),
  records: fc.integer({ min: 1, max: 500 }),
  firstStart: iso,
  lastStart: iso,
}, { noNullPrototype: true });

describe('the figures the report worker posts', () => {
  it('come back as computed: every section, every official figure and map group of a month of training records', () => {
    const job = { period: PERIOD, load: reportWindow(PERIOD, TIME_ZONE).load, includeSubmitted: true, training: true, timeZone: TIME_ZONE, showSourceNames: true, scope: {}, places: places.map((p) => [p.id, { kind: p.kind, country: p.country }] as [string, { kind: typeof p.kind; country: string }]) };
    const figures = computeReport(trainingRecords(1500), job);
    expect(figures.measures.official.length).toBeGreaterThan(50);
    expect(figures.mapGroups.length).toBeGreaterThan(50);
    const packed = packFigures(structuredClone(figures));
    expect(unpackFigures(posted(packed, transferablesOf(packed)))).toStrictEqual(figures);
  });

  it('are the figures computed with record ids, every id list emptied and nothing else changed', () => {
    const job = { period: PERIOD, load: reportWindow(PERIOD, TIME_ZONE).load, includeSubmitted: true, training: true, timeZone: TIME_ZONE, showSourceNames: true, scope: {}, places: places.map((p) => [p.id, { kind: p.kind, country: p.country }] as [string, { kind: typeof p.kind; country: string }]) };
    const records = trainingRecords(1500);
    const withIds = reportFiguresOf(records, { ...job, places: new Map(job.places) });
    const ids = JSON.stringify(withIds).match(/"recordIds":\["/g)?.length ?? 0;
    expect(ids).toBeGreaterThan(100);
    const { mapGroups, ...figures } = computeReport(records, job);
    expect(mapGroups.length).toBeGreaterThan(0);
    expect(JSON.stringify(figures)).not.toMatch(/"recordIds":\["/);
    expect(figures).toStrictEqual(JSON.parse(JSON.stringify(withIds).replace(/"recordIds":\[[^\]]*\]/g, '"recordIds":[]')));
  });

  it('give back any list of official figures and map groups exactly, nulls, shared places and movements included', () => {
    fc.assert(
      fc.property(fc.array(officialFigure, { maxLength: 30 }), fc.array(mapGroup, { maxLength: 30 }), (official, groups) => {
        expect(unpackOfficial(posted(packOfficial(official)))).toStrictEqual(official);
        expect(unpackMapGroups(posted(packMapGroups(groups)))).toStrictEqual(groups);
      }),
      { numRuns: 200 },
    );
  });

  it('hand each figure its own record ids and method line, and freeze the points and movements groups share', () => {
    const official = unpackOfficial(packOfficial([0, 1].map((i) => ({ kind: 'secondary_source', placeId: null, country: 'RS', sourceType: null, sourceName: null, observedStart: '2016-03-0' + String(i + 1) + 'T00:00:00.000Z', observedEnd: null, figure: { value: i, records: 1, recordIds: ['r'], includesSubmitted: false, method: { key: 'official', values: {} } } }))));
    official[0]?.figure.recordIds.push('changed');
    expect(official[1]?.figure.recordIds).toEqual(['r']);
    const movement = { direction: 'incoming', fromPlaceId: null, fromCountry: 'MK', toPlaceId: null, toCountry: null } as const;
    const group = { kind: 'group_sighting', placeId: 'rs-presevo', location: { lat: 42.3, lon: 21.6 }, movement, measure: 'movements', totalPersons: 3, records: 1, firstStart: '2016-03-01T00:00:00.000Z', lastStart: '2016-03-01T00:00:00.000Z' } as const;
    const [a, b] = unpackMapGroups(packMapGroups([group, { ...group, totalPersons: 5 }]));
    expect(a?.movement).toBe(b?.movement);
    expect(Object.isFrozen(a?.movement)).toBe(true);
    expect(Object.isFrozen(a?.location)).toBe(true);
  });
});
