/**
 * The time slider's steps: the filtered period cut into local days or weeks. Days start
 * at local midnight (what a field office calls "Tuesday"), so they are built with the
 * calendar, not by adding 24 h: a day across a change of summer time is 23 or 25 h.
 */
export const TIME_STEPS = ['period', 'day', 'week'] as const;
export type TimeStep = (typeof TIME_STEPS)[number];

export interface TimeWindow {
  /** Inclusive start and exclusive end, ms since the epoch. */
  fromMs: number;
  toMs: number;
}

/** Most steps a slider offers: a period of years by day is not something to drag through. */
export const MAX_STEPS = 3660;

/**
 * The windows of a period [fromMs, toMs) by `step`: the whole period as one window, or
 * consecutive local days (weeks of seven local days from the period's first day); the
 * last window ends at the period's end.
 */
export function timeWindows(period: TimeWindow, step: TimeStep): TimeWindow[] {
  if (!(period.toMs > period.fromMs)) return [];
  if (step === 'period') return [{ fromMs: period.fromMs, toMs: period.toMs }];
  const days = step === 'day' ? 1 : 7;
  const out: TimeWindow[] = [];
  const cursor = new Date(period.fromMs);
  while (cursor.getTime() < period.toMs && out.length < MAX_STEPS) {
    const fromMs = cursor.getTime();
    cursor.setDate(cursor.getDate() + days);
    out.push({ fromMs, toMs: Math.min(cursor.getTime(), period.toMs) });
  }
  return out;
}

/** The step index holding `ms`, or the last one before it; 0 when there is none. */
export function windowIndexAt(windows: readonly TimeWindow[], ms: number): number {
  let found = 0;
  for (let i = 0; i < windows.length; i++) {
    const window = windows[i];
    if (window !== undefined && window.fromMs <= ms) found = i;
  }
  return found;
}
