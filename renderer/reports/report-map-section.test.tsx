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
import { createReportMapImageStore } from './report-map-image';
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
});
