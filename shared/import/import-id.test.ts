import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
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
        expect(earlier < later, `${earlier} < ${later}`).toBe(true);
        expect(z.uuid().safeParse(later).success, later).toBe(true);
      }),
    );
  });

  it('writes canonical JSON with sorted keys and no undefined members', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":1}');
  });
});

/** The first, plain writing of canonicalJson: the faster one must give the same text, or re-imports would find other ids. */
function referenceCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonicalJson(v)}`).join(',')}}`;
  }
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return 'null';
  return JSON.stringify(value);
}

describe('canonical JSON, written fast', () => {
  it('is the plain writing’s text for any JSON-like value, keys holding the separator included', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('a', 'b', 'a\u0000b', 'b\u0000', '\u0000', 'constructor', '__proto__'));
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 5 })),
    })).node;
    fc.assert(fc.property(value, (v) => canonicalJson(v) === referenceCanonicalJson(v)), { numRuns: 2000 });
    // Same-length key lists that join alike under the separator.
    expect(canonicalJson({ 'a\u0000b': 1, c: 2 })).toBe(referenceCanonicalJson({ 'a\u0000b': 1, c: 2 }));
    expect(canonicalJson({ a: 1, 'b\u0000c': 2 })).toBe(referenceCanonicalJson({ a: 1, 'b\u0000c': 2 }));
  });

  it('hashes the text\'s UTF-8 as the plain writing did: any text, long ones and lone surrogates included', () => {
    // The plain writing: a new array of the text's UTF-8 per id, its digest's bytes as hex.
    const reference = (content: unknown, office: string, wallMs: number): string => {
      const digest = sha256(utf8ToBytes(`routewatch-import/1\n${office}\n${referenceCanonicalJson(content)}`));
      const bytes = new Uint8Array(16);
      for (let i = 0; i < 6; i += 1) bytes[i] = Math.floor(wallMs / 2 ** (8 * (5 - i))) % 256;
      bytes.set(digest.subarray(0, 10), 6);
      bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
      bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
      const h = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    };
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 3000 }), fc.constantFrom('Прешево', 'Đevđelija', '\ud800', 'a\udfffb', 'é'.repeat(5000)));
    fc.assert(
      fc.property(text, fc.string(), fc.integer({ min: 0, max: 2 ** 47 }), (summary, office, wallMs) => {
        expect(importId({ summary, n: 1 }, office, wallMs)).toBe(reference({ summary, n: 1 }, office, wallMs));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the ids of the first import version', () => {
    // Computed with the plain writing before it was made faster: a change here breaks "importing the same file twice adds nothing".
    expect(importId({ kind: 'secondary_source', totalPersons: 10, source: { type: 'ngo', name: 'X' }, nationalities: [{ code: 'SYR', count: 10 }] }, 'RS-BEL', Date.UTC(2015, 9, 21))).toBe('015087b1-fc00-75c4-aed8-7250963c2295');
  });
});
