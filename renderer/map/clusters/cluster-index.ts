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
import type { ObservationKind } from '../../../shared/observations/codelists';
import { OBSERVATION_KINDS } from '../../../shared/observations/codelists';
import { entryMeasure } from '../../../shared/reports/entry-measures';
import type { MapSelection } from '../columns/map-selection';


/**
 * Sums of a cluster, by measure (shared/reports/entry-measures.ts): `moving` persons seen
 * moving and `movingRecords` their records; `atSites` the latest count of each of its
 * `sites` (a site's snapshots are never added over days, and never to the persons
 * moving); `incidents`, `official` and `other` records. Then by kind, for the ring:
 * `p<k>` persons (for site snapshots, the site's latest count) and `n<k>` records of the
 * kind with index k in OBSERVATION_KINDS; `persons` their sum, which weighs the ring's
 * colours only and is never shown as a figure. Flat and spelled out: supercluster copies cluster
 * properties with Object.assign (a nested array would be shared between a cluster and its
 * parent), and fixed property names keep the reduce, which runs for every merge at every
 * zoom, on V8's fast path.
 */
export interface ClusterSums {
  moving: number;
  movingRecords: number;
  atSites: number;
  sites: number;
  incidents: number;
  official: number;
  other: number;
  persons: number;
  p0: number;
  p1: number;
  p2: number;
  p3: number;
  p4: number;
  p5: number;
  p6: number;
  n0: number;
  n1: number;
  n2: number;
  n3: number;
  n4: number;
  n5: number;
  n6: number;
}

/**
 * What an input point (a site) carries: its sums, and its number. The sums are the
 * properties themselves, so supercluster's default `map` (identity) hands them to the
 * reduce without an object per merge; it copies them when a cluster starts.
 */
export type ClusterPointProps = ClusterSums & { site: number };

// One pair of fields per kind: a new kind is a type error here until it gets its pair.
const PERSON_KEYS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6'] as const satisfies { length: (typeof OBSERVATION_KINDS)['length'] };
const RECORD_KEYS = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6'] as const satisfies { length: (typeof OBSERVATION_KINDS)['length'] };

/** Clustering radius in screen pixels: a badge is about this wide, so badges seldom overlap. */
export const CLUSTER_RADIUS_PX = 48;

export interface ClusterIndexOptions {
  /** The map's zoom range: the index is built for these zooms only. */
  minZoom: number;
  maxZoom: number;
}

function personsOf(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * One drawn item: a cluster of several entries (a supercluster cluster, or a site: several
 * entries at one spot, with a negative id, which no zoom splits), or a single entry.
 */
export type ClusterItem =
  | { type: 'cluster'; id: number; lat: number; lon: number; records: number; sums: ClusterSums }
  | { type: 'point'; index: number; lat: number; lon: number; sums: ClusterSums };

export interface ClusterIndex {
  /** Entries indexed: the selection's length. */
  readonly count: number;
  /** Clusters and single points within [west, south, east, north] at a zoom. */
  items(bbox: readonly [number, number, number, number], zoom: number): ClusterItem[];
  /** The zoom at which a cluster splits (beyond the index's maxZoom when none does; Infinity for a site). */
  expansionZoom(clusterId: number): number;
  /** Column indexes of a cluster's entries, at most `limit`. */
  leaves(clusterId: number, limit: number): number[];
}

/**
 * Build the index of a selection's entries. Entries at the same spot (most records are
 * placed at their gazetteer place) are first summed into sites, in typed arrays; the
 * sites are what supercluster clusters, so 100,000 entries at a few hundred places and
 * some thousands of GPS points cost a fraction of clustering each entry.
 */
export function buildClusterIndex(selection: MapSelection, options: ClusterIndexOptions): ClusterIndex {
  const { columns } = selection;
  const lo = Math.max(0, selection.start);
  const hi = Math.min(columns.count, selection.end);
  const n = Math.max(0, hi - lo);
  const kindCount = OBSERVATION_KINDS.length;
  const { site: siteOf, sites: allSites } = columns;

  // Per site: persons and records per kind, and the entries of the selection at it (the
  // sites were numbered when the period's columns were built, so this is one pass of
  // additions over the entries; on a filter change this code may run cold, where every
  // pass counts). Sites with no entry in the selection are not clustered.
  const sitePersons = new Float64Array(allSites.count * kindCount);
  const siteRecords = new Int32Array(allSites.count * kindCount);
  const siteSizes = new Int32Array(allSites.count);
  const siteFirst = new Int32Array(allSites.count);
  // By measure: persons moving and their records; persons at sites, where a site is a
  // place (else a spot) as the header counts it (selectionMeasures), by its latest
  // snapshot in the selection: one entry per place, drawn where that entry is, so the
  // badges add up to the header; incidents, official figures and the rest, as records.
  const siteMoving = new Float64Array(allSites.count);
  const siteMovingRecords = new Int32Array(allSites.count);
  const siteAtSites = new Float64Array(allSites.count);
  const siteSiteCount = new Int32Array(allSites.count);
  const siteIncidents = new Int32Array(allSites.count);
  const siteOfficial = new Int32Array(allSites.count);
  const siteOther = new Int32Array(allSites.count);
  const siteSnapshotKind = OBSERVATION_KINDS.indexOf('site_snapshot');
  const latestOfPlace = new Map<string | number, number>();
  for (let i = lo; i < hi; i++) {
    // Entries are in time order: the last one met is the latest (ties: the later stored).
    if (entryMeasure(columns, i) === 'presence') latestOfPlace.set(columns.placeId[i] ?? -1 - (siteOf[i] ?? 0), i);
  }
  for (let i = lo; i < hi; i++) {
    const site = siteOf[i] ?? 0;
    const kind = Math.min(columns.kind[i] ?? 0, kindCount - 1);
    const at = site * kindCount + kind;
    const persons = personsOf(columns.persons[i]);
    // A site's snapshots stand for its latest count, as `atSites` does.
    sitePersons[at] = kind === siteSnapshotKind ? persons : (sitePersons[at] ?? 0) + persons;
    siteRecords[at] = (siteRecords[at] ?? 0) + 1;
    if (siteSizes[site] === 0) siteFirst[site] = i;
    siteSizes[site] = (siteSizes[site] ?? 0) + 1;
    switch (entryMeasure(columns, i)) {
      case 'movements':
        siteMoving[site] = (siteMoving[site] ?? 0) + persons;
        siteMovingRecords[site] = (siteMovingRecords[site] ?? 0) + 1;
        break;
      case 'presence':
        if (latestOfPlace.get(columns.placeId[i] ?? -1 - site) === i) {
          siteAtSites[site] = (siteAtSites[site] ?? 0) + persons;
          siteSiteCount[site] = (siteSiteCount[site] ?? 0) + 1;
        }
        break;
      case 'incidents':
        siteIncidents[site] = (siteIncidents[site] ?? 0) + 1;
        break;
      case 'official':
        siteOfficial[site] = (siteOfficial[site] ?? 0) + 1;
        break;
      case 'none':
        siteOther[site] = (siteOther[site] ?? 0) + 1;
        break;
    }
  }
  const siteSize = (site: number): number => siteSizes[site] ?? 0;

  const siteSums = (site: number): ClusterSums => {
    const b = site * kindCount;
    const p0 = sitePersons[b] ?? 0;
    const p1 = sitePersons[b + 1] ?? 0;
    const p2 = sitePersons[b + 2] ?? 0;
    const p3 = sitePersons[b + 3] ?? 0;
    const p4 = sitePersons[b + 4] ?? 0;
    const p5 = sitePersons[b + 5] ?? 0;
    const p6 = sitePersons[b + 6] ?? 0;
    const n0 = siteRecords[b] ?? 0;
    const n1 = siteRecords[b + 1] ?? 0;
    const n2 = siteRecords[b + 2] ?? 0;
    const n3 = siteRecords[b + 3] ?? 0;
    const n4 = siteRecords[b + 4] ?? 0;
    const n5 = siteRecords[b + 5] ?? 0;
    const n6 = siteRecords[b + 6] ?? 0;
    return {
      moving: siteMoving[site] ?? 0,
      movingRecords: siteMovingRecords[site] ?? 0,
      atSites: siteAtSites[site] ?? 0,
      sites: siteSiteCount[site] ?? 0,
      incidents: siteIncidents[site] ?? 0,
      official: siteOfficial[site] ?? 0,
      other: siteOther[site] ?? 0,
      persons: p0 + p1 + p2 + p3 + p4 + p5 + p6,
      p0,
      p1,
      p2,
      p3,
      p4,
      p5,
      p6,
      n0,
      n1,
      n2,
      n3,
      n4,
      n5,
      n6,
    };
  };

  const index = new Supercluster<ClusterPointProps, ClusterPointProps>({
    radius: CLUSTER_RADIUS_PX,
    // Tiles of 256 px, as Leaflet's zoom levels are: the radius is then in screen pixels.
    extent: 256,
    minZoom: options.minZoom,
    maxZoom: options.maxZoom,
    reduce: (a, b) => {
      a.moving += b.moving;
      a.movingRecords += b.movingRecords;
      a.atSites += b.atSites;
      a.sites += b.sites;
      a.incidents += b.incidents;
      a.official += b.official;
      a.other += b.other;
      a.persons += b.persons;
      a.p0 += b.p0;
      a.p1 += b.p1;
      a.p2 += b.p2;
      a.p3 += b.p3;
      a.p4 += b.p4;
      a.p5 += b.p5;
      a.p6 += b.p6;
      a.n0 += b.n0;
      a.n1 += b.n1;
      a.n2 += b.n2;
      a.n3 += b.n3;
      a.n4 += b.n4;
      a.n5 += b.n5;
      a.n6 += b.n6;
    },
  });
  const features: PointFeature<ClusterPointProps>[] = [];
  for (let s = 0; s < allSites.count; s++) {
    if (siteSize(s) === 0) continue;
    features.push({
      type: 'Feature',
      properties: { ...siteSums(s), site: s },
      geometry: { type: 'Point', coordinates: [allSites.lon[s] ?? 0, allSites.lat[s] ?? 0] },
    });
  }
  index.load(features);

  const recordsOf = (sums: ClusterSums): number => sums.n0 + sums.n1 + sums.n2 + sums.n3 + sums.n4 + sums.n5 + sums.n6;
  // A site's entries, found when asked (a click on a cluster that cannot split).
  const siteEntryList = (site: number, limit: number): number[] => {
    const out: number[] = [];
    for (let i = lo; i < hi && out.length < limit; i++) if (siteOf[i] === site) out.push(i);
    return out;
  };

  return {
    count: n,
    items([west, south, east, north], zoom) {
      const out: ClusterItem[] = [];
      for (const feature of index.getClusters([west, south, east, north], zoom)) {
        const [lon = 0, lat = 0] = feature.geometry.coordinates;
        const props = feature.properties;
        if ('cluster' in props) {
          out.push({ type: 'cluster', id: props.cluster_id, lat, lon, records: recordsOf(props), sums: props });
        } else if (siteSize(props.site) > 1) {
          const sums = siteSums(props.site);
          out.push({ type: 'cluster', id: -1 - props.site, lat, lon, records: recordsOf(sums), sums });
        } else {
          // Its sums too: a dot that a badge would cover is drawn within that badge.
          out.push({ type: 'point', index: siteFirst[props.site] ?? 0, lat, lon, sums: props });
        }
      }
      return out;
    },
    expansionZoom(clusterId) {
      return clusterId < 0 ? Number.POSITIVE_INFINITY : index.getClusterExpansionZoom(clusterId);
    },
    leaves(clusterId, limit) {
      if (clusterId < 0) return siteEntryList(-1 - clusterId, limit);
      const out: number[] = [];
      for (const leaf of index.getLeaves(clusterId, limit)) {
        out.push(...siteEntryList(leaf.properties.site, limit - out.length));
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}

const SUM_KEYS = [
  'moving',
  'movingRecords',
  'atSites',
  'sites',
  'incidents',
  'official',
  'other',
  'persons',
  ...PERSON_KEYS,
  ...RECORD_KEYS,
] as const satisfies readonly (keyof ClusterSums)[];

/**
 * The sums of several clusters drawn as one badge (badges that would overlap on screen):
 * each field added, as supercluster's reduce does. Sites are disjoint between clusters,
 * so the latest counts add up as they do within one.
 */
export function addClusterSums(list: readonly ClusterSums[]): ClusterSums {
  const out = Object.fromEntries(SUM_KEYS.map((key) => [key, 0])) as unknown as ClusterSums;
  for (const sums of list) for (const key of SUM_KEYS) out[key] += sums[key];
  return out;
}

/** Records in a cluster's sums (all kinds). */
export function clusterRecords(sums: ClusterSums): number {
  return sums.n0 + sums.n1 + sums.n2 + sums.n3 + sums.n4 + sums.n5 + sums.n6;
}

/** Persons and records of one kind in a cluster's sums. */
export function kindSums(sums: ClusterSums, kind: ObservationKind): { persons: number; records: number } {
  const k = OBSERVATION_KINDS.indexOf(kind);
  const personsKey = PERSON_KEYS[k];
  const recordsKey = RECORD_KEYS[k];
  return { persons: personsKey === undefined ? 0 : sums[personsKey], records: recordsKey === undefined ? 0 : sums[recordsKey] };
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

export type BadgeMeasure = 'moving' | 'atSites' | 'records';

/**
 * What a badge shows, and says it shows: persons seen moving; where none were seen
 * moving, persons at sites (latest count); where neither, the number of records.
 */
export function badgeFigure(sums: ClusterSums, records: number): { measure: BadgeMeasure; value: number } {
  if (sums.movingRecords > 0) return { measure: 'moving', value: sums.moving };
  if (sums.sites > 0) return { measure: 'atSites', value: sums.atSites };
  return { measure: 'records', value: records };
}
