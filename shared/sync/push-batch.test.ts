import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc } from './hlc';
import { fitPushBatch } from './push-batch';
import { SYNC_PROTOCOL_VERSION } from './protocol';
import type { SyncChange } from './protocol';
import { utf8Length } from './record-size';

function changeWith(summary: string, n: number): SyncChange {
  const hlc = formatHlc({ wallMs: 1_770_000_000_000, counter: n, node: 'dev-a' });
  return {
    changeId: `01900000-0000-7000-9000-${String(n).padStart(12, '0')}`,
    record: {
      id: `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`,
      kind: 'group_sighting',
      mission: 'RS',
      office: 'RS-BEL',
      author: 'A',
      device: 'dev-a',
      observedStart: '2026-03-01T10:00:00.000Z',
      reportedAt: '2026-03-01T10:00:00.000Z',
      placeId: 'rs-presevo',
      location: null,
      locationMethod: 'gazetteer',
      totalPersons: 1,
      summary,
      reviewStatus: 'submitted',
      deleted: false,
      hlc,
    },
  };
}

/** The request as the transport sends it. */
const requestBytes = (changes: readonly SyncChange[]) => utf8Length(JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, changes, pending: 1_000_000_000 }));

describe('fitPushBatch', () => {
  it('keeps every change when they fit, in order', () => {
    const changes = Array.from({ length: 20 }, (_, i) => changeWith('short', i));
    expect(fitPushBatch(changes, 1_000_000)).toEqual(changes);
  });

  it('closes the batch before the request would pass the limit, whatever the sizes (escaped and multi-byte text included)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 400 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 600, max: 20_000 }), (summaries, limit) => {
        const changes = summaries.map((summary, i) => changeWith(summary, i));
        const fitted = fitPushBatch(changes, limit);
        expect(fitted).toEqual(changes.slice(0, fitted.length));
        expect(fitted.length).toBeGreaterThanOrEqual(1);
        if (fitted.length > 1) expect(requestBytes(fitted)).toBeLessThanOrEqual(limit);
        // Not closed early: the next change would not have fitted.
        if (fitted.length < changes.length) expect(requestBytes(changes.slice(0, fitted.length + 1))).toBeGreaterThan(limit - 256);
      }),
    );
  });

  it('sends a change larger than the limit alone rather than never', () => {
    const big = changeWith('x'.repeat(5_000), 1);
    expect(fitPushBatch([big, changeWith('small', 2)], 1_000)).toEqual([big]);
  });
});
