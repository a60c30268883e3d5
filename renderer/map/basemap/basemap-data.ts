/**
 * The data of the offline basemap: Natural Earth country boundaries from world-atlas,
 * bundled by Vite as chunks of their own (dynamic imports keep them out of the main
 * chunk), cut to the map's region and converted to GeoJSON once per session. No Leaflet
 * here: basemap-layer.ts draws it.
 *
 * Two levels of detail: 1:50m (756 KB chunk, 243 KB gzipped) for the overview, and
 * 1:10m (3.7 MB, 986 KB gzipped) from zoom 7, where the 50m borders are visibly coarse
 * around the crossings. Both cut to the region, or Leaflet spends seconds reprojecting
 * the whole world at each zoom at 10m.
 */
import type { Feature, FeatureCollection, Geometry, MultiLineString } from 'geojson';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { feature, mesh } from 'topojson-client';
import type { RouteCountry } from './country-names';
import { routeCountryOfAtlasName } from './country-names';

export interface CountryProperties {
  /** world-atlas's abbreviated English name: for lookup in our table only, never shown. */
  name: string;
  /** Our code when the country is on the route, else null. */
  route: RouteCountry | null;
}

export interface BasemapData {
  countries: FeatureCollection<Geometry, CountryProperties>;
  /** Land borders touching a route country (drawn stronger). */
  routeBorders: MultiLineString;
  /** All other land borders. */
  otherBorders: MultiLineString;
  /** Coastlines and the outer edges of land. */
  coasts: MultiLineString;
}

export type WorldTopology = Topology<{
  countries: GeometryCollection<{ name: string }>;
  land: GeometryCollection;
}>;

export interface Region {
  south: number;
  west: number;
  north: number;
  east: number;
}

/**
 * Where the map can go (route-map.tsx limits panning to it): Europe, the Mediterranean
 * and the Middle East around the route. Countries entirely outside are left out.
 */
export const MAP_REGION: Region = { south: 25, west: -15, north: 65, east: 55 };

/** Bounding box of each arc of a (quantised, delta-encoded or plain) topology: [w, s, e, n] per arc. */
function arcBoxes(topology: Topology): Float64Array {
  const boxes = new Float64Array(topology.arcs.length * 4);
  const [sx, sy] = topology.transform?.scale ?? [1, 1];
  const [tx, ty] = topology.transform?.translate ?? [0, 0];
  const quantised = topology.transform !== undefined;
  topology.arcs.forEach((arc, i) => {
    let x = 0;
    let y = 0;
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let n = -Infinity;
    for (const position of arc) {
      const [px = 0, py = 0] = position;
      x = quantised ? x + px : px;
      y = quantised ? y + py : py;
      const lon = x * sx + tx;
      const lat = y * sy + ty;
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
    boxes.set([w, s, e, n], i * 4);
  });
  return boxes;
}

function arcIndexes(geometry: GeometryObject): number[] {
  switch (geometry.type) {
    case 'LineString':
      return geometry.arcs;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.arcs.flat();
    case 'MultiPolygon':
      return geometry.arcs.flat(2);
    case 'GeometryCollection':
      return geometry.geometries.flatMap(arcIndexes);
    case 'Point':
    case 'MultiPoint':
    case null:
      return [];
  }
}

function intersectsRegion(geometry: GeometryObject, boxes: Float64Array, region: Region): boolean {
  for (const index of arcIndexes(geometry)) {
    // A negative index is an arc walked backwards (~index), with the same box.
    const at = (index < 0 ? ~index : index) * 4;
    const [w = 0, s = 0, e = 0, n = 0] = boxes.subarray(at, at + 4);
    if (w <= region.east && e >= region.west && s <= region.north && n >= region.south) return true;
  }
  return false;
}

function atlasName(g: { properties?: object }): unknown {
  return g.properties && 'name' in g.properties ? g.properties.name : undefined;
}

/** Convert world-atlas TopoJSON to what the basemap draws, cut to a region. Pure: no map, no DOM. */
export function buildBasemapData(topology: WorldTopology, region: Region = MAP_REGION): BasemapData {
  const boxes = arcBoxes(topology);
  const all = topology.objects.countries;
  const inRegion: GeometryCollection<{ name: string }> = {
    type: 'GeometryCollection',
    geometries: all.geometries.filter((g) => intersectsRegion(g, boxes, region)),
  };
  const collection = feature<{ name: string }>(topology, inRegion);
  const countries: FeatureCollection<Geometry, CountryProperties> = {
    type: 'FeatureCollection',
    features: collection.features.map(
      (f): Feature<Geometry, CountryProperties> => ({
        type: 'Feature',
        geometry: f.geometry,
        properties: { name: f.properties.name, route: routeCountryOfAtlasName(f.properties.name) ?? null },
      }),
    ),
  };
  const onRoute = (g: GeometryObject): boolean => routeCountryOfAtlasName(atlasName(g)) !== undefined;
  const regional = new Set<GeometryObject>(inRegion.geometries);
  const near = (a: GeometryObject, b: GeometryObject): boolean => regional.has(a) || regional.has(b);
  // Meshed over the whole world and compared by identity (Kosovo has no id in
  // world-atlas): a border with a country outside the region is still a border, not a coast.
  return {
    countries,
    routeBorders: mesh(topology, all, (a, b) => a !== b && (onRoute(a) || onRoute(b))),
    otherBorders: mesh(topology, all, (a, b) => a !== b && !onRoute(a) && !onRoute(b) && near(a, b)),
    coasts: mesh(topology, all, (a, b) => a === b && regional.has(a)),
  };
}

export type BasemapDetail = 'overview' | 'detail';

const cache = new Map<BasemapDetail, Promise<BasemapData>>();

function importTopology(detail: BasemapDetail): Promise<WorldTopology> {
  // Literal specifiers, so Vite bundles each file as its own chunk.
  return detail === 'overview'
    ? import('world-atlas/countries-50m.json').then((m) => m.default)
    : import('world-atlas/countries-10m.json').then((m) => m.default);
}

/** Load and convert the bundled boundaries once per level; later maps reuse the result. */
export function loadBasemapData(detail: BasemapDetail): Promise<BasemapData> {
  let loading = cache.get(detail);
  if (loading === undefined) {
    loading = importTopology(detail).then((topology) => buildBasemapData(topology));
    cache.set(detail, loading);
    // A failed load is not kept, so a later map can try again.
    loading.catch(() => cache.delete(detail));
  }
  return loading;
}

/**
 * Fetch both boundary files soon after start-up, without converting them, so that the
 * map still has its basemap when the connection to the page's server goes away (web
 * mode loads chunks over HTTP; Electron reads them from app://, which never goes away).
 * The module map keeps what was fetched; a failure here is retried by the map itself.
 */
export function prefetchBasemapFiles(): Promise<void> {
  return Promise.all(
    (['overview', 'detail'] as const).map((detail) =>
      importTopology(detail).then(
        () => true,
        (error: unknown) => {
          console.warn('Prefetching the basemap failed; the map will try again', error);
          return false;
        },
      ),
    ),
  ).then((loaded) => {
    // Tools and tests can tell when the map no longer needs the page's server.
    if (loaded.every(Boolean)) document.documentElement.dataset.basemapPrefetched = 'true';
  });
}
