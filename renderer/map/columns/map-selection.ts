/**
 * What the map's data layers draw: the observations of the current filter as parallel
 * typed columns sorted by time, and the slice of them the time slider shows.
 *
 * Columns rather than objects: 100,000 observations as objects cost tens of MB and
 * seconds of garbage collection per filter change; as typed arrays they are a few MB,
 * and a time step is a binary search giving `start`/`end` with no copying.
 */
import type { ObservationKind } from '../../../shared/observations/codelists';
import type { MapSites } from './map-sites';

export interface MapColumns {
  /** Number of entries; every column has this length. */
  count: number;
  /** Record ids, for popups and "open record". */
  ids: readonly string[];
  /** observedStart, ms since the epoch, ascending. */
  time: Float64Array;
  /** Where the entry is drawn: the record's own point, else its place's. */
  lat: Float64Array;
  lon: Float64Array;
  /** Index into OBSERVATION_KINDS. */
  kind: Uint8Array;
  /** Total persons (0 for kinds that count none). */
  persons: Float64Array;
  /** The record's own place (gazetteer id), the movement's from and to place, or null. */
  placeId: readonly (string | null)[];
  fromPlace: readonly (string | null)[];
  toPlace: readonly (string | null)[];
  /** The movement's from and to country (ISO alpha-2), or null. */
  fromCountry: readonly (string | null)[];
  toCountry: readonly (string | null)[];
  /**
   * The measure each entry counts toward (index into MEASURES, shared/reports), from the
   * day index; absent, an entry counts toward its kind's measure.
   */
  measure?: Uint8Array;
  /** The site (see map-sites.ts) of each entry: a number into `sites`. */
  site: Int32Array;
  /**
   * The sites the entries are numbered into. Shared by the columns a filter narrows from
   * the same period's columns, so a site keeps its number and its position.
   */
  sites: MapSites;
}

/** The entries [start, end) of `columns` are drawn (the time slider's window). */
export interface MapSelection {
  columns: MapColumns;
  start: number;
  end: number;
}

/** A point's popup, read when it is opened: plain text fields, rendered as text. */
export interface PointDescription {
  id: string;
  kind: ObservationKind;
  title: string;
  subtitle: string;
  summary: string;
  /** Hash route of the record's detail view, e.g. `#/observation?id=…`. */
  href: string;
}

/** How the observations are drawn. */
export type ObservationDisplay = 'clusters' | 'heat';
