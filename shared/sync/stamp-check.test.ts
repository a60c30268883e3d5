import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc, MAX_CLOCK_DRIFT_MS } from './hlc';
import { CLOCKED_FIELDS, checkStamps } from './stamp-check';
import { recordJsonBytes, utf8Length } from './record-size';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const stampAt = (wallMs: number, counter = 0, node = 'dev_a') => formatHlc({ wallMs, counter, node });

describe('checkStamps', () => {
  it('believes a record whose clocks are stamps of known fields, none after hlc nor ahead of the clock', () => {
    const hlc = stampAt(NOW + MAX_CLOCK_DRIFT_MS - 1);
    expect(checkStamps({ hlc }, NOW)).toBeUndefined();
    expect(checkStamps({ hlc, fieldClocks: { summary: hlc, reviewStatus: stampAt(NOW - 5_000), deleted: stampAt(0) } }, NOW)).toBeUndefined();
  });

  it('refuses an hlc that is not a stamp, or is too far ahead', () => {
    expect(checkStamps({ hlc: 'zzz' }, NOW)).toMatchObject({ code: 'invalid_stamp', field: 'hlc' });
    expect(checkStamps({ hlc: `${stampAt(NOW)};x` }, NOW)).toMatchObject({ code: 'invalid_stamp', field: 'hlc' });
    expect(checkStamps({ hlc: stampAt(NOW + MAX_CLOCK_DRIFT_MS + 60_000) }, NOW)).toMatchObject({ code: 'clock_skew', field: 'hlc', aheadMs: MAX_CLOCK_DRIFT_MS + 60_000 });
  });

  it('refuses a field clock far in the future, even beside an hlc as far ahead (so it can never win later honest edits)', () => {
    const future = stampAt(NOW + 365 * 86_400_000);
    expect(checkStamps({ hlc: future, fieldClocks: { summary: future } }, NOW)).toMatchObject({ code: 'clock_skew', field: 'hlc' });
    const hlc = stampAt(NOW);
    expect(checkStamps({ hlc, fieldClocks: { summary: future } }, NOW)).toMatchObject({ code: 'clock_skew', field: 'fieldClocks.summary' });
  });

  it('refuses a field clock that is not a stamp, later than hlc, or names no field that can change', () => {
    const hlc = stampAt(NOW);
    expect(checkStamps({ hlc, fieldClocks: { summary: 'newest' } }, NOW)).toMatchObject({ code: 'invalid_stamp', field: 'fieldClocks.summary' });
    expect(checkStamps({ hlc, fieldClocks: { summary: stampAt(NOW, 1) } }, NOW)).toMatchObject({ code: 'invalid_stamp', field: 'fieldClocks.summary' });
    for (const key of ['f00001', 'id', 'hlc', 'fieldClocks', '__proto__', 'constructor']) {
      const clocks: Record<string, string> = {};
      Object.defineProperty(clocks, key, { value: hlc, enumerable: true });
      expect(checkStamps({ hlc, fieldClocks: clocks }, NOW), key).toMatchObject({ code: 'invalid_stamp' });
    }
  });

  it('so a record can carry at most one clock per field, however many it sends', () => {
    const hlc = stampAt(NOW);
    const clocks = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`f${i}`, hlc]));
    expect(checkStamps({ hlc, fieldClocks: clocks }, NOW)).toMatchObject({ code: 'invalid_stamp' });
    expect(CLOCKED_FIELDS.size).toBeLessThan(40);
    expect(CLOCKED_FIELDS.has('summary') && CLOCKED_FIELDS.has('source') && CLOCKED_FIELDS.has('deleted')).toBe(true);
  });

  it('agrees with the rules on any record (property)', () => {
    const field = fc.constantFrom(...CLOCKED_FIELDS, 'nope', 'id');
    const wall = fc.integer({ min: 0, max: NOW + 2 * MAX_CLOCK_DRIFT_MS });
    const stamp = fc.oneof(
      fc.tuple(wall, fc.integer({ min: 0, max: 999_999 })).map(([w, c]) => stampAt(w, c)),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(stamp, fc.dictionary(field, stamp, { maxKeys: 8 }), (hlc, fieldClocks) => {
        const problem = checkStamps({ hlc, fieldClocks }, NOW);
        const isStamp = (s: string) => /^\d{15}-\d{6}-[A-Za-z0-9_]{1,40}$/.test(s);
        const ahead = (s: string) => Number(s.slice(0, 15)) - NOW > MAX_CLOCK_DRIFT_MS;
        const fine =
          isStamp(hlc) &&
          !ahead(hlc) &&
          Object.entries(fieldClocks).every(([k, s]) => CLOCKED_FIELDS.has(k) && isStamp(s) && !ahead(s) && s <= hlc);
        expect(problem === undefined).toBe(fine);
      }),
    );
  });
});

describe('recordJsonBytes', () => {
  it('counts UTF-8 bytes of the JSON text, as the wire does', () => {
    for (const text of ['plain', 'Ćirilica: Београд', '😀 emoji', '\u0001\ud800 lone', '']) {
      expect(utf8Length(JSON.stringify(text)), text).toBe(new TextEncoder().encode(JSON.stringify(text)).length);
      expect(recordJsonBytes({ text })).toBe(new TextEncoder().encode(JSON.stringify({ text })).length);
    }
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => utf8Length(JSON.stringify(text)) === new TextEncoder().encode(JSON.stringify(text)).length));
  });
});
