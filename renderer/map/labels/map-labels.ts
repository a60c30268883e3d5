/**
 * Where the map's names go: the country names and the gazetteer's place names, placed
 * after each move, zoom, resize and badge redraw so that no badge covers a name, no two
 * names overlap and no name is cropped by the map's edge.
 *
 * Order: the badges are fixed (the cluster layer publishes their boxes, badge-boxes.ts),
 * and so are the map's controls (legend, footnote, buttons) and the places' markers, which
 * lie over the names' pane; country names next, each at its label point, else nearby (a
 * line up or down, a third of its width aside), else moved inside the map's edge, else
 * hidden; then place names by priority (larger figures in the
 * window first, then border crossings, centres, camps, cities), each right, left, above or
 * below its marker, clear of badges, country names, other places' markers and the names
 * already placed, else hidden: so a place's name shows from the zoom where it fits.
 *
 * Sizes are measured from the drawn text (estimated where nothing is laid out: jsdom).
 */
import L from 'leaflet';
import type { Place } from '../../../shared/places/place';
import type { CountryLabel, CountryLabels } from '../basemap/country-labels';
import { FULL_LABELS_MIN_ZOOM } from '../basemap/country-labels';
import { MAP_PANES } from '../map-layer';
import { PLACE_STYLE_GROUP, placeStyle } from '../places/place-styles';
import type { PlaceStyleGroup } from '../places/place-styles';
import { BADGES_CHANGED, badgeBoxesAt } from './badge-boxes';
import { placeLabels } from './label-placement';
import type { LabelCandidate } from './label-placement';
import type { Box } from './screen-box';
import { boxAround, boxCentre, clampInside, estimateTextWidth, moveBox, shrinkBox } from './screen-box';

/** Pixels kept free between a name and anything else, and from the map's edge. */
const LABEL_GAP = 2;
const EDGE_MARGIN = 3;
/** Place names are placed from this zoom on (below it the route is a few pixels wide). */
export const PLACE_LABELS_MIN_ZOOM = 6;

const PLACE_KIND_RANK: Readonly<Record<PlaceStyleGroup, number>> = { crossing: 4, greenBorder: 3, centre: 2, camp: 1, city: 0 };

export interface MapLabels {
  setPlaces(places: readonly Place[]): void;
  /** Each place's figure in the window (placeFigures): larger figures are named first. */
  setPlaceFigures(figures: ReadonlyMap<string, number>): void;
  /** Places every name again (the labels do so themselves on moves and badge redraws). */
  place(): void;
  remove(): void;
}

interface PlaceLabel {
  place: Place;
  marker: L.Marker;
  text: HTMLElement;
}

const measured = new WeakMap<HTMLElement, { font: number; width: number; height: number }>();

/**
 * Width and height of a label's text: measured once per font size when drawn (reading
 * sizes forces a layout), else estimated (jsdom lays nothing out).
 */
function textSize(text: HTMLElement, estimate: () => number, fontPx: number): { width: number; height: number } {
  const known = measured.get(text);
  if (known !== undefined && known.font === fontPx) return known;
  const width = text.offsetWidth;
  const height = text.offsetHeight;
  if (width > 0 && height > 0) {
    measured.set(text, { font: fontPx, width, height });
    return { width, height };
  }
  return { width: estimate(), height: Math.ceil(fontPx * 1.3) };
}

/** Shows the text with its centre at (dx, dy) from its anchor, or hides it. `box` in container pixels. */
function showAt(text: HTMLElement, at: { dx: number; dy: number; box: Box } | null, moved: boolean): void {
  const icon = text.parentElement;
  if (at === null) {
    text.classList.add('rw-map-label-hidden');
    if (icon) {
      icon.dataset.placement = 'hidden';
      delete icon.dataset.box;
    }
    return;
  }
  text.classList.remove('rw-map-label-hidden');
  text.style.left = `${at.dx}px`;
  text.style.top = `${at.dy}px`;
  if (icon) {
    icon.dataset.placement = moved ? 'moved' : 'at';
    icon.dataset.box = [at.box.left, at.box.top, at.box.right, at.box.bottom].map((v) => Math.round(v)).join(' ');
  }
}

export function createMapLabels(map: L.Map, countries: CountryLabels): MapLabels {
  const container = map.getContainer();
  const pane = MAP_PANES.placeNames.name;
  if (map.getPane(pane) === undefined) {
    const element = map.createPane(pane);
    element.style.zIndex = String(MAP_PANES.placeNames.zIndex);
    element.style.pointerEvents = 'none';
  }
  const placeGroup = L.layerGroup([], { pane }).addTo(map);
  let places: PlaceLabel[] = [];
  let figures: ReadonlyMap<string, number> = new Map();

  const place = (): void => {
    const zoom = map.getZoom();
    const pixels = map.getPixelBounds();
    if (pixels.min === undefined || pixels.max === undefined) return;
    const origin = pixels.min;
    const view = shrinkBox({ left: pixels.min.x, top: pixels.min.y, right: pixels.max.x, bottom: pixels.max.y }, EDGE_MARGIN);
    // The map's controls (legend, footnote, buttons) lie over the labels' pane: a name
    // under them is covered as by a badge.
    const frame = container.getBoundingClientRect();
    const controls: Box[] = [];
    for (const control of container.querySelectorAll('.leaflet-control')) {
      const r = control.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) controls.push({ left: r.left - frame.left + origin.x, top: r.top - frame.top + origin.y, right: r.right - frame.left + origin.x, bottom: r.bottom - frame.top + origin.y });
    }
    // The places' markers lie over the names too (their pane is above).
    const markers = new Map<PlaceLabel, { x: number; y: number; radius: number }>();
    for (const label of places) {
      const p = map.project([label.place.lat, label.place.lon], zoom);
      const style = placeStyle(label.place.kind);
      markers.set(label, { x: p.x, y: p.y, radius: style.radius + style.weight / 2 });
    }
    const markerBoxes = [...markers.values()].map((m) => boxAround(m.x, m.y, 2 * m.radius, 2 * m.radius));
    const badges = [...badgeBoxesAt(map, Math.round(zoom)), ...controls];
    const overview = zoom < FULL_LABELS_MIN_ZOOM;
    const toContainer = (box: Box): Box => moveBox(box, -origin.x, -origin.y);

    // Country names.
    const countryFont = overview ? 9.5 : 11;
    const countryCandidates: LabelCandidate<CountryLabel>[] = [];
    const countryAnchors = new Map<CountryLabel, { x: number; y: number }>();
    for (const label of countries.labels) {
      if (overview && label.small) {
        showAt(label.text, null, false);
        continue;
      }
      const p = map.project([label.lat, label.lon], zoom);
      countryAnchors.set(label, p);
      const { width, height } = textSize(
        label.text,
        () => estimateTextWidth(label.text.textContent, countryFont, { uppercase: true, letterSpacing: overview ? 0.05 : 0.08, bold: true }),
        countryFont,
      );
      const at = boxAround(p.x, p.y, width, height);
      // Near the label point first: a line up or down, a third of its width aside, two
      // lines up or down; a name moved further would no longer sit in its country.
      const step = height + 4;
      const aside = Math.round(width / 3);
      const nearby: Box[] = [];
      for (const [dx, dy] of [
        [0, 0],
        [0, -step],
        [0, step],
        [-aside, 0],
        [aside, 0],
        [-aside, -step],
        [aside, -step],
        [-aside, step],
        [aside, step],
        [0, -2 * step],
        [0, 2 * step],
      ] as const) {
        nearby.push(moveBox(at, dx, dy));
      }
      const positions: Box[] = [...nearby];
      // Moved inside the edge, no further than half its width or a line.
      for (const box of nearby) {
        const inside = clampInside(box, view);
        if (inside !== null && Math.abs(inside.left - box.left) <= width / 2 && Math.abs(inside.top - box.top) <= height) positions.push(inside);
      }
      countryCandidates.push({ key: label, priority: 0, positions });
    }
    const countryChosen = placeLabels(countryCandidates, { obstacles: [...badges, ...markerBoxes], within: view, gap: LABEL_GAP });
    const taken: Box[] = [...badges];
    for (const { key, positions } of countryCandidates) {
      const index = countryChosen.get(key);
      const box = index === undefined ? undefined : positions[index];
      const anchor = countryAnchors.get(key);
      if (box === undefined || anchor === undefined) {
        showAt(key.text, null, false);
        continue;
      }
      taken.push(box);
      const centre = boxCentre(box);
      showAt(key.text, { dx: centre.x - anchor.x, dy: centre.y - anchor.y, box: toContainer(box) }, index !== 0);
    }

    // Place names.
    if (zoom < PLACE_LABELS_MIN_ZOOM) {
      for (const label of places) showAt(label.text, null, false);
      return;
    }
    const placeCandidates: LabelCandidate<PlaceLabel>[] = [];
    for (const label of places) {
      const marker = markers.get(label);
      if (marker === undefined) continue;
      const { width, height } = textSize(label.text, () => estimateTextWidth(label.place.name, 11, { bold: true }), 11);
      const off = marker.radius + LABEL_GAP + 1;
      const positions = [
        boxAround(marker.x + off + width / 2, marker.y, width, height),
        boxAround(marker.x - off - width / 2, marker.y, width, height),
        boxAround(marker.x, marker.y - off - height / 2, width, height),
        boxAround(marker.x, marker.y + off + height / 2, width, height),
      ];
      const rank = PLACE_KIND_RANK[PLACE_STYLE_GROUP[label.place.kind]];
      placeCandidates.push({ key: label, priority: (figures.get(label.place.id) ?? 0) * 10 + rank, positions });
    }
    // Other places' markers are obstacles too (a name over a marker hides it).
    const placeChosen = placeLabels(placeCandidates, { obstacles: [...taken, ...markerBoxes], within: view, gap: LABEL_GAP });
    for (const { key, positions } of placeCandidates) {
      const index = placeChosen.get(key);
      const box = index === undefined ? undefined : positions[index];
      const marker = markers.get(key);
      if (box === undefined || marker === undefined) {
        showAt(key.text, null, false);
        continue;
      }
      const centre = boxCentre(box);
      showAt(key.text, { dx: centre.x - marker.x, dy: centre.y - marker.y, box: toContainer(box) }, false);
    }
  };

  map.on('zoomend moveend resize', place);
  map.on(BADGES_CHANGED, place);
  // The legend (a <details>) opens and closes over the names; `toggle` does not bubble.
  container.addEventListener('toggle', place, true);
  place();

  return {
    setPlaces(next) {
      placeGroup.clearLayers();
      places = next.map((p) => {
        const text = document.createElement('span');
        text.textContent = p.name;
        // Names may be in any script or direction.
        text.dir = 'auto';
        // Hidden until placed: no name shows where it was not checked to fit.
        text.className = 'rw-map-label-hidden';
        const marker = L.marker([p.lat, p.lon], {
          pane,
          interactive: false,
          keyboard: false,
          icon: L.divIcon({ html: text, className: `rw-map-place-name-label rw-map-place-name-${PLACE_STYLE_GROUP[p.kind]}`, iconSize: undefined }),
        });
        placeGroup.addLayer(marker);
        return { place: p, marker, text };
      });
      place();
    },
    setPlaceFigures(next) {
      figures = next;
      place();
    },
    place,
    remove() {
      map.off('zoomend moveend resize', place);
      map.off(BADGES_CHANGED, place);
      container.removeEventListener('toggle', place, true);
      placeGroup.remove();
    },
  };
}
