/**
 * The report's per-day cache gives the report exactly what reading the records whole
 * gives: the same figures, to the last map group, over training data of every kind,
 * official figures with their source names, edits and deletions; a stale day is rebuilt,
 * never read; no source name is in the clear.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import gazetteerCsv from '../../../assets/places/route-places.csv?raw';
import { parseGazetteerCsv } from '../../../shared/places/gazetteer-csv';
import type { PlaceFacts } from '../../../shared/reports/movements';
import { reportWindow } from '../../../shared/reports/report-figures';
import { generateTrainingObservations } from '../../training/training-data';
import { ObservationStore } from '../../store/observation-store';
import { openDatabase } from '../../store/database';
import { countCanaries } from '../../../test-support/renderer/canary-scan';
import { freshDatabaseName, TEST_NOW } from '../../../test-support/renderer/store-test-fixtures';
import { freshTestCipher } from '../../../test-support/renderer/test-cipher';
import { computeReport } from './compute-report';
import { openOfficialRecords } from './open-official';
import { readWindow } from './read-window';
import { columnsOf, reportRecordsOf } from './cached-records';
import { encodeRecords, recordsOf } from './day-columns';
import { readCachedWindow, utcDaysOf } from './report-days';
import type { ReportJob } from './report-job';

const { places } = parseGazetteerCsv(gazetteerCsv);
const placeFacts = places.map((p): [string, PlaceFacts] => [p.id, { kind: p.kind, country: p.country }]);
const PERIOD = { from: '2016-03-01T00:00:00.000+01:00', to: '2016-04-01T00:00:00.000+02:00' };
const TIME_ZONE = 'Europe/Belgrade';

function jobOf(showSourceNames: boolean): Omit<ReportJob, 'databaseName' | 'dataKey'> {
  return { period: PERIOD, load: reportWindow(PERIOD, TIME_ZONE).load, includeSubmitted: true, training: true, timeZone: TIME_ZONE, showSourceNames, scope: { kinds: [], missions: [], placeIds: [] }, places: placeFacts };
}

/** 3,000 training records of every kind over four months around the period, with source names that are canaries. */
async function seeded() {
  const cipher = freshTestCipher();
  const store = new ObservationStore(openDatabase(freshDatabaseName('report-days')), { cipher, now: () => TEST_NOW });
  const items = [...generateTrainingObservations({ places, count: 3000, seed: 7, start: new Date('2016-01-20T00:00:00Z'), end: new Date('2016-04-10T00:00:00Z') })].map((item, i) => {
    const input = item.input as { source?: { name?: string } | null };
    return input.source ? { ...item, input: { ...input, source: { ...input.source, name: `CANARYSRC-${String(i)}` } } } : item;
  });
  await store.addTrainingObservations(items);
  return { store, cipher };
}

/** The figures as the worker computed them before the cache: every record read whole, the period's official figures opened. */
async function figuresWhole(store: ObservationStore, showSourceNames: boolean) {
  const job = jobOf(showSourceNames);
  const records = await openOfficialRecords(await readWindow(store.db, job.load, () => undefined), store.cipher, showSourceNames, PERIOD);
  return computeReport(records, job);
}

async function figuresCached(store: ObservationStore, showSourceNames: boolean) {
  const job = jobOf(showSourceNames);
  const { records, built, persist } = await readCachedWindow(store.db, job.load, { cipher: store.cipher, showSourceNames, period: PERIOD });
  const figures = computeReport(records, job);
  // As the worker does: the days read whole are cached after the figures are made.
  await persist();
  return { figures, built, records: records.length };
}

describe("the report's per-day cache", () => {
  it('gives the same figures as the records read whole, built once, then read from the cache', async () => {
    const { store } = await seeded();
    const whole = await figuresWhole(store, true);
    expect(whole.measures.records).toBeGreaterThan(500);
    expect(whole.measures.official.length).toBeGreaterThan(0);
    const first = await figuresCached(store, true);
    expect(first.built).toBeGreaterThan(60);
    expect(first.figures).toEqual(whole);
    const again = await figuresCached(store, true);
    expect(again.built).toBe(0);
    expect(again.figures).toEqual(whole);
    // A month to a row, each holding its own days only, oldest first.
    const months = await store.db.reportMonths.toArray();
    expect(months.reduce((n, month) => n + month.days.length, 0)).toBe(first.built);
    for (const month of months) {
      const days = month.days.map((row) => row.day);
      expect(days.every((day) => day.startsWith(month.month))).toBe(true);
      expect(days).toEqual([...days].sort());
    }
    // Without source names, as the records whole give it too.
    expect((await figuresCached(store, false)).figures).toEqual(await figuresWhole(store, false));
    console.log(`report cache: ${String(first.records)} records over ${String(first.built)} days built, then 0; figures equal to the records read whole`);
  });

  it('rebuilds the days a write touched, and only those: an edit, a deletion', async () => {
    const { store } = await seeded();
    await figuresCached(store, true);
    const inPeriod = (await store.queryIndex({ from: '2016-03-10T00:00:00.000Z', to: '2016-03-12T00:00:00.000Z' })).ids;
    const [edited, deleted] = await store.getObservations(inPeriod.slice(0, 2));
    if (!edited || !deleted) throw new Error('no records in the period');
    const { id: _id, ...rest } = edited;
    await store.updateObservation(edited.id, { ...rest, summary: 'edited: the day is rebuilt' }, 'Ana');
    await store.deleteObservation(deleted.id, 'Ana');
    const after = await figuresCached(store, true);
    expect(after.built).toBeGreaterThanOrEqual(1);
    expect(after.built).toBeLessThanOrEqual(2);
    expect(after.figures).toEqual(await figuresWhole(store, true));
    expect(after.figures.measures.records).toBe((await figuresCached(store, true)).figures.measures.records);
  });

  it('does not cache a day written to between its read and the cache write', async () => {
    const { store } = await seeded();
    const job = jobOf(true);
    const first = await readCachedWindow(store.db, job.load, { cipher: store.cipher, showSourceNames: true, period: PERIOD });
    const [id] = (await store.queryIndex({ from: '2016-03-15T00:00:00.000Z', to: '2016-03-16T00:00:00.000Z' })).ids;
    await store.deleteObservation(id ?? '', 'Ana');
    await first.persist();
    const march = (await store.db.reportMonths.get('2016-03'))?.days.map((row) => row.day) ?? [];
    expect(march).not.toContain('2016-03-15');
    expect(march).toContain('2016-03-14');
    const again = await figuresCached(store, true);
    expect(again.built).toBe(1);
    expect(again.figures).toEqual(await figuresWhole(store, true));
  });

  it('keeps no source name in the clear, and a damaged envelope of names reads as names not recorded', async () => {
    const { store } = await seeded();
    const whole = await figuresCached(store, true);
    const rows = (await store.db.reportMonths.toArray()).flatMap((month) => month.days);
    expect(rows.some((row) => row.sealedNames !== null)).toBe(true);
    expect(countCanaries(rows, ['CANARYSRC'])).toBe(0);
    const named = JSON.stringify(whole.figures.measures.official);
    expect(named).toContain('CANARYSRC');
    for (const row of rows) {
      if (row.sealedNames === null) continue;
      const damaged = row.sealedNames.slice();
      damaged[damaged.length - 1] = (damaged[damaged.length - 1] ?? 0) ^ 1;
      const month = await store.db.reportMonths.get(row.day.slice(0, 7));
      if (month) await store.db.reportMonths.put({ ...month, days: month.days.map((day) => (day.day === row.day ? { ...row, sealedNames: damaged } : day)) });
    }
    const blind = await figuresCached(store, true);
    expect(blind.built).toBe(0);
    expect(JSON.stringify(blind.figures.measures.official)).not.toContain('CANARYSRC');
  });

  it('keeps of each record the fields a report reads, and rebuilds them as they were: nested values, nulls, empty objects and arrays, absent fields', () => {
    const records = [
      { id: 'a', kind: 'incident', observedStart: '2016-03-01T10:00:00.000Z', incident: { type: 'pushback', actor: 'state', dead: null, injured: 2 }, nationalities: [{ code: 'SY', count: 3 }], vulnerabilities: [], site: {}, summary: 'left out', office: 'RS-BEL' },
      { id: 'b', kind: 'point_count', observedStart: '2016-03-01T11:00:00.000Z', incident: null, counts: { method: 'counted', men: 1, min: 0 }, movement: { direction: 'incoming', transportModes: ['bus'] } },
    ] as never[];
    const row = columnsOf(records);
    const expected = [
      { id: 'a', kind: 'incident', observedStart: '2016-03-01T10:00:00.000Z', incident: { type: 'pushback', dead: null, injured: 2 }, nationalities: [{ code: 'SY', count: 3 }], vulnerabilities: [], site: {}, observedAt: Date.UTC(2016, 2, 1, 10) },
      { id: 'b', kind: 'point_count', observedStart: '2016-03-01T11:00:00.000Z', incident: null, counts: { method: 'counted', men: 1 }, movement: { direction: 'incoming' }, observedAt: Date.UTC(2016, 2, 1, 11) },
    ];
    expect(recordsOf(row)).toStrictEqual(expected);
    // The report's own rebuild: one shape for every record (a field a record lacks is undefined there).
    const rebuilt = reportRecordsOf(row);
    // Lists are read only for the movements measure (the incident's are left out; no figure reads them).
    const { nationalities: _n, vulnerabilities: _v, ...incident } = expected[0] ?? {};
    expect(rebuilt).toEqual([incident, expected[1]]);
    expect(reportRecordsOf(columnsOf([{ id: 'm', kind: 'group_sighting', observedStart: '2016-03-01T10:00:00.000Z', nationalities: [{ code: 'SY', count: 3, basis: 'declared' }] }] as never[]))[0]?.nationalities).toEqual([{ code: 'SY', count: 3, basis: 'declared' }]);
    expect(Object.keys(rebuilt[0] ?? {})).toEqual(Object.keys(rebuilt[1] ?? {}));
    // Lists of flat entries as columns of their own, strings as one text: no JSON text to read back for either.
    const typeOf = (name: string) => row.columns[row.paths.findIndex((path: string[]) => path.join('.') === name)]?.type;
    expect(typeOf('nationalities')).toBe('list');
    expect(typeOf('vulnerabilities')).toBe('list');
    expect(typeOf('id')).toBe('text');
    expect(typeOf('incident')).toBe('json');
    // Not a column of what no figure reads.
    expect(row.paths.flat()).not.toContain('summary');
    expect(row.paths.flat()).not.toContain('office');
    expect(row.paths.flat()).not.toContain('transportModes');
    expect(row.paths.flat()).not.toContain('actor');
  });

  it('rebuilds any records of JSON values as they were, whatever mix of types a field holds across records', () => {
    const key = fc.string({ minLength: 1, maxLength: 6 });
    // As JSON carries them (no -0: a record never holds one, and JSON would not keep it).
    const record = fc.dictionary(key, fc.jsonValue({ maxDepth: 3 })).map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>);
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), (records) => {
        expect(recordsOf(encodeRecords(records))).toEqual(records);
      }),
      { numRuns: 300 },
    );
  });

  it('rebuilds lists of flat entries as they were: absent, null and empty lists, missing and odd fields, a __proto__ key', () => {
    const lists = [undefined, null, [], [{ code: 'SY', count: 3, basis: 'declared' }, { code: 'AF', count: 0 }], [{ ['__proto__']: 1, other: null }], [{}], [{ count: -1.5, flag: true }]];
    const records = lists.map((list, i) => (list === undefined ? { n: i } : { n: i, list }));
    const row = encodeRecords(JSON.parse(JSON.stringify(records)) as object[]);
    expect(row.columns[row.paths.findIndex((path: string[]) => path[0] === 'list')]?.type).toBe('list');
    const back = recordsOf(row);
    expect(back).toEqual(JSON.parse(JSON.stringify(records)));
    expect(Object.keys((back[4] as unknown as { list: object[] }).list[0] ?? {})).toEqual(['__proto__', 'other']);
  });

  it('names the UTC days a window touches', () => {
    expect(utcDaysOf([{ from: '2016-02-28T23:00:00.000Z', to: '2016-03-02T00:00:00.000Z' }])).toEqual(['2016-02-28', '2016-02-29', '2016-03-01']);
    expect(utcDaysOf([])).toEqual([]);
  });
});
