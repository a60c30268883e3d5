import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockSkewError, formatHlc, initialHlc, MAX_CLOCK_DRIFT_MS, parseHlc, receiveHlc, tickHlc } from './hlc';

describe('hybrid logical clock', () => {
  it('round-trips through its text form', () => {
    const s = { wallMs: 1_772_445_600_123, counter: 7, node: 'dabc123' };
    expect(parseHlc(formatHlc(s))).toEqual(s);
  });

  it('never goes backwards on one device, even when the wall clock does', () => {
    let c = initialHlc('a');
    const stamps: string[] = [];
    for (const now of [1000, 2000, 1500, 1500, 900, 3000]) {
      c = tickHlc(c, now);
      stamps.push(formatHlc(c));
    }
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('orders a local event after a remote one it has seen', () => {
    const remote = { wallMs: 5000, counter: 3, node: 'b' };
    const merged = receiveHlc({ wallMs: 4000, counter: 0, node: 'a' }, remote, 4500);
    const next = tickHlc(merged, 4600);
    expect(formatHlc(next) > formatHlc(remote)).toBe(true);
  });

  it('refuses a remote clock too far ahead instead of adopting it', () => {
    expect(() => receiveHlc(initialHlc('a'), { wallMs: 1000 + MAX_CLOCK_DRIFT_MS + 1, counter: 0, node: 'b' }, 1000)).toThrow(
      ClockSkewError,
    );
  });

  it('rejects malformed stamps and node ids', () => {
    expect(() => parseHlc('12-3-a')).toThrow();
    expect(() => parseHlc(`${'0'.repeat(15)}-000000-a;drop`)).toThrow();
    expect(() => initialHlc('bad node')).toThrow();
  });

  it('string order equals (wall, counter, node) order', () => {
    const arb = fc.record({ wallMs: fc.nat(1e14), counter: fc.nat(999_999), node: fc.stringMatching(/^[a-z0-9]{1,8}$/) });
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const byTuple =
          a.wallMs !== b.wallMs ? a.wallMs - b.wallMs : a.counter !== b.counter ? a.counter - b.counter : a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
        const byText = formatHlc(a) < formatHlc(b) ? -1 : formatHlc(a) > formatHlc(b) ? 1 : 0;
        expect(Math.sign(byText)).toBe(Math.sign(byTuple));
      }),
    );
  });
});
