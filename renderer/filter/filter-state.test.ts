import { describe, expect, it } from 'vitest';
import { defaultFilter, toIndexFilter } from './filter-state';

describe('filter state', () => {
  it('defaults to the 30 days ending today, every kind and status', () => {
    const filter = defaultFilter(new Date(2026, 10, 26, 15));
    expect(filter).toEqual({ fromDate: '2026-10-28', toDate: '2026-11-26', kinds: [], statuses: [], missions: [], placeIds: [] });
  });

  it('becomes the store filter from local midnight to local midnight after the last day', () => {
    const index = toIndexFilter({ ...defaultFilter(new Date(2026, 10, 26)), kinds: ['incident'] });
    expect(index?.kinds).toEqual(['incident']);
    expect(new Date(index?.from ?? '').getDate()).toBe(28);
    expect(new Date(Date.parse(index?.to ?? '') - 1).getDate()).toBe(26);
  });

  it('has no store filter for a reversed period', () => {
    expect(toIndexFilter({ ...defaultFilter(new Date(2026, 10, 26)), fromDate: '2026-12-01' })).toBeNull();
  });
});
