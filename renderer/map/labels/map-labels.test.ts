// @vitest-environment jsdom
/**
 * The label placement on a Leaflet map in jsdom (no layout: sizes are estimated, the
 * container is given a size). Badges' boxes are published as the cluster layer does.
 */
import L from 'leaflet';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Place } from '../../../shared/places/place';
import { addCountryLabels } from '../basemap/country-labels';
import { COUNTRY_LABEL_POINTS } from '../basemap/country-names';
import { MAP_PANES } from '../map-layer';
import { publishBadgeBoxes } from './badge-boxes';
import { createMapLabels } from './map-labels';
import type { Box } from './screen-box';
import { boxAround, boxesOverlap } from './screen-box';

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 700 });
});

let maps: L.Map[] = [];
afterEach(() => {
  for (const map of maps) map.remove();
  maps = [];
  document.body.replaceChildren();
});

function makeMap(centre: [number, number], zoom: number): L.Map {
  const element = document.createElement('div');
  document.body.append(element);
  const map = L.map(element, { zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false, minZoom: 4, maxZoom: 12 });
  for (const { name, zIndex } of Object.values(MAP_PANES)) map.createPane(name).style.zIndex = String(zIndex);
  map.setView(centre, zoom);
  maps.push(map);
  return map;
}

function place(id: string, name: string, lat: number, lon: number, kind: Place['kind'] = 'border_crossing'): Place {
  return { id, name, nameLocal: '', country: 'RS', kind, lat, lon, coordStatus: 'verified', active: '', notes: '' };
}

const parseBox = (element: HTMLElement): Box => {
  const [left = 0, top = 0, right = 0, bottom = 0] = (element.dataset.box ?? '').split(' ').map(Number);
  return { left, top, right, bottom };
};

function countryIcon(map: L.Map, code: string): HTMLElement {
  const icon = map.getContainer().querySelector<HTMLElement>(`.rw-map-country-${code}`);
  if (icon === null) throw new Error(`no label ${code}`);
  return icon;
}

describe('map labels', () => {
  it('moves a country name that a badge covers, or hides it, and puts it back when the badge goes', () => {
    const map = makeMap([44, 20.5], 7);
    const labels = createMapLabels(map, addCountryLabels(map));
    const serbia = countryIcon(map, 'RS');
    expect(serbia.dataset.placement).toBe('at');
    const zoom = map.getZoom();
    const at = map.project([COUNTRY_LABEL_POINTS.RS.lat, COUNTRY_LABEL_POINTS.RS.lon], zoom);
    // A wide badge right on the label point.
    const badge = boxAround(at.x, at.y, 90, 40);
    publishBadgeBoxes(map, { zoom, boxes: [badge] });
    expect(serbia.dataset.placement).not.toBe('at');
    if (serbia.dataset.placement === 'moved') {
      const origin = map.getPixelBounds().min ?? L.point(0, 0);
      const shown = parseBox(serbia);
      expect(boxesOverlap({ left: shown.left + origin.x, top: shown.top + origin.y, right: shown.right + origin.x, bottom: shown.bottom + origin.y }, badge)).toBe(false);
    }
    // A badge as tall as the map around the point: no room above or below, hidden.
    publishBadgeBoxes(map, { zoom, boxes: [boxAround(at.x, at.y, 300, 2000)] });
    expect(serbia.dataset.placement).toBe('hidden');
    expect(serbia.querySelector('span')?.classList.contains('rw-map-label-hidden')).toBe(true);
    publishBadgeBoxes(map, null);
    expect(serbia.dataset.placement).toBe('at');
    // Boxes of another zoom are not this zoom's badges.
    publishBadgeBoxes(map, { zoom: zoom + 1, boxes: [badge] });
    expect(serbia.dataset.placement).toBe('at');
    labels.remove();
  });

  it('keeps every country name shown inside the map: one the edge would crop is moved in or hidden', () => {
    // A small map (the report's) whose edge runs through several label points.
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 });
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 380 });
    try {
      const map = makeMap([43.2, 18.5], 6);
      createMapLabels(map, addCountryLabels(map));
      const icons = [...map.getContainer().querySelectorAll<HTMLElement>('.rw-map-country-label')];
      const shown = icons.filter((icon) => icon.dataset.placement !== 'hidden');
      expect(shown.length).toBeGreaterThan(3);
      for (const icon of shown) {
        const box = parseBox(icon);
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(600);
        expect(box.bottom).toBeLessThanOrEqual(380);
      }
      // Some label point lies near or past the edge at this view: not all are where they were.
      expect(icons.some((icon) => icon.dataset.placement !== 'at')).toBe(true);
    } finally {
      Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
      Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 700 });
    }
  });

  it('names places where they fit, larger figures first, never two names over each other', () => {
    const map = makeMap([42.3, 21.7], 6);
    const labels = createMapLabels(map, addCountryLabels(map));
    // Three places a few pixels apart at zoom 6: only one name fits beside them.
    const near = [place('rs-presevo', 'Preševo', 42.31, 21.65), place('mk-tabanovce', 'Tabanovce', 42.22, 21.7), place('rs-miratovac', 'Miratovac', 42.26, 21.66)];
    labels.setPlaces(near);
    labels.setPlaceFigures(new Map([['mk-tabanovce', 5000], ['rs-presevo', 20]]));
    const icons = (): HTMLElement[] => [...map.getContainer().querySelectorAll<HTMLElement>('.rw-map-place-name-label')];
    const shownNames = (): string[] => icons().filter((i) => i.dataset.placement !== 'hidden').map((i) => i.textContent);
    expect(shownNames()[0]).toBe('Tabanovce');
    const boxes = icons().filter((i) => i.dataset.placement !== 'hidden').map(parseBox);
    boxes.forEach((a, i) => {
      for (const b of boxes.slice(i + 1)) expect(boxesOverlap(a, b)).toBe(false);
    });
    expect(shownNames().length).toBeLessThan(3);
    // Closer, all three fit.
    map.setView([42.26, 21.68], 11);
    expect(shownNames().sort()).toEqual(['Miratovac', 'Preševo', 'Tabanovce']);
    // Names are text: markup in a name stays text.
    labels.setPlaces([place('x', '<img src=x onerror=alert(1)>', 42.26, 21.68)]);
    expect(map.getContainer().querySelector('.rw-map-place-name-label img')).toBeNull();
    expect(shownNames()).toEqual(['<img src=x onerror=alert(1)>']);
  });

  it('shows no place names at the widest zooms', () => {
    const map = makeMap([43, 19], 5);
    const labels = createMapLabels(map, addCountryLabels(map));
    labels.setPlaces([place('rs-belgrade', 'Belgrade', 44.82, 20.46, 'city')]);
    const icon = map.getContainer().querySelector<HTMLElement>('.rw-map-place-name-label');
    expect(icon?.dataset.placement).toBe('hidden');
  });
});
