import { describe, expect, it } from 'vitest';
import { formatTable, printable, shortTime } from './text-table';

describe('printable', () => {
  it('keeps names as typed, accents and scripts included', () => {
    expect(printable('Ana Petrović')).toBe('Ana Petrović');
    expect(printable('Мирослав Јовановић')).toBe('Мирослав Јовановић');
  });

  it('shows escape sequences, controls and bidi overrides as escapes, so a name cannot draw on the terminal', () => {
    expect(printable('a\u001b[2Jb')).toBe('a\\u{001b}[2Jb');
    expect(printable('x\ny\rz\u0007')).toBe('x\\u{000a}y\\u{000d}z\\u{0007}');
    expect(printable('evil\u202Egnp.exe')).toBe('evil\\u{202e}gnp.exe');
    expect(printable('\u009b31m')).toBe('\\u{009b}31m');
  });
});

describe('formatTable', () => {
  it('pads columns to the widest cell', () => {
    expect(formatTable(['A', 'LONGER', 'LAST'], [['xyz', 'b', 'tail'], ['č', 'dd', '']])).toEqual([
      'A    LONGER  LAST',
      'xyz  b       tail',
      'č    dd',
    ]);
  });

  it('escapes cells before measuring them', () => {
    const [, row] = formatTable(['N', 'M'], [['\u001b', 'x']]);
    expect(row).toBe('\\u{001b}  x');
  });
});

describe('shortTime', () => {
  it('writes UTC minutes, or a dash for never', () => {
    expect(shortTime('2026-12-04T23:10:59.123Z')).toBe('2026-12-04 23:10Z');
    expect(shortTime(null)).toBe('-');
  });
});
