/**
 * Hybrid logical clock (Kulkarni et al., 2014). A stamp orders events across devices
 * even when their wall clocks disagree a little, and never goes backwards on one device.
 *
 * Encoding: `<wall ms, 15 digits>-<counter, 6 digits>-<node id>`, so that plain string
 * comparison is the clock order and ties between devices break on the node id, which
 * makes the winner of two concurrent edits the same on every device.
 */

export interface HlcState {
  readonly wallMs: number;
  readonly counter: number;
  readonly node: string;
}

/** Largest lead a remote clock may have over ours before we call it skew, not news. */
export const MAX_CLOCK_DRIFT_MS = 10 * 60 * 1000;
const MAX_COUNTER = 999_999;

export class ClockSkewError extends Error {
  constructor(readonly driftMs: number) {
    super(`remote clock is ${Math.round(driftMs / 1000)} s ahead of this device`);
    this.name = 'ClockSkewError';
  }
}

export function initialHlc(node: string): HlcState {
  if (!/^[A-Za-z0-9_]{1,40}$/.test(node)) throw new Error('HLC node id must be 1-40 word characters');
  return { wallMs: 0, counter: 0, node };
}

export function formatHlc(s: HlcState): string {
  return `${String(s.wallMs).padStart(15, '0')}-${String(s.counter).padStart(6, '0')}-${s.node}`;
}

export function parseHlc(text: string): HlcState {
  const m = /^(\d{15})-(\d{6})-([A-Za-z0-9_]{1,40})$/.exec(text);
  if (!m?.[1] || !m[2] || !m[3]) throw new Error(`not an HLC stamp: ${text.slice(0, 80)}`);
  return { wallMs: Number(m[1]), counter: Number(m[2]), node: m[3] };
}

/** Stamp a local event. */
export function tickHlc(prev: HlcState, nowMs: number): HlcState {
  const wallMs = Math.max(prev.wallMs, nowMs);
  const counter = wallMs === prev.wallMs ? prev.counter + 1 : 0;
  if (counter > MAX_COUNTER) throw new Error('HLC counter overflow');
  return { wallMs, counter, node: prev.node };
}

/**
 * Merge a stamp seen on a remote change, so that our next local stamp sorts after it.
 * A remote stamp too far in our future is refused rather than adopted: adopting it
 * would make every later local edit lose to nothing but a wrong clock.
 */
export function receiveHlc(prev: HlcState, remote: HlcState, nowMs: number): HlcState {
  const drift = remote.wallMs - nowMs;
  if (drift > MAX_CLOCK_DRIFT_MS) throw new ClockSkewError(drift);
  const wallMs = Math.max(prev.wallMs, remote.wallMs, nowMs);
  let counter: number;
  if (wallMs === prev.wallMs && wallMs === remote.wallMs) counter = Math.max(prev.counter, remote.counter) + 1;
  else if (wallMs === prev.wallMs) counter = prev.counter + 1;
  else if (wallMs === remote.wallMs) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) throw new Error('HLC counter overflow');
  return { wallMs, counter, node: prev.node };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
