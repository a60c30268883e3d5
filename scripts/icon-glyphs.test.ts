/**
 * Icons are inline SVG from lucide-react, never a character of a font: a glyph that no
 * installed font has (U+2316 "⌖" was one) shows as an empty box. This reads the
 * renderer's markup and style sheets and refuses symbol characters used as icons.
 * Text that reads as words stays allowed: "→" between two values ("Submitted → Verified")
 * and "≤" in a figure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Arrows, technical symbols, shapes, dingbats, emoji, and the ×, ‹ and › that stood in for icons. */
const ICON_GLYPH = /[\u00d7\u2039\u203a\u2190-\u2191\u2193-\u21ff\u2300-\u23ff\u2500-\u27bf\u2900-\u297f\u2b00-\u2bff]|[\u{1f300}-\u{1faff}]/u;

/** Code without its comments, so that a comment may still name a glyph. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** The lines of a TSX file or a style sheet that hold an icon glyph in code or in a CSS `content`. */
export function iconGlyphLines(file: string, source: string): string[] {
  const code = withoutComments(source);
  const lines = code.split('\n');
  const found = file.endsWith('.css')
    ? lines.filter((line) => /\bcontent\s*:/.test(line) && (ICON_GLYPH.test(line) || /\\[0-9a-f]{4}/i.test(line)))
    : lines.filter((line) => ICON_GLYPH.test(line));
  return found.map((line) => `${path.relative(root, file)}: ${line.trim()}`);
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return /\.(tsx|css)$/.test(entry.name) && !/\.test\.tsx$/.test(entry.name) ? [full] : [];
  });
}

describe('icons', () => {
  it('are SVG, not symbol characters, in every screen of the renderer', () => {
    const all = files(path.join(root, 'renderer'));
    expect(all.length).toBeGreaterThan(50);
    expect(all.flatMap((file) => iconGlyphLines(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('catches a glyph in markup and in a style sheet, and lets text arrows and comments be', () => {
    expect(iconGlyphLines(path.join(root, 'renderer/x.tsx'), '<a aria-label="Show on map">⌖</a>')).toHaveLength(1);
    expect(iconGlyphLines(path.join(root, 'renderer/x.tsx'), "{open ? '▴' : '▾'}")).toHaveLength(1);
    expect(iconGlyphLines(path.join(root, 'renderer/x.tsx'), '<span aria-hidden="true">×</span>')).toHaveLength(1);
    expect(iconGlyphLines(path.join(root, 'renderer/x.css'), ".done::before { content: '✓'; }")).toHaveLength(1);
    expect(iconGlyphLines(path.join(root, 'renderer/x.css'), ".done::before { content: '\\2713'; }")).toHaveLength(1);
    expect(iconGlyphLines(path.join(root, 'renderer/x.tsx'), "<bdi>{before}</bdi>{' → '}<bdi>{after}</bdi>")).toEqual([]);
    expect(iconGlyphLines(path.join(root, 'renderer/x.tsx'), '// the old ⌖ glyph\n/* ▾ */ const a = 1;')).toEqual([]);
  });
});
