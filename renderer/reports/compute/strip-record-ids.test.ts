import { describe, expect, it } from 'vitest';
import { stripRecordIds } from './strip-record-ids';

describe('stripRecordIds', () => {
  it('empties every figure’s record ids at any depth and keeps everything else', () => {
    const figures = {
      total: { value: 3, records: 2, recordIds: ['a', 'b'] },
      byPlace: [{ placeId: 'p', total: { value: 1, records: 1, recordIds: ['a'] } }],
      nested: { deeper: { list: [[{ recordIds: ['c'], records: 1 }]] } },
      recordIdsCount: 4,
      names: ['recordIds'],
    };
    expect(stripRecordIds(figures)).toEqual({
      total: { value: 3, records: 2, recordIds: [] },
      byPlace: [{ placeId: 'p', total: { value: 1, records: 1, recordIds: [] } }],
      nested: { deeper: { list: [[{ recordIds: [], records: 1 }]] } },
      recordIdsCount: 4,
      names: ['recordIds'],
    });
  });
});
