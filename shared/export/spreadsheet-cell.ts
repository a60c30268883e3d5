/**
 * One rule for every cell of a CSV or XLSX export: no text cell may start a formula,
 * and a real number stays a number.
 *
 * Spreadsheets (Excel, LibreOffice Calc, Google Sheets) read a cell whose text begins
 * with `=`, `+`, `-` or `@` as a formula, and a leading tab, carriage return, line feed
 * or NUL can hide such a character from a filter while the program still reaches it.
 * OWASP "CSV Injection" (owasp.org/www-community/attacks/CSV_Injection; line feed
 * added in www-community PR #1116, 2025) lists `=`, `+`, `-`, `@`, tab (0x09), carriage
 * return (0x0D) and line feed (0x0A); ASVS 5 (1.2.10) adds NUL (0x00). The full-width
 * forms (U+FF1D, U+FF0B, U+FF0D, U+FF20) count too: spreadsheets with East Asian input
 * take them for their ASCII counterparts, and Unicode's compatibility folding (NFKC),
 * which some importers apply, turns them into `=`, `+`, `-`, `@`. For the same reason
 * we add the small forms U+FE62 (plus), U+FE63 (hyphen-minus), U+FE66 (equals) and
 * U+FE6B (at), and U+2212 MINUS SIGN, which reads as `-` to a person and to some
 * number parsers. A prefix on a harmless text costs one visible quote; a missed one
 * can run a formula, so the list errs on the wide side. Every other control
 * character (U+0001-U+001F, U+007F) counts as well: an XLSX cannot hold most of them
 * (XML 1.0 forbids them, so writers drop them) and programs differ in whether they
 * ignore them, either of which brings what follows to the front.
 *
 * Our choice, OWASP's advice: prefix such a text with one single quote `'`. Excel and
 * Calc take a leading quote as "this is text" (and hide it when typed); every reader
 * still gets the whole value, and anyone who needs the original drops exactly one
 * leading quote. We do not strip or replace characters, which would change what a
 * monitor wrote. The check looks past leading spaces too: some importers trim them
 * before deciding what a cell is (" =1+1" becomes "=1+1").
 *
 * PapaParse's own `escapeFormulae` is not used: its pattern misses a formula followed
 * by a line break (the team's toolchain notes), and an XLSX needs the same rule.
 */

/** Characters that make a spreadsheet read the cell as a formula (or hide one) when first. */
export const FORMULA_TRIGGERS: readonly string[] = Object.freeze([
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\n',
  '\u0000',
  '\uFF1D', // FULLWIDTH EQUALS SIGN
  '\uFF0B', // FULLWIDTH PLUS SIGN
  '\uFF0D', // FULLWIDTH HYPHEN-MINUS
  '\uFF20', // FULLWIDTH COMMERCIAL AT
  '\uFE66', // SMALL EQUALS SIGN
  '\uFE62', // SMALL PLUS SIGN
  '\uFE63', // SMALL HYPHEN-MINUS
  '\uFE6B', // SMALL COMMERCIAL AT
  '\u2212', // MINUS SIGN
]);

const TRIGGERS = new Set(FORMULA_TRIGGERS);

/** C0 controls and DEL: see the header comment. */
function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

/** The prefix that makes a spreadsheet read the rest as text. */
export const TEXT_PREFIX = "'";

/** A cell ready for a writer: what it holds decides how it is written. */
export type SafeCell =
  | { readonly type: 'empty' }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'date'; readonly value: Date }
  | { readonly type: 'boolean'; readonly value: boolean };

const EMPTY: SafeCell = { type: 'empty' };

/** Whether a text, written as is, could start a formula. */
export function startsFormula(text: string): boolean {
  for (const char of text) {
    if (TRIGGERS.has(char) || isControl(char)) return true;
    // Ordinary spaces may be trimmed by an importer: look at what follows them.
    if (char !== ' ') return false;
  }
  return false;
}

/** The text with the prefix added when it could start a formula. */
export function neutraliseText(text: string): string {
  return startsFormula(text) ? TEXT_PREFIX + text : text;
}

/**
 * Any value as a cell that is safe in a CSV or XLSX: a finite number stays a number
 * (a negative one too: it is a number, not text); a valid Date stays a date; a
 * boolean stays a boolean; null, undefined, NaN and infinities are empty; anything
 * else becomes text, neutralised if it could start a formula.
 */
export function safeCell(value: unknown): SafeCell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') {
    // -0 is written as 0: "-0" in a CSV would read as text in some programs.
    return Number.isFinite(value) ? { type: 'number', value: value === 0 ? 0 : value } : EMPTY;
  }
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? EMPTY : { type: 'date', value };
  const text = typeof value === 'string' ? value : typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
  return text === '' ? EMPTY : { type: 'text', value: neutraliseText(text) };
}

/**
 * A safe cell as CSV field text (before the CSV writer quotes it): numbers in their
 * shortest round-trip form with a dot (`-12`, `0.5`), dates as ISO 8601 UTC instants,
 * booleans as `true` / `false`.
 */
export function csvText(cell: SafeCell): string {
  switch (cell.type) {
    case 'empty':
      return '';
    case 'number':
      return String(cell.value);
    case 'text':
      return cell.value;
    case 'date':
      return cell.value.toISOString();
    case 'boolean':
      return cell.value ? 'true' : 'false';
    default:
      return assertNever(cell);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled cell: ${JSON.stringify(value)}`);
}
