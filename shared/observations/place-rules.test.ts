import { describe, expect, it } from 'vitest';
import { countryOfOffice, medianOf, officeCountryWarning, placeWarnings, unusualCountWarning } from './place-rules';

const tabanovce = { name: 'Tabanovce', country: 'MK' };

describe('countryOfOffice', () => {
  it.each([
    ['RS-BEL', 'RS'],
    ['MK-KUM', 'MK'],
    ['XK-PRI', 'XK'],
    ['HQ-VIE', null],
    ['nonsense', null],
    ['', null],
  ])('%s records in %s', (office, country) => {
    expect(countryOfOffice(office)).toBe(country);
  });
});

describe('officeCountryWarning', () => {
  it('warns for an RS-BEL record at Tabanovce, North Macedonia, naming both', () => {
    expect(officeCountryWarning('RS-BEL', tabanovce)).toEqual([
      { field: 'placeId', message: 'validation.placeInOtherCountry', params: { place: 'Tabanovce', placeCountry: 'MK', office: 'RS-BEL', officeCountry: 'RS' } },
    ]);
  });

  it('says nothing for an office in its own country, for headquarters, or without a gazetteer place', () => {
    expect(officeCountryWarning('MK-KUM', tabanovce)).toEqual([]);
    expect(officeCountryWarning('HQ-VIE', tabanovce)).toEqual([]);
    expect(officeCountryWarning('RS-BEL', undefined)).toEqual([]);
  });
});

describe('medianOf', () => {
  it('is the middle value, or the mean of the middle two', () => {
    expect(medianOf([85, 3, 120])).toBe(85);
    expect(medianOf([10, 40, 20, 30])).toBe(25);
    expect(medianOf([7])).toBe(7);
    expect(medianOf([])).toBeNaN();
  });
});

describe('unusualCountWarning', () => {
  // Sorted: 40 70 80 85 90 100 2000: the median is 85; ten times that is 850.
  const usual = { name: 'Tabanovce', recentTotals: [80, 90, 85, 2000, 70, 100, 40] };

  it('warns for 1,200 where the median of 7 records is 85 (1,200 > 850), naming the rule', () => {
    expect(unusualCountWarning(1200, usual)).toEqual([
      { field: 'totalPersons', message: 'validation.unusualCount', params: { total: 1200, place: 'Tabanovce', median: 85, days: 90, records: 7, factor: 10 } },
    ]);
  });

  it('says nothing at exactly ten times the median, or below', () => {
    expect(unusualCountWarning(850, usual)).toEqual([]);
    expect(unusualCountWarning(851, usual)).toHaveLength(1);
    expect(unusualCountWarning(300, usual)).toEqual([]);
  });

  it('says nothing with fewer than 5 records, however big the count', () => {
    expect(unusualCountWarning(100_000, { name: 'Tabanovce', recentTotals: [1, 2, 3, 4] })).toEqual([]);
    expect(unusualCountWarning(100_000, { name: 'Tabanovce', recentTotals: [1, 2, 3, 4, 5] })).toHaveLength(1);
  });

  it('says nothing under 50 persons: 12 where 1 is usual is ordinary', () => {
    const quiet = { name: 'Lojane', recentTotals: [1, 1, 1, 2, 0] };
    expect(unusualCountWarning(12, quiet)).toEqual([]);
    expect(unusualCountWarning(49, quiet)).toEqual([]);
    // The median is 1: 50 is more than ten times it.
    expect(unusualCountWarning(50, quiet)[0]?.params).toMatchObject({ median: 1, total: 50 });
  });

  it('says nothing without a gazetteer place', () => {
    expect(unusualCountWarning(1_000_000, undefined)).toEqual([]);
  });
});

describe('placeWarnings', () => {
  it('gives both warnings when both rules find something', () => {
    const place = { ...tabanovce, recentTotals: [80, 90, 85, 70, 100] };
    expect(placeWarnings({ totalPersons: 1200 }, 'RS-BEL', place).map((w) => w.message)).toEqual(['validation.placeInOtherCountry', 'validation.unusualCount']);
    expect(placeWarnings({ totalPersons: 95 }, 'MK-KUM', place)).toEqual([]);
  });
});
