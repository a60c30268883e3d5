/**
 * Reception capacity and occupancy at the end of the period: each site's latest
 * snapshot in the period (the presence measure's, so the two sections agree), its
 * occupancy against the capacity that snapshot gives. A snapshot may give no capacity:
 * the site is listed with capacity null, no rate, and kept out of the capacity totals,
 * which say so (`sitesWithoutCapacity`); its persons are still in `occupancy`.
 */
import type { Figure } from './figure';
import type { Presence } from './presence';
import { localDay } from './report-period';

export interface SiteCapacity {
  placeId: string | null;
  /** Persons at the site by its latest snapshot. */
  occupancy: Figure;
  capacity: number | null;
  /** occupancy / capacity (1.25 for 125 %); null without a capacity above 0. */
  rate: number | null;
  overCapacity: boolean;
  /** The latest snapshot's time and local day. */
  asOf: string;
  day: string;
}

export interface Capacity {
  /** Fullest first (by rate, sites without one last, then by persons). */
  sites: SiteCapacity[];
  /** Persons at every site (= presence.total). */
  occupancy: Figure;
  /** Sum of the capacities given, and of the persons at those same sites. */
  capacity: number;
  occupancyOfSitesWithCapacity: number;
  /** occupancyOfSitesWithCapacity / capacity; null when no capacity is given. */
  rate: number | null;
  sitesOverCapacity: number;
  sitesWithoutCapacity: number;
}

export function capacityOf(presence: Presence, timeZone: string): Capacity {
  let capacity = 0;
  let occupancyOfSitesWithCapacity = 0;
  let sitesOverCapacity = 0;
  let sitesWithoutCapacity = 0;
  const sites = presence.sites.map((site): SiteCapacity => {
    const persons = site.occupancy.value;
    if (site.capacity === null) sitesWithoutCapacity += 1;
    else {
      capacity += site.capacity;
      occupancyOfSitesWithCapacity += persons;
    }
    if (site.overCapacity) sitesOverCapacity += 1;
    return {
      placeId: site.placeId,
      occupancy: site.occupancy,
      capacity: site.capacity,
      rate: site.capacity !== null && site.capacity > 0 ? persons / site.capacity : null,
      overCapacity: site.overCapacity,
      asOf: site.asOf,
      day: localDay(site.asOf, timeZone),
    };
  });
  sites.sort(
    (a, b) =>
      (b.rate ?? -1) - (a.rate ?? -1) ||
      b.occupancy.value - a.occupancy.value ||
      (a.placeId ?? '\uffff').localeCompare(b.placeId ?? '\uffff'),
  );
  return {
    sites,
    occupancy: presence.total,
    capacity,
    occupancyOfSitesWithCapacity,
    rate: capacity > 0 ? occupancyOfSitesWithCapacity / capacity : null,
    sitesOverCapacity,
    sitesWithoutCapacity,
  };
}
