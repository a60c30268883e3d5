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
import type { Observation } from '../observations/observation-schema';
import type { Figure, MethodKey } from './figure';
import { emptyFigure } from './figure';
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

/**
 * Add a record's contribution to a figure, the record listed once however many parts of
 * it add (a nationality recorded twice with two bases), and note its place.
 */
function adder(): {
  add: (figure: Figure, record: Observation, value: number) => void;
  placesOf: (figure: Figure) => ReadonlySet<string | null>;
  finish: (figure: Figure) => void;
} {
  const placesOf = new Map<Figure, Set<string | null>>();
  return {
    add(figure, record, value) {
      figure.value += value;
      if (figure.recordIds[figure.recordIds.length - 1] !== record.id) {
        figure.records += 1;
        figure.recordIds.push(record.id);
        if (record.reviewStatus === 'submitted') figure.includesSubmitted = true;
      }
      let seen = placesOf.get(figure);
      if (seen === undefined) {
        seen = new Set();
        placesOf.set(figure, seen);
      }
      seen.add(record.placeId);
    },
    placesOf(figure) {
      return placesOf.get(figure) ?? new Set();
    },
    finish(figure) {
      figure.method.values = { places: placesOf.get(figure)?.size ?? 0 };
    },
  };
}

function noBasis(): Record<NationalityBasis, number> {
  return { declared: 0, documented: 0, perceived: 0 };
}

export function demographicsOf(records: readonly Observation[], topNationalities: number = TOP_NATIONALITIES): Demographics {
  const { add, placesOf, finish } = adder();
  const figure = (key: MethodKey): Figure => emptyFigure(key);
  const persons = figure('movements');
  const sexAge: Record<SexAge, Figure> = { men: figure('sexAge'), women: figure('sexAge'), boys: figure('sexAge'), girls: figure('sexAge') };
  const sexAgeNotDisaggregated = figure('sexAgeNotDisaggregated');
  const sexAgePartsOverTotal = figure('sexAgePartsOverTotal');
  const unaccompaniedChildren = figure('unaccompaniedChildren');
  const separatedChildren = figure('separatedChildren');
  const vulnerabilities = Object.fromEntries(VULNERABILITIES.map((v) => [v, figure('vulnerability')])) as Record<Vulnerability, Figure>;
  const byNationality = new Map<string, NationalityFigure>();
  const nationalityNotDisaggregated = figure('nationalityNotDisaggregated');
  const nationalityPartsOverTotal = figure('nationalityPartsOverTotal');

  for (const record of records) {
    if (measureOf(record) !== 'movements') continue;
    const total = record.totalPersons;
    add(persons, record, total);

    const counts = record.counts;
    let parts = 0;
    for (const part of SEX_AGE) {
      const value = counts?.[part];
      if (value == null) continue;
      add(sexAge[part], record, value);
      parts += value;
    }
    if (total > parts) add(sexAgeNotDisaggregated, record, total - parts);
    else if (parts > total) add(sexAgePartsOverTotal, record, parts - total);
    if (counts?.unaccompaniedChildren != null) add(unaccompaniedChildren, record, counts.unaccompaniedChildren);
    if (counts?.separatedChildren != null) add(separatedChildren, record, counts.separatedChildren);

    for (const v of record.vulnerabilities ?? []) add(vulnerabilities[v.code], record, v.count);

    let nationals = 0;
    for (const n of record.nationalities ?? []) {
      let held = byNationality.get(n.code);
      if (held === undefined) {
        held = { code: n.code, figure: figure('nationality'), basis: noBasis() };
        byNationality.set(n.code, held);
      }
      add(held.figure, record, n.count);
      held.basis[n.basis] += n.count;
      nationals += n.count;
    }
    if (total > nationals) add(nationalityNotDisaggregated, record, total - nationals);
    else if (nationals > total) add(nationalityPartsOverTotal, record, nationals - total);
  }

  const ranked = [...byNationality.values()].sort((a, b) => b.figure.value - a.figure.value || a.code.localeCompare(b.code));
  const top = ranked.slice(0, Math.max(0, topNationalities));
  const rest = ranked.slice(top.length);
  // The records behind "other": each once, however many of the other nationalities it gives.
  const other = { codes: rest.length, figure: figure('nationalityOther'), basis: noBasis() };
  const otherIds = new Set<string>();
  const otherPlaces = new Set<string | null>();
  for (const n of rest) {
    other.figure.value += n.figure.value;
    other.figure.includesSubmitted ||= n.figure.includesSubmitted;
    for (const id of n.figure.recordIds) otherIds.add(id);
    for (const place of placesOf(n.figure)) otherPlaces.add(place);
    for (const b of NATIONALITY_BASES) other.basis[b] += n.basis[b];
  }
  other.figure.recordIds = [...otherIds];
  other.figure.records = otherIds.size;
  other.figure.method.values = { places: otherPlaces.size };
  const basis = noBasis();
  for (const n of ranked) for (const b of NATIONALITY_BASES) basis[b] += n.basis[b];

  const singles = [persons, ...Object.values(sexAge), sexAgeNotDisaggregated, sexAgePartsOverTotal, unaccompaniedChildren, separatedChildren];
  for (const f of [...singles, ...Object.values(vulnerabilities), nationalityNotDisaggregated, nationalityPartsOverTotal]) finish(f);
  for (const n of ranked) finish(n.figure);

  return {
    persons,
    sexAge,
    sexAgeNotDisaggregated,
    sexAgePartsOverTotal,
    unaccompaniedChildren,
    separatedChildren,
    vulnerabilities,
    nationalities: { top, other, notDisaggregated: nationalityNotDisaggregated, partsOverTotal: nationalityPartsOverTotal, basis },
  };
}
