/**
 * Badges that would cover one another are drawn as one. Supercluster groups points
 * within a radius of each other, but a badge is as wide as its number ("1,237,927" is a
 * pill twice the clustering radius), so two clusters can still overlap on screen. This
 * pass merges every pair whose boxes overlap into one badge, anchored at the heavier of
 * the two (the larger figure stays on its place), and sized again for the sum, until no
 * two badges overlap. Pure: positions in pixels at one zoom.
 */
import type { Box } from './screen-box';
import { boxAround, boxesOverlap } from './screen-box';

export interface BadgeInput<T> {
  /** Centre in pixels. */
  x: number;
  y: number;
  /** Orders the anchor: the heavier badge keeps its position. */
  weight: number;
  item: T;
}

export interface MergedBadge<T> {
  x: number;
  y: number;
  /** The badge's box as sized for all its members. */
  box: Box;
  /** Heaviest first (the anchor first). */
  members: T[];
}

/**
 * Merges overlapping badges. `sizeOf` gives a badge's width and height for a set of
 * members (a merged badge shows their sum, so it may grow and meet a third badge: the
 * pass runs again until nothing overlaps). `gap`: pixels kept between badges.
 */
export function mergeOverlappingBadges<T>(
  badges: readonly BadgeInput<T>[],
  sizeOf: (members: readonly T[]) => { width: number; height: number },
  gap = 0,
): MergedBadge<T>[] {
  const groups = [...badges]
    .sort((a, b) => b.weight - a.weight)
    .map((badge) => {
      const members = [badge.item];
      const { width, height } = sizeOf(members);
      return { x: badge.x, y: badge.y, box: boxAround(badge.x, badge.y, width, height), members, alive: true };
    });
  let merged = true;
  while (merged) {
    merged = false;
    for (let i = 0; i < groups.length; i++) {
      const a = groups[i];
      if (a === undefined || !a.alive) continue;
      for (let j = i + 1; j < groups.length; j++) {
        const b = groups[j];
        if (b === undefined || !b.alive || !boxesOverlap(a.box, b.box, gap)) continue;
        // Earlier groups are heavier: `a` keeps its place and takes `b`'s members.
        a.members.push(...b.members);
        b.alive = false;
        const { width, height } = sizeOf(a.members);
        a.box = boxAround(a.x, a.y, width, height);
        merged = true;
        // Grown: badges already passed may now overlap it.
        j = i;
      }
    }
  }
  return groups.filter((g) => g.alive).map(({ x, y, box, members }) => ({ x, y, box, members }));
}
