/**
 * Greedy label placement: labels in order of priority (larger figures first), each at
 * the first of its candidate positions that lies inside the view and clear of every
 * obstacle (badges) and every label already placed; a label with no such position is
 * not shown. Labels therefore appear from the zoom where they fit, the important ones
 * first. Pure: boxes in pixels (screen-box.ts).
 */
import type { Box } from './screen-box';
import { boxInside, boxesOverlap } from './screen-box';

export interface LabelCandidate<K> {
  key: K;
  /** Higher first; ties keep the given order. */
  priority: number;
  /** Where the label may go, best first. */
  positions: readonly Box[];
}

export interface PlacementOptions {
  /** Boxes nothing may cover. */
  obstacles?: readonly Box[];
  /** The view: a label must lie wholly inside (cropped labels are not shown). */
  within?: Box;
  /** Pixels kept free between a label and anything else. */
  gap?: number;
}

/** The position chosen for each label placed, by key (index into its `positions`). */
export function placeLabels<K>(labels: readonly LabelCandidate<K>[], options: PlacementOptions = {}): Map<K, number> {
  const { obstacles = [], within, gap = 0 } = options;
  const order = labels.map((label, i) => ({ label, i })).sort((a, b) => b.label.priority - a.label.priority || a.i - b.i);
  const placed: Box[] = [];
  const chosen = new Map<K, number>();
  for (const { label } of order) {
    const at = label.positions.findIndex(
      (box) =>
        (within === undefined || boxInside(box, within)) &&
        !obstacles.some((other) => boxesOverlap(box, other, gap)) &&
        !placed.some((other) => boxesOverlap(box, other, gap)),
    );
    if (at < 0) continue;
    const box = label.positions[at];
    if (box === undefined) continue;
    placed.push(box);
    chosen.set(label.key, at);
  }
  return chosen;
}
