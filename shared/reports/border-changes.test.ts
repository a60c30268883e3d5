import { describe, expect, it } from 'vitest';
import { borderChangesOf } from './border-changes';
import { BELGRADE, borderStatus, JULY_WEEK, moving, places, record } from '../../test-support/shared/report-test-records';

describe('borderChangesOf', () => {
  // Preševo: open since June (look-back); still open on 2 July (no change); restricted to three
  // nationalities on 3 July; the same three, reordered and repeated, on 5 July (no change); only
  // Syrians on 6 July (the filter changed); closed on 8 July (after the period).
  const presevoJune = borderStatus('rs-presevo', '2026-06-10T08:00:00.000Z', 'open');
  const presevoOpen = borderStatus('rs-presevo', '2026-07-02T08:00:00.000Z', 'open');
  const presevoRestricted = borderStatus('rs-presevo', '2026-07-03T08:00:00.000Z', 'restricted', ['SYR', 'AFG', 'IRQ']);
  const presevoSame = borderStatus('rs-presevo', '2026-07-05T08:00:00.000Z', 'restricted', ['IRQ', 'SYR', 'AFG', 'SYR']);
  const presevoSyrians = borderStatus('rs-presevo', '2026-07-06T08:00:00.000Z', 'restricted', ['SYR']);
  const presevoLater = borderStatus('rs-presevo', '2026-07-08T08:00:00.000Z', 'closed');
  // Šid: no earlier record; closed at 23:30 UTC on 4 July, which is 5 July in Belgrade.
  const sidClosed = borderStatus('rs-sid', '2026-07-04T23:30:00.000Z', 'closed', [], { country: 'RS' });
  // Tabanovce: closed in June, reopened on 1 July.
  const tabanovceClosed = borderStatus('mk-tabanovce', '2026-06-20T08:00:00.000Z', 'closed');
  const tabanovceOpen = borderStatus('mk-tabanovce', '2026-06-30T22:00:00.000Z', 'open');
  const noise = [moving('incoming', { placeId: 'rs-presevo', totalPersons: 50 }), record({ kind: 'border_status', placeId: 'rs-sid' })];
  const all = [presevoSyrians, sidClosed, presevoLater, presevoOpen, tabanovceOpen, presevoRestricted, presevoJune, tabanovceClosed, presevoSame, ...noise];
  const changes = borderChangesOf(all, JULY_WEEK, BELGRADE, places);

  it('lists only changes, in time order, with the local day, place, from and to', () => {
    expect(changes.map((c) => [c.day, c.placeId, c.country, c.from?.status ?? null, c.to.status, c.to.nationalityFilter, c.statusChanged, c.filterChanged])).toEqual([
      ['2026-07-01', 'mk-tabanovce', 'MK', 'closed', 'open', [], true, false],
      ['2026-07-03', 'rs-presevo', 'RS', 'open', 'restricted', ['AFG', 'IRQ', 'SYR'], true, true],
      ['2026-07-05', 'rs-sid', 'RS', null, 'closed', [], false, false],
      ['2026-07-06', 'rs-presevo', 'RS', 'restricted', 'restricted', ['SYR'], false, true],
    ]);
  });

  it('traces each change to its record and the record before it', () => {
    expect(changes.map((c) => [c.figure.recordIds, c.previousRecordId])).toEqual([
      [[tabanovceOpen.id], tabanovceClosed.id],
      [[presevoRestricted.id], presevoOpen.id],
      [[sidClosed.id], null],
      [[presevoSyrians.id], presevoSame.id],
    ]);
    expect(changes[0]?.figure).toMatchObject({ value: 1, records: 1, method: { key: 'borderChange', values: {} } });
    expect(changes[3]?.from).toEqual({ status: 'restricted', nationalityFilter: ['AFG', 'IRQ', 'SYR'] });
  });

  it('orders records of the same time by when they were reported', () => {
    const first = borderStatus('rs-presevo', '2026-07-02T08:00:00.000Z', 'closed', [], { reportedAt: '2026-07-02T09:00:00.000Z' });
    const second = borderStatus('rs-presevo', '2026-07-02T08:00:00.000Z', 'open', [], { reportedAt: '2026-07-02T10:00:00.000Z' });
    const out = borderChangesOf([second, first, presevoJune], JULY_WEEK, BELGRADE, places);
    expect(out.map((c) => [c.from?.status, c.to.status])).toEqual([
      ['open', 'closed'],
      ['closed', 'open'],
    ]);
  });

  it('without the look-back records, states the first status in the period with no earlier one', () => {
    const out = borderChangesOf([presevoOpen, presevoRestricted], JULY_WEEK, BELGRADE, places);
    expect(out.map((c) => [c.from?.status ?? null, c.to.status])).toEqual([
      [null, 'open'],
      ['open', 'restricted'],
    ]);
  });

  it('gives nothing for no records, or records before the period only', () => {
    expect(borderChangesOf([], JULY_WEEK, BELGRADE)).toEqual([]);
    expect(borderChangesOf([presevoJune, tabanovceClosed], JULY_WEEK, BELGRADE)).toEqual([]);
  });
});
