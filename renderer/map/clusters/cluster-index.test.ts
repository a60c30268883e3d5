import { describe, expect, it } from 'vitest';
import type { ClusterItem } from './cluster-index';
import { badgeFigure, buildClusterIndex, kindMix, kindSums } from './cluster-index';
import { testColumns } from '../../../test-support/renderer/test-columns';

// Three observations in Belgrade, 0.05° apart (about 145 px at zoom 12, under 10 px at
// zoom 8), and one in Athens, far from them at every zoom of the map.
const columns = testColumns([
  { id: 'a', lat: 44.8, lon: 20.4, kind: 'group_sighting', persons: 10 },
  { id: 'b', lat: 44.85, lon: 20.45, kind: 'incident', persons: 5 },
  { id: 'c', lat: 44.8, lon: 20.5, kind: 'border_status', persons: 0 },
  { id: 'd', lat: 37.98, lon: 23.73, kind: 'point_count', persons: 300 },
  { id: 'e', lat: 44.82, lon: 20.42, kind: 'group_sighting', persons: 7 },
]);
const world = [-180, -85, 180, 85] as const;
const zooms = { minZoom: 4, maxZoom: 12 };

type Cluster = Extract<ClusterItem, { type: 'cluster' }>;

function clusters(items: ClusterItem[]): Cluster[] {
  return items.flatMap((item) => (item.type === 'cluster' ? [item] : []));
}

function firstCluster(items: ClusterItem[]): Cluster {
  const [cluster] = clusters(items);
  if (cluster === undefined) throw new Error('no cluster');
  return cluster;
}

describe('cluster index', () => {
  it('sums persons and counts records per cluster, in total and per kind', () => {
    const index = buildClusterIndex({ columns, start: 0, end: columns.count }, zooms);
    const items = index.items(world, 6);
    const belgrade = firstCluster(items);
    expect(clusters(items)).toHaveLength(1);
    expect(belgrade.records).toBe(4);
    expect(belgrade.sums.persons).toBe(22);
    expect(kindSums(belgrade.sums, 'group_sighting')).toEqual({ persons: 17, records: 2 });
    expect(kindSums(belgrade.sums, 'incident')).toEqual({ persons: 5, records: 1 });
    expect(kindSums(belgrade.sums, 'border_status')).toEqual({ persons: 0, records: 1 });
    expect(kindSums(belgrade.sums, 'point_count')).toEqual({ persons: 0, records: 0 });
    expect(items.flatMap((item) => (item.type === 'point' ? [columns.ids[item.index]] : []))).toEqual(['d']);
  });

  it('keeps every person and record at every zoom, splitting clusters as the map zooms in', () => {
    const index = buildClusterIndex({ columns, start: 0, end: columns.count }, zooms);
    const drawn: number[] = [];
    for (let zoom = 4; zoom <= 12; zoom++) {
      const items = index.items(world, zoom);
      let persons = 0;
      let records = 0;
      for (const item of items) {
        if (item.type === 'cluster') {
          persons += item.sums.persons;
          records += item.records;
        } else {
          persons += columns.persons[item.index] ?? 0;
          records += 1;
        }
      }
      expect({ zoom, persons, records }).toEqual({ zoom, persons: 322, records: 5 });
      drawn.push(items.length);
    }
    expect(drawn[0]).toBe(2);
    expect(drawn.at(-1)).toBeGreaterThanOrEqual(4);
    // Never fewer items as the map zooms in.
    for (let i = 1; i < drawn.length; i++) expect(drawn[i]).toBeGreaterThanOrEqual(drawn[i - 1] ?? 0);
  });

  it('indexes only the selection [start, end)', () => {
    const index = buildClusterIndex({ columns, start: 1, end: 3 }, zooms);
    expect(index.count).toBe(2);
    const cluster = firstCluster(index.items(world, 4));
    expect(cluster.records).toBe(2);
    expect(cluster.sums.persons).toBe(5);
    expect(index.leaves(cluster.id, 10).sort()).toEqual([1, 2]);
  });

  it('gives the zoom where a cluster splits, and its entries', () => {
    const index = buildClusterIndex({ columns, start: 0, end: columns.count }, zooms);
    const cluster = firstCluster(index.items(world, 4));
    const zoom = index.expansionZoom(cluster.id);
    expect(zoom).toBeGreaterThan(4);
    expect(clusters(index.items(world, zoom - 1)).some((c) => c.records === 4)).toBe(true);
    expect(clusters(index.items(world, zoom)).every((c) => c.records < 4)).toBe(true);
    expect(index.leaves(cluster.id, 2)).toHaveLength(2);
    expect(index.leaves(cluster.id, 10).map((i) => columns.ids[i]).sort()).toEqual(['a', 'b', 'c', 'e']);
  });

  it('orders the kind mix by persons, then records', () => {
    const index = buildClusterIndex({ columns, start: 0, end: columns.count }, zooms);
    const cluster = firstCluster(index.items(world, 4));
    expect(kindMix(cluster.sums).map((k) => k.kind)).toEqual(['group_sighting', 'incident', 'border_status']);
  });

  it('counts no persons for entries with none or a broken figure', () => {
    const odd = testColumns([
      { id: 'x', lat: 44, lon: 20, kind: 'incident', persons: Number.NaN },
      { id: 'y', lat: 44.001, lon: 20.001, kind: 'incident', persons: -3 },
      { id: 'z', lat: 44.002, lon: 20.002, kind: 'incident', persons: 4 },
    ]);
    const cluster = firstCluster(buildClusterIndex({ columns: odd, start: 0, end: 3 }, zooms).items(world, 8));
    expect(cluster.sums.persons).toBe(4);
    expect(kindSums(cluster.sums, 'incident')).toEqual({ persons: 4, records: 3 });
  });
});

describe('sites: entries at one spot', () => {
  const spot = testColumns([
    { id: 's1', lat: 42.31, lon: 21.65, kind: 'group_sighting', persons: 20 },
    { id: 'far', lat: 37.98, lon: 23.73, kind: 'incident', persons: 1 },
    { id: 's2', lat: 42.31, lon: 21.65, kind: 'point_count', persons: 30 },
    { id: 's3', lat: 42.31, lon: 21.65, kind: 'group_sighting', persons: 5 },
  ]);

  it('are drawn as one cluster at every zoom, which no zoom splits, listing its entries', () => {
    const index = buildClusterIndex({ columns: spot, start: 0, end: spot.count }, zooms);
    for (const zoom of [4, 8, 12, 14]) {
      const site = firstCluster(index.items(world, zoom));
      expect(site.records).toBe(3);
      expect(site.sums.persons).toBe(55);
      expect(kindSums(site.sums, 'group_sighting')).toEqual({ persons: 25, records: 2 });
      expect(index.expansionZoom(site.id)).toBeGreaterThan(12);
      expect(index.leaves(site.id, 10).map((i) => spot.ids[i])).toEqual(['s1', 's2', 's3']);
      expect(index.leaves(site.id, 2)).toHaveLength(2);
    }
  });

  it('are told apart over thousands of spots (the table of sites grows)', () => {
    const many = testColumns(
      Array.from({ length: 4000 }, (_, i) => {
        const spot = i % 2000;
        return { id: `m${i}`, lat: 40 + (spot % 50) * 0.1, lon: 15 + Math.floor(spot / 50) * 0.1, kind: 'point_count' as const, persons: 1 };
      }),
    );
    const index = buildClusterIndex({ columns: many, start: 0, end: many.count }, zooms);
    const items = index.items(world, 14);
    expect(items).toHaveLength(2000);
    expect(clusters(items).every((site) => site.records === 2 && site.sums.persons === 2)).toBe(true);
    const last = clusters(items).find((site) => Math.abs(site.lat - 44.9) < 1e-9 && Math.abs(site.lon - 18.9) < 1e-9);
    expect(last && index.leaves(last.id, 5).map((i) => many.ids[i])).toEqual(['m1999', 'm3999']);
  });

  it('take in entries a few metres apart, drawn at their mean position', () => {
    const near = testColumns([
      { id: 'g1', lat: 42.3101, lon: 21.6501, kind: 'group_sighting', persons: 3 },
      { id: 'g2', lat: 42.3103, lon: 21.6503, kind: 'group_sighting', persons: 4 },
    ]);
    const site = firstCluster(buildClusterIndex({ columns: near, start: 0, end: 2 }, zooms).items(world, 12));
    expect(site.records).toBe(2);
    expect(site.lat).toBeCloseTo(42.3102, 4);
    expect(site.lon).toBeCloseTo(21.6502, 4);
  });

  it('sum into clusters with the entries around them, records counted once each', () => {
    const mixed = testColumns([
      { id: 'a', lat: 42.31, lon: 21.65, kind: 'group_sighting', persons: 20 },
      { id: 'b', lat: 42.31, lon: 21.65, kind: 'group_sighting', persons: 20 },
      { id: 'c', lat: 42.32, lon: 21.66, kind: 'incident', persons: 2 },
    ]);
    const index = buildClusterIndex({ columns: mixed, start: 0, end: mixed.count }, zooms);
    const cluster = firstCluster(index.items(world, 6));
    expect(cluster.records).toBe(3);
    expect(cluster.sums.persons).toBe(42);
    expect(index.leaves(cluster.id, 10).sort()).toEqual([0, 1, 2]);
    expect(index.leaves(cluster.id, 1)).toHaveLength(1);
  });

  it('sums by measure: persons moving apart from each site\'s latest count, at every zoom, and the rest as records', () => {
    const mixed = testColumns([
      { id: 's1', lat: 44.8, lon: 20.4, kind: 'site_snapshot', persons: 300, time: 1 },
      { id: 'g1', lat: 44.85, lon: 20.45, kind: 'group_sighting', persons: 40, time: 2 },
      { id: 's2', lat: 44.8, lon: 20.4, kind: 'site_snapshot', persons: 280, time: 3 },
      { id: 't1', lat: 44.82, lon: 20.42, kind: 'site_snapshot', persons: 90, time: 4 },
      { id: 'p1', lat: 44.82, lon: 20.5, kind: 'point_count', persons: 60, time: 5 },
      { id: 'o1', lat: 44.84, lon: 20.44, kind: 'secondary_source', persons: 9000, time: 6 },
      { id: 'i1', lat: 44.86, lon: 20.46, kind: 'incident', persons: 3, time: 7 },
      { id: 'b1', lat: 44.87, lon: 20.47, kind: 'border_status', persons: 0, time: 8 },
    ]);
    const index = buildClusterIndex({ columns: mixed, start: 0, end: mixed.count }, zooms);
    for (const zoom of [4, 6]) {
      const cluster = firstCluster(index.items(world, zoom));
      expect(cluster.sums).toMatchObject({ moving: 100, movingRecords: 2, atSites: 370, sites: 2, incidents: 1, official: 1, other: 1 });
      expect(badgeFigure(cluster.sums, cluster.records)).toEqual({ measure: 'moving', value: 100 });
    }
  });

  it('shows at sites on a badge with nobody moving, and records on one with neither', () => {
    const none = { moving: 0, movingRecords: 0, atSites: 0, sites: 0, incidents: 2, official: 0, other: 0 };
    const sums = { ...none, persons: 0, p0: 0, p1: 0, p2: 0, p3: 0, p4: 0, p5: 0, p6: 0, n0: 0, n1: 0, n2: 0, n3: 2, n4: 0, n5: 0, n6: 0 };
    expect(badgeFigure(sums, 2)).toEqual({ measure: 'records', value: 2 });
    expect(badgeFigure({ ...sums, atSites: 500, sites: 1 }, 3)).toEqual({ measure: 'atSites', value: 500 });
  });

  it('counts a place\'s snapshots once, by the latest, even when they were taken at different spots', () => {
    const spread = testColumns([
      { id: 's1', lat: 44.8, lon: 20.4, kind: 'site_snapshot', persons: 300, time: 1, placeId: 'rs-adasevci' },
      { id: 's2', lat: 44.81, lon: 20.41, kind: 'site_snapshot', persons: 280, time: 2, placeId: 'rs-adasevci' },
      { id: 's3', lat: 40.8, lon: 22.41, kind: 'site_snapshot', persons: 90, time: 3, placeId: 'gr-idomeni' },
    ]);
    const index = buildClusterIndex({ columns: spread, start: 0, end: spread.count }, zooms);
    let atSites = 0;
    let sites = 0;
    for (const item of index.items(world, 12)) {
      if (item.type === 'cluster') {
        atSites += item.sums.atSites;
        sites += item.sums.sites;
      }
    }
    // At zoom 12 the three entries are apart (single points): nothing in clusters.
    expect([atSites, sites]).toEqual([0, 0]);
    const overview = firstCluster(index.items(world, 4));
    expect(overview.sums).toMatchObject({ atSites: 280, sites: 1 });
  });
});
