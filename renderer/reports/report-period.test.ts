import { describe, expect, it } from 'vitest';
import { defaultDates, periodFromDates } from './report-period';

describe('report period', () => {
  it('runs from local midnight of the first day to local midnight after the last', () => {
    const period = periodFromDates('2026-03-01', '2026-03-07');
    expect(period).not.toBeNull();
    expect(new Date(period?.from ?? '').getDate()).toBe(1);
    expect(Date.parse(period?.to ?? '') - Date.parse(period?.from ?? '')).toBeGreaterThanOrEqual(7 * 86_400_000 - 3_600_000);
  });

  it('refuses reversed or missing dates', () => {
    expect(periodFromDates('2026-03-07', '2026-03-01')).toBeNull();
    expect(periodFromDates('', '2026-03-01')).toBeNull();
  });

  it('defaults to the seven days ending today', () => {
    expect(defaultDates(new Date(2026, 2, 10, 15))).toEqual({ from: '2026-03-04', to: '2026-03-10' });
  });
});
