/**
 * Who was seen moving: sex and age, unaccompanied and separated children,
 * vulnerabilities, nationalities. Over the movements measure only (records whose
 * `measureOf` is 'movements': group sightings and counts at flow monitoring points,
 * not site snapshots, incidents or official figures), so a group seen at several places
 * is counted at each, as in every movements figure; each method line says at how many
 * places.
 *
 * "Not disaggregated" is stated, never hidden: per record, its total persons minus the
 * sum of the parts it gives (men + women + boys + girls; or its nationality counts),
 * clamped at 0. A record with no breakdown adds its whole total. A record whose parts add
 * up to more than its total (a data-entry slip) adds nothing there, and the excess is
 * stated as `partsOverTotal`, so that always:
 *   sum of the parts + notDisaggregated − partsOverTotal = persons seen moving.
 */
import type { NationalityBasis, Vulnerability } from '../observations/codelists';
import { NATIONALITY_BASES, VULNERABILITIES } from '../observations/codelists';
import type { ReportRecord } from './report-record';
import type { Figure, MethodKey } from './figure';
import { emptyFigure, listsRecordIds } from './figure';
import { measureOf } from './measure-kinds';

export const SEX_AGE = ['men', 'women', 'boys', 'girls'] as const;
export type SexAge = (typeof SEX_AGE)[number];

/** How many nationalities `demographicsOf` lists one by one unless told; the rest are summed as `other`. */
export const TOP_NATIONALITIES = 10;

export interface NationalityFigure {
  /** Nationality code as recorded (ISO 3166-1 alpha-3 or the codelist's own). */
  code: string;
  figure: Figure;
  /** Persons by how the nationality was established; sums to figure.value. */
  basis: Record<NationalityBasis, number>;
}

export interface Demographics {
  /** Persons seen moving: the base every share is of (= movements.total). */
  persons: Figure;
  sexAge: Record<SexAge, Figure>;
  /** Persons in records whose sex and age parts do not cover their total. */
  sexAgeNotDisaggregated: Figure;
  sexAgePartsOverTotal: Figure;
  unaccompaniedChildren: Figure;
  separatedChildren: Figure;
  /** Persons with each vulnerability, as recorded (every code, in the codelist's order). */
  vulnerabilities: Record<Vulnerability, Figure>;
  nationalities: {
    /** Most persons first (then by code), at most the number asked for. */
    top: NationalityFigure[];
    /** The nationalities after the top ones, summed; `codes` says how many. */
    other: { codes: number; figure: Figure; basis: Record<NationalityBasis, number> };
    notDisaggregated: Figure;
    partsOverTotal: Figure;
    /** Persons by basis over every nationality. */
    basis: Record<NationalityBasis, number>;
  };
}

/** A figure being summed, with the places of its records (for its method line) and the last record it counted. */
interface Tally {
  figure: Figure;
  places: Set<string | null>;
  last: string | null;
}

function tally(key: MethodKey): Tally {
  return { figure: emptyFigure(key), places: new Set(), last: null };
}

/** What each addition needs of its record, read once per record. */
interface Seen {
  id: string;
  submitted: boolean;
  placeId: string | null;
}

/**
 * Add a record's contribution to a figure, the record listed once however many parts of
 * it add (a nationality recorded twice with two bases), and note its place.
 */
function add(t: Tally, seen: Seen, value: number): void {
  const figure = t.figure;
  figure.value += value;
  if (t.last !== seen.id) {
    t.last = seen.id;
    figure.records += 1;
    if (listsRecordIds()) figure.recordIds.push(seen.id);
    if (seen.submitted) figure.includesSubmitted = true;
  }
  t.places.add(seen.placeId);
}

function finish(t: Tally): Figure {
  t.figure.method.values = { places: t.places.size };
  return t.figure;
}

function noBasis(): Record<NationalityBasis, number> {
  return { declared: 0, documented: 0, perceived: 0 };
}

interface NationalityTally {
  code: string;
  tally: Tally;
  basis: Record<NationalityBasis, number>;
}

export function demographicsOf(records: readonly ReportRecord[], topNationalities: number = TOP_NATIONALITIES): Demographics {
  const persons = tally('movements');
  const sexAge: Record<SexAge, Tally> = { men: tally('sexAge'), women: tally('sexAge'), boys: tally('sexAge'), girls: tally('sexAge') };
  const sexAgeNotDisaggregated = tally('sexAgeNotDisaggregated');
  const sexAgePartsOverTotal = tally('sexAgePartsOverTotal');
  const unaccompaniedChildren = tally('unaccompaniedChildren');
  const separatedChildren = tally('separatedChildren');
  const vulnerabilities = Object.fromEntries(VULNERABILITIES.map((v) => [v, tally('vulnerability')])) as Record<Vulnerability, Tally>;
  const byNationality = new Map<string, NationalityTally>();
  const nationalityNotDisaggregated = tally('nationalityNotDisaggregated');
  const nationalityPartsOverTotal = tally('nationalityPartsOverTotal');

  for (const record of records) {
    if (measureOf(record) !== 'movements') continue;
    const seen: Seen = { id: record.id, submitted: record.reviewStatus === 'submitted', placeId: record.placeId };
    const total = record.totalPersons;
    add(persons, seen, total);

    const counts = record.counts;
    let parts = 0;
    if (counts !== undefined) {
      for (const part of SEX_AGE) {
        const value = counts[part];
        if (value == null) continue;
        add(sexAge[part], seen, value);
        parts += value;
      }
      if (counts.unaccompaniedChildren != null) add(unaccompaniedChildren, seen, counts.unaccompaniedChildren);
      if (counts.separatedChildren != null) add(separatedChildren, seen, counts.separatedChildren);
    }
    if (total > parts) add(sexAgeNotDisaggregated, seen, total - parts);
    else if (parts > total) add(sexAgePartsOverTotal, seen, parts - total);

    if (record.vulnerabilities !== undefined) for (const v of record.vulnerabilities) add(vulnerabilities[v.code], seen, v.count);

    let nationals = 0;
    if (record.nationalities !== undefined) {
      for (const n of record.nationalities) {
        let held = byNationality.get(n.code);
        if (held === undefined) {
          held = { code: n.code, tally: tally('nationality'), basis: noBasis() };
          byNationality.set(n.code, held);
        }
        add(held.tally, seen, n.count);
        held.basis[n.basis] += n.count;
        nationals += n.count;
      }
    }
    if (total > nationals) add(nationalityNotDisaggregated, seen, total - nationals);
    else if (nationals > total) add(nationalityPartsOverTotal, seen, nationals - total);
  }

  const ranked = [...byNationality.values()].sort((a, b) => b.tally.figure.value - a.tally.figure.value || a.code.localeCompare(b.code));
  const top = ranked.slice(0, Math.max(0, topNationalities));
  const rest = ranked.slice(top.length);
  // The records behind "other": each once, however many of the other nationalities it gives.
  const other = { codes: rest.length, figure: emptyFigure('nationalityOther'), basis: noBasis() };
  const otherPlaces = new Set<string | null>();
  for (const n of rest) {
    other.figure.value += n.tally.figure.value;
    other.figure.includesSubmitted ||= n.tally.figure.includesSubmitted;
    for (const place of n.tally.places) otherPlaces.add(place);
    for (const b of NATIONALITY_BASES) other.basis[b] += n.basis[b];
  }
  const restCodes = new Set(rest.map((n) => n.code));
  if (restCodes.size > 0) {
    for (const record of records) {
      if (measureOf(record) !== 'movements' || !record.nationalities?.some((n) => restCodes.has(n.code))) continue;
      other.figure.records += 1;
      if (listsRecordIds()) other.figure.recordIds.push(record.id);
    }
  }
  other.figure.method.values = { places: otherPlaces.size };
  const basis = noBasis();
  for (const n of ranked) for (const b of NATIONALITY_BASES) basis[b] += n.basis[b];
  const figures = <K extends string>(tallies: Record<K, Tally>): Record<K, Figure> =>
    Object.fromEntries(Object.entries<Tally>(tallies).map(([k, t]) => [k, finish(t)])) as Record<K, Figure>;

  return {
    persons: finish(persons),
    sexAge: figures(sexAge),
    sexAgeNotDisaggregated: finish(sexAgeNotDisaggregated),
    sexAgePartsOverTotal: finish(sexAgePartsOverTotal),
    unaccompaniedChildren: finish(unaccompaniedChildren),
    separatedChildren: finish(separatedChildren),
    vulnerabilities: figures(vulnerabilities),
    nationalities: {
      top: top.map((n) => ({ code: n.code, figure: finish(n.tally), basis: n.basis })),
      other,
      notDisaggregated: finish(nationalityNotDisaggregated),
      partsOverTotal: finish(nationalityPartsOverTotal),
      basis,
    },
  };
}
