import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, generateEnrolmentCode, hashEnrolmentCode, normaliseEnrolmentCode } from './enrolment-code';
import { generateDeviceId, generateToken, secretsEqual } from './secrets';

describe('enrolment codes', () => {
  it('are four groups of four characters from an alphabet without look-alikes', () => {
    expect(CODE_ALPHABET).not.toMatch(/[01ILO]/);
    for (let i = 0; i < 200; i++) {
      const code = generateEnrolmentCode();
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      for (const ch of code.replaceAll('-', '')) expect(CODE_ALPHABET).toContain(ch);
    }
  });

  it('are different each time', () => {
    const codes = new Set(Array.from({ length: 1000 }, generateEnrolmentCode));
    expect(codes.size).toBe(1000);
  });

  it('hash the same however they are typed', () => {
    expect(normaliseEnrolmentCode(' abcd-efgh jkmn\tpqrs ')).toBe('ABCDEFGHJKMNPQRS');
    expect(hashEnrolmentCode('abcd efgh jkmn pqrs')).toBe(hashEnrolmentCode('ABCD-EFGH-JKMN-PQRS'));
    expect(hashEnrolmentCode('ABCD-EFGH-JKMN-PQRS')).not.toBe(hashEnrolmentCode('ABCD-EFGH-JKMN-PQRT'));
    expect(hashEnrolmentCode('ABCD-EFGH-JKMN-PQRS')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('tokens and device ids', () => {
  it('tokens are 32 random bytes in base64url', () => {
    const token = generateToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(generateToken()).not.toBe(token);
  });

  it('device ids are valid HLC node ids', () => {
    expect(generateDeviceId()).toMatch(/^[A-Za-z0-9_]{1,40}$/);
  });

  it('compares secrets of any length', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
    expect(secretsEqual('', 'x')).toBe(false);
  });
});
