/**
 * Boxes on screen, in pixels, for placing badges and labels so that none covers
 * another. Pure: the Leaflet glue projects positions to pixels at one zoom (absolute
 * projected pixels, so a pan at the same zoom keeps every box) and measures or
 * estimates sizes; the geometry here is tested without a map.
 */

/** An axis-aligned box in pixels: left < right, top < bottom (y grows downwards). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The box of `width` × `height` centred on (x, y). */
export function boxAround(x: number, y: number, width: number, height: number): Box {
  return { left: x - width / 2, top: y - height / 2, right: x + width / 2, bottom: y + height / 2 };
}

/**
 * Whether two boxes overlap, or come closer than `gap` pixels. Boxes that only touch
 * (one's right is the other's left) do not overlap.
 */
export function boxesOverlap(a: Box, b: Box, gap = 0): boolean {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

/** Whether `inner` lies wholly inside `outer`. */
export function boxInside(inner: Box, outer: Box): boolean {
  return inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;
}

export function moveBox(box: Box, dx: number, dy: number): Box {
  return { left: box.left + dx, top: box.top + dy, right: box.right + dx, bottom: box.bottom + dy };
}

export function shrinkBox(box: Box, by: number): Box {
  return { left: box.left + by, top: box.top + by, right: box.right - by, bottom: box.bottom - by };
}

/**
 * `box` moved the least distance that brings it inside `outer`; null when it is wider or
 * taller than `outer` (it cannot fit).
 */
export function clampInside(box: Box, outer: Box): Box | null {
  if (box.right - box.left > outer.right - outer.left || box.bottom - box.top > outer.bottom - outer.top) return null;
  const dx = box.left < outer.left ? outer.left - box.left : box.right > outer.right ? outer.right - box.right : 0;
  const dy = box.top < outer.top ? outer.top - box.top : box.bottom > outer.bottom ? outer.bottom - box.bottom : 0;
  return moveBox(box, dx, dy);
}

export function boxCentre(box: Box): { x: number; y: number } {
  return { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
}

/**
 * Width of a text line in pixels, estimated from its characters, where it cannot be
 * measured (jsdom has no layout) or before it is drawn. Rough em widths of a sans-serif
 * face; `uppercase` for text drawn with text-transform: uppercase; `letterSpacing` in em.
 * Leans wide: an estimate too narrow lets two labels overlap, one too wide only hides a
 * label that would have fitted.
 */
export function estimateTextWidth(text: string, fontPx: number, options: { uppercase?: boolean; letterSpacing?: number; bold?: boolean } = {}): number {
  let em = 0;
  for (const char of options.uppercase === true ? text.toUpperCase() : text) {
    if (/\d/.test(char)) em += 0.64;
    else if (/[\s.,'’·]/u.test(char)) em += 0.32;
    else if (/[A-ZÀ-ÞА-ЯΑ-Ω]/u.test(char)) em += char === 'M' || char === 'W' ? 0.9 : 0.72;
    else em += 0.58;
    em += options.letterSpacing ?? 0;
  }
  return Math.ceil(em * fontPx * (options.bold === true ? 1.08 : 1));
}
