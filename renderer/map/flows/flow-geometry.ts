/**
 * The shape of one flow arrow in screen pixels (at one zoom): a shaft bent to the right
 * of its direction, so that A->B and B->A lie side by side instead of on top of each
 * other, stopping short of the places' markers, with a triangular head at its middle.
 * The head is at the middle, not at the tip, because the tip lies at a place, where the
 * cluster badges are (drawn above the flows so that their numbers stay readable): a head
 * there would be hidden. Pure arithmetic on points, so it is tested without a map.
 */

export interface XY {
  readonly x: number;
  readonly y: number;
}

export interface ArrowShape {
  /** Points along the whole shaft, start to end. */
  shaft: XY[];
  /** Tip, then the two corners of the base; centred on the middle of the shaft. */
  head: [XY, XY, XY];
}

/** Bend: the control point's distance from the chord's middle, as a share of the chord. */
export const FLOW_BEND = 0.18;
/** Pixels left free at the start and before the tip (a place marker's radius or so). */
export const FLOW_START_GAP = 5;
export const FLOW_END_GAP = 7;
const SAMPLES = 24;

/** The arrowhead's length and half-width for a shaft width: visible on thin flows, not huge on wide ones. */
export function headSize(width: number): { length: number; halfWidth: number } {
  return { length: 7 + width * 1.1, halfWidth: 3 + width * 0.85 };
}

function bezier(a: XY, c: XY, b: XY, t: number): XY {
  const u = 1 - t;
  return { x: u * u * a.x + 2 * u * t * c.x + t * t * b.x, y: u * u * a.y + 2 * u * t * c.y + t * t * b.y };
}

/**
 * The arrow from `a` to `b` for a shaft `width` pixels wide, or null when the two points
 * are (nearly) the same pixel. Short arrows drop the gaps and shrink the head so that
 * something still shows the direction.
 */
export function arrowShape(a: XY, b: XY, width: number): ArrowShape | null {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const chord = Math.hypot(dx, dy);
  if (!(chord >= 1)) return null;
  // Right of the direction in screen coordinates (y grows downwards): (-dy, dx).
  const bend = chord * FLOW_BEND;
  const control = { x: (a.x + b.x) / 2 - (dy / chord) * bend, y: (a.y + b.y) / 2 + (dx / chord) * bend };
  const points: XY[] = [];
  const lengths: number[] = [0];
  for (let i = 0; i <= SAMPLES; i++) {
    const p = bezier(a, control, b, i / SAMPLES);
    const prev = points[i - 1];
    if (prev) lengths.push((lengths[i - 1] ?? 0) + Math.hypot(p.x - prev.x, p.y - prev.y));
    points.push(p);
  }
  const total = lengths[SAMPLES] ?? chord;
  let { length: headLength, halfWidth } = headSize(width);
  let startGap = FLOW_START_GAP;
  let endGap = FLOW_END_GAP;
  if (total < startGap + endGap + headLength * 2) {
    startGap = 0;
    endGap = 0;
    const scale = Math.min(1, (total * 0.5) / headLength);
    headLength *= scale;
    halfWidth *= scale;
  }
  const at = (distance: number): XY => {
    let i = 1;
    while (i < SAMPLES && (lengths[i] ?? 0) < distance) i++;
    const l0 = lengths[i - 1] ?? 0;
    const l1 = lengths[i] ?? l0;
    const p0 = points[i - 1] ?? a;
    const p1 = points[i] ?? b;
    const f = l1 > l0 ? (distance - l0) / (l1 - l0) : 0;
    return { x: p0.x + (p1.x - p0.x) * f, y: p0.y + (p1.y - p0.y) * f };
  };
  const endDistance = total - endGap;
  const shaft: XY[] = [at(startGap)];
  for (let i = 1; i < SAMPLES; i++) {
    const l = lengths[i] ?? 0;
    if (l > startGap && l < endDistance) shaft.push(points[i] ?? a);
  }
  shaft.push(at(endDistance));
  const middle = (startGap + endDistance) / 2;
  const base = at(middle - headLength / 2);
  const tip = at(middle + headLength / 2);
  // The chord of the curve over the head's length gives its direction.
  const span = Math.hypot(tip.x - base.x, tip.y - base.y) || 1;
  const ux = (tip.x - base.x) / span;
  const uy = (tip.y - base.y) / span;
  const head: [XY, XY, XY] = [tip, { x: base.x - uy * halfWidth, y: base.y + ux * halfWidth }, { x: base.x + uy * halfWidth, y: base.y - ux * halfWidth }];
  return { shaft, head };
}

/**
 * The shortest chord (pixels from end to end) whose arrowhead lies wholly outside
 * `clearance` pixels of both ends, for a shaft `width` pixels wide. With no clearance,
 * any arrow with a shape (a chord of at least a pixel). The head is centred one pixel
 * before the curve's middle (the end gap is 2 px longer than the start gap), and a point
 * of the curve lies at most 1 % closer to an end than its distance along it (FLOW_BEND
 * 0.18), hence the spare pixels.
 */
export function minClearChord(width: number, clearance: number): number {
  if (!(clearance > 0)) return 1;
  return 2 * (clearance + 1) + headSize(width).length + (FLOW_END_GAP - FLOW_START_GAP);
}

export const FLOW_WIDTH_MIN = 1.5;
export const FLOW_WIDTH_MAX = 14;

/**
 * Shaft width for `persons` when the largest flow drawn has `maxPersons`: square-root
 * scale (a flow four times larger is twice as wide), from FLOW_WIDTH_MIN to a maximum.
 */
export function flowWidth(persons: number, maxPersons: number, maxWidth = FLOW_WIDTH_MAX): number {
  if (!(maxPersons > 0) || !(persons > 0)) return FLOW_WIDTH_MIN;
  const share = Math.min(1, persons / maxPersons);
  return FLOW_WIDTH_MIN + (maxWidth - FLOW_WIDTH_MIN) * Math.sqrt(share);
}

/** Round down to 1, 2 or 5 times a power of ten (legend samples), or 0 below 1. */
export function niceBelow(value: number): number {
  if (!(value >= 1)) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  const leading = value / power;
  return (leading >= 5 ? 5 : leading >= 2 ? 2 : 1) * power;
}

/** The persons shown in the width legend: the largest flow, then two round figures below it. */
export function legendSamples(maxPersons: number): number[] {
  if (!(maxPersons > 0)) return [];
  const samples = [Math.round(maxPersons)];
  for (const divisor of [4, 20]) {
    const value = niceBelow(maxPersons / divisor);
    const last = samples[samples.length - 1] ?? 0;
    if (value >= 1 && value < last) samples.push(value);
  }
  return samples;
}
