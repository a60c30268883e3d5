import { describe, expect, it } from 'vitest';
import { BELGRADE, JULY_WEEK } from '../../test-support/shared/report-test-records';
import { LOOK_BACK_DAYS, MAX_REPORT_DAYS, reportWindow } from './report-window';

describe('reportWindow', () => {
  it('gives the week before, the same dates a year before, the look-back window, and the spans to load', () => {
    const w = reportWindow(JULY_WEEK, BELGRADE);
    expect(w.current.period).toEqual(JULY_WEEK);
    expect(w.current.days).toEqual(['2026-07-01', '2026-07-02', '2026-07-03', '2026-07-04', '2026-07-05', '2026-07-06', '2026-07-07']);
    expect(w.previous.period).toEqual({ from: '2026-06-23T22:00:00.000Z', to: JULY_WEEK.from });
    expect(w.previous.days).toEqual(['2026-06-24', '2026-06-25', '2026-06-26', '2026-06-27', '2026-06-28', '2026-06-29', '2026-06-30']);
    expect(w.yearBefore.period).toEqual({ from: '2025-06-30T22:00:00.000Z', to: '2025-07-07T22:00:00.000Z' });
    expect(w.yearBefore.days[0]).toBe('2025-07-01');
    expect(w.yearBefore.days).toHaveLength(7);
    // 90 local days before 1 July: from 2 April.
    expect(LOOK_BACK_DAYS).toBe(90);
    expect(w.lookBack.period).toEqual({ from: '2026-04-01T22:00:00.000Z', to: JULY_WEEK.from });
    expect(w.lookBack.days).toHaveLength(90);
    // The week before lies inside the look-back window, which touches the period: two spans.
    expect(w.load).toEqual([w.yearBefore.period, { from: '2026-04-01T22:00:00.000Z', to: JULY_WEEK.to }]);
  });

  it('counts the period before in local days across a daylight-saving change (a week of 167 hours)', () => {
    const w = reportWindow({ from: '2026-03-29T22:00:00.000Z', to: '2026-04-05T22:00:00.000Z' }, BELGRADE, 0);
    expect(w.previous.period).toEqual({ from: '2026-03-22T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
    expect(w.previous.days).toEqual(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29']);
    expect(w.lookBack.days).toEqual([]);
    expect(w.load).toEqual([w.yearBefore.period, { from: '2026-03-22T23:00:00.000Z', to: '2026-04-05T22:00:00.000Z' }]);
  });

  it('takes 29 February a year back to 28 February', () => {
    const leapDay = { from: '2024-02-28T23:00:00.000Z', to: '2024-02-29T23:00:00.000Z' };
    const w = reportWindow(leapDay, BELGRADE, 7);
    expect(w.current.days).toEqual(['2024-02-29']);
    expect(w.yearBefore.period).toEqual({ from: '2023-02-27T23:00:00.000Z', to: '2023-02-28T23:00:00.000Z' });
    expect(w.yearBefore.days).toEqual(['2023-02-28']);
    expect(w.previous.days).toEqual(['2024-02-28']);

    // February 2024 (29 days) a year back is February 2023 (28 days): the part says how many.
    const february = reportWindow({ from: '2024-01-31T23:00:00.000Z', to: '2024-02-29T23:00:00.000Z' }, BELGRADE);
    expect(february.current.days).toHaveLength(29);
    expect(february.yearBefore.days).toHaveLength(28);
    expect(february.yearBefore.days.at(-1)).toBe('2023-02-28');
    // 29 days before 1 February: 3 to 31 January.
    expect(february.previous.days[0]).toBe('2024-01-03');
  });

  it('merges the parts into one span when a long period reaches back past the year before', () => {
    // 1 January 2025 to 30 June 2026 (546 days): the year before (1 Jan 2024 – 30 Jun 2025) overlaps the period.
    const w = reportWindow({ from: '2024-12-31T23:00:00.000Z', to: '2026-06-30T22:00:00.000Z' }, BELGRADE);
    expect(w.current.days).toHaveLength(546);
    expect(w.load).toEqual([{ from: w.previous.period.from, to: '2026-06-30T22:00:00.000Z' }]);
  });

  it('gives empty parts and nothing to load for an empty period', () => {
    const w = reportWindow({ from: JULY_WEEK.from, to: JULY_WEEK.from }, BELGRADE);
    expect(w.current.days).toEqual([]);
    expect([w.previous.days, w.yearBefore.days, w.lookBack.days]).toEqual([[], [], []]);
    expect(w.load).toEqual([]);
  });

  it('refuses a period or look-back longer than ten years before building anything, and reads a nonsense look-back as none', () => {
    expect(MAX_REPORT_DAYS).toBe(3660);
    expect(() => reportWindow({ from: '0001-01-01T00:00:00.000Z', to: '9999-12-31T00:00:00.000Z' }, BELGRADE)).toThrow(/at most 3660 days/);
    expect(() => reportWindow(JULY_WEEK, BELGRADE, 1e9)).toThrow(/look-back window is at most 3660 days/);
    expect(reportWindow(JULY_WEEK, BELGRADE, Number.NaN).lookBack.days).toEqual([]);
    expect(reportWindow(JULY_WEEK, BELGRADE, -5).lookBack.days).toEqual([]);
    // Ten years exactly is a period.
    expect(reportWindow({ from: '2015-12-31T23:00:00.000Z', to: '2025-12-31T23:00:00.000Z' }, BELGRADE).current.days).toHaveLength(3653);
  });

  it('gives an empty window for an unreadable period', () => {
    expect(reportWindow({ from: 'yesterday', to: JULY_WEEK.to }, BELGRADE).load).toEqual([]);
  });
});
