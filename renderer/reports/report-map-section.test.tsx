// @vitest-environment jsdom
/**
 * The report's map section in jsdom: the copied picture when there is one (with when it
 * was taken and a way to remove it), the report's own map of the period otherwise.
 * jsdom has no canvas: Leaflet draws as SVG (see route-map.test.tsx).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { value: undefined, configurable: true });
});

import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { MapPoint } from '../map/points/map-point';
import type { Place } from '../../shared/places/place';
import { createReportMapImageStore } from './report-map-image';
import type { ReportMapPoint } from './report-map-points';
import { ReportMapSection } from './report-map-section';

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 380 });
});
afterEach(() => {
  cleanup();
});

const points: MapPoint[] = [
  { id: 'a', lat: 42.31, lon: 21.65, kind: 'group_sighting', persons: 37, title: 'a', subtitle: '' },
  { id: 'b', lat: 42.21, lon: 21.71, kind: 'incident', persons: 2, title: 'b', subtitle: '' },
];

function storeWithImage() {
  let next = 0;
  const store = createReportMapImageStore({ create: () => `blob:test/${(next += 1)}`, revoke: () => undefined });
  store.set({ blob: new Blob(['png']), width: 1200, height: 700, takenAt: '2026-11-27T09:15:00.000Z' });
  return store;
}

describe('ReportMapSection', () => {
  it('shows the copied map with when it was taken, and removes it on request', () => {
    const store = storeWithImage();
    render(<ReportMapSection places={[]} points={points} imageStore={store} />);
    const image = screen.getByRole<HTMLImageElement>('img', { name: 'The map as copied from the Map screen' });
    expect(image.getAttribute('src')).toBe('blob:test/1');
    expect(image.getAttribute('width')).toBe('1200');
    expect(screen.getByTestId('report-map-copied').textContent).toContain('Map as shown on Nov 27, 2026');
    expect(screen.queryByTestId('report-map-own')).toBeNull();

    const remove = screen.getByRole('button', { name: 'Remove map from report' });
    expect(remove.classList.contains('no-print')).toBe(true);
    act(() => {
      fireEvent.click(remove);
    });
    expect(store.get()).toBeNull();
    expect(screen.queryByRole('img', { name: 'The map as copied from the Map screen' })).toBeNull();
    expect(screen.getByTestId('report-map-own')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('draws its own map');
  });

  it('draws its own map of the period, with the kinds drawn as its key, when nothing was copied', () => {
    const store = createReportMapImageStore({ create: () => 'blob:unused', revoke: () => undefined });
    render(<ReportMapSection places={[]} points={points} imageStore={store} />);
    const map = screen.getByRole('region', { name: 'Map of the observations in the report period' });
    expect(map.querySelectorAll('path.rw-point')).toHaveLength(2);
    expect(map.querySelectorAll('path.rw-point-incident')).toHaveLength(1);
    const caption = screen.getByTestId('report-map-own').querySelector('figcaption')?.textContent ?? '';
    expect(caption).toContain('Group sighting');
    expect(caption).toContain('Incident');
    expect(caption).not.toContain('Point count');
    expect(caption).toContain('Kosovo declaration of independence');
  });

  it('follows the store: a map copied while the report is open replaces its own map', () => {
    const store = createReportMapImageStore({ create: () => 'blob:later', revoke: () => undefined });
    render(<ReportMapSection places={[]} points={points} imageStore={store} />);
    expect(screen.getByTestId('report-map-own')).toBeTruthy();
    act(() => {
      store.set({ blob: new Blob(['png']), width: 800, height: 500, takenAt: '2026-11-27T10:00:00.000Z' });
    });
    expect(screen.getByTestId('report-map-copied')).toBeTruthy();
  });

  it('crops no country name: every name shown on its own map lies inside the map, the others are moved in or left out', () => {
    // The map is at most as wide as the page (max-width: 100%): in a narrow window the
    // route fills it from edge to edge and label points lie at or past its edges.
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 260 });
    try {
      const store = createReportMapImageStore({ create: () => 'blob:unused', revoke: () => undefined });
      render(<ReportMapSection places={[]} points={points} imageStore={store} />);
      const map = screen.getByRole('region', { name: 'Map of the observations in the report period' });
      const labels = [...map.querySelectorAll<HTMLElement>('.rw-map-country-label')];
      const shown = labels.filter((label) => label.dataset.placement !== 'hidden');
      expect(shown.length).toBeGreaterThan(3);
      for (const label of shown) {
        const [left = -1, top = -1, right = Infinity, bottom = Infinity] = (label.dataset.box ?? '').split(' ').map(Number);
        expect(left).toBeGreaterThanOrEqual(0);
        expect(top).toBeGreaterThanOrEqual(0);
        expect(right).toBeLessThanOrEqual(260);
        expect(bottom).toBeLessThanOrEqual(380);
      }
      expect(labels.some((label) => label.dataset.placement === 'moved')).toBe(true);
    } finally {
      Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 });
    }
  });

  it("draws the period's flows between places as arrows, with a key saying what their widths count", () => {
    const place = (id: string, name: string, lat: number, lon: number): Place => ({ id, name, nameLocal: '', country: id.slice(0, 2).toUpperCase(), kind: 'city', lat, lon, coordStatus: 'verified', active: '', notes: '' });
    const places = [place('mk-tabanovce', 'Tabanovce', 42.22, 21.7), place('rs-belgrade', 'Belgrade', 44.82, 20.46), place('hr-zagreb', '<b>Zagreb</b>', 45.81, 15.98), place('mk-near', 'Near Tabanovce', 42.2201, 21.7001)];
    const moving = (id: string, persons: number, from: string, to: string, measure: ReportMapPoint['measure'] = 'movements'): ReportMapPoint => ({
      id,
      lat: 42.22,
      lon: 21.7,
      kind: 'group_sighting',
      persons,
      title: id,
      subtitle: '',
      placeId: 'mk-tabanovce',
      movement: { direction: 'outgoing', fromPlaceId: from, fromCountry: null, toPlaceId: to, toCountry: null },
      measure,
    });
    const flowPoints = [
      moving('m1', 400, 'mk-tabanovce', 'rs-belgrade'),
      moving('m2', 100, 'mk-tabanovce', 'rs-belgrade'),
      moving('m3', 60, 'rs-belgrade', 'hr-zagreb'),
      // Two places on one pixel at the report's scale: counted, not drawn, and the key says why (not "zoom in": paper cannot).
      moving('m4', 5, 'mk-tabanovce', 'mk-near'),
      // An official figure names a movement but counts no persons seen moving: no arrow.
      moving('o1', 9000, 'rs-belgrade', 'mk-tabanovce', 'official'),
    ];
    const store = createReportMapImageStore({ create: () => 'blob:unused', revoke: () => undefined });
    render(<ReportMapSection places={places} points={flowPoints} imageStore={store} />);
    const map = screen.getByRole('region', { name: 'Map of the observations in the report period' });
    expect(map.dataset.flowCount).toBe('2');
    expect(map.querySelectorAll('path.rw-flow-shaft')).toHaveLength(2);
    // The points stay: one per point given (the worker's groups of alike records).
    expect(map.querySelectorAll('path.rw-point')).toHaveLength(5);
    const legend = map.querySelector('.rw-flow-legend');
    expect(legend?.closest('.leaflet-bottom.leaflet-left')).toBeTruthy();
    expect(legend?.querySelector('.rw-flow-legend-title')?.textContent).toBe('Persons seen moving, from → to');
    // The widest sample is the largest flow: 400 + 100.
    expect(legend?.querySelector('.rw-flow-legend-persons')?.textContent).toBe('500');
    expect(legend?.textContent).toContain('2 of 3 flows shown');
    expect(legend?.textContent).toContain('1 flow between places too close to draw at this scale');
    expect(legend?.textContent).not.toContain('zoom in');
    expect(screen.getByTestId('report-map-own').querySelector('figcaption')?.textContent).toContain('Arrows: persons seen moving');
    // A place's name with markup is text in the arrow's accessible name.
    expect(map.querySelector('b')).toBeNull();
    expect([...map.querySelectorAll('.rw-flow-focus')].map((el) => el.getAttribute('aria-label') ?? el.getAttribute('title'))).toContain('Belgrade → <b>Zagreb</b>: 60 persons in 1 record');
  });

  it('says so on the map when the period has no movement between places', () => {
    const store = createReportMapImageStore({ create: () => 'blob:unused', revoke: () => undefined });
    render(<ReportMapSection places={[]} points={points} imageStore={store} />);
    const map = screen.getByRole('region', { name: 'Map of the observations in the report period' });
    expect(map.querySelector('.rw-flow-legend')?.textContent).toContain('No movements between places in this period');
    expect(map.dataset.flowCount).toBe('0');
  });
});
