/** Tables and values for the terminal, where text typed on devices must not draw. */

// C0 and C1 controls (escape sequences start with one) and the bidirectional overrides
// and isolates that reorder what follows them.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text safe to print: controls shown as \u{…} escapes instead of acting on the terminal. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}}`);
}

/** An instant as a short UTC time for a table (`2026-12-04 23:10Z`), or '-' for none. */
export function shortTime(iso: string | null): string {
  if (iso === null) return '-';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? printable(iso) : `${date.toISOString().slice(0, 16).replace('T', ' ')}Z`;
}

const graphemes = new Intl.Segmenter();

/** Characters as a terminal counts them: a letter with its combining accents is one. */
function width(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count++;
  return count;
}

/** Columns padded to their widest cell, two spaces apart; the last column is not padded. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const cells = [headers, ...rows].map((row) => row.map(printable));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => width(row[i] ?? ''))));
  return cells.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell))))
      .join('  ')
      .trimEnd(),
  );
}
