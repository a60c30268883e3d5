import { describe, expect, it } from 'vitest';
import type { MeasureOptions } from './measures';
import { measuresOf } from './measures';
import type { PlaceFacts } from './movements';
import { localDay } from './report-period';
import { moving, record as obs, snapshot } from '../../test-support/shared/report-test-records';

const places = new Map<string, PlaceFacts>([
  ['rs-presevo', { kind: 'border_crossing', country: 'RS' }],
  ['mk-tabanovce', { kind: 'border_crossing', country: 'MK' }],
  ['rs-belgrade', { kind: 'city', country: 'RS' }],
  ['rs-sid', { kind: 'green_border', country: 'RS' }],
  ['rs-adasevci', { kind: 'transit_centre', country: 'RS' }],
]);

// A week of July 2026 in Belgrade's local days (UTC+2 in summer): local midnight is 22:00 UTC.
const week = { from: '2026-06-30T22:00:00.000Z', to: '2026-07-07T22:00:00.000Z' };
const options: MeasureOptions = { includeSubmitted: false, training: false, timeZone: 'Europe/Belgrade', places, showSourceNames: true };

describe('measuresOf: which records count', () => {
  it('gives empty figures for an empty period', () => {
    const m = measuresOf([], week, options);
    expect(m.records).toBe(0);
    expect(m.movements.total).toMatchObject({ value: 0, records: 0, recordIds: [], includesSubmitted: false });
    expect(m.movements.byPlace).toEqual([]);
    expect(m.movements.byDay).toEqual([]);
    expect(m.presence).toMatchObject({ sites: [], asOfFrom: null, asOfTo: null });
    expect(m.presence.total.value).toBe(0);
    expect(m.incidents.total.value).toBe(0);
    expect(m.official).toEqual([]);
  });

  it('counts verified records only by default, and submitted ones when asked, marking each figure that includes them', () => {
    const verified = moving('incoming', { totalPersons: 30 });
    const submitted = moving('incoming', { totalPersons: 5, reviewStatus: 'submitted' });
    const others = (['draft', 'returned', 'rejected'] as const).map((reviewStatus) => moving('incoming', { totalPersons: 1000, reviewStatus }));
    const site = snapshot('rs-adasevci', '2026-07-03T08:00:00.000Z', 200);
    const records = [verified, submitted, ...others, site];

    const strict = measuresOf(records, week, options);
    expect(strict.movements.total).toMatchObject({ value: 30, records: 1, recordIds: [verified.id], includesSubmitted: false });
    expect(strict.includesSubmitted).toBe(false);

    const loose = measuresOf(records, week, { ...options, includeSubmitted: true });
    expect(loose.movements.total).toMatchObject({ value: 35, records: 2, includesSubmitted: true });
    expect(loose.movements.total.recordIds.sort()).toEqual([verified.id, submitted.id].sort());
    expect(loose.movements.byDirection.incoming.includesSubmitted).toBe(true);
    // A figure with no submitted record behind it is not marked.
    expect(loose.presence.total).toMatchObject({ value: 200, includesSubmitted: false });
    expect(loose.records).toBe(3);
  });

  it('never counts deleted records, and counts an edited record once, as it stands now', () => {
    const edited = moving('incoming', { totalPersons: 12, hlc: '000001772445700000-000003-d1' });
    const deleted = moving('incoming', { totalPersons: 99, deleted: true });
    const m = measuresOf([edited, deleted], week, options);
    expect(m.movements.total).toMatchObject({ value: 12, records: 1, recordIds: [edited.id] });
  });

  it('never mixes training records with real ones: training only in a training report', () => {
    const real = moving('incoming', { totalPersons: 7 });
    const training = moving('incoming', { totalPersons: 700, training: true });
    expect(measuresOf([real, training], week, options).movements.total).toMatchObject({ value: 7, recordIds: [real.id] });
    expect(measuresOf([real, training], week, { ...options, training: true }).movements.total).toMatchObject({
      value: 700,
      recordIds: [training.id],
    });
  });

  it('counts records on the period start and not those on its end (the period is [from, to))', () => {
    const atStart = moving('incoming', { totalPersons: 1, observedStart: week.from });
    const justBefore = moving('incoming', { totalPersons: 10, observedStart: '2026-06-30T21:59:59.999Z' });
    const justBeforeEnd = moving('incoming', { totalPersons: 100, observedStart: '2026-07-07T21:59:59.999Z' });
    const atEnd = moving('incoming', { totalPersons: 1000, observedStart: week.to });
    const m = measuresOf([atStart, justBefore, justBeforeEnd, atEnd], week, options);
    expect(m.movements.total.value).toBe(101);
    expect(m.movements.byDay.map((d) => [d.day, d.total.value])).toEqual([
      ['2026-07-01', 1],
      ['2026-07-07', 100],
    ]);
  });

  it('narrows by the filter\'s kinds, missions and places', () => {
    const rs = moving('incoming', { totalPersons: 3 });
    const mk = moving('incoming', { totalPersons: 4, mission: 'MK', placeId: 'mk-tabanovce' });
    const site = snapshot('rs-adasevci', '2026-07-03T08:00:00.000Z', 200);
    expect(measuresOf([rs, mk, site], week, { ...options, scope: { missions: ['MK'] } }).recordIds).toEqual([mk.id]);
    expect(measuresOf([rs, mk, site], week, { ...options, scope: { placeIds: ['rs-presevo'] } }).recordIds).toEqual([rs.id]);
    expect(measuresOf([rs, mk, site], week, { ...options, scope: { kinds: ['site_snapshot'] } }).recordIds).toEqual([site.id]);
  });
});

describe('measuresOf: local days', () => {
  it('puts a record at 23:30 UTC on the next local day in Belgrade in summer', () => {
    expect(localDay('2026-07-02T23:30:00.000Z', 'Europe/Belgrade')).toBe('2026-07-03');
    expect(localDay('2026-01-02T23:30:00.000Z', 'Europe/Belgrade')).toBe('2026-01-03');
    expect(localDay('2026-01-02T22:30:00.000Z', 'Europe/Belgrade')).toBe('2026-01-02');
    const late = moving('incoming', { totalPersons: 8, observedStart: '2026-07-02T23:30:00.000Z' });
    const m = measuresOf([late], week, options);
    expect(m.movements.byDay.map((d) => [d.day, d.total.value, d.total.recordIds])).toEqual([['2026-07-03', 8, [late.id]]]);
  });

  it('gives one day\'s figures for a one-day period, in local days', () => {
    const day = { from: '2026-07-02T22:00:00.000Z', to: '2026-07-03T22:00:00.000Z' };
    const before = moving('incoming', { totalPersons: 1, observedStart: '2026-07-02T21:30:00.000Z' });
    const inside = moving('incoming', { totalPersons: 2, observedStart: '2026-07-02T23:30:00.000Z' });
    const lateInside = moving('outgoing', { totalPersons: 4, observedStart: '2026-07-03T21:00:00.000Z' });
    const m = measuresOf([before, inside, lateInside], day, options);
    expect(m.movements.total.value).toBe(6);
    expect(m.movements.byDay.map((d) => d.day)).toEqual(['2026-07-03']);
  });
});

describe('measuresOf: movements', () => {
  it('counts a group seen at four places at each, and says at how many places', () => {
    const group = ['rs-presevo', 'rs-belgrade', 'rs-adasevci', 'rs-sid'].map((placeId) => moving('transit', { placeId, totalPersons: 50 }));
    const m = measuresOf(group, week, options);
    expect(m.movements.total.value).toBe(200);
    expect(m.movements.total.method).toEqual({ key: 'movements', values: { places: 4 } });
    expect(m.movements.byPlace.map((p) => [p.placeId, p.total.value])).toEqual([
      ['rs-adasevci', 50],
      ['rs-belgrade', 50],
      ['rs-presevo', 50],
      ['rs-sid', 50],
    ]);
    // Transit at a crossing is neither an entry nor an exit.
    expect(m.movements.byCountry).toEqual([]);
  });

  it('breaks persons moving down by direction, a record with none under unknown', () => {
    const records = [moving('incoming', { totalPersons: 5 }), moving('outgoing', { totalPersons: 7 }), moving(null, { totalPersons: 11 }), obs({ totalPersons: 13 })];
    const m = measuresOf(records, week, options);
    expect(m.movements.byDirection.incoming.value).toBe(5);
    expect(m.movements.byDirection.outgoing.value).toBe(7);
    expect(m.movements.byDirection.unknown.value).toBe(24);
    expect(m.movements.byDirection.transit.value).toBe(0);
    expect(m.movements.byPlace[0]?.byDirection.unknown.value).toBe(24);
  });

  it('counts entries at a country\'s entry points and exits at its exit points, and nothing elsewhere', () => {
    const inPresevo = moving('incoming', { placeId: 'rs-presevo', totalPersons: 100 });
    const inSid = moving('incoming', { placeId: 'rs-sid', totalPersons: 10 });
    const outSid = moving('outgoing', { placeId: 'rs-sid', totalPersons: 90 });
    const outTabanovce = moving('outgoing', { placeId: 'mk-tabanovce', totalPersons: 95 });
    const inBelgrade = moving('incoming', { placeId: 'rs-belgrade', totalPersons: 1000 });
    const atPoint = moving('incoming', { placeId: null, location: { lat: 44.8, lon: 20.4 }, locationMethod: 'gps', totalPersons: 500 });
    const m = measuresOf([inPresevo, inSid, outSid, outTabanovce, inBelgrade, atPoint], week, options);
    expect(m.movements.byCountry.map((c) => [c.country, c.entries.value, c.exits.value])).toEqual([
      ['MK', 0, 95],
      ['RS', 110, 90],
    ]);
    const rs = m.movements.byCountry.find((c) => c.country === 'RS');
    expect(rs?.entries.recordIds.sort()).toEqual([inPresevo.id, inSid.id].sort());
    expect(rs?.entries.method).toEqual({ key: 'entries', values: { points: 2 } });
    expect(rs?.exits.method).toEqual({ key: 'exits', values: { points: 1 } });
    // Every figure reconciles with its records.
    expect(m.movements.total.value).toBe(1795);
    expect(m.movements.total.records).toBe(6);
  });

  it('never counts a site, an incident, a border status or an official figure as persons moving', () => {
    const records = [
      snapshot('rs-adasevci', '2026-07-03T08:00:00.000Z', 300),
      obs({ kind: 'incident', totalPersons: 40 }),
      obs({ kind: 'border_status', totalPersons: 0 }),
      obs({ kind: 'secondary_source', totalPersons: 9000 }),
      obs({ kind: 'point_count', totalPersons: 4000, counts: { method: 'official_figure', men: null, women: null, boys: null, girls: null, unaccompaniedChildren: null, separatedChildren: null, min: null, max: null } }),
    ];
    expect(measuresOf(records, week, options).movements.total.value).toBe(0);
  });
});

describe('measuresOf: presence', () => {
  it('takes the latest snapshot of a site counted on ten days, never the sum', () => {
    const days = Array.from({ length: 10 }, (_, i) => snapshot('rs-adasevci', `2026-07-0${Math.min(i, 6) + 1}T0${i % 10}:00:00.000Z`, 300 + i));
    // Ten snapshots over the week; the last by time is 2026-07-07T09:00 with 309.
    const m = measuresOf(days, week, options);
    expect(m.presence.total).toMatchObject({ value: 309, records: 1 });
    expect(m.presence.sites).toHaveLength(1);
    expect(m.presence.sites[0]).toMatchObject({ placeId: 'rs-adasevci', capacity: 500, overCapacity: false, snapshots: 10, asOf: '2026-07-07T09:00:00.000Z' });
    expect(m.presence.sites[0]?.occupancy.method).toEqual({ key: 'presenceSite', values: { snapshots: 10 } });
  });

  it('sums the sites\' latest occupancies as persons at sites at the end of the period, with the as-of range', () => {
    const a1 = snapshot('rs-adasevci', '2026-07-02T08:00:00.000Z', 100);
    const a2 = snapshot('rs-adasevci', '2026-07-05T08:00:00.000Z', 600);
    const b1 = snapshot('rs-belgrade', '2026-07-04T08:00:00.000Z', 250, null);
    const m = measuresOf([a2, b1, a1], week, options);
    expect(m.presence.total).toMatchObject({ value: 850, records: 2, method: { key: 'presence', values: { sites: 2 } } });
    expect(m.presence.total.recordIds.sort()).toEqual([a2.id, b1.id].sort());
    expect(m.presence.asOfFrom).toBe('2026-07-04T08:00:00.000Z');
    expect(m.presence.asOfTo).toBe('2026-07-05T08:00:00.000Z');
    expect(m.presence.sites.map((s) => [s.placeId, s.occupancy.value, s.overCapacity])).toEqual([
      ['rs-adasevci', 600, true],
      ['rs-belgrade', 250, false],
    ]);
  });

  it('leaves a site whose latest count is an official figure to the official figures', () => {
    const ours = snapshot('rs-adasevci', '2026-07-02T08:00:00.000Z', 100);
    const theirs = { ...snapshot('rs-adasevci', '2026-07-05T08:00:00.000Z', 600), counts: { method: 'official_figure' as const, men: null, women: null, boys: null, girls: null, unaccompaniedChildren: null, separatedChildren: null, min: null, max: null } };
    const m = measuresOf([ours, theirs], week, options);
    expect(m.presence.total.value).toBe(100);
    expect(m.official.map((o) => o.figure.value)).toEqual([600]);
  });
});

describe('measuresOf: incidents and official figures', () => {
  it('counts incidents by type with their casualties', () => {
    const incident = (type: 'pushback' | 'death' | null, dead: number | null, injured: number | null, missing: number | null) =>
      obs({ kind: 'incident', totalPersons: 20, incident: { type, actor: null, dead, injured, missing } });
    const records = [incident('pushback', null, 3, null), incident('pushback', 0, 1, null), incident('death', 2, null, 1), incident(null, null, null, null)];
    const m = measuresOf(records, week, options);
    expect(m.incidents.total.value).toBe(4);
    expect(m.incidents.byType.pushback.value).toBe(2);
    expect(m.incidents.byType.death.value).toBe(1);
    expect(m.incidents.byType.unknown.value).toBe(1);
    expect([m.incidents.dead.value, m.incidents.injured.value, m.incidents.missing.value]).toEqual([2, 4, 1]);
    expect(m.incidents.dead.records).toBe(2);
  });

  it('lists official figures with their source and as-of dates, never summed with observed ones', () => {
    const unhcr = obs({
      kind: 'secondary_source',
      totalPersons: 5000,
      observedStart: '2026-07-01T00:00:00.000Z',
      observedEnd: '2026-07-03T23:59:59.000Z',
      source: { type: 'un_or_international_organisation', name: 'UNHCR daily update', reliability: 'A', credibility: '2' },
    });
    const police = obs({
      kind: 'secondary_source',
      totalPersons: 7000,
      observedStart: '2026-07-04T00:00:00.000Z',
      source: { type: 'authorities', name: 'Ministry of the Interior', reliability: 'B', credibility: '3' },
    });
    const seen = moving('incoming', { totalPersons: 40 });
    const m = measuresOf([unhcr, police, seen], week, options);
    expect(m.movements.total.value).toBe(40);
    expect(m.official.map((o) => [o.figure.value, o.sourceType, o.sourceName, o.observedStart, o.observedEnd])).toEqual([
      [7000, 'authorities', 'Ministry of the Interior', '2026-07-04T00:00:00.000Z', null],
      [5000, 'un_or_international_organisation', 'UNHCR daily update', '2026-07-01T00:00:00.000Z', '2026-07-03T23:59:59.000Z'],
    ]);
    expect(m.official[0]?.figure.recordIds).toEqual([police.id]);
    // A viewer who may not see source names gets the type only.
    expect(measuresOf([unhcr], week, { ...options, showSourceNames: false }).official[0]?.sourceName).toBeNull();
  });
});
