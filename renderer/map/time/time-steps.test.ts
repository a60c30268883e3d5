import { describe, expect, it } from 'vitest';
import { MAX_STEPS, timeWindows, windowIndexAt } from './time-steps';

const local = (date: string) => new Date(`${date}T00:00:00`).getTime();

describe('time slider steps', () => {
  const period = { fromMs: local('2026-03-01'), toMs: local('2026-03-11') };

  it('offers the whole period as one step', () => {
    expect(timeWindows(period, 'period')).toEqual([period]);
  });

  it('cuts the period into local days, ends exclusive, covering it without gaps', () => {
    const days = timeWindows(period, 'day');
    expect(days).toHaveLength(10);
    expect(days[0]).toEqual({ fromMs: local('2026-03-01'), toMs: local('2026-03-02') });
    expect(days[9]).toEqual({ fromMs: local('2026-03-10'), toMs: local('2026-03-11') });
    for (let i = 1; i < days.length; i++) expect(days[i]?.fromMs).toBe(days[i - 1]?.toMs);
  });

  it('cuts weeks from the first day; the last week ends with the period', () => {
    const weeks = timeWindows(period, 'week');
    expect(weeks).toEqual([
      { fromMs: local('2026-03-01'), toMs: local('2026-03-08') },
      { fromMs: local('2026-03-08'), toMs: local('2026-03-11') },
    ]);
  });

  it('starts each day at local midnight, also across a change of summer time', () => {
    const days = timeWindows({ fromMs: local('2026-03-28'), toMs: local('2026-04-01') }, 'day');
    expect(days.map((d) => new Date(d.fromMs).getHours())).toEqual([0, 0, 0, 0]);
  });

  it('gives no steps for an empty or reversed period, and caps very long ones', () => {
    expect(timeWindows({ fromMs: 5, toMs: 5 }, 'day')).toEqual([]);
    expect(timeWindows({ fromMs: 10, toMs: 5 }, 'period')).toEqual([]);
    expect(timeWindows({ fromMs: local('2000-01-01'), toMs: local('2026-01-01') }, 'day')).toHaveLength(MAX_STEPS);
  });

  it('finds the step holding a time', () => {
    const days = timeWindows(period, 'day');
    expect(windowIndexAt(days, local('2026-03-05') + 3_600_000)).toBe(4);
    expect(windowIndexAt(days, local('2026-02-01'))).toBe(0);
    expect(windowIndexAt(days, local('2026-05-01'))).toBe(9);
  });
});
