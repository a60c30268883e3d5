import { describe, expect, it } from 'vitest';
import { capacityOf } from './capacity';
import { presenceOf } from './presence';
import { BELGRADE, snapshot } from '../../test-support/shared/report-test-records';

describe('capacityOf', () => {
  // Adaševci: 300 then 600 of 500 (over, 120 %); Krnjača 250 with no capacity given; Preševo 100
  // of 400 (25 %), its snapshot at 23:30 UTC on 4 July, which is 5 July in Belgrade.
  const adasevciEarly = snapshot('rs-adasevci', '2026-07-02T08:00:00.000Z', 300, 500);
  const adasevci = snapshot('rs-adasevci', '2026-07-05T08:00:00.000Z', 600, 500);
  const krnjaca = snapshot('rs-krnjaca', '2026-07-04T08:00:00.000Z', 250, null);
  const presevo = snapshot('rs-presevo', '2026-07-04T23:30:00.000Z', 100, 400);
  const presence = presenceOf([adasevciEarly, krnjaca, adasevci, presevo]);
  const c = capacityOf(presence, BELGRADE);

  it('gives each site\'s latest occupancy against its capacity, fullest first, sites without a capacity last', () => {
    expect(c.sites.map((s) => [s.placeId, s.occupancy.value, s.capacity, s.rate, s.overCapacity, s.day])).toEqual([
      ['rs-adasevci', 600, 500, 1.2, true, '2026-07-05'],
      ['rs-presevo', 100, 400, 0.25, false, '2026-07-05'],
      ['rs-krnjaca', 250, null, null, false, '2026-07-04'],
    ]);
    expect(c.sites[0]?.occupancy.recordIds).toEqual([adasevci.id]);
  });

  it('totals the persons at every site, and the capacity of the sites that give one with their persons', () => {
    expect(c.occupancy).toBe(presence.total);
    expect(c.occupancy.value).toBe(950);
    expect(c.capacity).toBe(900);
    expect(c.occupancyOfSitesWithCapacity).toBe(700);
    expect(c.rate).toBeCloseTo(700 / 900, 12);
    expect([c.sitesOverCapacity, c.sitesWithoutCapacity]).toEqual([1, 1]);
  });

  it('gives no rate with no capacity, and a site at 0 capacity holding persons is over it', () => {
    const empty = capacityOf(presenceOf([]), BELGRADE);
    expect(empty).toMatchObject({ sites: [], capacity: 0, rate: null, sitesOverCapacity: 0, sitesWithoutCapacity: 0 });
    const closedSite = capacityOf(presenceOf([snapshot('rs-krnjaca', '2026-07-04T08:00:00.000Z', 12, 0)]), BELGRADE);
    expect(closedSite.sites[0]).toMatchObject({ rate: null, overCapacity: true });
    expect(closedSite.rate).toBeNull();
  });
});
