// Bundles the Electron host: main/main.ts -> dist-electron/main.js (ESM) and
// main/preload.cts -> dist-electron/preload.cjs (CommonJS, as a sandboxed preload must be).
// Everything except `electron` is bundled, so the packaged app needs no node_modules.
import { rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist-electron');

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
  legalComments: 'none',
};

/**
 * What a bundle still imports at run time. The preload may import only `electron`
 * (a sandboxed preload can require nothing else); main may also use Node built-ins.
 * @param {import('esbuild').Metafile} metafile
 * @param {(name: string) => boolean} allowed
 * @param {string} label
 */
function checkExternalImports(metafile, allowed, label) {
  const external = Object.values(metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((imported) => imported.external)
    .map((imported) => imported.path);
  const forbidden = [...new Set(external.filter((name) => !allowed(name)))];
  if (forbidden.length > 0) {
    throw new Error(`${label} would require ${forbidden.join(', ')} at run time; bundle it or remove the import.`);
  }
}

await rm(outdir, { recursive: true, force: true });

const [mainResult, preloadResult] = await Promise.all([
  build({
    ...common,
    entryPoints: [path.join(root, 'main/main.ts')],
    outfile: path.join(outdir, 'main.js'),
    format: 'esm',
    platform: 'node',
    target: 'node22',
  }),
  build({
    ...common,
    entryPoints: [path.join(root, 'main/preload.cts')],
    outfile: path.join(outdir, 'preload.cjs'),
    // Parsed on every page load; the contract brings zod along (see main/README.md).
    minify: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
  }),
]);

checkExternalImports(mainResult.metafile, (name) => name === 'electron' || nodeBuiltins.has(name), 'dist-electron/main.js');
checkExternalImports(preloadResult.metafile, (name) => name === 'electron', 'dist-electron/preload.cjs');

console.log(`Built ${path.relative(root, outdir)}/main.js and ${path.relative(root, outdir)}/preload.cjs`);
