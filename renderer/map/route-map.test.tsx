// @vitest-environment jsdom
/**
 * RouteMap in jsdom. jsdom has no canvas and no layout, so:
 * - `getContext` is removed before Leaflet loads: Leaflet then draws every path as SVG
 *   (its fallback for browsers without canvas), which gives DOM elements to click; the
 *   canvas path is exercised by the end-to-end tests in Chromium;
 * - the container is given a size, so fitBounds and click positions mean something.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { value: undefined, configurable: true });
});

import { act, cleanup, render, waitFor } from '@testing-library/react';
import gazetteerCsv from '../../assets/places/route-places.csv?raw';
import { OBSERVATION_KINDS } from '../../shared/observations/codelists';
import { parseGazetteerCsv } from '../../shared/places/gazetteer-csv';
import type { Place } from '../../shared/places/place';
import { t } from '../i18n/i18n';
import type { MapPoint } from './points/map-point';
import { RouteMap } from './route-map';

const markup = '<img src=x onerror=alert(1)>';
const { places } = parseGazetteerCsv(gazetteerCsv);

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 700 });
});
afterEach(() => {
  cleanup();
});

function click(target: Element, clientX = 0, clientY = 0): void {
  act(() => {
    target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, clientX, clientY }));
  });
}

function placePath(container: HTMLElement, index: number): SVGPathElement {
  const path = container.querySelectorAll<SVGPathElement>('.leaflet-rw-places-pane path.rw-place')[index];
  if (!path) throw new Error(`no place path ${index}`);
  return path;
}

const point = (over: Partial<MapPoint> = {}): MapPoint => ({
  id: 'p1',
  lat: 44.82,
  lon: 20.46,
  kind: 'group_sighting',
  persons: 40,
  title: 'Group sighting',
  subtitle: 'near the bus station',
  ...over,
});

describe('RouteMap', () => {
  it('draws every gazetteer place, styled by kind, and the observation points', () => {
    expect(places.length).toBeGreaterThan(40);
    const { container } = render(<RouteMap places={places} points={[point(), point({ id: 'p2', kind: 'incident' })]} />);
    expect(container.querySelectorAll('path.rw-place')).toHaveLength(places.length);
    expect(container.querySelectorAll('path.rw-place-greenBorder').length).toBeGreaterThan(0);
    expect(container.querySelectorAll('path.rw-point')).toHaveLength(2);
    expect(container.querySelectorAll('path.rw-point-incident')).toHaveLength(1);
    expect(container.querySelector('.leaflet-container')?.getAttribute('data-point-count')).toBe('2');
  });

  it('redraws the points when they change', () => {
    const { container, rerender } = render(<RouteMap places={[]} points={[point()]} />);
    rerender(<RouteMap places={[]} points={[point({ id: 'a' }), point({ id: 'b' }), point({ id: 'c' })]} />);
    expect(container.querySelectorAll('path.rw-point')).toHaveLength(3);
    rerender(<RouteMap places={[]} points={[]} />);
    expect(container.querySelectorAll('path.rw-point')).toHaveLength(0);
  });

  it('calls onPick with the place id when a place is clicked, and only once', () => {
    const onPick = vi.fn();
    const { container } = render(<RouteMap places={places} points={[]} onPick={onPick} />);
    const index = places.findIndex((p) => p.id === 'mk-gevgelija');
    click(placePath(container, index));
    expect(onPick).toHaveBeenCalledTimes(1);
    expect(onPick).toHaveBeenCalledWith({ placeId: 'mk-gevgelija', lat: 41.1403, lon: 22.5028 });
  });

  it('calls onPick with no place and the clicked position when the map is clicked elsewhere', () => {
    const onPick = vi.fn();
    const { container } = render(<RouteMap places={places} points={[]} onPick={onPick} />);
    const map = container.querySelector('.leaflet-container');
    if (!map) throw new Error('no map');
    click(map, 500, 350);
    expect(onPick).toHaveBeenCalledTimes(1);
    const [pick] = onPick.mock.calls[0] as [{ placeId: string | null; lat: number; lon: number }];
    expect(pick.placeId).toBeNull();
    // The centre of the map is the centre of the route's bounds.
    expect(pick.lat).toBeGreaterThan(41);
    expect(pick.lat).toBeLessThan(45.5);
    expect(pick.lon).toBeCloseTo(18.5, 0);
  });

  it('uses the latest onPick without rebuilding the map', () => {
    const first = vi.fn();
    const second = vi.fn();
    const { container, rerender } = render(<RouteMap places={places} points={[]} onPick={first} />);
    rerender(<RouteMap places={places} points={[]} onPick={second} />);
    click(placePath(container, 0));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('shows a place tooltip with markup in its names as text', () => {
    const base = places[0];
    if (!base) throw new Error('empty gazetteer');
    const hostile: Place = { ...base, id: 'gr-hostile', name: markup, nameLocal: `${markup} local` };
    const { container } = render(<RouteMap places={[hostile]} points={[]} />);
    act(() => {
      placePath(container, 0).dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    });
    const tooltip = container.querySelector('.leaflet-tooltip');
    expect(tooltip?.querySelector('.rw-map-place-name')?.textContent).toBe(markup);
    expect(tooltip?.querySelector('.rw-map-place-local')?.textContent).toBe(`${markup} local`);
    expect(document.querySelector('img')).toBeNull();
  });

  it('shows a point popup with markup in its title and subtitle as text, and does not pick', () => {
    const onPick = vi.fn();
    const { container } = render(
      <RouteMap places={[]} points={[point({ title: markup, subtitle: markup })]} onPick={onPick} />,
    );
    const path = container.querySelector('path.rw-point');
    if (!path) throw new Error('no point');
    click(path);
    const popup = container.querySelector('.leaflet-popup-content');
    expect(popup?.querySelector('.rw-map-point-title')?.textContent).toBe(markup);
    expect(popup?.querySelector('.rw-map-point-subtitle')?.textContent).toBe(markup);
    expect(document.querySelector('img')).toBeNull();
    expect(onPick).not.toHaveBeenCalled();
  });

  it('shows the picked marker, moves it, and removes it', () => {
    const { container, rerender } = render(<RouteMap places={[]} points={[]} picked={{ lat: 44, lon: 20 }} />);
    expect(container.querySelectorAll('path.rw-picked')).toHaveLength(2);
    rerender(<RouteMap places={[]} points={[]} picked={{ lat: 43, lon: 21 }} />);
    expect(container.querySelectorAll('path.rw-picked')).toHaveLength(2);
    rerender(<RouteMap places={[]} points={[]} picked={null} />);
    expect(container.querySelectorAll('path.rw-picked')).toHaveLength(0);
  });

  it('has a legend of the kinds, country labels with Kosovo*, the footnote and a scale bar', () => {
    const { container, getByRole } = render(<RouteMap places={[]} points={[]} ariaLabel="Route map" />);
    expect(getByRole('region', { name: 'Route map' })).toBe(container.firstElementChild);
    const legend = container.querySelector<HTMLDetailsElement>('details.rw-map-legend');
    expect(legend?.open).toBe(true);
    for (const kind of OBSERVATION_KINDS) expect(legend?.textContent).toContain(t(`codelist.kind.${kind}`));
    const labels = [...container.querySelectorAll('.rw-map-country-label')].map((el) => el.textContent);
    expect(labels).toContain('Kosovo*');
    expect(labels).toContain('North Macedonia');
    expect(labels).toHaveLength(13);
    expect(container.querySelector('.rw-map-footnote')?.textContent).toContain(t('map.footnote.kosovo'));
    expect(container.querySelector('.leaflet-control-scale')).not.toBeNull();
    expect(container.querySelector('.leaflet-control-zoom-in')?.getAttribute('title')).toBe(t('map.zoomIn'));
  });

  it('draws the bundled basemap without any network', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const { container } = render(<RouteMap places={[]} points={[]} />);
    await waitFor(
      () => {
        // One path per country of the region, and the borders and coasts.
        expect(container.querySelectorAll('.leaflet-rw-basemap-pane path.rw-country').length).toBeGreaterThan(50);
      },
      { timeout: 10_000 },
    );
    expect(container.querySelectorAll('path.rw-country-XK')).toHaveLength(1);
    expect(container.querySelectorAll('path.rw-border-route')).toHaveLength(1);
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  }, 15_000);
});
