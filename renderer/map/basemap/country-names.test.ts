import { describe, expect, it } from 'vitest';
import worldAtlas10m from 'world-atlas/countries-10m.json';
import worldAtlas from 'world-atlas/countries-50m.json';
import { t } from '../../i18n/i18n';
import { buildBasemapData } from './basemap-data';
import {
  COUNTRY_LABEL_POINTS,
  ROUTE_COUNTRIES,
  WORLD_ATLAS_NAMES,
  countryLabel,
  routeCountryOfAtlasName,
} from './country-names';

const namesOf = (topology: typeof worldAtlas): unknown[] =>
  topology.objects.countries.geometries.map((g) =>
    g.properties !== undefined && 'name' in g.properties ? g.properties.name : undefined,
  );
const atlasNames = namesOf(worldAtlas);

describe('world-atlas name table', () => {
  it('maps a name present in both bundled world-atlas files to every route country', () => {
    for (const names of [atlasNames, namesOf(worldAtlas10m)]) {
      for (const code of ROUTE_COUNTRIES) {
        const present = names.filter((name) => routeCountryOfAtlasName(name) === code);
        expect(present, code).toHaveLength(1);
      }
    }
  });

  it('maps the abbreviated and outdated names to our codes and full names', () => {
    expect(routeCountryOfAtlasName('Bosnia and Herz.')).toBe('BA');
    expect(routeCountryOfAtlasName('Macedonia')).toBe('MK');
    expect(routeCountryOfAtlasName('Kosovo')).toBe('XK');
    expect(t('map.country.BA')).toBe('Bosnia and Herzegovina');
    expect(t('map.country.MK')).toBe('North Macedonia');
  });

  it('gives no code to countries off the route, nor to inherited object keys', () => {
    expect(routeCountryOfAtlasName('Italy')).toBeUndefined();
    expect(routeCountryOfAtlasName('toString')).toBeUndefined();
    expect(routeCountryOfAtlasName(undefined)).toBeUndefined();
  });

  it('only maps to route countries, and every route country has a label point and a name', () => {
    for (const code of Object.values(WORLD_ATLAS_NAMES)) expect(ROUTE_COUNTRIES).toContain(code);
    for (const code of ROUTE_COUNTRIES) {
      expect(COUNTRY_LABEL_POINTS[code]).toBeDefined();
      expect(countryLabel(code)).not.toMatch(/^map\./);
    }
  });

  it("labels Kosovo with the reference marker, and the footnote explains it", () => {
    expect(countryLabel('XK')).toBe('Kosovo*');
    expect(t('map.footnote.kosovo')).toMatch(/^\*This designation is without prejudice.*UNSCR 1244\/1999.*ICJ Opinion/);
  });
});

describe('basemap data', () => {
  const data = buildBasemapData(worldAtlas);

  it('keeps the countries of the region, Kosovo included although it has no id, and marks the route ones', () => {
    const names = data.countries.features.map((f) => f.properties.name);
    for (const name of ['Italy', 'Turkey', 'Germany', 'Kosovo', 'Russia', 'Egypt']) expect(names).toContain(name);
    for (const name of ['Australia', 'Brazil', 'Japan', 'South Africa']) expect(names).not.toContain(name);
    const route = data.countries.features.flatMap((f) => (f.properties.route === null ? [] : [f.properties.route]));
    expect(new Set(route)).toEqual(new Set(ROUTE_COUNTRIES));
  });

  it('splits borders touching the route from the others, and has coastlines', () => {
    expect(data.routeBorders.coordinates.length).toBeGreaterThan(10);
    expect(data.otherBorders.coordinates.length).toBeGreaterThan(10);
    expect(data.coasts.coordinates.length).toBeGreaterThan(10);
  });
});
