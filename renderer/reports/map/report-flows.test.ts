/**
 * The report map's flows are the sums of the report's counted movement records between
 * places: records the report does not count (deleted, training in an ordinary report,
 * submitted while only verified ones count, outside the filter's scope, outside the
 * period) and records that count toward another measure draw no arrow. Figures below
 * are summed by hand from the fixture.
 */
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flows/aggregate-flows';
import { flowKey } from '../../../shared/flows/aggregate-flows';
import { exportRecord } from '../../../test-support/shared/export-test-fixtures';
import type { Observation } from '../../../shared/observations/observation-schema';
import type { Place } from '../../../shared/places/place';
import { computeReport } from '../compute/compute-report';
import type { ReportJob } from '../compute/report-job';
import { reportMapPoints } from '../report-map-points';
import { reportFlows } from './report-flows';

function place(id: string, name: string, country: string, lat: number, lon: number): Place {
  return { id, name, nameLocal: '', country, kind: 'border_crossing', lat, lon, coordStatus: 'verified', active: '', notes: '' };
}

const PLACES: Place[] = [
  place('mk-tabanovce', 'Tabanovce', 'MK', 42.22, 21.7),
  place('rs-presevo', 'Preševo', 'RS', 42.31, 21.65),
  place('rs-belgrade', 'Belgrade', 'RS', 44.82, 20.46),
];
const PLACES_BY_ID = new Map(PLACES.map((p) => [p.id, p]));

function movement(ends: { fromPlaceId?: string; toPlaceId?: string; fromCountry?: string; toCountry?: string }): Observation['movement'] {
  return {
    direction: 'outgoing',
    fromPlaceId: ends.fromPlaceId ?? null,
    fromCountry: ends.fromCountry ?? null,
    toPlaceId: ends.toPlaceId ?? null,
    toCountry: ends.toCountry ?? null,
    intendedCountry: null,
    transportModes: [],
    crossingType: null,
    facilitator: null,
  };
}

function sighting(patch: Partial<Observation>): Observation {
  return exportRecord({ placeId: 'mk-tabanovce', observedStart: '2015-10-10T08:00:00.000Z', nationalities: [], ...patch });
}

const TAB_TO_PRES = movement({ fromPlaceId: 'mk-tabanovce', toPlaceId: 'rs-presevo' });

const RECORDS: Observation[] = [
  // Counted, Tabanovce → Preševo: 37 + 120 = 157 persons in 2 records.
  sighting({ totalPersons: 37, movement: TAB_TO_PRES }),
  sighting({ totalPersons: 120, movement: TAB_TO_PRES }),
  // Counted, a count at Preševo of arrivals from North Macedonia: MK → Preševo, 500.
  sighting({ kind: 'point_count', placeId: 'rs-presevo', totalPersons: 500, movement: movement({ fromCountry: 'MK' }) }),
  // Counted, at a point of its own (no place), Preševo → Belgrade: 25.
  sighting({ placeId: null, location: { lat: 43.5, lon: 21.0 }, locationMethod: 'map_click', totalPersons: 25, movement: movement({ fromPlaceId: 'rs-presevo', toPlaceId: 'rs-belgrade' }) }),
  // Counted, but no movement: a point and no arrow.
  sighting({ totalPersons: 10, movement: undefined }),
  // Counted toward other measures: an official figure and a site snapshot name movements, draw no arrow.
  sighting({ totalPersons: 1000, movement: TAB_TO_PRES, counts: { men: null, women: null, boys: null, girls: null, unaccompaniedChildren: null, separatedChildren: null, method: 'official_figure', min: null, max: null } }),
  sighting({ kind: 'site_snapshot', placeId: 'rs-presevo', totalPersons: 80, movement: movement({ fromPlaceId: 'rs-presevo', toPlaceId: 'rs-belgrade' }) }),
  // Not counted by this report: deleted, training, submitted only, another mission, another month.
  sighting({ totalPersons: 7000, movement: TAB_TO_PRES, deleted: true }),
  sighting({ totalPersons: 6000, movement: TAB_TO_PRES, training: true }),
  sighting({ totalPersons: 5000, movement: TAB_TO_PRES, reviewStatus: 'submitted' }),
  sighting({ totalPersons: 4000, movement: TAB_TO_PRES, mission: 'MK' }),
  sighting({ totalPersons: 3000, movement: TAB_TO_PRES, observedStart: '2015-11-02T08:00:00.000Z' }),
];

const JOB: Omit<ReportJob, 'databaseName' | 'dataKey'> = {
  period: { from: '2015-10-01T00:00:00.000Z', to: '2015-11-01T00:00:00.000Z' },
  load: [{ from: '2015-08-01T00:00:00.000Z', to: '2015-11-01T00:00:00.000Z' }],
  includeSubmitted: false,
  training: false,
  timeZone: 'UTC',
  showSourceNames: false,
  scope: { missions: ['RS'] },
  places: PLACES.map((p) => [p.id, { kind: p.kind, country: p.country }]),
};

function sums(flows: readonly Flow[]): Record<string, { persons: number; records: number }> {
  return Object.fromEntries(flows.map((flow) => [flowKey(flow), { persons: flow.persons, records: flow.records }]));
}

describe('reportFlows', () => {
  it("sums the report's counted movement records per pair of places or countries, largest first", () => {
    const figures = computeReport(RECORDS, JOB);
    const flows = reportFlows(reportMapPoints(figures.mapGroups, PLACES_BY_ID));
    expect(flows.map(flowKey)).toEqual(['country:MK>place:rs-presevo', 'place:mk-tabanovce>place:rs-presevo', 'place:rs-presevo>place:rs-belgrade']);
    expect(sums(flows)).toEqual({
      'country:MK>place:rs-presevo': { persons: 500, records: 1 },
      'place:mk-tabanovce>place:rs-presevo': { persons: 157, records: 2 },
      'place:rs-presevo>place:rs-belgrade': { persons: 25, records: 1 },
    });
    // The report's own figure of persons seen moving holds every arrow's persons, and the 10 with no movement.
    expect(figures.measures.movements.total.value).toBe(500 + 157 + 25 + 10);
  });

  it('follows the report: submitted records add to the arrows once included, training ones only in a training report', () => {
    const withSubmitted = reportFlows(reportMapPoints(computeReport(RECORDS, { ...JOB, includeSubmitted: true }).mapGroups, PLACES_BY_ID));
    expect(sums(withSubmitted)['place:mk-tabanovce>place:rs-presevo']).toEqual({ persons: 5157, records: 3 });

    const training = reportFlows(reportMapPoints(computeReport(RECORDS, { ...JOB, training: true }).mapGroups, PLACES_BY_ID));
    expect(sums(training)).toEqual({ 'place:mk-tabanovce>place:rs-presevo': { persons: 6000, records: 1 } });
  });

  it('posts alike records as one group with their persons and record count, the movement and the measure', () => {
    const [first] = computeReport(RECORDS, JOB).mapGroups;
    expect(first?.movement).toEqual({ direction: 'outgoing', fromPlaceId: 'mk-tabanovce', fromCountry: null, toPlaceId: 'rs-presevo', toCountry: null });
    expect(first?.measure).toBe('movements');
    expect(first).toMatchObject({ totalPersons: 157, records: 2, firstStart: '2015-10-10T08:00:00.000Z', lastStart: '2015-10-10T08:00:00.000Z' });
  });

  it('keeps records of another kind, measure, place or movement in groups of their own', () => {
    const groups = computeReport(RECORDS, JOB).mapGroups;
    // 7 counted records: the two Tabanovce → Preševo ones share a group; the official figure does not (another measure).
    expect(groups.map((g) => g.records)).toEqual([2, 1, 1, 1, 1, 1]);
    expect(groups.reduce((n, g) => n + g.totalPersons, 0)).toBe(157 + 500 + 25 + 10 + 1000 + 80);
  });

  it('draws no arrow for a record with no position, as the Map screen leaves it out', () => {
    const figures = computeReport([sighting({ placeId: 'xx-unknown', totalPersons: 9, movement: TAB_TO_PRES })], JOB);
    expect(figures.mapGroups).toHaveLength(1);
    expect(reportFlows(reportMapPoints(figures.mapGroups, PLACES_BY_ID))).toEqual([]);
  });
});
