import { describe, expect, it } from 'vitest';
import gazetteer from '../../assets/places/route-places.csv?raw';
import { OBSERVATION_KINDS } from '../../shared/observations/codelists';
import { checkObservationInput } from '../../shared/observations/observation-rules';
import { observationSchema } from '../../shared/observations/observation-schema';
import { parseGazetteerCsv } from '../../shared/places/gazetteer-csv';
import type { Place } from '../../shared/places/place';
import type { TrainingObservation } from './training-data';
import { TRAINING_MARK, generateTrainingObservations, isTrainingSummary } from './training-data';

const { places } = parseGazetteerCsv(gazetteer);
const byId = new Map(places.map((p) => [p.id, p]));

const start = new Date('2015-06-01T00:00:00Z');
const end = new Date('2021-01-01T00:00:00Z');
const nowMs = end.getTime() + 86_400_000;

/** Read the gazetteer's `active` column here on its own terms, not with the code under test. */
function activeIn(place: Place, iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  const [from = '', to] = place.active.split('-');
  const first = Number(from);
  const last = to === undefined ? first : to === '' ? Infinity : Number(to);
  return year >= first && year <= last;
}

function generate(count: number, seed: number, options: Partial<Parameters<typeof generateTrainingObservations>[0]> = {}): TrainingObservation[] {
  return [...generateTrainingObservations({ places, count, seed, start, end, ...options })];
}

describe('generateTrainingObservations', () => {
  const records = generate(10_000, 42);

  it('makes the number of records asked for', () => {
    expect(records).toHaveLength(10_000);
  });

  it('makes records that all pass the schema and every cross-field rule', () => {
    const failures = records.flatMap((r, i) => {
      const check = checkObservationInput(r.input, nowMs);
      return check.ok ? [] : [{ i, issues: check.issues, input: r.input }];
    });
    expect(failures.slice(0, 3)).toEqual([]);
  });

  it('gives each record an office and an author that make a valid stored record', () => {
    for (const r of records.slice(0, 500)) {
      const stored = {
        ...r.input,
        id: '01890a5d-ac96-774b-bcce-b302099a8057',
        mission: r.office.slice(0, 2),
        office: r.office,
        author: r.author,
        device: 'training',
        reportedAt: r.input.observedStart,
        reviewStatus: 'submitted',
        deleted: false,
        hlc: '1',
      };
      expect(observationSchema.safeParse(stored).success).toBe(true);
    }
  });

  it('is the same for the same seed and different for another', () => {
    expect(generate(300, 42)).toEqual(generate(300, 42));
    expect(JSON.stringify(generate(300, 42))).toBe(JSON.stringify(generate(300, 42)));
    expect(JSON.stringify(generate(300, 43))).not.toBe(JSON.stringify(generate(300, 42)));
  });

  it('keeps every time in [start, end), in day order', () => {
    let previousDay = '';
    for (const { input } of records) {
      const t = Date.parse(input.observedStart);
      expect(t).toBeGreaterThanOrEqual(start.getTime());
      expect(t).toBeLessThan(end.getTime());
      if (input.observedEnd) expect(Date.parse(input.observedEnd)).toBeLessThan(end.getTime());
      const day = input.observedStart.slice(0, 10);
      expect(day >= previousDay).toBe(true);
      previousDay = day;
    }
  });

  it('keeps times inside a short period that starts and ends mid-day', () => {
    const s = new Date('2015-10-10T13:17:00Z');
    const e = new Date('2015-10-11T09:05:00Z');
    for (const { input } of generate(500, 7, { start: s, end: e })) {
      expect(Date.parse(input.observedStart)).toBeGreaterThanOrEqual(s.getTime());
      expect(Date.parse(input.observedStart)).toBeLessThan(e.getTime());
      if (input.observedEnd) expect(Date.parse(input.observedEnd)).toBeLessThan(e.getTime());
      expect(checkObservationInput(input, e.getTime()).ok).toBe(true);
    }
  });

  it('uses only gazetteer places in use on the record day, from and to included', () => {
    for (const { input } of records) {
      const ids = [input.placeId, input.movement?.fromPlaceId, input.movement?.toPlaceId].filter((id): id is string => typeof id === 'string');
      for (const id of ids) {
        const place = byId.get(id);
        expect(place, id).toBeDefined();
        if (place) expect(activeIn(place, input.observedStart), `${id} on ${input.observedStart}`).toBe(true);
      }
      const here = input.placeId === null ? undefined : byId.get(input.placeId);
      expect(input.country).toBe(here?.country);
    }
  });

  it('follows the route of each period', () => {
    const legs = (from: string, to: string) => records.filter((r) => r.input.movement?.fromPlaceId === from && r.input.movement.toPlaceId === to).length
      + records.filter((r) => r.input.movement?.fromPlaceId === from && r.input.placeId === to && r.input.movement.direction === 'incoming').length;
    expect(legs('mk-tabanovce', 'rs-miratovac')).toBeGreaterThan(0);
    expect(legs('ba-velika-kladusa', 'hr-maljevac')).toBeGreaterThan(0);
    const corridor2015 = records.filter((r) => r.input.observedStart < '2016-03-09');
    expect(corridor2015.some((r) => r.input.placeId?.startsWith('ba-'))).toBe(false);
    const bosnia = records.filter((r) => r.input.observedStart >= '2018-01-01');
    expect(bosnia.some((r) => r.input.placeId === 'ba-bihac')).toBe(true);
  });

  it('writes every kind, mostly group sightings and point counts', () => {
    const kinds = new Map<string, number>();
    for (const { input } of records) kinds.set(input.kind, (kinds.get(input.kind) ?? 0) + 1);
    for (const kind of OBSERVATION_KINDS) expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(0);
    const main = (kinds.get('group_sighting') ?? 0) + (kinds.get('point_count') ?? 0);
    expect(main).toBeGreaterThan(records.length / 2);
    console.info('kinds of 10,000 records:', Object.fromEntries([...kinds].sort((a, b) => b[1] - a[1])));
  });

  it('fills the detail groups the kinds call for', () => {
    const of = (kind: string) => records.filter((r) => r.input.kind === kind).map((r) => r.input);
    expect(of('incident').every((i) => i.incident?.type)).toBe(true);
    expect(of('incident').some((i) => i.incident?.type === 'pushback' && i.movement?.direction === 'returned_pushed_back')).toBe(true);
    expect(of('site_snapshot').every((i) => i.site && i.site.occupancy === i.totalPersons)).toBe(true);
    expect(of('site_snapshot').some((i) => (i.site?.occupancy ?? 0) > (i.site?.capacity ?? Infinity))).toBe(true);
    expect(of('border_status').every((i) => i.borderStatus)).toBe(true);
    expect(of('border_status').some((i) => i.borderStatus?.nationalityFilter.join() === 'SYR,AFG,IRQ')).toBe(true);
    expect(records.filter((r) => r.input.source?.reliability && r.input.source.credibility).length).toBeGreaterThan(records.length * 0.8);
    expect(records.some((r) => (r.input.nationalities?.length ?? 0) > 1)).toBe(true);
  });

  it('draws nationalities typical of each period', () => {
    const top = (from: string, to: string) => {
      const sums = new Map<string, number>();
      for (const { input } of records) {
        if (input.observedStart < from || input.observedStart >= to) continue;
        for (const n of input.nationalities ?? []) sums.set(n.code, (sums.get(n.code) ?? 0) + n.count);
      }
      return [...sums].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([code]) => code);
    };
    expect(top('2015-06-01', '2016-03-09')).toEqual(expect.arrayContaining(['SYR', 'AFG', 'IRQ']));
    expect(top('2018-01-01', '2021-01-01')).toEqual(expect.arrayContaining(['AFG', 'PAK']));
  });

  it('marks every summary as training data', () => {
    expect(TRAINING_MARK).toBe('[TRAINING] ');
    for (const { input } of records) {
      expect(isTrainingSummary(input.summary)).toBe(true);
      expect(input.summary.length).toBeGreaterThan(TRAINING_MARK.length + 10);
    }
    expect(isTrainingSummary('A group of 40 people arrived at Presevo.')).toBe(false);
  });

  it('reports each place from the office of its mission, or of the neighbouring one', () => {
    const officeOf = new Map<string, Set<string>>();
    for (const r of records) {
      const id = r.input.placeId ?? '';
      officeOf.set(id, (officeOf.get(id) ?? new Set()).add(r.office));
    }
    expect([...(officeOf.get('rs-presevo') ?? [])]).toEqual(['RS-PRE']);
    expect([...(officeOf.get('rs-belgrade') ?? [])]).toEqual(['RS-BEL']);
    expect([...(officeOf.get('mk-tabanovce') ?? [])]).toEqual(['MK-SKO']);
    expect([...(officeOf.get('gr-idomeni') ?? [])]).toEqual(['MK-SKO']);
    expect([...(officeOf.get('ba-velika-kladusa') ?? [])]).toEqual(['BA-BIH']);
    expect([...(officeOf.get('hr-maljevac') ?? [])]).toEqual(['BA-BIH']);
    expect([...(officeOf.get('hr-tovarnik') ?? [])]).toEqual(['RS-SID']);
  });

  it('keeps to the offices it is given', () => {
    const some = generate(2000, 5, { offices: ['BA-BIH', 'BA-SAR'] });
    expect(new Set(some.map((r) => r.office))).toEqual(new Set(['BA-BIH', 'BA-SAR']));
    expect(some.every((r) => r.input.placeId?.startsWith('ba-') || r.input.placeId === 'hr-maljevac')).toBe(true);
    expect(some.every((r) => r.input.observedStart >= '2018-01-01')).toBe(true);
    expect(() => generate(10, 5, { offices: ['Belgrade'] })).toThrow(/office code/);
    expect(() => generate(10, 5, { offices: ['AL-TIR'], end: new Date('2016-01-01T00:00:00Z') })).toThrow(/no place/);
  });

  it('streams 200,000 records', () => {
    const t0 = performance.now();
    let n = 0;
    let persons = 0;
    for (const r of generateTrainingObservations({ places, count: 200_000, seed: 1, start, end })) {
      n++;
      persons += r.input.totalPersons;
    }
    const ms = performance.now() - t0;
    expect(n).toBe(200_000);
    expect(persons).toBeGreaterThan(0);
    console.info(`generated 200,000 training records in ${Math.round(ms)} ms`);
  }, 120_000);
});
