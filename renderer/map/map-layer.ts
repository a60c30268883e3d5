/**
 * A layer the map component owns: built once on a Leaflet map, fed new data by a React
 * effect, removed with the map. Clustering, flows and the time slider plug in the same way.
 */
export interface MapLayer<T> {
  update(data: T): void;
  remove(): void;
}

/**
 * Panes, bottom to top. Each pane gets its own renderer (one canvas per pane with
 * `preferCanvas`), and a canvas takes every pointer event over its whole area, so panes
 * that draw nothing interactive ignore the pointer and let it through to the layers below.
 */
export const MAP_PANES = {
  basemap: { name: 'rw-basemap', zIndex: 250, interactive: false },
  labels: { name: 'rw-labels', zIndex: 300, interactive: false },
  points: { name: 'rw-points', zIndex: 410, interactive: true },
  /** Place names: over the points' canvas and the density's glow, under flows and badges (which they keep clear of). */
  placeNames: { name: 'rw-place-names', zIndex: 412, interactive: false },
  /** Above the points: under them the points' canvas would take the flows' hover. */
  flows: { name: 'rw-flows', zIndex: 415, interactive: true },
  places: { name: 'rw-places', zIndex: 420, interactive: true },
  // Cluster badges sit on the places their records are at: above them, or the place's
  // marker covers the badge's number.
  clusters: { name: 'rw-clusters', zIndex: 425, interactive: true },
  picked: { name: 'rw-picked', zIndex: 430, interactive: false },
} as const;
export type MapPaneName = (typeof MAP_PANES)[keyof typeof MAP_PANES]['name'];
