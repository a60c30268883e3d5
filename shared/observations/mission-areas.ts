import type { Mission } from './codelists';

/** A latitude/longitude box. */
export interface Box {
  south: number;
  west: number;
  north: number;
  east: number;
}

/**
 * Rough area of each field mission: the bounding box of its territory with a margin
 * of about 0.1 degrees. Used only for a warning (a record outside its mission's area
 * is unusual, not wrong: a monitor may follow a group across a border). HQ has none.
 */
export const MISSION_AREAS: Readonly<Record<Exclude<Mission, 'HQ'>, Box>> = {
  RS: { south: 42.1, west: 18.7, north: 46.3, east: 23.1 },
  MK: { south: 40.75, west: 20.35, north: 42.47, east: 23.14 },
  BA: { south: 42.45, west: 15.62, north: 45.38, east: 19.72 },
  AL: { south: 39.54, west: 19.16, north: 42.76, east: 21.16 },
  ME: { south: 41.75, west: 18.33, north: 43.66, east: 20.46 },
  XK: { south: 41.75, west: 19.91, north: 43.37, east: 21.89 },
};

export function insideMissionArea(mission: Mission, point: { lat: number; lon: number }): boolean {
  if (mission === 'HQ') return true;
  const box = MISSION_AREAS[mission];
  return point.lat >= box.south && point.lat <= box.north && point.lon >= box.west && point.lon <= box.east;
}
