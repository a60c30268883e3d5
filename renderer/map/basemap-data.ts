/**
 * The data of the offline basemap: Natural Earth 1:50m country boundaries from world-atlas,
 * bundled by Vite as its own chunk (the dynamic import keeps it out of the main chunk) and
 * converted to GeoJSON once per session. No Leaflet here: basemap-layer.ts draws it.
 */
import type { Feature, FeatureCollection, Geometry, MultiLineString } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
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

/** Convert world-atlas TopoJSON to what the basemap draws. Pure: no map, no DOM. */
export function buildBasemapData(topology: WorldTopology): BasemapData {
  const countriesObject = topology.objects.countries;
  const collection = feature<{ name: string }>(topology, countriesObject);
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
  const onRoute = (g: { properties?: object }): boolean =>
    routeCountryOfAtlasName(g.properties && 'name' in g.properties ? g.properties.name : undefined) !== undefined;
  return {
    countries,
    // Geometries are compared by identity: Kosovo has no id in world-atlas.
    routeBorders: mesh(topology, countriesObject, (a, b) => a !== b && (onRoute(a) || onRoute(b))),
    otherBorders: mesh(topology, countriesObject, (a, b) => a !== b && !onRoute(a) && !onRoute(b)),
    coasts: mesh(topology, countriesObject, (a, b) => a === b),
  };
}

let cached: Promise<BasemapData> | undefined;

/** Load and convert the bundled boundaries once; later maps reuse the result. */
export function loadBasemapData(): Promise<BasemapData> {
  cached ??= import('world-atlas/countries-50m.json').then((module) => buildBasemapData(module.default));
  // A failed load is not cached, so a later map can try again.
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
