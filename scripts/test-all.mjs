#!/usr/bin/env node
// `npm test`: every tier, in order, with a summary line of real counts.
//   1. typecheck    (`tsc -b`: every layer's project; each error is one failure)
//   2. lint         (ESLint, type-aware, warnings count: each file with a problem is one failure)
//   3. unit         (Vitest: shared logic, store on fake-indexeddb, React in jsdom, main handlers)
//   then the build (`npm run build`, from empty output folders), and the tiers that use it:
//   4. integration  (Vitest: the server on PGlite, and on a private PostgreSQL cluster started here;
//                    the packing check reads the build)
//   5. end to end   (Playwright: the built app in Debian's Chromium against a live server)
// A failed build is never a skip: the packing check fails, and every end-to-end test is
// counted as failed (never run against an older build, which is deleted before building).
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
// A summary left by an earlier run must never be read as this run's.
rmSync(path.join(results, 'summary.json'), { force: true });
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

/**
 * Counts read from each file's results, not Vitest's totals: when a file's beforeAll or
 * import fails, Vitest reports its tests as skipped; here they are failures (they never
 * ran because something broke), and a file that failed with no test at all is one.
 */
function vitestCounts(file) {
  if (!existsSync(file)) return null;
  const j = JSON.parse(readFileSync(file, 'utf8'));
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const suite of j.testResults ?? []) {
    const tests = suite.assertionResults ?? [];
    const brokenFile = suite.status === 'failed' && !tests.some((a) => a.status === 'failed');
    if (brokenFile && tests.length === 0) counts.failed++;
    for (const a of tests) {
      if (a.status === 'passed') counts.passed++;
      else if (a.status === 'failed' || brokenFile) counts.failed++;
      else counts.skipped++;
    }
  }
  return counts;
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

/**
 * The projects `tsc -b` checks: the solution's references, followed, each with the
 * include and exclude patterns that say which files it holds.
 */
function typescriptProjects() {
  const projects = [];
  const globToRegExp = (dir, pattern) => {
    // A folder pattern ending in `**` means everything under it.
    const full = path.posix.normalize(path.posix.join(dir, pattern.endsWith('**') ? `${pattern}/*` : pattern));
    const body = full
      .split('**/')
      .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*').replaceAll('?', '[^/]'))
      .join('(?:.*/)?');
    return new RegExp(`^${body}$`);
  };
  const visit = (dir) => {
    const config = JSON.parse(readFileSync(path.join(dir, 'tsconfig.json'), 'utf8'));
    const rel = path.relative(root, dir).split(path.sep).join('/');
    if (rel !== '' && !projects.some((p) => p.name === rel)) {
      projects.push({
        name: rel,
        include: (config.include ?? ['**/*']).map((g) => globToRegExp(rel, g)),
        exclude: (config.exclude ?? []).map((g) => globToRegExp(rel, g)),
      });
    }
    for (const ref of config.references ?? []) visit(path.resolve(dir, ref.path));
  };
  visit(root);
  return projects;
}
/** The project that holds a file (for counting which projects have errors). */
function projectOf(file, projects) {
  const holder = projects.find((p) => p.include.some((re) => re.test(file)) && !p.exclude.some((re) => re.test(file)));
  return holder?.name ?? 'tsc';
}

/** `tsc -b`: a project without errors is one pass, each error one failure, printed. */
function typecheckTier() {
  console.log('\n=== typecheck (tsc -b) ===');
  const projects = typescriptProjects();
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', '--pretty', 'false'], { cwd: root, encoding: 'utf8' });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (output.trim() !== '') process.stdout.write(output);
  const failures = [];
  const failedProjects = new Set();
  for (const line of output.split('\n')) {
    const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (m) {
      failures.push(`${m[1]}:${m[2]}:${m[3]} ${m[4]} ${m[5]}`);
      failedProjects.add(projectOf(m[1], projects));
    } else if (/^error TS\d+/.test(line)) {
      failures.push(line.trim());
      failedProjects.add('tsc');
    }
  }
  const status = r.status ?? 1;
  if (status !== 0 && failures.length === 0) failures.push(`tsc -b exited with ${status}: ${firstLine(output)}`);
  const passed = projects.filter((p) => !failedProjects.has(p.name)).length;
  console.log(`${projects.length} projects: ${passed} without errors; ${failures.length} errors`);
  return { tier: 'typecheck', status, counts: { passed, failed: failures.length, skipped: 0 }, failures };
}

/** ESLint over the tree, warnings included: a clean file is one pass, a file with problems one failure. */
function lintTier() {
  const file = path.join(results, 'lint.json');
  rmSync(file, { force: true });
  const status = run('lint (eslint)', process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '.', '--max-warnings', '0', '--format', 'json', '--output-file', file]);
  if (!existsSync(file)) return { tier: 'lint', status, counts: null, failures: [`eslint exited with ${status} without a report (see above)`] };
  const files = JSON.parse(readFileSync(file, 'utf8'));
  const failures = [];
  let failedFiles = 0;
  for (const f of files) {
    if (f.messages.length === 0) continue;
    failedFiles++;
    const rel = path.relative(root, f.filePath);
    for (const m of f.messages) failures.push(`${rel}:${m.line ?? 0}:${m.column ?? 0} ${m.severity === 2 ? 'error' : 'warning'} ${firstLine(m.message)}${m.ruleId ? ` (${m.ruleId})` : ''}`);
  }
  for (const f of failures) console.log(f);
  console.log(`${files.length} files: ${files.length - failedFiles} clean, ${failedFiles} with problems (${failures.length})`);
  return { tier: 'lint', status, counts: { passed: files.length - failedFiles, failed: failedFiles, skipped: 0 }, failures };
}

/**
 * The build the integration and end-to-end tiers use. Its output folders are deleted
 * first, so a failed build leaves nothing older behind for a tier to pick up.
 */
function buildApp() {
  console.log('\n=== build ===');
  for (const dir of ['dist/renderer', 'dist-electron']) rmSync(path.join(root, dir), { recursive: true, force: true });
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  const status = r.status ?? 1;
  // The first lines from the first that says "error" (the message often follows on the next).
  const lines = stripVTControlCharacters(`${r.stderr ?? ''}\n${r.stdout ?? ''}`)
    .split('\n')
    .map((l) => l.replace(/[╭╮╰╯─│┬┴]/g, '').trim())
    .filter((l) => l !== '');
  const at = lines.findIndex((l) => /error/i.test(l));
  const why = at === -1 ? `npm run build exited with ${status}` : lines.slice(at, at + 4).join(' ').replace(/\s+/g, ' ');
  return { ok: status === 0, status, why: why.slice(0, 300) };
}

/** The end-to-end tests Playwright would run, as `file:line > title`, without running them. */
function listPlaywrightTests() {
  const file = path.join(results, 'e2e-list.json');
  rmSync(file, { force: true });
  spawnSync(process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--list', '--reporter=json'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: file },
  });
  if (!existsSync(file)) return [];
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) out.push(`${t.projectName}: ${spec.file}:${spec.line} > ${spec.title}`);
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of JSON.parse(readFileSync(file, 'utf8')).suites ?? []) walk(s);
  return out;
}

ensureSystemPackages();
const tiers = [];
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');

if (wants('typecheck')) tiers.push(typecheckTier());
if (wants('lint')) tiers.push(lintTier());

if (wants('unit')) {
  const file = path.join(results, 'unit.json');
  rmSync(file, { force: true });
  const status = run('unit tests', process.execPath, [vitest, 'run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile=${file}`]);
  tiers.push({ tier: 'unit', status, counts: vitestCounts(file), failures: vitestFailures(file) });
}

// The packaging check (integration) and the end-to-end tests use the built app.
const build = wants('integration') || wants('e2e') ? buildApp() : null;

if (wants('integration')) {
  const file = path.join(results, 'integration.json');
  rmSync(file, { force: true });
  let pg = null;
  // Under npm test the packing check fails, rather than skips, when the build is missing.
  const env = { ROUTEWATCH_BUILD_REQUIRED: build?.ok ? '1' : `the build failed: ${build?.why ?? ''}` };
  if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
  else {
    pg = await startPostgres();
    env.DATABASE_URL = pg.url;
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
  if (build && !build.ok) {
    // Every test that needed the build fails: none of them ran.
    console.log('\n=== end-to-end tests (Chromium) ===\nNot run: the build failed.');
    const notRun = listPlaywrightTests();
    tiers.push({
      tier: 'e2e',
      status: build.status,
      counts: { passed: 0, failed: Math.max(notRun.length, 1), skipped: 0 },
      failures: [`${notRun.length} end-to-end tests not run: ${build.why}`],
    });
  } else {
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
  // A long lint or typecheck list is printed whole in its tier above; the tail keeps 100.
  const listed = (t.failures ?? []).slice(0, 100);
  for (const f of listed) console.log(`  failed: ${f}`);
  if ((t.failures ?? []).length > listed.length) console.log(`  ... and ${t.failures.length - listed.length} more (in the ${t.tier} section above)`);
}
if (build && !build.ok) console.log(`build        failed: ${build.why} (counted in the tiers that use it)`);
writeFileSync(path.join(results, 'summary.json'), JSON.stringify({ passed, failed, skipped, tiers }, null, 2));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
