/**
 * The third enforcement of the layers (after ESLint and the per-layer tsconfigs): read
 * every production source file and check what it imports against ARCHITECTURE.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const LAYERS = ['shared', 'renderer', 'main', 'server'] as const;
type Layer = (typeof LAYERS)[number];

const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  shared: ['shared'],
  renderer: ['renderer', 'shared'],
  main: ['main', 'shared'],
  server: ['server', 'shared'],
};
const NODE_BUILTIN = /^(node:|(fs|path|os|crypto|child_process|http|https|net|url|util|stream|worker_threads)(\/|$))/;
const FORBIDDEN_PACKAGES: Record<Layer, RegExp[]> = {
  shared: [NODE_BUILTIN, /^electron$/, /^react(-dom)?(\/|$)/, /^dexie/, /^leaflet/, /^fastify/, /^pg$/],
  renderer: [NODE_BUILTIN, /^electron$/, /^fastify/, /^pg$/, /^@electric-sql/],
  main: [/^react(-dom)?(\/|$)/, /^dexie/, /^leaflet/, /^fastify/, /^pg$/],
  server: [/^electron$/, /^react(-dom)?(\/|$)/, /^dexie/, /^leaflet/],
};

/** Value imports of a source text (type-only imports vanish at run time and are allowed). */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^\s*import\s+(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/gm,
    /^\s*import\s+['"]([^'"]+)['"]/gm,
    /^\s*export\s+(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) if (m[1]) found.push(m[1]);
  return found;
}

export function violations(layer: Layer, file: string, source: string): string[] {
  const out: string[] = [];
  for (const spec of importSpecifiers(source)) {
    if (spec.startsWith('.')) {
      const target = path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep)[0] as Layer | 'assets';
      if (target === 'assets') continue;
      if (!MAY_IMPORT[layer].includes(target)) out.push(`${path.relative(root, file)} imports ${spec} (${target}/)`);
    } else if (FORBIDDEN_PACKAGES[layer].some((re) => re.test(spec))) {
      out.push(`${path.relative(root, file)} imports ${spec}`);
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|tsx|cts)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

describe('layer boundaries', () => {
  it('the checker catches a crossing (so the test below can fail)', () => {
    const file = path.join(root, 'shared/x.ts');
    expect(violations('shared', file, "import { a } from '../renderer/app/app';\nimport fs from 'node:fs';")).toHaveLength(2);
    expect(violations('renderer', path.join(root, 'renderer/x.ts'), "const m = await import('../server/app');")).toHaveLength(1);
    expect(violations('renderer', path.join(root, 'renderer/x.ts'), "import type { X } from '../server/app';")).toEqual([]);
  });

  it.each(LAYERS)('%s/ imports only what its layer may', (layer) => {
    const files = sourceFiles(path.join(root, layer));
    expect(files.length).toBeGreaterThan(0);
    const found = files.flatMap((file) => violations(layer, file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });

  it('nothing imports server/', () => {
    const others = (['shared', 'renderer', 'main'] as const).flatMap((layer) => sourceFiles(path.join(root, layer)));
    const found = others.filter((file) => importSpecifiers(readFileSync(file, 'utf8')).some((s) => s.startsWith('.') && path.relative(root, path.resolve(path.dirname(file), s)).startsWith('server')));
    expect(found).toEqual([]);
  });
});
