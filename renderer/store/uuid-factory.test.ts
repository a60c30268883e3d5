import { describe, expect, it } from 'vitest';
import { createUuidFactory } from './uuid-factory';

describe('createUuidFactory', () => {
  it('makes distinct, time-stamped UUIDv7 ids across pool refills', () => {
    const next = createUuidFactory();
    const ids = Array.from({ length: 10_000 }, () => next());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The leading 48 bits are the creation time in milliseconds.
    const ms = parseInt(ids[0]?.replaceAll('-', '').slice(0, 12) ?? '', 16);
    expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
  });
});
