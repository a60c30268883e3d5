import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMULA_TRIGGERS, TEXT_PREFIX, csvText, neutraliseText, safeCell, startsFormula } from './spreadsheet-cell';

/** Strings built from the characters that matter here, so that triggers are common, not rare. */
const hostileChars = fc.constantFrom(...FORMULA_TRIGGERS, '\u0001', '\u000b', '\u001f', '\u007f', ' ', "'", '"', ',', ';', 'a', 'Ж', '1', '|', '(', ')', '\u00A0');
const hostileString = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: hostileChars, maxLength: 12 }));

function firstNonSpace(text: string): string | undefined {
  return Array.from(text).find((c) => c !== ' ');
}

describe('safeCell', () => {
  it('never yields a text cell whose first non-space character is a formula trigger', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        // Asserted with expect (not a returned boolean) so that Vitest counts the check.
        const cell = safeCell(text);
        if (cell.type !== 'text') {
          expect({ type: cell.type, text }).toEqual({ type: 'empty', text: '' });
          return;
        }
        const first = firstNonSpace(cell.value);
        const safe = first === undefined || (!FORMULA_TRIGGERS.includes(first) && first.charCodeAt(0) >= 0x20 && first !== '\u007f');
        expect(safe, JSON.stringify(cell.value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('changes a text only by one leading quote, and only when it could start a formula', () => {
    fc.assert(
      fc.property(hostileString.filter((s) => s !== ''), (text) => {
        const cell = safeCell(text);
        expect(cell.type).toBe('text');
        const written = cell.type === 'text' ? cell.value : '';
        if (startsFormula(text)) expect(written).toBe(TEXT_PREFIX + text);
        else expect(written).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('neutralises every trigger, the full-width and small forms, and triggers behind spaces', () => {
    const cases = ['=cmd|\' /C calc\'!A0', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '\n=1', '\u0000=1', '＝1+1', '＋1', '－1', '＠SUM', '﹦1', '﹢1', '﹣1', '﹫x', '−1', '  =1+1', '\u0001=1', '\u001f@x', '\u007f+1', '=HYPERLINK("x")\nmore'];
    for (const text of cases) expect(csvText(safeCell(text))).toBe(`'${text}`);
  });

  it('leaves ordinary text alone, Cyrillic and a leading quote included', () => {
    for (const text of ['Суботица', 'Šid', "'already quoted", 'a=b', '12 persons', ' leading space', 'x-1']) {
      expect(safeCell(text)).toEqual({ type: 'text', value: text });
    }
  });

  it('keeps finite numbers as numbers, negatives included, and writes them plainly in CSV', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const cell = safeCell(n);
        expect(cell.type).toBe('number');
        const text = csvText(cell);
        expect(Number(text)).toBe(n === 0 ? 0 : n);
        expect(text.startsWith("'")).toBe(false);
      }),
    );
    expect(csvText(safeCell(-12))).toBe('-12');
    expect(csvText(safeCell(-0))).toBe('0');
  });

  it('writes nothing for null, undefined, NaN and infinities', () => {
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '']) {
      expect(safeCell(value)).toEqual({ type: 'empty' });
    }
  });

  it('keeps dates and booleans typed, and turns anything else into safe text', () => {
    const date = new Date('2015-10-01T08:00:00Z');
    expect(safeCell(date)).toEqual({ type: 'date', value: date });
    expect(csvText(safeCell(date))).toBe('2015-10-01T08:00:00.000Z');
    expect(safeCell(new Date(Number.NaN))).toEqual({ type: 'empty' });
    expect(csvText(safeCell(true))).toBe('true');
    expect(safeCell(['=1'])).toEqual({ type: 'text', value: '["=1"]' });
    expect(safeCell({ a: '-1' })).toEqual({ type: 'text', value: '{"a":"-1"}' });
    expect(neutraliseText('-5')).toBe("'-5");
  });
});
