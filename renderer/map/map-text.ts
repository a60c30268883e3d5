/**
 * The DOM content of tooltips and popups. Leaflet's `bindTooltip` and `bindPopup` parse a
 * string as HTML, so user and gazetteer text is only ever put into elements through
 * `textContent`, and the element is what Leaflet gets.
 */
import type { ObservationKind } from '../../shared/observations/codelists';
import type { Place } from '../../shared/places/place';
import { formatNumber, t } from '../i18n/i18n';
import { KIND_COLOURS } from './kind-colours';
import type { ClusterSums } from './clusters/cluster-index';
import type { MapPoint } from './points/map-point';
import type { PointDescription } from './columns/map-selection';

function textElement(tag: 'div' | 'strong' | 'span' | 'p' | 'li', className: string, text: string): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  // User text may be in any script or direction (Arabic, Cyrillic, Greek).
  element.dir = 'auto';
  element.textContent = text;
  return element;
}

/** Tooltip of a gazetteer place: its name, and its local-script name when that differs. */
export function placeTooltipContent(place: Pick<Place, 'name' | 'nameLocal'>): HTMLElement {
  const root = document.createElement('div');
  root.className = 'rw-map-place-label';
  root.append(textElement('strong', 'rw-map-place-name', place.name));
  const local = place.nameLocal.trim();
  if (local !== '' && local !== place.name) {
    root.append(textElement('div', 'rw-map-place-local', local));
  }
  return root;
}

/** Popup of an observation point: its title and subtitle. */
export function pointPopupContent(point: Pick<MapPoint, 'title' | 'subtitle'>): HTMLElement {
  const root = document.createElement('div');
  root.className = 'rw-map-point-popup';
  root.append(textElement('strong', 'rw-map-point-title', point.title));
  if (point.subtitle !== '') {
    root.append(textElement('div', 'rw-map-point-subtitle', point.subtitle));
  }
  return root;
}

function kindSwatch(kind: ObservationKind): HTMLElement {
  const swatch = document.createElement('span');
  swatch.className = `rw-map-kind-swatch rw-map-kind-swatch-${kind}`;
  swatch.style.backgroundColor = KIND_COLOURS[kind];
  // The kind is said in words beside it; the swatch is decoration.
  swatch.setAttribute('aria-hidden', 'true');
  return swatch;
}

/** "{n} persons · {m} records". */
export function personsAndRecords(persons: number, records: number): string {
  return `${t('map.cluster.persons', { count: persons })} · ${t('map.cluster.records', { count: records })}`;
}

/** Popup of an observation while its record is read. */
export function pointPopupLoading(): HTMLElement {
  const root = textElement('div', 'rw-map-point-popup rw-map-point-loading', t('map.point.loading'));
  root.setAttribute('role', 'status');
  return root;
}

/** Popup of an observation whose record is gone (deleted since the map was drawn). */
export function pointPopupNotFound(): HTMLElement {
  const root = textElement('div', 'rw-map-point-popup rw-map-point-missing', t('map.point.notFound'));
  root.setAttribute('role', 'status');
  return root;
}

/**
 * Popup of an observation: its kind, title (place and persons), time, summary and a link
 * to the record. Every field is text.
 */
export function pointDescriptionContent(description: PointDescription): HTMLElement {
  const root = document.createElement('div');
  root.className = 'rw-map-point-popup';
  const kind = document.createElement('div');
  kind.className = 'rw-map-point-kind';
  kind.append(kindSwatch(description.kind), textElement('span', 'rw-map-point-kind-name', t(`codelist.kind.${description.kind}`)));
  root.append(kind, textElement('strong', 'rw-map-point-title', description.title));
  if (description.subtitle !== '') root.append(textElement('div', 'rw-map-point-subtitle', description.subtitle));
  if (description.summary !== '') root.append(textElement('p', 'rw-map-point-summary', description.summary));
  const link = document.createElement('a');
  link.className = 'rw-map-point-open';
  link.href = description.href;
  link.textContent = t('map.point.openRecord');
  root.append(link);
  return root;
}

/** Tooltip of a single observation: its kind and persons (from the map's columns). */
export function pointTooltipContent(kind: ObservationKind, persons: number): HTMLElement {
  const root = document.createElement('div');
  root.className = 'rw-map-point-tooltip';
  root.append(kindSwatch(kind), textElement('span', 'rw-map-point-tooltip-text', `${t(`codelist.kind.${kind}`)} · ${t('map.cluster.persons', { count: persons })}`));
  return root;
}

export interface KindShare {
  kind: ObservationKind;
  persons: number;
  records: number;
}

/** What a cluster holds by measure (ClusterSums' fields of that name). */
export type ClusterMeasures = Pick<ClusterSums, 'moving' | 'movingRecords' | 'atSites' | 'sites' | 'incidents' | 'official' | 'other'>;

/**
 * The lines of a cluster's tooltip, one per measure it holds: "Persons seen moving: 1,237
 * (42 records)", "At sites: 300 (latest count of 2 sites)", then the incidents, official
 * figures and records without a head count, which are never added to the persons.
 */
export function clusterMeasureLines(m: ClusterMeasures): string[] {
  const lines: string[] = [];
  if (m.movingRecords > 0) {
    lines.push(t('measure.tooltip.moving', { persons: formatNumber(m.moving), records: t('map.cluster.records', { count: m.movingRecords }) }));
  }
  if (m.sites > 0) lines.push(t('measure.tooltip.atSites', { persons: formatNumber(m.atSites), sites: t('measure.sites', { count: m.sites }) }));
  if (m.incidents > 0) lines.push(t('measure.tooltip.incidents', { count: m.incidents }));
  if (m.official > 0) lines.push(t('measure.tooltip.official', { count: m.official }));
  if (m.other > 0) lines.push(t('measure.tooltip.other', { count: m.other }));
  return lines;
}

/** Tooltip of a cluster: its figures by measure, then its records per kind (most first). */
export function clusterTooltipContent(measures: ClusterMeasures, kinds: readonly KindShare[]): HTMLElement {
  const root = document.createElement('div');
  root.className = 'rw-map-cluster-tooltip';
  const totals = document.createElement('div');
  totals.className = 'rw-map-cluster-total';
  for (const line of clusterMeasureLines(measures)) totals.append(textElement('div', 'rw-map-cluster-measure', line));
  root.append(totals);
  const list = document.createElement('ul');
  list.className = 'rw-map-cluster-kinds';
  for (const share of kinds) {
    const row = document.createElement('li');
    row.className = `rw-map-cluster-kind-${share.kind}`;
    row.append(
      kindSwatch(share.kind),
      textElement('span', 'rw-map-cluster-kind-text', `${t(`codelist.kind.${share.kind}`)}: ${t('map.cluster.records', { count: share.records })}`),
    );
    list.append(row);
  }
  root.append(list);
  return root;
}

/**
 * Tooltip of badges drawn as one (they would overlap at this zoom): the figures of all of
 * them, then each one's own, so the smaller figure is still read.
 */
export function mergedClusterTooltipContent(measures: ClusterMeasures, kinds: readonly KindShare[], parts: readonly ClusterMeasures[]): HTMLElement {
  const root = clusterTooltipContent(measures, kinds);
  root.classList.add('rw-map-cluster-merged');
  root.append(textElement('div', 'rw-map-cluster-parts-title', t('map.cluster.merged', { count: parts.length })));
  const list = document.createElement('ul');
  list.className = 'rw-map-cluster-parts';
  for (const part of parts) list.append(textElement('li', 'rw-map-cluster-part', clusterMeasureLines(part).join('; ')));
  root.append(list);
  return root;
}

export interface ClusterListEntry {
  kind: ObservationKind;
  persons: number;
  /** Already formatted for the user. */
  time: string;
  href: string;
}

/**
 * Popup of a cluster that cannot split further (its entries are at the same place at the
 * map's closest zoom): its records as links, the first few of them, and how many more.
 */
export function clusterListContent(entries: readonly ClusterListEntry[], records: number): HTMLElement {
  const root = document.createElement('div');
  root.className = 'rw-map-cluster-list';
  const list = document.createElement('ul');
  for (const entry of entries) {
    const row = document.createElement('li');
    const link = document.createElement('a');
    link.href = entry.href;
    link.append(kindSwatch(entry.kind), `${t(`codelist.kind.${entry.kind}`)} · ${formatNumber(entry.persons)} · ${entry.time}`);
    row.append(link);
    list.append(row);
  }
  root.append(list);
  if (records > entries.length) root.append(textElement('p', 'rw-map-cluster-more', t('map.cluster.more', { count: records - entries.length })));
  return root;
}
