import { describe, expect, it } from 'vitest';
import { MAX_FILTER_TEXT, clearedFilter, defaultFilter, filterFromStorage, hasNarrowing, toIndexFilter } from './filter-state';

const NOW = new Date(2026, 10, 26, 15);

describe('filter state', () => {
  it('defaults to the 30 days ending today, every kind, status, mission and place, no text', () => {
    const filter = defaultFilter(NOW);
    expect(filter).toEqual({ fromDate: '2026-10-28', toDate: '2026-11-26', kinds: [], statuses: [], missions: [], placeIds: [], text: '' });
  });

  it('becomes the store filter from local midnight to local midnight after the last day', () => {
    const index = toIndexFilter({ ...defaultFilter(new Date(2026, 10, 26)), kinds: ['incident'] });
    expect(index?.kinds).toEqual(['incident']);
    expect(new Date(index?.from ?? '').getDate()).toBe(28);
    expect(new Date(Date.parse(index?.to ?? '') - 1).getDate()).toBe(26);
  });

  it('passes missions and places to the store filter, but not the text (the summary is not in the day index)', () => {
    const index = toIndexFilter({ ...defaultFilter(NOW), missions: ['RS', 'MK'], placeIds: ['rs-presevo'], text: 'žena' });
    expect(index?.missions).toEqual(['RS', 'MK']);
    expect(index?.placeIds).toEqual(['rs-presevo']);
    expect(index).not.toHaveProperty('text');
  });

  it('has no store filter for a reversed period', () => {
    expect(toIndexFilter({ ...defaultFilter(new Date(2026, 10, 26)), fromDate: '2026-12-01' })).toBeNull();
  });

  it('knows when anything beyond the period narrows it, and clears all of that but the period', () => {
    const base = defaultFilter(NOW);
    expect(hasNarrowing(base)).toBe(false);
    expect(hasNarrowing({ ...base, text: '  , ' })).toBe(false);
    expect(hasNarrowing({ ...base, fromDate: '2015-06-01' })).toBe(false);
    for (const patch of [{ kinds: ['incident' as const] }, { statuses: ['verified' as const] }, { missions: ['RS' as const] }, { placeIds: ['rs-sid'] }, { text: 'zena' }]) {
      const narrowed = { ...base, fromDate: '2015-06-01', ...patch };
      expect(hasNarrowing(narrowed)).toBe(true);
      expect(clearedFilter(narrowed)).toEqual({ ...base, fromDate: '2015-06-01' });
    }
  });
});

describe('filter state kept for the session', () => {
  it('reads back what was saved', () => {
    const saved = { ...defaultFilter(NOW), fromDate: '2015-06-01', missions: ['RS'], placeIds: ['rs-presevo'], text: 'Preševo žena' };
    expect(filterFromStorage(JSON.stringify(saved), NOW)).toEqual(saved);
  });

  it('takes the default for a field an older version did not save (no text, no missions or places)', () => {
    const old = { fromDate: '2015-06-01', toDate: '2020-12-31', kinds: ['incident'], statuses: [] };
    expect(filterFromStorage(JSON.stringify(old), NOW)).toEqual({ ...defaultFilter(NOW), ...old, kinds: ['incident'] });
  });

  it('replaces malformed fields by their defaults and drops codes it does not know', () => {
    const bad = { fromDate: 'yesterday', toDate: 7, kinds: ['incident', 'alien'], statuses: 'verified', missions: ['RS', 12], placeIds: ['rs-sid', null], text: 42 };
    expect(filterFromStorage(JSON.stringify(bad), NOW)).toEqual({ ...defaultFilter(NOW), kinds: ['incident'], missions: ['RS'], placeIds: ['rs-sid'] });
    expect(filterFromStorage(JSON.stringify({ text: 'x'.repeat(5000) }), NOW).text).toHaveLength(MAX_FILTER_TEXT);
  });

  it('falls back to the default for nothing saved, broken JSON or a value that is not an object', () => {
    for (const saved of [null, '{', 'null', '[1,2]', '"text"', '12']) expect(filterFromStorage(saved, NOW)).toEqual(defaultFilter(NOW));
  });
});
