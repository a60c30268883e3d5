/**
 * Sites: entries in the same cell of 0.001° (about 110 m by 80 m over the route) are one
 * spot, drawn at their mean position. At the map's closest zoom (12) a cell is under 3 px,
 * so entries in it would be drawn one over the other anyway; 100,000 training entries
 * fall into about 2,300 sites (11,800 at a metre's precision).
 *
 * Sites are numbered once, when a period's columns are built from the day index (a
 * read from IndexedDB, which costs far more); a filter change or a time step then only
 * sums persons per site number, and the cluster index clusters the sites, not the
 * entries.
 */

const SITE_PRECISION = 1e3;

/** The sites of some columns: their number, and where each is drawn. */
export interface MapSites {
  count: number;
  /** Mean position of the site's entries in the columns the sites were numbered over. */
  lat: Float64Array;
  lon: Float64Array;
}

/**
 * Number the sites of `count` entries at (lat, lon): the site of each entry, numbered in
 * order of first appearance, and the sites' mean positions.
 */
export function numberSites(lat: Float64Array, lon: Float64Array, count: number): { site: Int32Array; sites: MapSites } {
  // An open-addressing table over the rounded coordinates as two int32s (a Map keyed by
  // their combination would box a number per look-up), one slot of three int32s (lat,
  // lon, site + 1; 0 is empty) so a probe reads one cache line; sized to the sites, not
  // the entries (a few thousand sites fit in the processor's cache), doubled when half full.
  let capacity = 1024;
  let table = new Int32Array(capacity * 3);
  const slotOf = (qLat: number, qLon: number): number => {
    let mix = Math.imul(qLat, 0x9e3779b1) ^ qLon;
    mix = Math.imul(mix ^ (mix >>> 16), 0x85ebca6b);
    return (mix ^ (mix >>> 13)) & (capacity - 1);
  };
  const siteQLat: number[] = [];
  const siteQLon: number[] = [];
  const sumLat: number[] = [];
  const sumLon: number[] = [];
  const sizes: number[] = [];
  const grow = (): void => {
    capacity *= 2;
    table = new Int32Array(capacity * 3);
    for (let s = 0; s < siteQLat.length; s++) {
      const qLat = siteQLat[s] ?? 0;
      const qLon = siteQLon[s] ?? 0;
      let slot = slotOf(qLat, qLon);
      while (table[slot * 3 + 2] !== 0) slot = (slot + 1) & (capacity - 1);
      table[slot * 3] = qLat;
      table[slot * 3 + 1] = qLon;
      table[slot * 3 + 2] = s + 1;
    }
  };

  const site = new Int32Array(count);
  let siteCount = 0;
  for (let i = 0; i < count; i++) {
    const la = lat[i] ?? 0;
    const lo = lon[i] ?? 0;
    const qLat = Math.round(la * SITE_PRECISION) | 0;
    const qLon = Math.round(lo * SITE_PRECISION) | 0;
    let slot = slotOf(qLat, qLon);
    let s = (table[slot * 3 + 2] ?? 0) - 1;
    while (s !== -1 && (table[slot * 3] !== qLat || table[slot * 3 + 1] !== qLon)) {
      slot = (slot + 1) & (capacity - 1);
      s = (table[slot * 3 + 2] ?? 0) - 1;
    }
    if (s === -1) {
      s = siteCount++;
      table[slot * 3] = qLat;
      table[slot * 3 + 1] = qLon;
      table[slot * 3 + 2] = s + 1;
      siteQLat.push(qLat);
      siteQLon.push(qLon);
      sumLat.push(0);
      sumLon.push(0);
      sizes.push(0);
      if (2 * siteCount > capacity) grow();
    }
    site[i] = s;
    sumLat[s] = (sumLat[s] ?? 0) + la;
    sumLon[s] = (sumLon[s] ?? 0) + lo;
    sizes[s] = (sizes[s] ?? 0) + 1;
  }
  const sites: MapSites = { count: siteCount, lat: new Float64Array(siteCount), lon: new Float64Array(siteCount) };
  for (let s = 0; s < siteCount; s++) {
    const size = Math.max(1, sizes[s] ?? 0);
    sites.lat[s] = (sumLat[s] ?? 0) / size;
    sites.lon[s] = (sumLon[s] ?? 0) / size;
  }
  return { site, sites };
}
