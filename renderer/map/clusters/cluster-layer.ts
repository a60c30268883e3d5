import './cluster-layer.css';
import L from 'leaflet';
import type { ObservationKind } from '../../../shared/observations/codelists';
import { OBSERVATION_KINDS } from '../../../shared/observations/codelists';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n';
import type { ClusterIndex, ClusterItem, ClusterSums } from './cluster-index';
import { addClusterSums, badgeFigure, buildClusterIndex, clusterRecords, kindMix } from './cluster-index';
import { mergeOverlappingBadges } from '../labels/badge-merge';
import { publishBadgeBoxes } from '../labels/badge-boxes';
import type { Box } from '../labels/screen-box';
import { estimateTextWidth } from '../labels/screen-box';
import { createWidthCache } from '../labels/text-measure';
import { KIND_COLOURS } from '../kind-colours';
import type { MapLayer } from '../map-layer';
import { MAP_PANES } from '../map-layer';
import type { MapColumns, MapSelection, PointDescription } from '../columns/map-selection';
import {
  clusterListContent,
  clusterMeasureLines,
  clusterTooltipContent,
  mergedClusterTooltipContent,
  pointDescriptionContent,
  pointPopupLoading,
  pointPopupNotFound,
  pointTooltipContent,
} from '../map-text';

/** What one badge stands for: a cluster, or several drawn as one. */
interface BadgeGroup {
  lat: number;
  lon: number;
  records: number;
  sums: ClusterSums;
  /** Largest first; more than one when they would overlap on screen. */
  members: readonly ClusterItem[];
}

export interface ClusterLayerOptions {
  /** Reads a point's popup text when it opens; null when the record is gone. */
  describe(id: string): Promise<PointDescription | null>;
}

/** Entries listed in the popup of a cluster that cannot split further. */
export const CLUSTER_LIST_LIMIT = 12;

const BADGE_MIN_PX = 30;
const POINT_MIN_PX = 10;
const POINT_MAX_PX = 26;

/** Badge diameter: grows with the logarithm of persons (1 to 100,000 persons: 30 to 55 px). */
export function badgeSize(persons: number): number {
  const safe = Number.isFinite(persons) && persons > 0 ? persons : 0;
  return Math.round(BADGE_MIN_PX + 5 * Math.log10(1 + safe));
}

/** A single point's diameter: area grows with persons, capped below a badge's size. */
export function pointSize(persons: number): number {
  const safe = Number.isFinite(persons) && persons > 0 ? persons : 0;
  return Math.round(Math.min(POINT_MAX_PX, POINT_MIN_PX + 1.6 * Math.sqrt(safe)));
}

/**
 * The ring of a badge: the kinds' shares of persons (of records when nobody was counted)
 * as a conic gradient of their colours, largest first from twelve o'clock.
 */
export function kindRing(shares: readonly { kind: ObservationKind; persons: number; records: number }[]): string {
  const byPersons = shares.some((s) => s.persons > 0);
  const total = shares.reduce((sum, s) => sum + (byPersons ? s.persons : s.records), 0);
  if (total <= 0 || shares.length === 0) return KIND_COLOURS.secondary_source;
  const first = shares[0];
  if (shares.length === 1 && first) return KIND_COLOURS[first.kind];
  const stops: string[] = [];
  let at = 0;
  for (const share of shares) {
    const next = at + ((byPersons ? share.persons : share.records) / total) * 360;
    stops.push(`${KIND_COLOURS[share.kind]} ${at.toFixed(1)}deg ${next.toFixed(1)}deg`);
    at = next;
  }
  return `conic-gradient(${stops.join(', ')})`;
}

/** Pixels kept free between two badges (their white rims and shadows). */
export const BADGE_GAP = 2;
/** The badge's padding and its number's, both sides (cluster-layer.css). */
const BADGE_TEXT_PADDING = 16;

/**
 * A badge's box: as tall as its size, as wide as its size or its number, whichever is
 * wider ("1,237,927" makes a pill wider than the badge's circle).
 */
export function badgeBoxSize(value: number, textWidth: (text: string) => number): { width: number; height: number } {
  const size = badgeSize(value);
  return { width: Math.max(size, textWidth(formatNumber(value)) + BADGE_TEXT_PADDING), height: size };
}

/** The badge number's width as estimated where nothing is laid out (12 px bold). */
export function estimateBadgeTextWidth(text: string): number {
  return estimateTextWidth(text, 12, { bold: true });
}

function kindAt(columns: MapColumns, index: number): ObservationKind {
  return OBSERVATION_KINDS[columns.kind[index] ?? 0] ?? 'group_sighting';
}

function badgeElement(sums: ClusterSums, records: number): { element: HTMLElement; dominant: ObservationKind } {
  const shares = kindMix(sums);
  const dominant = shares[0]?.kind ?? 'secondary_source';
  const { measure, value } = badgeFigure(sums, records);
  const size = badgeSize(value);
  const element = document.createElement('div');
  // The measure shown is said by its look too: at sites and records-only badges differ from persons moving.
  element.className = `rw-cluster-badge rw-cluster-badge-${measure}`;
  element.style.setProperty('--rw-ring', kindRing(shares));
  element.style.setProperty('--rw-size', `${size}px`);
  const label = document.createElement('span');
  label.className = 'rw-cluster-persons';
  label.textContent = formatNumber(value);
  element.append(label);
  return { element, dominant };
}

/**
 * Observations as clusters (supercluster): a badge per cluster showing persons seen
 * moving (where none were, persons at sites as each site's latest count; where neither,
 * its records: `badgeFigure`), ringed by the kinds' colours, sized by its number, with
 * every measure it holds and its records per kind in its tooltip; a click zooms to where it splits (or lists its records when it cannot split
 * within the map's zooms). Single observations are dots in their kind's colour that open
 * a popup read through `describe`.
 *
 * The index is rebuilt on `update`; only what is in view is drawn, again on each
 * `moveend` (which Leaflet fires after a zoom too). Markers are DOM elements (a few
 * hundred at most in view), so they take keyboard focus and have accessible names.
 *
 * The container's `data-point-count` is the number of observations in the selection (all
 * of them are on the map, in view or not); `data-cluster-count` the cluster badges and
 * `data-marker-count` the single dots drawn in view; `data-points-in-view` the
 * observations these stand for.
 */
export function createClusterLayer(map: L.Map, options: ClusterLayerOptions): MapLayer<MapSelection | null> {
  const pane = MAP_PANES.clusters.name;
  if (map.getPane(pane) === undefined) map.createPane(pane).style.zIndex = String(MAP_PANES.clusters.zIndex);
  const group = L.layerGroup([], { pane }).addTo(map);
  const container = map.getContainer();
  let columns: MapColumns | null = null;
  let index: ClusterIndex | null = null;
  // The popup's record read: a newer open wins over an older answer.
  let describeToken = 0;
  // The records list of a cluster that cannot split, while open.
  let listPopup: L.Popup | null = null;

  const setCounts = (clusters: number, markers: number, inView: number): void => {
    container.dataset.pointCount = String(index?.count ?? 0);
    container.dataset.clusterCount = String(clusters);
    container.dataset.markerCount = String(markers);
    container.dataset.pointsInView = String(inView);
  };

  const openPoint = (marker: L.Marker, id: string): void => {
    const token = ++describeToken;
    marker.setPopupContent(pointPopupLoading());
    options.describe(id).then(
      (description) => {
        if (token !== describeToken || !marker.isPopupOpen()) return;
        marker.setPopupContent(description === null ? pointPopupNotFound() : pointDescriptionContent(description));
      },
      (error: unknown) => {
        console.error('Reading a point for its popup failed', error);
        if (token === describeToken && marker.isPopupOpen()) marker.setPopupContent(pointPopupNotFound());
      },
    );
  };

  const pointMarker = (cols: MapColumns, i: number, lat: number, lon: number): L.Marker => {
    const kind = kindAt(cols, i);
    const persons = cols.persons[i] ?? 0;
    const id = cols.ids[i] ?? '';
    const size = pointSize(persons);
    const marker = L.marker([lat, lon], {
      pane,
      keyboard: true,
      // Above every badge: a lone point beside a place would hide under the place's badge.
      zIndexOffset: 2000,
      icon: L.divIcon({ className: `rw-point-dot rw-point-${kind}`, iconSize: [size, size] }),
    });
    marker.bindTooltip(() => pointTooltipContent(kind, persons), { direction: 'top', className: 'rw-map-tooltip', offset: [0, -size / 2] });
    marker.bindPopup(pointPopupLoading(), { maxWidth: 320, className: 'rw-map-popup', offset: [0, -size / 2 + 4] });
    marker.on('popupopen', () => {
      // The popup says more than the tooltip, over the same spot.
      marker.closeTooltip();
      openPoint(marker, id);
    });
    marker.on('add', () => {
      const element = marker.getElement();
      if (element === undefined) return;
      element.style.backgroundColor = KIND_COLOURS[kind];
      element.dataset.id = id;
      element.setAttribute('aria-label', `${t(`codelist.kind.${kind}`)} · ${t('map.cluster.persons', { count: persons })}`);
    });
    return marker;
  };

  /**
   * A badge: one cluster, or several clusters (and dots) that would overlap on screen at
   * this zoom, drawn as one at the largest one's place (`members`, largest first).
   */
  const clusterMarker = (cols: MapColumns, badgeGroup: BadgeGroup): L.Marker => {
    const { lat, lon, records, sums, members } = badgeGroup;
    const badge = badgeFigure(sums, records);
    const { element, dominant } = badgeElement(sums, records);
    const size = badgeSize(badge.value);
    const marker = L.marker([lat, lon], {
      pane,
      keyboard: true,
      riseOnHover: true,
      // Bigger clusters above smaller ones.
      zIndexOffset: Math.round(Math.log10(1 + badge.value) * 100),
      icon: L.divIcon({ className: `rw-cluster rw-cluster-${dominant}`, iconSize: [size, size], html: element }),
    });
    const merged = members.length > 1;
    marker.bindTooltip(
      () =>
        merged
          ? mergedClusterTooltipContent(
              sums,
              kindMix(sums),
              members.map((m) => m.sums),
            )
          : clusterTooltipContent(sums, kindMix(sums)),
      { direction: 'top', className: 'rw-map-tooltip', offset: [0, -size / 2] },
    );
    // The zoom where this badge splits: a cluster's own; for badges drawn as one, one step
    // closer, where they lie twice as far apart (beyond the closest zoom: list them).
    const expansion = (): number => {
      const [first] = members;
      if (!merged && first?.type === 'cluster') return index?.expansionZoom(first.id) ?? map.getZoom() + 1;
      return Math.round(map.getZoom()) + 1;
    };
    marker.on('add', () => {
      const el = marker.getElement();
      if (el === undefined) return;
      el.dataset.kind = dominant;
      el.dataset.records = String(records);
      el.dataset.measure = badge.measure;
      el.dataset.moving = String(sums.moving);
      el.dataset.atSites = String(sums.atSites);
      if (merged) el.dataset.merged = String(members.length);
      const action = expansion() <= map.getMaxZoom() ? t('map.cluster.zoomIn') : t('map.cluster.list');
      const together = merged ? ` ${t('map.cluster.merged', { count: members.length })} ${members.map((m) => clusterMeasureLines(m.sums).join('; ')).join(' | ')}.` : '';
      el.setAttribute('aria-label', `${clusterMeasureLines(sums).join('; ')}.${together} ${action}`);
    });
    marker.on('click', () => {
      const zoom = expansion();
      if (zoom <= map.getMaxZoom()) {
        map.setView([lat, lon], zoom);
        return;
      }
      // Everything here is at one spot even at the closest zoom: list the records instead.
      const leaves: number[] = [];
      for (const m of members) {
        if (leaves.length >= CLUSTER_LIST_LIMIT) break;
        if (m.type === 'point') leaves.push(m.index);
        else leaves.push(...(index?.leaves(m.id, CLUSTER_LIST_LIMIT - leaves.length) ?? []));
      }
      const entries = leaves.map((i) => ({
        kind: kindAt(cols, i),
        persons: cols.persons[i] ?? 0,
        time: formatDateTime(new Date(cols.time[i] ?? 0).toISOString()),
        href: `#/observation?id=${encodeURIComponent(cols.ids[i] ?? '')}`,
      }));
      listPopup?.remove();
      listPopup = L.popup({ maxWidth: 320, className: 'rw-map-popup', offset: [0, -size / 2 + 4] })
        .setLatLng([lat, lon])
        .setContent(clusterListContent(entries, records))
        .openOn(map);
    });
    return marker;
  };

  // Markers drawn, by item key: kept across redraws of the same index, so a pan or zoom
  // adds and removes only what changed, and a marker whose popup is open stays open.
  let drawn = new Map<string, L.Marker>();

  // Badge numbers as wide as drawn: a hidden badge in the pane measures each shape once.
  const probe = document.createElement('div');
  probe.className = 'rw-cluster-badge rw-cluster-probe';
  probe.setAttribute('aria-hidden', 'true');
  const probeText = document.createElement('span');
  probeText.className = 'rw-cluster-persons';
  probe.append(probeText);
  map.getPane(pane)?.append(probe);
  const textWidth = createWidthCache(
    (text) => {
      probeText.textContent = text;
      // The probe's padding is counted apart (BADGE_TEXT_PADDING).
      return probe.offsetWidth > 0 ? probe.offsetWidth - BADGE_TEXT_PADDING : 0;
    },
    estimateBadgeTextWidth,
  );
  const itemKey = (item: ClusterItem): string => (item.type === 'cluster' ? `c${item.id}` : `p${item.index}`);
  const itemFigure = (item: ClusterItem): number =>
    item.type === 'cluster' ? badgeFigure(item.sums, item.records).value : (columns?.persons[item.index] ?? 0);
  const groupSize = (members: readonly ClusterItem[]): { width: number; height: number } => {
    const [only] = members;
    if (members.length === 1 && only !== undefined && only.type === 'point') {
      const size = pointSize(columns?.persons[only.index] ?? 0);
      return { width: size, height: size };
    }
    const sums = members.length === 1 && only !== undefined ? only.sums : addClusterSums(members.map((m) => m.sums));
    return badgeBoxSize(badgeFigure(sums, clusterRecords(sums)).value, textWidth);
  };

  /**
   * Draw the clusters and points in view (with a margin, so a small pan shows no gap).
   * Badges (and dots) whose boxes would overlap at this zoom are drawn as one badge
   * (`mergeOverlappingBadges`); the boxes drawn are published for the labels.
   */
  const draw = (): void => {
    if (index === null || columns === null) {
      group.clearLayers();
      drawn = new Map();
      setCounts(0, 0, 0);
      publishBadgeBoxes(map, null);
      return;
    }
    const bounds = map.getBounds().pad(0.25);
    const visible = map.getBounds();
    const zoom = Math.round(map.getZoom());
    const items = index.items([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], zoom);
    const groups = mergeOverlappingBadges(
      items.map((item) => {
        const at = map.project([item.lat, item.lon], zoom);
        return { x: at.x, y: at.y, weight: itemFigure(item), item };
      }),
      groupSize,
      BADGE_GAP,
    );
    const next = new Map<string, L.Marker>();
    const boxes: Box[] = [];
    let clusters = 0;
    let markers = 0;
    let inView = 0;
    for (const { members, box } of groups) {
      const [first] = members;
      if (first === undefined) continue;
      boxes.push(box);
      // A cluster id names the same entries at every zoom it appears at.
      const key = members.map(itemKey).join('+');
      let marker = drawn.get(key);
      if (marker === undefined) {
        if (members.length === 1 && first.type === 'point') {
          marker = pointMarker(columns, first.index, first.lat, first.lon);
        } else {
          const sums = members.length === 1 ? first.sums : addClusterSums(members.map((m) => m.sums));
          const records = members.length === 1 && first.type === 'cluster' ? first.records : clusterRecords(sums);
          marker = clusterMarker(columns, { lat: first.lat, lon: first.lon, records, sums, members });
        }
        group.addLayer(marker);
      }
      next.set(key, marker);
      if (!visible.contains([first.lat, first.lon])) continue;
      if (members.length === 1 && first.type === 'point') {
        markers++;
        inView++;
      } else {
        clusters++;
        for (const m of members) inView += m.type === 'cluster' ? m.records : 1;
      }
    }
    for (const [key, marker] of drawn) if (!next.has(key)) group.removeLayer(marker);
    drawn = next;
    setCounts(clusters, markers, inView);
    publishBadgeBoxes(map, { zoom, boxes });
  };

  map.on('moveend', draw);
  return {
    update(selection) {
      // Only our own popups: a point's closes with its marker, a list's here. Others (a
      // record focused from the list) stay open.
      listPopup?.remove();
      listPopup = null;
      // A new index numbers its clusters afresh.
      group.clearLayers();
      drawn = new Map();
      if (selection === null) {
        columns = null;
        index = null;
      } else {
        columns = selection.columns;
        // Clustered at every zoom of the map, the closest too: GPS points lie within a few
        // pixels of their place there, and dots over a badge would hide its number. What
        // is still a cluster at the closest zoom lists its records when clicked.
        index = buildClusterIndex(selection, { minZoom: Math.floor(map.getMinZoom()), maxZoom: Math.min(30, Math.ceil(map.getMaxZoom())) });
        // Only on a change: the legend's CSS reads it, so a write restyles the map.
        if (container.dataset.observationDisplay !== 'clusters') container.dataset.observationDisplay = 'clusters';
      }
      draw();
    },
    remove() {
      map.off('moveend', draw);
      group.remove();
      probe.remove();
      publishBadgeBoxes(map, null);
      delete container.dataset.pointCount;
      delete container.dataset.clusterCount;
      delete container.dataset.markerCount;
      delete container.dataset.pointsInView;
    },
  };
}
