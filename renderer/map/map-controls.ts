/**
 * The map's own controls, built from DOM text (Leaflet's attribution control joins
 * strings into innerHTML, so the footnote uses a control of ours).
 */
import L from 'leaflet';
import { OBSERVATION_KINDS } from '../../shared/observations/codelists';
import { t } from '../i18n/i18n';
import { heatRampCss } from './density/heat-ramp';
import { KIND_COLOURS } from './kind-colours';
import { PLACE_STYLE_GROUPS, PLACE_STYLES } from './places/place-styles';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Clicks and wheel turns on a control stay in the control: they must not pick or zoom. */
function isolate(el: HTMLElement): HTMLElement {
  L.DomEvent.disableClickPropagation(el);
  L.DomEvent.disableScrollPropagation(el);
  return el;
}

function control(position: L.ControlPosition, build: () => HTMLElement): L.Control {
  const result = new L.Control({ position });
  result.onAdd = () => isolate(build());
  return result;
}

/**
 * Legend: observation kinds with their colours, then the place symbols. A disclosure
 * widget, open on a large map and closed on a small one (the picker in a form).
 */
export function legendControl(open: boolean): L.Control {
  return control('topright', () => {
    const root = element('details', 'rw-map-legend leaflet-bar');
    root.open = open;
    root.append(element('summary', 'rw-map-legend-summary', t('map.legend.title')));

    root.append(element('h2', 'rw-map-legend-heading', t('map.legend.observations')));
    const kinds = element('ul', 'rw-map-legend-list');
    for (const kind of OBSERVATION_KINDS) {
      const swatch = element('span', 'rw-map-legend-swatch rw-map-legend-swatch-point');
      swatch.style.backgroundColor = KIND_COLOURS[kind];
      const row = element('li', `rw-map-legend-kind-${kind}`);
      row.append(swatch, element('span', 'rw-map-legend-label', t(`codelist.kind.${kind}`)));
      kinds.append(row);
    }
    root.append(kinds, observationDisplayLegend());

    root.append(element('h2', 'rw-map-legend-heading', t('map.legend.places')));
    const places = element('ul', 'rw-map-legend-list');
    for (const group of PLACE_STYLE_GROUPS) {
      const style = PLACE_STYLES[group];
      const swatch = element('span', 'rw-map-legend-swatch');
      swatch.style.backgroundColor = style.fillColor;
      swatch.style.borderColor = style.color;
      swatch.style.borderWidth = `${Math.max(1, Math.round(style.weight))}px`;
      const row = element('li', `rw-map-legend-place-${group}`);
      row.append(swatch, element('span', 'rw-map-legend-label', t(`map.legend.place.${group}`)));
      places.append(row);
    }
    root.append(places);
    return root;
  });
}

/**
 * How clusters and density read: a sample badge (the number is persons, the ring the kinds)
 * and the density ramp. CSS shows the one the map draws (`data-observation-display`).
 */
function observationDisplayLegend(): HTMLElement {
  const list = element('ul', 'rw-map-legend-list rw-map-legend-display');
  const badge = element('span', 'rw-map-legend-badge');
  badge.setAttribute('aria-hidden', 'true');
  badge.append(element('span', '', '120'));
  const clusters = element('li', 'rw-map-legend-clusters');
  clusters.append(badge, element('span', 'rw-map-legend-label', t('map.legend.clusters')));
  const heat = element('li', 'rw-map-legend-heat-row');
  const ramp = element('span', 'rw-map-legend-ramp');
  ramp.style.background = heatRampCss();
  ramp.setAttribute('aria-hidden', 'true');
  const scale = element('span', 'rw-map-legend-heat');
  scale.append(element('span', '', t('map.legend.heatLow')), ramp, element('span', '', t('map.legend.heatHigh')));
  const heatText = element('span', 'rw-map-legend-label');
  heatText.append(element('span', 'rw-map-legend-heat-title', t('map.legend.heat')), scale);
  heat.append(heatText);
  list.append(clusters, heat);
  return list;
}

/** Source of the boundaries and the organisation's reference for the Kosovo* label. */
export function footnoteControl(): L.Control {
  return control('bottomright', () => {
    const root = element('div', 'rw-map-footnote leaflet-control-attribution');
    root.append(
      element('div', 'rw-map-footnote-source', t('map.attribution.boundaries')),
      element('div', 'rw-map-footnote-kosovo', t('map.footnote.kosovo')),
    );
    return root;
  });
}

/** Shown instead of the land when the bundled boundaries cannot be loaded. */
export function basemapErrorControl(): L.Control {
  return control('topleft', () => {
    const root = element('div', 'rw-map-error leaflet-bar', t('map.basemapUnavailable'));
    root.setAttribute('role', 'status');
    return root;
  });
}
