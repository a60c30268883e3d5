import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from '../schema/zod';
import { observationSchema } from '../observations/observation-schema';
import { canonicalJson, importId } from './import-id';

const uuid = observationSchema.shape.id;

describe('the id of an imported record', () => {
  it('is the same for the same content whatever the order of its keys, and a valid UUIDv7', () => {
    const a = importId({ kind: 'secondary_source', totalPersons: 10, source: { type: 'ngo', name: 'X' } }, 'RS-BEL', Date.UTC(2015, 9, 21));
    const b = importId({ source: { name: 'X', type: 'ngo' }, totalPersons: 10, kind: 'secondary_source' }, 'RS-BEL', Date.UTC(2015, 9, 21));
    expect(a).toBe(b);
    expect(uuid.safeParse(a).success).toBe(true);
    expect(a[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(a[19]);
  });

  it('differs with the content and with the importing office', () => {
    const base = importId({ totalPersons: 10 }, 'RS-BEL', 0);
    expect(importId({ totalPersons: 11 }, 'RS-BEL', 0)).not.toBe(base);
    expect(importId({ totalPersons: 10 }, 'MK-SKP', 0)).not.toBe(base);
  });

  it('orders by the observation date, as the store expects of ids', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 1, max: 2 ** 20 }), (t, gap) => {
        const earlier = importId({ n: 1 }, 'RS-BEL', t);
        const later = importId({ n: 2 }, 'RS-BEL', t + gap);
        return earlier < later && z.uuid().safeParse(later).success;
      }),
    );
  });

  it('writes canonical JSON with sorted keys and no undefined members', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":1}');
  });
});
