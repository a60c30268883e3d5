/**
 * The observation clusters, without Leaflet: a supercluster index over a selection of the
 * map's columns whose clusters carry the sum of persons and the number of records, in
 * total and per kind, so a badge can show persons and its colours the kind mix.
 *
 * Pure (no DOM), so the sums can be tested per zoom and the benchmark can time the index
 * apart from the drawing.
 */
import type { PointFeature } from 'supercluster';
import Supercluster from 'supercluster';
import type { ObservationKind } from '../../shared/observations/codelists';
import { OBSERVATION_KINDS } from '../../shared/observations/codelists';
import type { MapSelection } from './map-selection';

/** What an input point carries: its entry in the columns (everything else is read there). */
export interface ClusterPointProps {
  index: number;
}

/**
 * Sums of a cluster, flat (supercluster copies cluster properties with Object.assign, so a
 * nested array would be shared between a cluster and its parent): `p<k>` persons and
 * `n<k>` records of the kind with index k in OBSERVATION_KINDS.
 */
export type ClusterSums = { persons: number } & Record<`p${number}` | `n${number}`, number>;

/** Clustering radius in screen pixels: a badge is about this wide, so badges seldom overlap. */
export const CLUSTER_RADIUS_PX = 48;

export interface ClusterIndexOptions {
  /** The map's zoom range: the index is built for these zooms only. */
  minZoom: number;
  maxZoom: number;
}

function emptySums(): ClusterSums {
  const sums = { persons: 0 } as ClusterSums;
  for (let k = 0; k < OBSERVATION_KINDS.length; k++) {
    sums[`p${k}`] = 0;
    sums[`n${k}`] = 0;
  }
  return sums;
}

function personsOf(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

/** One drawn item: a cluster of several entries, or a single entry of the columns. */
export type ClusterItem =
  | { type: 'cluster'; id: number; lat: number; lon: number; records: number; sums: ClusterSums }
  | { type: 'point'; index: number; lat: number; lon: number };

export interface ClusterIndex {
  /** Entries indexed: the selection's length. */
  readonly count: number;
  /** Clusters and single points within [west, south, east, north] at a zoom. */
  items(bbox: readonly [number, number, number, number], zoom: number): ClusterItem[];
  /** The zoom at which a cluster splits (may exceed the index's maxZoom). */
  expansionZoom(clusterId: number): number;
  /** Column indexes of a cluster's entries, at most `limit`. */
  leaves(clusterId: number, limit: number): number[];
}

/** Build the index of a selection's entries. */
export function buildClusterIndex(selection: MapSelection, options: ClusterIndexOptions): ClusterIndex {
  const { columns, start, end } = selection;
  const kindCount = OBSERVATION_KINDS.length;
  const index = new Supercluster<ClusterPointProps, ClusterSums>({
    radius: CLUSTER_RADIUS_PX,
    // Tiles of 256 px, as Leaflet's zoom levels are: the radius is then in screen pixels.
    extent: 256,
    minZoom: options.minZoom,
    maxZoom: options.maxZoom,
    map: ({ index: i }) => {
      const sums = emptySums();
      const persons = personsOf(columns.persons[i]);
      const kind = Math.min(columns.kind[i] ?? 0, kindCount - 1);
      sums.persons = persons;
      sums[`p${kind}`] = persons;
      sums[`n${kind}`] = 1;
      return sums;
    },
    reduce: (accumulated, props) => {
      accumulated.persons += props.persons;
      for (let k = 0; k < kindCount; k++) {
        accumulated[`p${k}`] = (accumulated[`p${k}`] ?? 0) + (props[`p${k}`] ?? 0);
        accumulated[`n${k}`] = (accumulated[`n${k}`] ?? 0) + (props[`n${k}`] ?? 0);
      }
    },
  });
  const lo = Math.max(0, start);
  const hi = Math.min(columns.count, end);
  const features: PointFeature<ClusterPointProps>[] = [];
  for (let i = lo; i < hi; i++) {
    features.push({
      type: 'Feature',
      properties: { index: i },
      geometry: { type: 'Point', coordinates: [columns.lon[i] ?? 0, columns.lat[i] ?? 0] },
    });
  }
  index.load(features);

  return {
    count: features.length,
    items([west, south, east, north], zoom) {
      const out: ClusterItem[] = [];
      for (const feature of index.getClusters([west, south, east, north], zoom)) {
        const [lon = 0, lat = 0] = feature.geometry.coordinates;
        const props = feature.properties;
        if ('cluster' in props) {
          out.push({ type: 'cluster', id: props.cluster_id, lat, lon, records: props.point_count, sums: props });
        } else {
          out.push({ type: 'point', index: props.index, lat, lon });
        }
      }
      return out;
    },
    expansionZoom(clusterId) {
      return index.getClusterExpansionZoom(clusterId);
    },
    leaves(clusterId, limit) {
      return index.getLeaves(clusterId, limit).map((leaf) => leaf.properties.index);
    },
  };
}

/** Persons and records of one kind in a cluster's sums. */
export function kindSums(sums: ClusterSums, kind: ObservationKind): { persons: number; records: number } {
  const k = OBSERVATION_KINDS.indexOf(kind);
  return { persons: sums[`p${k}`] ?? 0, records: sums[`n${k}`] ?? 0 };
}

/**
 * The kinds present in a cluster, most persons first (then most records, then the
 * codelist's order): the first is the badge's colour, the list its tooltip.
 */
export function kindMix(sums: ClusterSums): { kind: ObservationKind; persons: number; records: number }[] {
  return OBSERVATION_KINDS.map((kind) => ({ kind, ...kindSums(sums, kind) }))
    .filter((entry) => entry.records > 0)
    .sort((a, b) => b.persons - a.persons || b.records - a.records);
}
