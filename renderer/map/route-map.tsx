import 'leaflet/dist/leaflet.css';
import './route-map.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { Flow } from '../../shared/flows/aggregate-flows';
import type { Place } from '../../shared/places/place';
import { t } from '../i18n/i18n';
import { MAP_REGION } from './basemap/basemap-data';
import { createBasemapLayer } from './basemap/basemap-layer';
import { addCountryLabels } from './basemap/country-labels';
import type { MapLabels } from './labels/map-labels';
import { createMapLabels } from './labels/map-labels';
import { placeFigures } from './places/place-figures';
import { basemapErrorControl, footnoteControl, legendControl } from './map-controls';
import type { MapLayer } from './map-layer';
import { MAP_PANES } from './map-layer';
import type { MapPoint } from './points/map-point';
import type { MapSelection, ObservationDisplay, PointDescription } from './columns/map-selection';
import type { ObservationLayersState } from './observation-layers';
import { createObservationLayers } from './observation-layers';
import type { PickedPosition } from './points/picked-layer';
import { createPickedLayer } from './points/picked-layer';
import { createFlowLayer } from './flows/flow-layer';
import { createPlaceLayer } from './places/place-layer';
import type { PointStyle } from './points/point-layer';
import { createPointLayer } from './points/point-layer';
import { createTileLayer } from './tiles/tile-layer';
import { pointDescriptionContent } from './map-text';

/** What the user picked: a gazetteer place (with its position), or a bare map position. */
export interface MapPick {
  placeId: string | null;
  lat: number;
  lon: number;
}

/** A record to centre on, mark and open. */
export interface MapFocus {
  id: string;
  lat: number;
  lon: number;
}

/** Zoom the map goes to for a focused record: close enough to see the place around it. */
export const FOCUS_ZOOM = 10;

/** Flows summed elsewhere (the report's, from its counted records), with their legend's heading and corner. */
export interface GivenFlows {
  flows: readonly Flow[];
  legendTitle: string;
  legendPosition?: L.ControlPosition;
  /** The legend's note on flows too short to draw (default: "… zoom in", which paper cannot). */
  legendShort?: (count: number) => string;
}

export interface RouteMapProps {
  places: readonly Place[];
  /** Individual points (the form's picker, the report); the Map screen draws `selection`. */
  points: readonly MapPoint[];
  /** The filtered observations and the time slider's window, drawn as `display`. */
  selection?: MapSelection | null;
  display?: ObservationDisplay;
  /** Minimum persons of a flow shown; null for no flows. */
  flowThreshold?: number | null;
  /** Flows to draw as given, beside `points` (the report's map); the Map screen draws the selection's. */
  givenFlows?: GivenFlows | null;
  /** How `points` are drawn (read when the map is built). */
  pointStyle?: PointStyle;
  focus?: MapFocus | null;
  /** Reads a point's popup text when it opens. */
  describe?: (id: string) => Promise<PointDescription | null>;
  /** The Leaflet map once built, null once removed (for "copy map as image"). */
  onMapReady?: (map: L.Map | null) => void;
  /** Where to show the "picked" marker; null or absent for none. */
  picked?: { lat: number; lon: number } | null;
  /** Called when a place is clicked (with its id) or the map elsewhere (placeId null). */
  onPick?: (pick: MapPick) => void;
  className?: string;
  ariaLabel?: string;
}

/** The Western Balkans route, from the Greek border to Austria and Hungary. */
export const ROUTE_BOUNDS: L.LatLngBoundsLiteral = [
  [39, 13],
  [47.5, 24],
];
export const MIN_ZOOM = 4;
export const MAX_ZOOM = 12;
/** On a smaller map (the picker in a form) the legend starts closed, so it does not cover the route. */
const LEGEND_OPEN_MIN_SIZE = { width: 900, height: 480 } as const;

interface RouteMapLayers {
  places: MapLayer<readonly Place[]>;
  points: MapLayer<readonly MapPoint[]>;
  picked: MapLayer<PickedPosition>;
  observations: MapLayer<ObservationLayersState>;
  labels: MapLabels;
}

/**
 * The route map: plain Leaflet driven from React effects. Offline only for now: no tile
 * layer, the land is the bundled Natural Earth basemap over a sea-coloured container.
 * One effect builds the map once; one effect per layer feeds it its data.
 */
export function RouteMap(props: RouteMapProps) {
  const { places, points, picked = null, className, ariaLabel } = props;
  const { selection = null, display = 'clusters', flowThreshold = null, focus = null, givenFlows = null } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layersRef = useRef<RouteMapLayers | null>(null);
  // The places the flows are drawn between; the gazetteer does not change while a map is open.
  const placesByIdRef = useRef(new Map(places.map((place) => [place.id, place])));
  // The map is built once; it reads the latest callbacks through this ref.
  const callbacks = useRef({ onPick: props.onPick, describe: props.describe, onMapReady: props.onMapReady });
  const pointStyleRef = useRef(props.pointStyle);
  useEffect(() => {
    callbacks.current = { onPick: props.onPick, describe: props.describe, onMapReady: props.onMapReady };
  }, [props.onPick, props.describe, props.onMapReady]);

  useEffect(() => {
    const container = containerRef.current;
    if (container === null) return undefined;
    const map = L.map(container, {
      preferCanvas: true,
      minZoom: MIN_ZOOM,
      maxZoom: MAX_ZOOM,
      // Panning stops at the basemap's region, so nobody gets lost over an empty sea.
      maxBounds: [
        [MAP_REGION.south, MAP_REGION.west],
        [MAP_REGION.north, MAP_REGION.east],
      ],
      maxBoundsViscosity: 0.8,
      zoomControl: false,
      attributionControl: false,
    });
    for (const { name, zIndex, interactive } of Object.values(MAP_PANES)) {
      const pane = map.createPane(name);
      pane.style.zIndex = String(zIndex);
      if (!interactive) pane.style.pointerEvents = 'none';
    }
    map.fitBounds(ROUTE_BOUNDS);

    L.control.zoom({ position: 'topleft', zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(map);
    L.control.scale({ position: 'bottomleft', imperial: false }).addTo(map);
    legendControl(
      container.clientWidth >= LEGEND_OPEN_MIN_SIZE.width && container.clientHeight >= LEGEND_OPEN_MIN_SIZE.height,
    ).addTo(map);
    footnoteControl().addTo(map);
    const countryLabels = addCountryLabels(map);

    const basemap = createBasemapLayer(map, (error) => {
      console.error('Basemap failed to load', error);
      basemapErrorControl().addTo(map);
    });
    const tiles = createTileLayer(map);

    const pick = (selection: MapPick): void => {
      callbacks.current.onPick?.(selection);
    };
    map.on('click', (event: L.LeafletMouseEvent) => {
      const at = event.latlng.wrap();
      pick({ placeId: null, lat: at.lat, lon: at.lng });
    });
    layersRef.current = {
      places: createPlaceLayer(map, (place) => {
        pick({ placeId: place.id, lat: place.lat, lon: place.lon });
      }),
      points: createPointLayer(map, pointStyleRef.current),
      picked: createPickedLayer(map),
      observations: createObservationLayers(map, placesByIdRef.current, async (id) => (await callbacks.current.describe?.(id)) ?? null),
      labels: createMapLabels(map, countryLabels),
    };
    mapRef.current = map;
    callbacks.current.onMapReady?.(map);

    // The container changes size with the window and the layout around it.
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => map.invalidateSize());
    resize?.observe(container);

    return () => {
      resize?.disconnect();
      tiles.remove();
      basemap.remove();
      layersRef.current?.labels.remove();
      layersRef.current = null;
      mapRef.current = null;
      callbacks.current.onMapReady?.(null);
      map.remove();
    };
  }, []);

  useEffect(() => {
    layersRef.current?.places.update(places);
    layersRef.current?.labels.setPlaces(places);
  }, [places]);

  useEffect(() => {
    layersRef.current?.points.update(points);
  }, [points]);

  useEffect(() => {
    layersRef.current?.observations.update({ selection, display, flowThreshold });
  }, [selection, display, flowThreshold]);

  // Given flows get a layer of their own, built again when they change (a report's few
  // dozen arrows), with the places known then: the report may get the gazetteer later.
  useEffect(() => {
    const map = mapRef.current;
    if (map === null || givenFlows === null) return undefined;
    const layer = createFlowLayer(map, new Map(places.map((place) => [place.id, place])), {
      legendTitle: givenFlows.legendTitle,
      ...(givenFlows.legendPosition === undefined ? {} : { legendPosition: givenFlows.legendPosition }),
      ...(givenFlows.legendShort === undefined ? {} : { legendShort: givenFlows.legendShort }),
    });
    layer.showFlows(givenFlows.flows);
    return () => {
      layer.remove();
    };
  }, [givenFlows, places]);

  // Larger figures in the window are named first.
  useEffect(() => {
    layersRef.current?.labels.setPlaceFigures(placeFigures(selection));
  }, [selection]);

  // A focused record: centre on it, mark it, open its popup (once per record).
  const focusId = focus?.id;
  const focusLat = focus?.lat;
  const focusLon = focus?.lon;
  useEffect(() => {
    const map = mapRef.current;
    if (map === null || focusId === undefined || focusLat === undefined || focusLon === undefined) return undefined;
    const at = L.latLng(focusLat, focusLon);
    // No animation: the popup opens at once where the record is, also for screenshots.
    map.setView(at, Math.max(map.getZoom(), FOCUS_ZOOM), { animate: false });
    layersRef.current?.picked.update({ lat: focusLat, lon: focusLon });
    const popup = L.popup({ maxWidth: 320, className: 'rw-map-popup', offset: [0, -8] }).setLatLng(at);
    let cancelled = false;
    void callbacks.current.describe?.(focusId).then((description) => {
      if (cancelled || description === null) return;
      popup.setContent(pointDescriptionContent(description)).openOn(map);
    });
    return () => {
      cancelled = true;
      popup.remove();
      layersRef.current?.picked.update(null);
    };
  }, [focusId, focusLat, focusLon]);

  const pickedLat = picked?.lat;
  const pickedLon = picked?.lon;
  useEffect(() => {
    layersRef.current?.picked.update(
      pickedLat === undefined || pickedLon === undefined ? null : { lat: pickedLat, lon: pickedLon },
    );
  }, [pickedLat, pickedLon]);

  return (
    <div
      ref={containerRef}
      className={className === undefined ? 'rw-map' : `rw-map ${className}`}
      role="region"
      aria-label={ariaLabel ?? t('map.ariaLabel')}
    />
  );
}
