#!/usr/bin/env node
// `npm test`: every tier, in order, with a summary line of real counts.
//   1. unit         (Vitest: shared logic, store on fake-indexeddb, React in jsdom, main handlers)
//   2. integration  (Vitest: the server on PGlite, and on a private PostgreSQL cluster started here)
//   3. end to end   (Playwright: the built app in Debian's Chromium against a live server)
// It finds Chromium, PostgreSQL, poppler (pdftotext) and LibreOffice, installs them with apt when
// running as root, or stops at once with the command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { freePort } from './free-port.mjs';
import { chromiumPath, ensurePackages, findPostgresBin, have, isRoot } from './system-packages.mjs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const wants = (tier) => only.length === 0 || only.includes(tier);


function ensureSystemPackages() {
  const missing = [];
  if (wants('e2e') && !existsSync(chromiumPath())) missing.push('chromium');
  if (wants('e2e') && !have('pdftotext')) missing.push('poppler-utils');
  if (wants('integration') && !process.env.DATABASE_URL && !findPostgresBin()) missing.push('postgresql');
  // The report's DOCX is opened by LibreOffice and its PDF read back with poppler.
  if (wants('integration') && !have('soffice')) missing.push('libreoffice-writer-nogui');
  if (wants('integration') && !have('pdftotext') && !missing.includes('poppler-utils')) missing.push('poppler-utils');
  ensurePackages(missing, 'The tests');
}

/** A private PostgreSQL cluster on its own port, in a folder the postgres user can read. */
async function startPostgres() {
  const bin = findPostgresBin();
  const dir = mkdtempSync('/tmp/routewatch-pg-');
  chmodSync(dir, 0o755);
  const port = await freePort();
  const asPostgres = (args) => {
    if (isRoot) {
      execFileSync('chown', ['-R', 'postgres:postgres', dir]);
      execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ')], { stdio: 'pipe' });
    } else {
      execFileSync(args[0], args.slice(1), { stdio: 'pipe' });
    }
  };
  asPostgres([path.join(bin, 'initdb'), '-D', path.join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  asPostgres([path.join(bin, 'pg_ctl'), '-D', path.join(dir, 'data'), '-l', path.join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        asPostgres([path.join(bin, 'pg_ctl'), '-D', path.join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function vitestCounts(file) {
  if (!existsSync(file)) return null;
  const j = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: j.numPassedTests, failed: j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0), skipped: j.numPendingTests + j.numTodoTests };
}
// The CI log keeps only its tail, so the summary names every failed test and the
// first line of why, read back from the tiers' JSON reports.
function vitestFailures(file) {
  if (!existsSync(file)) return [];
  const j = JSON.parse(readFileSync(file, 'utf8'));
  const out = [];
  for (const suite of j.testResults ?? []) {
    const rel = path.relative(root, suite.name);
    const failedTests = (suite.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failedTests) out.push(`${rel} > ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
    if (failedTests.length === 0 && suite.status === 'failed') out.push(`${rel}: ${firstLine(suite.message)}`);
  }
  return out;
}
function playwrightFailures(file) {
  if (!existsSync(file)) return [];
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'unexpected') continue;
        const last = t.results?.[t.results.length - 1];
        out.push(`${spec.file}:${spec.line} > ${spec.title}: ${firstLine(last?.error?.message)}`);
      }
    }
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of JSON.parse(readFileSync(file, 'utf8')).suites ?? []) walk(s);
  return out;
}
function firstLine(text) {
  // Without ANSI colours, so the line reads in a plain log.
  const plain = stripVTControlCharacters(String(text ?? ''));
  return plain.split('\n').find((l) => l.trim() !== '')?.trim().slice(0, 300) ?? '(no message)';
}
function playwrightCounts(file) {
  if (!existsSync(file)) return null;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

ensureSystemPackages();
const tiers = [];
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');

if (wants('unit')) {
  const file = path.join(results, 'unit.json');
  rmSync(file, { force: true });
  const status = run('unit tests', process.execPath, [vitest, 'run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile=${file}`]);
  tiers.push({ tier: 'unit', status, counts: vitestCounts(file), failures: vitestFailures(file) });
}

// The packaging check (integration) and the end-to-end tests use the built app.
let buildStatus = 0;
if (wants('integration') || wants('e2e')) buildStatus = run('build', 'npm', ['run', 'build']);

if (wants('integration')) {
  const file = path.join(results, 'integration.json');
  rmSync(file, { force: true });
  let pg = null;
  let env;
  if (process.env.DATABASE_URL) env = { DATABASE_URL: process.env.DATABASE_URL };
  else {
    pg = await startPostgres();
    env = { DATABASE_URL: pg.url };
    console.log(`PostgreSQL for the integration tier: ${pg.url}`);
  }
  try {
    const status = run('integration tests (PGlite and PostgreSQL)', process.execPath, [vitest, 'run', '--project', 'integration', '--reporter=default', '--reporter=json', `--outputFile=${file}`], env);
    tiers.push({ tier: 'integration', status, counts: vitestCounts(file), failures: vitestFailures(file) });
  } finally {
    pg?.stop();
  }
}

if (wants('e2e')) {
  const file = path.join(results, 'e2e.json');
  rmSync(file, { force: true });
  if (buildStatus !== 0) tiers.push({ tier: 'e2e', status: buildStatus, counts: { passed: 0, failed: 1, skipped: 0 } });
  else {
    const status = run('end-to-end tests (Chromium)', process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test']);
    tiers.push({ tier: 'e2e', status, counts: playwrightCounts(file), failures: playwrightFailures(file) });
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
console.log('\n=== summary ===');
for (const t of tiers) {
  // A tier that failed without a report (crash, config error) counts as one failure.
  const c = t.counts ?? { passed: 0, failed: t.status === 0 ? 0 : 1, skipped: 0 };
  if (t.status !== 0 && c.failed === 0) c.failed = 1;
  passed += c.passed;
  failed += c.failed;
  skipped += c.skipped;
  console.log(`${t.tier.padEnd(12)} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  for (const f of t.failures ?? []) console.log(`  failed: ${f}`);
}
writeFileSync(path.join(results, 'summary.json'), JSON.stringify({ passed, failed, skipped, tiers }, null, 2));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
