import type { Observation } from '../../shared/observations/observation-schema';
import type { Place } from '../../shared/places/place';
import { t } from '../i18n/i18n';

/** How a record's location reads in lists and popups: the place name, or its coordinates. */
export function locationLabel(record: Pick<Observation, 'placeId' | 'location'>, placesById: ReadonlyMap<string, Place>): string {
  const place = record.placeId === null ? undefined : placesById.get(record.placeId);
  if (place) return place.name;
  if (record.placeId !== null) return record.placeId;
  if (record.location) {
    return t('observations.coordinates', { lat: record.location.lat.toFixed(4), lon: record.location.lon.toFixed(4) });
  }
  return '';
}

/** A record's map position: its own point, else its place's. */
export function positionOf(
  record: Pick<Observation, 'placeId' | 'location'>,
  placesById: ReadonlyMap<string, Place>,
): { lat: number; lon: number } | null {
  if (record.location) return record.location;
  const place = record.placeId === null ? undefined : placesById.get(record.placeId);
  return place ? { lat: place.lat, lon: place.lon } : null;
}
