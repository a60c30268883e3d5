import { describe, expect, it } from 'vitest';
import type { LabelCandidate } from './label-placement';
import { placeLabels } from './label-placement';
import { boxAround, boxesOverlap } from './screen-box';
import type { Box } from './screen-box';

const at = (x: number, y: number, w = 40, h = 12): Box => boxAround(x, y, w, h);

describe('placeLabels', () => {
  it('places larger figures first: of two labels on one spot the higher priority is shown', () => {
    const chosen = placeLabels([
      { key: 'small', priority: 10, positions: [at(100, 100)] },
      { key: 'large', priority: 5000, positions: [at(105, 102)] },
    ]);
    expect([...chosen.keys()]).toEqual(['large']);
  });

  it('takes the next candidate position when the first is covered, and hides a label that fits nowhere', () => {
    const badge = at(100, 100, 50, 30);
    const chosen = placeLabels(
      [
        { key: 'moved', priority: 1, positions: [at(100, 100), at(100, 130)] },
        { key: 'hidden', priority: 1, positions: [at(110, 105)] },
      ],
      { obstacles: [badge] },
    );
    expect(chosen.get('moved')).toBe(1);
    expect(chosen.has('hidden')).toBe(false);
  });

  it('never shows a label crossing the view edge', () => {
    const within = { left: 0, top: 0, right: 300, bottom: 200 };
    const chosen = placeLabels(
      [
        { key: 'cut', priority: 1, positions: [at(290, 100)] },
        { key: 'inside', priority: 1, positions: [at(290, 100), at(270, 100)] },
      ],
      { within },
    );
    expect(chosen.has('cut')).toBe(false);
    expect(chosen.get('inside')).toBe(1);
  });

  it('no two labels placed overlap, whatever the input (a crowded grid)', () => {
    const labels: LabelCandidate<number>[] = [];
    for (let i = 0; i < 200; i++) {
      const x = (i * 37) % 400;
      const y = (i * 53) % 300;
      labels.push({ key: i, priority: (i * 7919) % 1000, positions: [at(x, y), at(x + 30, y), at(x, y + 15)] });
    }
    const chosen = placeLabels(labels, { gap: 2 });
    const boxes = [...chosen].map(([key, index]) => labels[key]?.positions[index] as Box);
    expect(boxes.length).toBeGreaterThan(5);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(boxesOverlap(boxes[i] as Box, boxes[j] as Box, 2)).toBe(false);
    }
  });
});
