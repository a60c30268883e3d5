// @vitest-environment jsdom
/**
 * The cluster layer on a real Leaflet map in jsdom: markers are DOM elements, so badges,
 * tooltips and popups can be read and clicked. jsdom has no layout: the container is
 * given a size so the map has a view.
 */
import { act } from '@testing-library/react';
import L from 'leaflet';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatNumber, t } from '../../i18n/i18n';
import { badgeSize, createClusterLayer, kindRing, pointSize } from './cluster-layer';
import { KIND_COLOURS } from '../kind-colours';
import { MAP_PANES } from '../map-layer';
import type { MapSelection, PointDescription } from '../columns/map-selection';
import { testColumns } from '../../../test-support/renderer/test-columns';

const markup = '<img src=x onerror=alert(1)><b>bold</b>';

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

function makeMap(): L.Map {
  const element = document.createElement('div');
  document.body.append(element);
  const map = L.map(element, { zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false, minZoom: 4, maxZoom: 12 });
  const pane = map.createPane(MAP_PANES.points.name);
  pane.style.zIndex = String(MAP_PANES.points.zIndex);
  map.setView([42, 21], 6);
  maps.push(map);
  return map;
}

const columns = testColumns([
  { id: 'a', lat: 44.8, lon: 20.4, kind: 'group_sighting', persons: 1200 },
  { id: 'b', lat: 44.85, lon: 20.45, kind: 'incident', persons: 5 },
  { id: 'c', lat: 44.8, lon: 20.5, kind: 'group_sighting', persons: 300 },
  { id: 'd', lat: 41.14, lon: 22.5, kind: 'point_count', persons: 40 },
]);
const all: MapSelection = { columns, start: 0, end: columns.count };

function description(over: Partial<PointDescription> = {}): PointDescription {
  return {
    id: 'd',
    kind: 'point_count',
    title: 'Point count · Gevgelija · 40',
    subtitle: '3 Nov 2015, 10:00',
    summary: 'Forty people counted at the fence.',
    href: '#/observation?id=d',
    ...over,
  };
}

function click(element: Element): void {
  element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
}

function only(container: HTMLElement, selector: string): HTMLElement {
  const found = container.querySelectorAll<HTMLElement>(selector);
  if (found.length !== 1) throw new Error(`${found.length} elements match ${selector}`);
  return found[0] as HTMLElement;
}

describe('cluster layer', () => {
  it('draws a badge with the persons seen moving, coloured by the kinds, and single points', () => {
    const map = makeMap();
    const layer = createClusterLayer(map, { describe: vi.fn() });
    layer.update(all);
    const container = map.getContainer();
    const badge = only(container, '.rw-cluster');
    // The incident's 5 persons are not persons moving.
    expect(badge.textContent).toBe(formatNumber(1500));
    expect(badge.dataset.kind).toBe('group_sighting');
    expect(badge.dataset.records).toBe('3');
    expect(badge.classList.contains('rw-cluster-group_sighting')).toBe(true);
    expect(badge.dataset.measure).toBe('moving');
    expect(badge.getAttribute('aria-label')).toBe(`Persons seen moving: 1,500 (2 records); 1 incident. ${t('map.cluster.zoomIn')}`);
    expect(badge.getAttribute('role')).toBe('button');
    const dot = only(container, '.rw-point-dot');
    expect(dot.dataset.id).toBe('d');
    expect(dot.classList.contains('rw-point-point_count')).toBe(true);
    expect(dot.getAttribute('aria-label')).toBe('Point count · 40 persons');
    expect(container.dataset.pointCount).toBe('4');
    expect(container.dataset.clusterCount).toBe('1');
    expect(container.dataset.markerCount).toBe('1');
    expect(container.dataset.pointsInView).toBe('4');
  });

  it('says in the cluster tooltip which measure each figure is, then the records per kind', () => {
    const map = makeMap();
    createClusterLayer(map, { describe: vi.fn() }).update(all);
    only(map.getContainer(), '.rw-cluster').dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    const tooltip = only(document.body, '.leaflet-tooltip');
    expect([...tooltip.querySelectorAll('.rw-map-cluster-measure')].map((line) => line.textContent)).toEqual([
      'Persons seen moving: 1,500 (2 records)',
      '1 incident',
    ]);
    expect([...tooltip.querySelectorAll('.rw-map-cluster-kinds li')].map((li) => li.textContent)).toEqual([
      'Group sighting: 2 records',
      'Incident: 1 record',
    ]);
  });

  it('never adds a site\'s occupancy to the persons moving: a site counts by its latest count, apart', () => {
    const map = makeMap();
    const withSite = testColumns([
      { id: 'a', lat: 44.8, lon: 20.4, kind: 'group_sighting', persons: 1200, time: 1 },
      { id: 's1', lat: 44.82, lon: 20.42, kind: 'site_snapshot', persons: 700, time: 2 },
      { id: 's2', lat: 44.82, lon: 20.42, kind: 'site_snapshot', persons: 650, time: 3 },
      { id: 'c', lat: 44.8, lon: 20.5, kind: 'group_sighting', persons: 300, time: 4 },
    ]);
    createClusterLayer(map, { describe: vi.fn() }).update({ columns: withSite, start: 0, end: withSite.count });
    const badge = only(map.getContainer(), '.rw-cluster');
    expect(badge.textContent).toBe(formatNumber(1500));
    expect(badge.dataset.atSites).toBe('650');
    badge.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    const tooltip = only(document.body, '.leaflet-tooltip');
    expect([...tooltip.querySelectorAll('.rw-map-cluster-measure')].map((line) => line.textContent)).toEqual([
      'Persons seen moving: 1,500 (2 records)',
      'At sites: 650 (latest count of 1 site)',
    ]);
  });

  it('shows persons at sites (latest count) on a badge of sites only, and says so', () => {
    const map = makeMap();
    const sites = testColumns([
      { id: 's1', lat: 44.82, lon: 20.42, kind: 'site_snapshot', persons: 700, time: 1 },
      { id: 't1', lat: 44.85, lon: 20.45, kind: 'site_snapshot', persons: 100, time: 2 },
      { id: 's2', lat: 44.82, lon: 20.42, kind: 'site_snapshot', persons: 650, time: 3 },
    ]);
    createClusterLayer(map, { describe: vi.fn() }).update({ columns: sites, start: 0, end: sites.count });
    const badge = only(map.getContainer(), '.rw-cluster');
    expect(badge.textContent).toBe(formatNumber(750));
    expect(badge.dataset.measure).toBe('atSites');
    expect(badge.querySelector('.rw-cluster-badge-atSites')).not.toBeNull();
    expect(badge.getAttribute('aria-label')).toBe(`At sites: 750 (latest count of 2 sites). ${t('map.cluster.zoomIn')}`);
  });

  it('zooms in to where a cluster splits when it is clicked', () => {
    const map = makeMap();
    createClusterLayer(map, { describe: vi.fn() }).update(all);
    click(only(map.getContainer(), '.rw-cluster'));
    expect(map.getZoom()).toBeGreaterThan(6);
    // Split: the Belgrade entries are now drawn apart (some may be clusters still).
    const container = map.getContainer();
    expect(container.querySelectorAll('.rw-cluster, .rw-point-dot').length).toBeGreaterThan(1);
  });

  it('lists the records of a cluster that cannot split within the map zooms', () => {
    const map = makeMap();
    const same = testColumns(
      Array.from({ length: 15 }, (_, i) => ({ id: `s${i}`, lat: 44.8, lon: 20.4, kind: 'incident' as const, persons: 2 })),
    );
    createClusterLayer(map, { describe: vi.fn() }).update({ columns: same, start: 0, end: same.count });
    const badge = only(map.getContainer(), '.rw-cluster');
    expect(badge.getAttribute('aria-label')).toContain(t('map.cluster.list'));
    click(badge);
    expect(map.getZoom()).toBe(6);
    const popup = only(document.body, '.rw-map-cluster-list');
    expect(popup.querySelectorAll('a')).toHaveLength(12);
    expect(popup.querySelector('a')?.getAttribute('href')).toMatch(/^#\/observation\?id=s\d+$/);
    expect(popup.querySelector('.rw-map-cluster-more')?.textContent).toBe('and 3 more records');
  });

  it('closes its own popups on a new selection and leaves the other popups of the map open', () => {
    const map = makeMap();
    const same = testColumns(
      Array.from({ length: 3 }, (_, i) => ({ id: `s${i}`, lat: 44.8, lon: 20.4, kind: 'incident' as const, persons: 2 })),
    );
    const layer = createClusterLayer(map, { describe: vi.fn() });
    layer.update({ columns: same, start: 0, end: same.count });
    click(only(map.getContainer(), '.rw-cluster'));
    expect(document.querySelectorAll('.rw-map-cluster-list')).toHaveLength(1);
    layer.update({ columns: same, start: 0, end: 2 });
    expect(document.querySelectorAll('.rw-map-cluster-list')).toHaveLength(0);
    const other = document.createElement('p');
    other.textContent = 'focused record';
    L.popup({ autoPan: false }).setLatLng([42, 21]).setContent(other).openOn(map);
    layer.update(all);
    expect(document.body.textContent).toContain('focused record');
  });

  it('opens a point popup read through describe: loading, then kind, title, time, summary and the record link', async () => {
    const map = makeMap();
    let answer: (value: PointDescription | null) => void = () => undefined;
    const describe = vi.fn(() => new Promise<PointDescription | null>((resolve) => (answer = resolve)));
    createClusterLayer(map, { describe }).update(all);
    click(only(map.getContainer(), '.rw-point-dot'));
    expect(describe).toHaveBeenCalledWith('d');
    expect(only(document.body, '.leaflet-popup-content').textContent).toBe(t('map.point.loading'));
    answer(description());
    await vi.waitFor(() => {
      expect(document.querySelector('.rw-map-point-title')?.textContent).toBe('Point count · Gevgelija · 40');
    });
    const popup = only(document.body, '.leaflet-popup-content');
    expect(popup.querySelector('.rw-map-point-kind')?.textContent).toBe('Point count');
    expect(popup.querySelector('.rw-map-point-subtitle')?.textContent).toBe('3 Nov 2015, 10:00');
    expect(popup.querySelector('.rw-map-point-summary')?.textContent).toBe('Forty people counted at the fence.');
    const link = popup.querySelector('a');
    expect(link?.textContent).toBe('Open record');
    expect(link?.getAttribute('href')).toBe('#/observation?id=d');
  });

  it('says so when the record is gone', async () => {
    const map = makeMap();
    createClusterLayer(map, { describe: () => Promise.resolve(null) }).update(all);
    click(only(map.getContainer(), '.rw-point-dot'));
    await vi.waitFor(() => {
      expect(document.querySelector('.leaflet-popup-content')?.textContent).toBe(t('map.point.notFound'));
    });
  });

  it('shows markup in every text field of a popup as text: no element is made from it', async () => {
    const map = makeMap();
    const hostile = description({ title: `Point count · ${markup} · 40`, subtitle: markup, summary: markup, href: '#/observation?id=d' });
    createClusterLayer(map, { describe: () => Promise.resolve(hostile) }).update(all);
    click(only(map.getContainer(), '.rw-point-dot'));
    await vi.waitFor(() => {
      expect(document.querySelector('.rw-map-point-summary')?.textContent).toBe(markup);
    });
    expect(document.querySelector('.rw-map-point-title')?.textContent).toBe(`Point count · ${markup} · 40`);
    expect(document.querySelector('.rw-map-point-subtitle')?.textContent).toBe(markup);
    expect(document.querySelector('img, b')).toBeNull();
    // Tooltips too: hover the point and the cluster.
    only(map.getContainer(), '.rw-point-dot').dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    only(map.getContainer(), '.rw-cluster').dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(document.querySelectorAll('.leaflet-tooltip').length).toBeGreaterThan(0);
    expect(document.querySelector('img, b')).toBeNull();
  });

  it('draws only what is in view, again after a move, and nothing for no selection', () => {
    const map = makeMap();
    const layer = createClusterLayer(map, { describe: vi.fn() });
    layer.update(all);
    map.setView([10, -40], 6);
    const container = map.getContainer();
    expect(container.querySelectorAll('.rw-cluster, .rw-point-dot')).toHaveLength(0);
    expect(container.dataset.pointsInView).toBe('0');
    expect(container.dataset.pointCount).toBe('4');
    map.setView([42, 21], 6);
    expect(container.querySelectorAll('.rw-cluster, .rw-point-dot')).toHaveLength(2);
    layer.update({ columns, start: 3, end: 4 });
    expect(container.querySelectorAll('.rw-cluster')).toHaveLength(0);
    expect(container.dataset.pointCount).toBe('1');
    layer.update(null);
    expect(container.querySelectorAll('.rw-cluster, .rw-point-dot')).toHaveLength(0);
    expect(container.dataset.pointCount).toBe('0');
    layer.remove();
    expect(container.dataset.pointCount).toBeUndefined();
  });
});

describe('badge look', () => {
  it('grows badges and dots with persons', () => {
    expect(badgeSize(0)).toBe(30);
    expect(badgeSize(100)).toBeGreaterThan(badgeSize(10));
    expect(badgeSize(100_000)).toBeLessThanOrEqual(56);
    expect(badgeSize(Number.NaN)).toBe(30);
    expect(pointSize(0)).toBe(10);
    expect(pointSize(50)).toBeGreaterThan(pointSize(5));
    expect(pointSize(1_000_000)).toBeLessThan(badgeSize(0));
  });

  it('rings a badge with the kinds shares in their colours, one kind as a plain colour', () => {
    expect(kindRing([{ kind: 'incident', persons: 3, records: 1 }])).toBe(KIND_COLOURS.incident);
    expect(
      kindRing([
        { kind: 'group_sighting', persons: 75, records: 1 },
        { kind: 'incident', persons: 25, records: 3 },
      ]),
    ).toBe(`conic-gradient(${KIND_COLOURS.group_sighting} 0.0deg 270.0deg, ${KIND_COLOURS.incident} 270.0deg 360.0deg)`);
    // Nobody counted: shares of records.
    expect(
      kindRing([
        { kind: 'border_status', persons: 0, records: 1 },
        { kind: 'incident', persons: 0, records: 1 },
      ]),
    ).toBe(`conic-gradient(${KIND_COLOURS.border_status} 0.0deg 180.0deg, ${KIND_COLOURS.incident} 180.0deg 360.0deg)`);
  });

  describe('badges never cover one another', () => {
    // Two groups of sites 55 px apart at zoom 6: beyond supercluster's 48 px radius, so
    // two clusters, but "1,237,927" makes a pill wide enough to cover "109,512".
    const pxToLon = 360 / (256 * 2 ** 6);
    const wide = testColumns([
      { id: 'w1', lat: 44, lon: 20, kind: 'group_sighting', persons: 1_000_000 },
      { id: 'w2', lat: 44, lon: 20, kind: 'group_sighting', persons: 237_927 },
      { id: 'n1', lat: 44, lon: 20 + 55 * pxToLon, kind: 'group_sighting', persons: 100_000 },
      { id: 'n2', lat: 44, lon: 20 + 55 * pxToLon, kind: 'site_snapshot', persons: 9_512 },
    ]);

    it('draws overlapping clusters as one badge at the larger one, whose tooltip lists both', () => {
      const map = makeMap();
      map.setView([44, 20.5], 6);
      const layer = createClusterLayer(map, { describe: vi.fn() });
      layer.update({ columns: wide, start: 0, end: wide.count });
      const badge = only(map.getContainer(), '.rw-cluster');
      expect(badge.dataset.merged).toBe('2');
      expect(badge.textContent).toBe(formatNumber(1_337_927));
      expect(badge.dataset.records).toBe('4');
      const label = badge.getAttribute('aria-label') ?? '';
      expect(label).toContain('Persons seen moving: 1,237,927 (2 records)');
      expect(label).toContain('Persons seen moving: 100,000 (1 record)');
      act(() => {
        badge.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      });
      const tooltip = map.getContainer().querySelector('.rw-map-cluster-merged');
      expect(tooltip?.querySelectorAll('.rw-map-cluster-part')).toHaveLength(2);
      expect(tooltip?.textContent).toContain('1,237,927');
      expect(tooltip?.textContent).toContain('100,000');
      // A click zooms in to where they lie apart.
      click(badge);
      expect(map.getZoom()).toBeGreaterThan(6);
    });

    it('draws them apart where they do not overlap (closer zoom)', () => {
      const map = makeMap();
      map.setView([44, 20.5], 8);
      const layer = createClusterLayer(map, { describe: vi.fn() });
      layer.update({ columns: wide, start: 0, end: wide.count });
      const badges = [...map.getContainer().querySelectorAll<HTMLElement>('.rw-cluster')];
      expect(badges.map((b) => b.textContent).sort()).toEqual([formatNumber(1_237_927), formatNumber(100_000)].sort());
      expect(badges.every((b) => b.dataset.merged === undefined)).toBe(true);
    });
  });
});
