/**
 * Widths of badge numbers as drawn, measured once per shape of number: the badge's
 * digits are tabular, so "1,237,927" and "8,888,888" are as wide, and a redraw of a few
 * hundred badges measures a handful of strings. Where nothing is laid out (jsdom) the
 * width is estimated.
 */
export function createWidthCache(measure: (text: string) => number, estimate: (text: string) => number): (text: string) => number {
  const widths = new Map<string, number>();
  return (text) => {
    const shape = text.replace(/\d/g, '0');
    let width = widths.get(shape);
    if (width === undefined) {
      const measured = measure(shape);
      width = measured > 0 ? measured : estimate(shape);
      widths.set(shape, width);
    }
    return width;
  };
}
