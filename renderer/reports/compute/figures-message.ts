/**
 * The report worker's figures as they travel to the screen: the two long lists (every
 * official figure of the period, and the map's groups) as columns rather than an object
 * each. A year of training data holds about 25,000 official figures and 14,000 map
 * groups: posted as objects they were 12 MB of structured clone, copied twice (out of
 * the worker and into the page) and a fifth of the whole report. As columns, the values
 * that repeat (kinds, places, sources, movements) travel once each as a table with a
 * code per item, and the numbers as typed arrays the worker hands over without a copy.
 *
 * unpackFigures gives back exactly the figures packFigures took (a test holds them
 * equal), so nothing downstream knows the difference.
 */
import type { OfficialFigure } from '../../../shared/reports/official';
import type { MapGroup } from './map-records';
import type { ReportFigures } from './report-job';

/** Values that repeat, each once in `table`, and each item's index into it. */
export interface Coded<T> {
  codes: Uint32Array;
  table: T[];
}

function coded<T>(count: number, valueAt: (i: number) => T): Coded<T> {
  const codes = new Uint32Array(count);
  const table: T[] = [];
  const index = new Map<T, number>();
  for (let i = 0; i < count; i += 1) {
    const value = valueAt(i);
    let code = index.get(value);
    if (code === undefined) {
      code = table.length;
      table.push(value);
      index.set(value, code);
    }
    codes[i] = code;
  }
  return { codes, table };
}

/** A number per item (a plain loop: TypedArray.from with a function goes through the iterator protocol). */
function numbers(count: number, valueAt: (i: number) => number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 1) out[i] = valueAt(i);
  return out;
}

function flags(count: number, valueAt: (i: number) => boolean): Uint8Array {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i += 1) out[i] = valueAt(i) ? 1 : 0;
  return out;
}

function decoded<T>(column: Coded<T>, i: number): T {
  return column.table[column.codes[i] ?? 0] as T;
}

/** A value read back from JSON text, frozen: the items that share it must not change it for one another. */
function frozenJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const freeze = (value: unknown): unknown => {
    if (value !== null && typeof value === 'object') {
      for (const inner of Object.values(value)) freeze(inner);
      Object.freeze(value);
    }
    return value;
  };
  return freeze(JSON.parse(text));
}

/**
 * Objects and arrays by their JSON text, so that equal ones share a code; undefined stays
 * undefined. Each object is written out once however many items hold it (the groups of
 * one place share its point).
 */
function jsonCoded(count: number, valueAt: (i: number) => unknown): Coded<string | undefined> {
  const texts = new Map<unknown, string | undefined>();
  return coded(count, (i) => {
    const value = valueAt(i);
    if (value === undefined || value === null || typeof value !== 'object') return value === undefined ? undefined : JSON.stringify(value);
    let text = texts.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      texts.set(value, text);
    }
    return text;
  });
}

/** A figure's record ids and method line as JSON text; the common case (no ids, no values: every official figure the worker posts) without writing it out. */
const OFFICIAL_REST = JSON.stringify({ recordIds: [], method: { key: 'official', values: {} } });
function restText(figure: OfficialFigure['figure']): string {
  if (figure.recordIds.length === 0 && figure.method.key === 'official' && Object.keys(figure.method.values).length === 0) return OFFICIAL_REST;
  return JSON.stringify({ recordIds: figure.recordIds, method: figure.method });
}

export interface PackedOfficial {
  count: number;
  kind: Coded<OfficialFigure['kind']>;
  placeId: Coded<string | null>;
  country: Coded<string | null>;
  sourceType: Coded<OfficialFigure['sourceType']>;
  sourceName: Coded<string | null>;
  /** Times as they are (they seldom repeat: a table would cost more than it saves). */
  observedStart: string[];
  observedEnd: (string | null)[];
  value: Float64Array;
  records: Float64Array;
  includesSubmitted: Uint8Array;
  /** The figure's record ids and method line, as JSON text (the ids are empty in the worker's figures). */
  rest: Coded<string>;
}

export function packOfficial(list: readonly OfficialFigure[]): PackedOfficial {
  const n = list.length;
  const at = (i: number): OfficialFigure => list[i] as OfficialFigure;
  return {
    count: n,
    kind: coded(n, (i) => at(i).kind),
    placeId: coded(n, (i) => at(i).placeId),
    country: coded(n, (i) => at(i).country),
    sourceType: coded(n, (i) => at(i).sourceType),
    sourceName: coded(n, (i) => at(i).sourceName),
    observedStart: list.map((o) => o.observedStart),
    observedEnd: list.map((o) => o.observedEnd),
    value: numbers(n, (i) => at(i).figure.value),
    records: numbers(n, (i) => at(i).figure.records),
    includesSubmitted: flags(n, (i) => at(i).figure.includesSubmitted),
    rest: coded(n, (i) => restText(at(i).figure)),
  };
}

export function unpackOfficial(packed: PackedOfficial): OfficialFigure[] {
  // Each distinct id list and method line parsed once; every figure gets its own copy (a figure is the screen's to read, and cheap to copy).
  const rests = packed.rest.table.map((text) => JSON.parse(text) as Pick<OfficialFigure['figure'], 'recordIds' | 'method'>);
  const out = new Array<OfficialFigure>(packed.count);
  for (let i = 0; i < packed.count; i += 1) {
    const rest = rests[packed.rest.codes[i] ?? 0] as Pick<OfficialFigure['figure'], 'recordIds' | 'method'>;
    out[i] = {
      kind: decoded(packed.kind, i),
      placeId: decoded(packed.placeId, i),
      country: decoded(packed.country, i),
      sourceType: decoded(packed.sourceType, i),
      sourceName: decoded(packed.sourceName, i),
      observedStart: packed.observedStart[i] as string,
      observedEnd: packed.observedEnd[i] ?? null,
      figure: {
        value: packed.value[i] ?? 0,
        records: packed.records[i] ?? 0,
        recordIds: [...rest.recordIds],
        includesSubmitted: packed.includesSubmitted[i] === 1,
        method: { key: rest.method.key, values: { ...rest.method.values } },
      },
    };
  }
  return out;
}

export interface PackedMapGroups {
  count: number;
  kind: Coded<MapGroup['kind']>;
  placeId: Coded<string | null>;
  measure: Coded<MapGroup['measure']>;
  /** JSON text of the group's point and movement (few distinct ones: the places' points, the legs between places). */
  location: Coded<string | undefined>;
  movement: Coded<string | undefined>;
  totalPersons: Float64Array;
  records: Float64Array;
  firstStart: string[];
  lastStart: string[];
}

export function packMapGroups(groups: readonly MapGroup[]): PackedMapGroups {
  const n = groups.length;
  const at = (i: number): MapGroup => groups[i] as MapGroup;
  return {
    count: n,
    kind: coded(n, (i) => at(i).kind),
    placeId: coded(n, (i) => at(i).placeId),
    measure: coded(n, (i) => at(i).measure),
    location: jsonCoded(n, (i) => at(i).location),
    movement: jsonCoded(n, (i) => at(i).movement),
    totalPersons: numbers(n, (i) => at(i).totalPersons),
    records: numbers(n, (i) => at(i).records),
    firstStart: groups.map((g) => g.firstStart),
    lastStart: groups.map((g) => g.lastStart),
  };
}

export function unpackMapGroups(packed: PackedMapGroups): MapGroup[] {
  const locations = packed.location.table.map(frozenJson) as MapGroup['location'][];
  const movements = packed.movement.table.map(frozenJson) as MapGroup['movement'][];
  const out = new Array<MapGroup>(packed.count);
  for (let i = 0; i < packed.count; i += 1) {
    out[i] = {
      kind: decoded(packed.kind, i),
      placeId: decoded(packed.placeId, i),
      location: locations[packed.location.codes[i] ?? 0] as MapGroup['location'],
      movement: movements[packed.movement.codes[i] ?? 0] as MapGroup['movement'],
      measure: decoded(packed.measure, i),
      totalPersons: packed.totalPersons[i] ?? 0,
      records: packed.records[i] ?? 0,
      firstStart: packed.firstStart[i] as string,
      lastStart: packed.lastStart[i] as string,
    };
  }
  return out;
}

/** ReportFigures with its two long lists packed (what the worker's 'done' message carries). */
export interface PackedFigures extends Omit<ReportFigures, 'mapGroups' | 'measures'> {
  measures: Omit<ReportFigures['measures'], 'official'> & { official: PackedOfficial };
  mapGroups: PackedMapGroups;
}

export function packFigures(figures: ReportFigures): PackedFigures {
  return { ...figures, measures: { ...figures.measures, official: packOfficial(figures.measures.official) }, mapGroups: packMapGroups(figures.mapGroups) };
}

export function unpackFigures(packed: PackedFigures): ReportFigures {
  return { ...packed, measures: { ...packed.measures, official: unpackOfficial(packed.measures.official) }, mapGroups: unpackMapGroups(packed.mapGroups) };
}

/** The typed arrays of packed figures, to hand over to the page rather than copy. */
export function transferablesOf(packed: PackedFigures): ArrayBuffer[] {
  const o = packed.measures.official;
  const g = packed.mapGroups;
  const arrays: ArrayBufferView[] = [
    o.kind.codes, o.placeId.codes, o.country.codes, o.sourceType.codes, o.sourceName.codes, o.value, o.records, o.includesSubmitted, o.rest.codes,
    g.kind.codes, g.placeId.codes, g.measure.codes, g.location.codes, g.movement.codes, g.totalPersons, g.records,
  ];
  return arrays.map((array) => array.buffer as ArrayBuffer);
}
