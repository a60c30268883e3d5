/**
 * The boxes the cluster layer's badges take on screen, published for the labels
 * (map-labels.ts) to keep clear of. In absolute projected pixels at `zoom`: a pan keeps
 * them, and boxes of another zoom are ignored until the badges are drawn again.
 */
import type L from 'leaflet';
import type { Box } from './screen-box';

export const BADGES_CHANGED = 'rw:badgeschange';

interface Published {
  zoom: number;
  boxes: readonly Box[];
}

const published = new WeakMap<L.Map, Published>();

/** Sets the badges' boxes (null: no badges drawn) and tells the map's labels. */
export function publishBadgeBoxes(map: L.Map, value: Published | null): void {
  if (value === null) published.delete(map);
  else published.set(map, value);
  map.fire(BADGES_CHANGED);
}

/** The badges' boxes at this zoom, or none. */
export function badgeBoxesAt(map: L.Map, zoom: number): readonly Box[] {
  const value = published.get(map);
  return value !== undefined && value.zoom === zoom ? value.boxes : [];
}
