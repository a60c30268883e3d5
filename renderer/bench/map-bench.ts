/**
 * In-browser benchmarks of the map's data layers over training observations (the same
 * generator as Device & sync → Load training data), each beside a baseline doing the same
 * work in the same page: figures only, no pass/fail.
 *
 * The period's columns are built once, untimed, as the Map screen builds them when it
 * reads the day index (one day-index row of the generated records → toPeriodColumns).
 * Each timed step runs from the filter change or the layer's `update` to the frame after
 * the browser painted it.
 */
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import '../map/route-map.css';
import L from 'leaflet';
// After Leaflet, which sets the global `L` this UMD plugin extends (the baseline only).
import 'leaflet.markercluster';
import gazetteerCsv from '../../assets/places/route-places.csv?raw';
import { aggregateFlows } from '../../shared/flows/aggregate-flows';
import { OBSERVATION_KINDS, MISSIONS, REVIEW_STATUSES } from '../../shared/observations/codelists';
import { parseGazetteerCsv } from '../../shared/places/gazetteer-csv';
import type { Place } from '../../shared/places/place';
import type { TrainingObservation } from '../training/training-data';
import { generateTrainingObservations } from '../training/training-data';
import { emptyRow } from '../store/day-index';
import type { DayIndexRow, IndexFilter } from '../store/day-index';
import { createBasemapLayer } from '../map/basemap/basemap-layer';
import { createClusterLayer } from '../map/clusters/cluster-layer';
import { addCountryLabels } from '../map/basemap/country-labels';
import { createFlowLayer } from '../map/flows/flow-layer';
import { createHeatLayer } from '../map/density/heat-layer';
import { legendControl } from '../map/map-controls';
import type { PeriodColumns } from '../map/columns/map-columns';
import { filterColumns, selectWindow, toPeriodColumns } from '../map/columns/map-columns';
import type { MapLayer } from '../map/map-layer';
import { MAP_PANES } from '../map/map-layer';
import type { MapColumns, MapSelection, PointDescription } from '../map/columns/map-selection';
import { createPlaceLayer } from '../map/places/place-layer';

/** The training period of Device & sync → Load training data. */
const TRAINING_START = new Date('2015-06-01T00:00:00Z');
const TRAINING_END = new Date('2021-01-01T00:00:00Z');
const DAY_MS = 86_400_000;
/** Days of the time-step benchmark, spread evenly over the period. */
const STEP_DAYS = 25;

interface MapBench {
  map: L.Map;
  /** The period's columns, as the Map screen holds them after reading the day index. */
  period: PeriodColumns;
  columns: MapColumns;
  places: ReadonlyMap<string, Place>;
  clusters: MapLayer<MapSelection | null>;
  heat: MapLayer<MapSelection | null>;
  flows: MapLayer<MapSelection | null>;
  /** Descriptions the screenshot harness hands the popups, by id. */
  descriptions: Map<string, PointDescription>;
}

let bench: MapBench | null = null;

function current(): MapBench {
  if (bench === null) throw new Error('call mapPrepare first');
  return bench;
}

/**
 * A full garbage collection before a timed run (Chromium started with --expose-gc), so
 * neither side pays for the other's garbage: 100,000 markers leave a lot.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Resolves after the browser has painted the frame that follows the caller's work. */
function painted(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      setTimeout(resolve, 0);
    });
  });
}

/** One day-index row of the records, as the store keeps them (lat/lon NaN when located by place only). */
function dayIndexOf(records: readonly TrainingObservation[]): DayIndexRow {
  const row = emptyRow('');

  records.forEach(({ input, office }, i) => {
    row.ids.push(`training-${i}`);
    row.time.push(Date.parse(input.observedStart));
    row.lat.push(input.location?.lat ?? Number.NaN);
    row.lon.push(input.location?.lon ?? Number.NaN);
    row.placeId.push(input.placeId ?? null);
    row.kind.push(OBSERVATION_KINDS.indexOf(input.kind));
    row.status.push(REVIEW_STATUSES.indexOf('submitted'));
    row.mission.push(MISSIONS.indexOf(office.slice(0, 2) as (typeof MISSIONS)[number]));
    row.persons.push(input.totalPersons);
    row.fromPlace.push(input.movement?.fromPlaceId ?? null);
    row.toPlace.push(input.movement?.toPlaceId ?? null);
    row.fromCountry.push(input.movement?.fromCountry ?? null);
    row.toCountry.push(input.movement?.toCountry ?? null);
  });
  return row;
}

/**
 * Generate `count` training observations, build the map's columns and a map the size of
 * the Map screen (basemap, country labels, places, legend). Untimed; returns facts.
 */
export async function mapPrepare(count: number, options: { places?: boolean } = {}): Promise<{ count: number; prepareMs: number }> {
  const started = performance.now();
  const { places } = parseGazetteerCsv(gazetteerCsv);
  const placesById = new Map(places.map((p) => [p.id, p]));
  const records = [...generateTrainingObservations({ places, count, seed: 42, start: TRAINING_START, end: TRAINING_END })];
  const period = toPeriodColumns([dayIndexOf(records)], placesById);
  const { columns } = period;

  bench?.map.remove();
  document.getElementById('bench-map')?.remove();
  const element = document.createElement('div');
  element.id = 'bench-map';
  element.className = 'rw-map';
  element.style.cssText = 'position:absolute;left:0;top:0;width:1280px;height:800px;';
  document.body.append(element);
  const map = L.map(element, { preferCanvas: true, minZoom: 4, maxZoom: 12, zoomControl: false, attributionControl: false });
  for (const { name, zIndex, interactive } of Object.values(MAP_PANES)) {
    const pane = map.createPane(name);
    pane.style.zIndex = String(zIndex);
    if (!interactive) pane.style.pointerEvents = 'none';
  }
  map.fitBounds([
    [39, 13],
    [47.5, 24],
  ]);
  L.control.scale({ position: 'bottomleft', imperial: false }).addTo(map);
  legendControl(true).addTo(map);
  addCountryLabels(map);
  await new Promise<void>((resolve) => {
    // Resolves on failure too: the figures then say a map without land.
    createBasemapLayer(map, () => {
      resolve();
    });
    // The basemap has no "loaded" callback: wait until its countries are drawn.
    const poll = setInterval(() => {
      if (element.querySelector('.rw-country') !== null) {
        clearInterval(poll);
        resolve();
      }
    }, 50);
  });
  if (options.places === true) createPlaceLayer(map, () => undefined).update(places);

  const descriptions = new Map<string, PointDescription>();
  bench = {
    map,
    period,
    columns,
    places: placesById,
    clusters: createClusterLayer(map, { describe: (id) => Promise.resolve(descriptions.get(id) ?? null) }),
    heat: createHeatLayer(map),
    flows: createFlowLayer(map, placesById, { legend: false }),
    descriptions,
  };
  await painted();
  return { count: columns.count, prepareMs: performance.now() - started };
}

function all(columns: MapColumns): MapSelection {
  return { columns, start: 0, end: columns.count };
}

/** The training period, as the filter bar would give it. */
const TRAINING_PERIOD: IndexFilter = { from: TRAINING_START.toISOString(), to: TRAINING_END.toISOString() };

/**
 * ms from a filter change to the painted clustered map of all the entries: the filter
 * goes from one kind (drawn, untimed) to every kind named one by one, which the Map
 * screen answers by narrowing the period's columns in memory (a pass over all of them,
 * and a copy of what passes: here everything) and updating the cluster layer with them.
 */
export async function mapRender(): Promise<number> {
  const { clusters, period } = current();
  const narrow = filterColumns(period, { ...TRAINING_PERIOD, kinds: ['group_sighting'] }).columns;
  clusters.update(all(narrow));
  await painted();
  collectGarbage();
  const started = performance.now();
  const { columns } = filterColumns(period, { ...TRAINING_PERIOD, kinds: [...OBSERVATION_KINDS] });
  clusters.update(all(columns));
  lastRenderSyncMs = performance.now() - started;
  await painted();
  const elapsed = performance.now() - started;
  lastRenderCount = columns.count;
  return elapsed;
}

let lastRenderCount = 0;
/** Entries drawn by the last mapRender (all of them, if the filter did what it should). */
export function mapRenderCount(): number {
  return lastRenderCount;
}

let lastRenderSyncMs = 0;

/** The part of the last mapRender spent in `update` itself (index and markers), before the browser's style, layout and paint. */
export function mapRenderSync(): number {
  return lastRenderSyncMs;
}

/** Baseline: ms from the same columns to Leaflet.markercluster's painted map, one marker per entry, `addLayers`. */
export async function markerclusterRender(): Promise<number> {
  const { map, columns, clusters } = current();
  clusters.update(null);
  await painted();
  const group = L.markerClusterGroup({ chunkedLoading: false });
  map.addLayer(group);
  collectGarbage();
  const started = performance.now();
  const markers: L.Marker[] = new Array<L.Marker>(columns.count);
  for (let i = 0; i < columns.count; i++) {
    markers[i] = L.marker([columns.lat[i] ?? 0, columns.lon[i] ?? 0], { icon: L.divIcon({ className: 'rw-point-dot', iconSize: [12, 12] }) });
  }
  group.addLayers(markers);
  await painted();
  const elapsed = performance.now() - started;
  map.removeLayer(group);
  await painted();
  return elapsed;
}

/** The one-day windows of the time-step benchmark: STEP_DAYS days spread over the columns' period. */
function stepWindows(columns: MapColumns): MapSelection[] {
  const first = Math.floor((columns.time[0] ?? 0) / DAY_MS) * DAY_MS;
  const last = columns.time[columns.count - 1] ?? first;
  const days = Math.max(1, Math.floor((last - first) / DAY_MS));
  const windows: MapSelection[] = [];
  for (let s = 0; s < STEP_DAYS; s++) {
    const dayStart = first + Math.floor((s * days) / STEP_DAYS) * DAY_MS;
    windows.push({ columns, ...selectWindow(columns, dayStart, dayStart + DAY_MS) });
  }
  return windows;
}

/**
 * ms of each time step: clusters and flows updated for one day's window, to the painted
 * map; and the entries in the windows (for the record).
 */
export async function mapTimestep(): Promise<{ times: number[]; entries: number }> {
  const { clusters, flows, columns } = current();
  clusters.update(null);
  flows.update(null);
  await painted();
  const times: number[] = [];
  let entries = 0;
  for (const selection of stepWindows(columns)) {
    entries += selection.end - selection.start;
    const started = performance.now();
    clusters.update(selection);
    flows.update(selection);
    await painted();
    times.push(performance.now() - started);
  }
  clusters.update(null);
  flows.update(null);
  return { times, entries };
}

/** Baseline: ms of each of the same steps in Leaflet.markercluster (clearLayers, then the day's markers with addLayers). */
export async function markerclusterTimestep(): Promise<number[]> {
  const { map, columns } = current();
  const group = L.markerClusterGroup({ chunkedLoading: false });
  map.addLayer(group);
  const times: number[] = [];
  for (const { start, end } of stepWindows(columns)) {
    const started = performance.now();
    group.clearLayers();
    const markers: L.Marker[] = [];
    for (let i = start; i < end; i++) {
      markers.push(L.marker([columns.lat[i] ?? 0, columns.lon[i] ?? 0], { icon: L.divIcon({ className: 'rw-point-dot', iconSize: [12, 12] }) }));
    }
    group.addLayers(markers);
    await painted();
    times.push(performance.now() - started);
  }
  map.removeLayer(group);
  return times;
}

/** ms to aggregate the flows of all the columns with the app's aggregateFlows; and the flows found. */
export function flowsAggregate(): [number, number] {
  const { columns } = current();
  const started = performance.now();
  const flows = aggregateFlows(columns, 0, columns.count);
  return [performance.now() - started, flows.length];
}

/**
 * Baseline: the same edges summed the plain way: an end object and a joined string key
 * per entry, one Map of keys, sorted by persons; and the flows found.
 */
export function flowsNaive(): [number, number] {
  const { columns } = current();
  const started = performance.now();
  const sums = new Map<string, { from: string; to: string; persons: number; records: number }>();
  const endOf = (place: string | null | undefined, country: string | null | undefined): string | null =>
    place != null && place !== '' ? `place:${place}` : country != null && country !== '' ? `country:${country}` : null;
  for (let i = 0; i < columns.count; i++) {
    let from = endOf(columns.fromPlace[i], columns.fromCountry[i]);
    let to = endOf(columns.toPlace[i], columns.toCountry[i]);
    const own = endOf(columns.placeId[i], null);
    if (from === null && to !== null) from = own;
    else if (from !== null && to === null) to = own;
    if (from === null || to === null || from === to) continue;
    const key = `${from}>${to}`;
    const entry = sums.get(key) ?? { from, to, persons: 0, records: 0 };
    const persons = columns.persons[i] ?? 0;
    if (persons > 0 && Number.isFinite(persons)) entry.persons += persons;
    entry.records += 1;
    sums.set(key, entry);
  }
  const flows = [...sums.values()].sort((a, b) => b.persons - a.persons || b.records - a.records);
  return [performance.now() - started, flows.length];
}

/**
 * Screenshot harness: show the clusters or the heat of all the columns (or none), at a
 * view; `popupSummary` opens the popup of a single point whose description carries it.
 */
export async function mapShow(
  display: 'clusters' | 'heat' | 'none',
  view?: { lat: number; lon: number; zoom: number },
): Promise<{ drawn: Record<string, string | undefined> }> {
  const { map, clusters, heat, flows, columns } = current();
  flows.update(null);
  clusters.update(display === 'clusters' ? all(columns) : null);
  heat.update(display === 'heat' ? all(columns) : null);
  if (view !== undefined) map.setView([view.lat, view.lon], view.zoom, { animate: false });
  await painted();
  return { drawn: Object.fromEntries(Object.entries(map.getContainer().dataset)) };
}

/**
 * Screenshot harness: zoom in on entries until a single point is in view, give its popup a
 * description with `summary` (and `place` in the title), and open it. Null when none is found.
 */
export async function mapOpenPoint(summary: string, place: string): Promise<string | null> {
  const { map, columns, clusters, descriptions } = current();
  // A quiet day: few records, so some stand alone.
  const day = Date.parse('2019-06-12T00:00:00Z');
  const window = { columns, ...selectWindow(columns, day, day + DAY_MS) };
  clusters.update(window);
  let dot: HTMLElement | null = null;
  for (let i = window.start; i < window.end && dot === null; i++) {
    map.setView([columns.lat[i] ?? 0, columns.lon[i] ?? 0], 9, { animate: false });
    dot = map.getContainer().querySelector<HTMLElement>('.rw-point-dot');
  }
  const id = dot?.dataset.id;
  if (dot === null || id === undefined) return null;
  const i = columns.ids.indexOf(id);
  map.setView([columns.lat[i] ?? 0, columns.lon[i] ?? 0], 9, { animate: false });
  const kind = OBSERVATION_KINDS[columns.kind[i] ?? 0] ?? 'group_sighting';
  descriptions.set(id, {
    id,
    kind,
    title: `${place} · ${String(columns.persons[i] ?? 0)} persons`,
    subtitle: new Date(columns.time[i] ?? 0).toUTCString(),
    summary,
    href: `#/observation?id=${encodeURIComponent(id)}`,
  });
  map.getContainer().querySelector<HTMLElement>(`.rw-point-dot[data-id="${id}"]`)?.click();
  // Past the popup's fade-in.
  await new Promise((resolve) => setTimeout(resolve, 400));
  await painted();
  return id;
}

