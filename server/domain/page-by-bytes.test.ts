import { describe, expect, it } from 'vitest';
import { rowsWithinBytes } from './page-by-bytes';

const rows = (...sizes: number[]) => sizes.map((bytes) => ({ bytes }));

describe('rowsWithinBytes', () => {
  it('takes rows until the next would pass the byte limit, and never more than the row limit', () => {
    expect(rowsWithinBytes(rows(40, 40, 40), 10, 100)).toBe(2);
    expect(rowsWithinBytes(rows(40, 40, 40), 2, 1000)).toBe(2);
    expect(rowsWithinBytes(rows(40, 60), 10, 100)).toBe(2);
  });

  it('always hands out the first row, however large, so that a pull never stalls on it', () => {
    expect(rowsWithinBytes(rows(5000, 1), 10, 100)).toBe(1);
    expect(rowsWithinBytes([], 10, 100)).toBe(0);
    // PostgreSQL returns bigint sums as text.
    expect(rowsWithinBytes([{ bytes: '60' }, { bytes: '60' }], 10, 100)).toBe(1);
  });
});
