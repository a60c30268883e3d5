import { describe, expect, it } from 'vitest';
import { isNationalityCode, NATIONALITY_CODES } from './nationalities';

describe('nationality codes', () => {
  it('hold the whole ISO 3166-1 alpha-3 list and the ICAO extras', () => {
    expect(NATIONALITY_CODES.length).toBeGreaterThanOrEqual(249);
    for (const code of ['AFG', 'SYR', 'IRQ', 'PAK', 'MAR', 'SRB', 'XKX', 'XXA', 'XXX']) expect(isNationalityCode(code)).toBe(true);
    expect(isNationalityCode('XKK')).toBe(false);
    expect(isNationalityCode('afg')).toBe(false);
    expect(NATIONALITY_CODES.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
  });
});
