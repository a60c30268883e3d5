import { describe, expect, it } from 'vitest';
import { passphraseProblem } from './passphrase-rule';
import { formatRecoveryKey, newRecoveryKey, normaliseRecoveryKey } from './recovery-key';

describe('passphrase rule', () => {
  it.each([
    ['', 'too-short'],
    ['short pass', 'too-short'],
    ['aaaaaaaaaaaaaaaa', 'too-simple'],
    ['121212121212', 'too-simple'],
    ['correct horse battery', null],
    ['čšžćđ ČŠŽĆĐ ok', null],
  ])('%j: %s', (passphrase, problem) => {
    expect(passphraseProblem(passphrase)).toBe(problem);
  });
});

describe('recovery key', () => {
  it('is 8 groups of 4 from a 32-letter alphabet without I, L, O, U', () => {
    const key = newRecoveryKey();
    expect(key).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(newRecoveryKey()).not.toBe(key);
  });

  it('encodes known bytes', () => {
    expect(newRecoveryKey((b) => b.fill(0))).toBe('0000-0000-0000-0000-0000-0000-0000-0000');
    expect(newRecoveryKey((b) => b.fill(255))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  });

  it('reads back what a person copied: case, spaces, O for 0, I or L for 1', () => {
    const key = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';
    expect(normaliseRecoveryKey(key)).toBe(key.replace(/-/g, ''));
    expect(normaliseRecoveryKey('abcd efgh jkmn pqrs tvwx yzoi 2345 6789')).toBe(key.replace(/-/g, ''));
    expect(normaliseRecoveryKey('abcd efgh jkmn pqrs tvwx yzol 2345 6789')).toBe(key.replace(/-/g, ''));
    expect(formatRecoveryKey(key.replace(/-/g, ''))).toBe(key);
  });

  it.each(['', 'ABCD', 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-678U', 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-0000', '<script>'])(
    'refuses %j',
    (typed) => {
      expect(normaliseRecoveryKey(typed)).toBeNull();
    },
  );
});
