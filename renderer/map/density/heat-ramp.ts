/**
 * The density layer's colour ramp, low to high: ColorBrewer's sequential YlOrRd, whose
 * steps differ in lightness as well as hue, so the order reads with any colour vision
 * and in greyscale. Shared by the layer and its legend entry.
 */
export const HEAT_RAMP: readonly { at: number; colour: string }[] = [
  { at: 0, colour: '#ffffb2' },
  { at: 0.3, colour: '#fecc5c' },
  { at: 0.55, colour: '#fd8d3c' },
  { at: 0.8, colour: '#f03b20' },
  { at: 1, colour: '#bd0026' },
];

/** The ramp as a CSS gradient, left (low) to right (high). */
export function heatRampCss(): string {
  return `linear-gradient(to right, ${HEAT_RAMP.map((s) => `${s.colour} ${Math.round(s.at * 100)}%`).join(', ')})`;
}
