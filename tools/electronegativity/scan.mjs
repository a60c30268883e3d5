// Runs Electronegativity over the built app, offline, and prints its findings as JSON.
//   node tools/electronegativity/scan.mjs <folder to scan> [electron version]
// Why not the CLI: its SARIF output has no severity or confidence, and its exit code is
// 0 whatever it finds; the runner's own result has both. The folder should hold the
// built main and preload (dist-electron), the built renderer (dist/renderer) and the
// app's package.json (where the tool reads the Electron version).
/* global process, console */
import './offline.mjs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { format } from 'node:util';

// The tool talks on stdout (e.g. that it could not fetch translations); stdout is for the JSON.
console.log = (...args) => process.stderr.write(`${format(...args)}\n`);

// Checks left out, and why:
// - AvailableSecurityFixesGlobalCheck compares the Electron version with a list it
//   downloads from the network; this scan is offline (Electron's version is pinned in
//   package.json and upgraded on its own schedule).
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const require = createRequire(import.meta.url);
const input = path.resolve(process.argv[2] ?? '.');
const electronVersion = process.argv[3];
const run = require('@doyensec/electronegativity');

try {
  const result = await (run.default ?? run)({
    input,
    excludeFromScan: EXCLUDED_CHECKS,
    isRelative: true,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
  const findings = result.issues.map((issue) => ({
    id: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: issue.file === 'N/A' ? '.' : path.relative(input, path.resolve(input, issue.file)) || '.',
    line: issue.location?.line ?? null,
    column: issue.location?.column ?? null,
    sample: typeof issue.sample === 'string' ? issue.sample.slice(0, 300) : null,
    manualReview: Boolean(issue.manualReview),
    description: issue.description,
  }));
  process.stdout.write(
    `${JSON.stringify({ checks: { global: result.globalChecks, atomic: result.atomicChecks }, errors: result.errors, excluded: EXCLUDED_CHECKS, findings }, null, 2)}\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error && error.stack !== undefined ? error.stack : String(error)}\n`);
  process.exitCode = 1;
}
