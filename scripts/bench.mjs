#!/usr/bin/env node
// `npm run bench`: figures, each beside its baseline measured in the same run, written
// to bench/results.json ([{ name, value, unit, baseline: { name, value }, ratio }]) and
// bench/results.md. Benchmarks report; they never pass or fail.
//
//   store.insert.10k  10,000 observations through the app's data layer (record + outbox
//                     in one transaction per 500), in Chromium's real IndexedDB;
//   baseline          indexeddb.put.10k: the same records put with the raw IndexedDB API
//                     into a store with the same indexes, same transaction size;
//   store.insert.100k the same at 100,000 records;
//   store.query.10pct.100k  the list's period + kind query (10% of 100,000) through the
//                     compact day index, beside a raw IndexedDB range read of the same rows;
//   app.ready.100k    navigation to an interactive Observations list with 100,000 records,
//                     beside the same navigation to a screen that reads no records;
//   map.filter.app.100k  the app's Map screen with those 100,000 records: a kind unticked
//                     in the filter bar, from the click to the painted map of all of them
//                     (beside ticking it); informs map.render.100k with the whole screen;
//   map.render.100k   100,000 training observations (the training generator, as the period's
//                     columns the Map screen builds when it reads the day index): from a
//                     filter change (one kind → every kind named) through the in-memory
//                     narrowing of the columns and the cluster layer's update to the
//                     painted clustered map, beside markercluster.render.100k: the same
//                     points as markers added to Leaflet.markercluster with addLayers;
//   map.timestep.100k one step of the time slider: the cluster and flow layers updated
//                     with one day's window of the 100,000 columns, to the painted map
//                     (median over 25 days spread over the period), beside the same days
//                     in Leaflet.markercluster (clearLayers + addLayers);
//   map.flows.100k    aggregateFlows over the 100,000 columns, beside flows.naive.100k:
//                     the same sums with a joined string key and an object per pair.
//   sync.roundtrip.50k, sync.bytes.per.observation: see scripts/bench-sync.mjs;
//   import.csv.100k   a 100,000-row CSV of official figures through the import path (detect and
//                     decode on the page; PapaParse, map, match places, validate, ids in the
//                     import worker; held ids; the worker's batches stored with outbox rows),
//                     beside indexeddb.put.100k measured again in the same run
//                     (renderer/bench/import-bench.ts); `--only import` runs it alone;
//   report.build.100k a training report of 2016 over 100,000 training observations of every
//                     kind (the training generator, stored as Load training data stores them;
//                     training and submitted records counted, as they must be to count) in the
//                     real report worker, from postMessage to its 'done' (worker start, reading
//                     IndexedDB, every figure, the message back; the note splits it), beside
//                     indexeddb.read.window.100k: the same spans read with raw getAll; the
//                     worker reads the per-day cache an untimed run built (report-days.ts);
//   report.build.100k.cold the same with that cache emptied before each run (informative);
//   report.pdf.100k   that report rendered with ReportDocumentView (a PNG in the map slot, not
//                     the live Leaflet map) and printed with page.pdf(playwrightPdfOptions(
//                     reportPdfSpec('A4', …))) to a written file, beside report.pdf.empty (a
//                     period without records); when Chromium cannot print it, the entry says
//                     so (value null, `failed`); report.pdf.100k.lean: the same without the
//                     annex's list of every official figure (bench-only, informative);
//   report.docx.100k  the same report from its figures to DOCX bytes (buildReportDocument,
//                     withChartPngs, reportDocxBytes), beside report.docx.empty; and .lean;
//                     renderer/bench/report-bench.ts; `--only report` runs the three alone;
//   capture.keys.group_sighting  keys (not ms) from the opened "New observation" form to a
//                     saved group sighting at a gazetteer place with a breakdown, two
//                     nationalities and a summary, typed values not counted: the page driven
//                     by tests/e2e/capture-keys.ts, the steps capture-keyboard.spec.ts asserts
//                     on (loaded through tsx); `--only capture` runs it alone;
//   server.push.200devices  200 devices pushing 100-change batches at once (informative):
//                     scripts/bench-server-push.ts, on PGlite, and on PostgreSQL too when
//                     DATABASE_URL is set.
// `--quick` measures the 10k pair (and the map figures) only. `--only store`, `--only map`,
// `--only sync`, `--only server`, `--only import`, `--only report` or `--only capture` runs that part alone; the figures it does not run are kept from the
// existing bench/results.json. BENCH_OUT_DIR builds and serves the renderer from
// another folder (default dist/renderer), so a run does not clash with other builds.
// Each figure is the median of --runs runs (default 7), alternating the two sides,
// after an untimed warm-up of each.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from './free-port.mjs';
import { chromiumPath, ensurePackages } from './system-packages.mjs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { syncFigures } from './bench-sync.mjs';

const root = path.resolve(import.meta.dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const sizeArg = process.argv.indexOf('--size');
const size = sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : 10_000;
const label = size % 1000 === 0 ? `${size / 1000}k` : String(size);
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? process.argv[onlyArg + 1] : null;
if (only !== null && !['store', 'map', 'sync', 'server', 'import', 'report', 'capture'].includes(only)) throw new Error(`--only store, map, sync, server, import, report or capture, not ${only}`);
const runStore = only === null || only === 'store';
const runMap = only === null || only === 'map';
const runSync = only === null || only === 'sync';
const runServer = only === null || only === 'server';
const runImport = (only === null && !process.argv.includes('--quick')) || only === 'import';
const runReport = (only === null && !process.argv.includes('--quick')) || only === 'report';
const runCapture = (only === null && !process.argv.includes('--quick')) || only === 'capture';
const outDir = process.env.BENCH_OUT_DIR ?? null;
const outDirArgs = outDir === null ? [] : ['--outDir', path.resolve(root, outDir)];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One entry of bench/results.json: the median of each side and their ratio. */
function figure(name, samples, baselineName, baselineSamples, target, extra = {}) {
  const value = median(samples);
  const base = median(baselineSamples);
  return {
    name,
    value: Math.round(value),
    unit: 'ms',
    baseline: { name: baselineName, value: Math.round(base) },
    ratio: Number((value / base).toFixed(3)),
    runs: samples.length,
    target,
    ...extra,
  };
}

// Before building anything: without Chromium there is nothing to measure in.
ensurePackages(existsSync(chromiumPath()) ? [] : ['chromium'], 'The benchmarks');
if (!existsSync(chromiumPath())) {
  console.error(`\nThe benchmarks need Chromium at ${chromiumPath()} (CHROMIUM_PATH), and there is none. Install Debian's with:\n\n  sudo apt-get update && sudo apt-get install -y chromium\n\nor set CHROMIUM_PATH to a Chromium binary.\n`);
  process.exit(2);
}

if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', ...outDirArgs, ...(outDir === null ? [] : ['--emptyOutDir'])], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = await freePort();
const preview = spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1', ...outDirArgs], { cwd: root, stdio: 'ignore' });
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  // --expose-gc: the map benchmarks collect garbage before each timed run.
  args: ['--no-sandbox', '--js-flags=--expose-gc', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  for (let i = 0; i < 50; i++) {
    try {
      await page.goto(`http://127.0.0.1:${port}/bench.html`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
  const results = [];

  if (runStore) {
  // One small untimed round of each first, so neither side pays for JIT warm-up.
  await page.evaluate(() => window.routewatchBench.storeInsert(1000));
  await page.evaluate(() => window.routewatchBench.rawPut(1000));
  const store = [];
  const raw = [];
  for (let i = 0; i < runs; i++) {
    store.push(await page.evaluate((n) => window.routewatchBench.storeInsert(n), size));
    raw.push(await page.evaluate((n) => window.routewatchBench.rawPut(n), size));
    console.log(`run ${i + 1}/${runs}: store ${store.at(-1).toFixed(0)} ms, raw ${raw.at(-1).toFixed(0)} ms`);
  }
  results.push(figure(`store.insert.${label}`, store, `indexeddb.put.${label}`, raw, 'ratio <= 1.3'));

  if (!process.argv.includes('--quick')) {
    // 100,000 records: the insert pair (fewer runs: each side takes tens of seconds).
    const bigRuns = 3;
    const bigStore = [];
    const bigRaw = [];
    for (let i = 0; i < bigRuns; i++) {
      bigStore.push(await page.evaluate(() => window.routewatchBench.storeInsert(100_000)));
      bigRaw.push(await page.evaluate(() => window.routewatchBench.rawPut(100_000)));
      console.log(`100k run ${i + 1}/${bigRuns}: store ${bigStore.at(-1).toFixed(0)} ms, raw ${bigRaw.at(-1).toFixed(0)} ms`);
    }
    results.push(figure('store.insert.100k', bigStore, 'indexeddb.put.100k', bigRaw, 'ratio <= 1.3'));

    // The list's query over 100,000 stored records, beside a raw index range read of the same rows.
    await page.evaluate(() => window.routewatchBench.fillLarge(100_000));
    const q = [];
    const rq = [];
    let rowsSeen = [0, 0];
    for (let i = 0; i < runs; i++) {
      const [ms, rows] = await page.evaluate(() => window.routewatchBench.storeQuery());
      const [rms, rrows] = await page.evaluate(() => window.routewatchBench.rawQuery());
      q.push(ms);
      rq.push(rms);
      rowsSeen = [rows, rrows];
    }
    console.log(`query: store ${median(q).toFixed(0)} ms (${rowsSeen[0]} rows), raw ${median(rq).toFixed(0)} ms (${rowsSeen[1]} rows)`);
    results.push(figure('store.query.10pct.100k', q, 'indexeddb.range.10pct.100k', rq, 'ratio <= 1.0', { rows: rowsSeen[0] }));

    // From navigation to an interactive Observations list with the 100,000 records.
    // Each run starts from a blank page so the app boots afresh (a hash change alone would not).
    const ready = async () => {
      await page.goto('about:blank');
      const started = Date.now();
      await page.goto(`http://127.0.0.1:${port}/index.html#/observations`);
      await unlockApp(page);
      await page.waitForFunction(() => document.querySelector('[data-testid=observations-table] [role=row][data-id]') !== null, undefined, { timeout: 120_000 });
      return Date.now() - started;
    };
    await page.goto(`http://127.0.0.1:${port}/index.html`);
    await page.evaluate(() => sessionStorage.setItem('routewatch.filter', JSON.stringify({ fromDate: '2016-01-01', toDate: '2016-12-31' })));
    const readyTimes = [];
    for (let i = 0; i < runs; i++) readyTimes.push(await ready());
    // Baseline: the same navigation to the settings screen, which reads no records.
    const emptyTimes = [];
    for (let i = 0; i < runs; i++) {
      await page.goto('about:blank');
      const started = Date.now();
      await page.goto(`http://127.0.0.1:${port}/index.html#/settings`);
      await unlockApp(page);
      await page.waitForSelector('h1');
      emptyTimes.push(Date.now() - started);
    }
    results.push(figure('app.ready.100k', readyTimes, 'app.ready.settings', emptyTimes, 'value <= 1500 ms'));

    // The same 100,000 records on the app's Map screen: a kind ticked in the filter bar,
    // then unticked, each timed from the click to the painted map; what map.render.100k
    // times on the bench page, here with React, the filter bar and the whole screen.
    const inApp = await mapFilterInApp(page, port);
    console.log(`map filter in the app: all 100,000 again in ${median(inApp.all).toFixed(0)} ms, one kind (${inApp.narrowCount} entries) in ${median(inApp.narrow).toFixed(0)} ms`);
    results.push(
      figure('map.filter.app.100k', inApp.all, 'map.filter.app.narrow.100k', inApp.narrow, 'none (informs map.render.100k)', {
        note: 'in the app, 100,000 records on the Map screen: unticking a kind (all 100,000 drawn again), from the click to the painted map; the baseline is ticking it (' + inApp.narrowCount + ' drawn)',
      }),
    );
  }
  }

  if (runMap) results.push(...(await mapFigures(page, port)));
  if (runServer) {
    for (const databaseUrl of [undefined, process.env.DATABASE_URL].filter((u, i) => i === 0 || u)) {
      const env = { ...process.env };
      if (databaseUrl === undefined) delete env.DATABASE_URL;
      const run = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/bench-server-push.ts'], { cwd: root, env, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`server push bench failed:\n${run.stdout}\n${run.stderr}`);
      const r = JSON.parse(run.stdout.trim().split('\n').at(-1));
      console.log(`server push (${r.database}): ${r.value} changes/s, p99 ${r.p99Ms} ms, ${r.failedRequests} failed requests, ${r.refusedChanges} refused changes`);
      results.push({
        name: `${r.name}${r.database === 'postgresql' ? '.postgresql' : ''}`,
        value: r.value,
        unit: r.unit,
        baseline: { name: 'none', value: 0 },
        ratio: null,
        runs: 1,
        target: 'informative (0 errors)',
        note: `${r.database}: p99 ${r.p99Ms} ms, median ${r.medianMs} ms, burst ${r.wallMs} ms, ${r.failedRequests} failed requests, ${r.refusedChanges} refused changes`,
      });
    }
  }
  if (runImport) {
    // 100,000 rows through the import path, beside the raw put of as many records (fewer runs: tens of seconds each).
    await page.evaluate(() => window.routewatchBench.importCsv(1000));
    const importRuns = 3;
    const imported = [];
    const raw = [];
    let steps = null;
    for (let i = 0; i < importRuns; i++) {
      const [ms, added, lastSteps] = await page.evaluate(() => window.routewatchBench.importCsv(100_000));
      steps = lastSteps;
      if (added !== 100_000) throw new Error(`import.csv.100k stored ${added} records, not 100,000`);
      imported.push(ms);
      raw.push(await page.evaluate(() => window.routewatchBench.rawPut(100_000)));
      console.log(`import run ${i + 1}/${importRuns}: import ${imported.at(-1).toFixed(0)} ms, raw put ${raw.at(-1).toFixed(0)} ms`);
    }
    const note = `last run's steps: read ${Math.round(steps.read)} ms, plan ${Math.round(steps.plan)} ms, held ids ${Math.round(steps.held)} ms, store ${Math.round(steps.write)} ms`;
    results.push(figure('import.csv.100k', imported, 'indexeddb.put.100k', raw, 'ratio <= 1.5', { note }));
  }
  if (runReport) results.push(...(await reportFigures(port)));
  if (runCapture) results.push(await captureKeys(page, port));
  if (runSync) {
    const syncRuns = Number(process.env.BENCH_SYNC_RUNS ?? 3);
    results.push(...(await syncFigures({ root, page, pageOrigin: `http://127.0.0.1:${port}`, runs: syncRuns, figure })));
  }

  // Figures not run this time are kept from the last full run, in their place.
  const resultsPath = path.join(root, 'bench/results.json');
  const previous = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : [];
  const fresh = new Map(results.map((r) => [r.name, r]));
  const merged = previous.map((r) => fresh.get(r.name) ?? r);
  for (const r of results) if (!previous.some((p) => p.name === r.name)) merged.push(r);
  results.length = 0;
  results.push(...merged);
  mkdirSync(path.join(root, 'bench'), { recursive: true });
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  const table = [
    '| figure | value | baseline | baseline value | ratio | target |',
    '|---|---|---|---|---|---|',
    ...results.map((r) => `| ${r.name} | ${r.value === null ? 'failed' : `${r.value} ${r.unit}`} | ${r.baseline.name} | ${r.baseline.value} ${r.unit} | ${r.ratio} | ${r.target} |`),
  ].join('\n');
  const runsNote = 'Medians in headless Chromium; `runs` in results.json says how many runs each figure took.';
  const when = `Last run ${new Date().toISOString()}${only === null ? '' : ` (--only ${only}; the other figures are from an earlier run)`}.`;
  const notes = results.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`);
  writeFileSync(path.join(root, 'bench/results.md'), `# Benchmark results\n\n${runsNote} ${when}\n\n${table}\n${notes.length ? `\n${notes.join('\n')}\n` : ''}`);
  console.log(`\n${table}`);
} finally {
  await browser.close();
  preview.kill();
}

/**
 * On the app's Map screen with the 100,000 records of fillLarge (the filter's period,
 * set for app.ready, holds them all): the "Group sighting" kind ticked, then unticked,
 * `runs` times; ms from the click to the frame after the map's counts changed.
 */
async function mapFilterInApp(page, port) {
  await page.goto('about:blank');
  await page.goto(`http://127.0.0.1:${port}/index.html#/map`);
  await unlockApp(page);
  await page.waitForFunction(() => document.querySelector('.main-map')?.dataset.pointCount === '100000', undefined, { timeout: 120_000 });
  await page.getByRole('button', { name: /^Kinds / }).click();
  const box = page.getByRole('group', { name: 'Kinds', exact: true }).getByRole('checkbox', { name: 'Group sighting', exact: true });
  const toggle = () =>
    box.evaluate(
      (input) =>
        new Promise((resolve) => {
          const map = document.querySelector('.main-map');
          const before = map.dataset.pointCount;
          const started = performance.now();
          const observer = new MutationObserver(() => {
            if (map.dataset.pointCount === before) return;
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => resolve({ ms: performance.now() - started, count: Number(map.dataset.pointCount) }), 0));
          });
          observer.observe(map, { attributes: true, attributeFilter: ['data-point-count'] });
          input.click();
        }),
    );
  // One untimed round first: the first filter change compiles the code it runs.
  await toggle();
  await toggle();
  const narrow = [];
  const all = [];
  let narrowCount = 0;
  for (let i = 0; i < runs; i++) {
    const one = await toggle();
    narrow.push(one.ms);
    narrowCount = one.count;
    const back = await toggle();
    if (back.count !== 100_000) throw new Error(`the map drew ${back.count} of 100,000 entries`);
    all.push(back.ms);
  }
  return { narrow, all, narrowCount };
}

/**
 * The map figures, on the bench page: 100,000 training observations as map columns,
 * clusters beside Leaflet.markercluster, a day's time step, the flow aggregation.
 */
async function mapFigures(page, port) {
  const out = [];
  await page.goto(`http://127.0.0.1:${port}/bench.html`);
  await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
  const prepared = await page.evaluate(() => window.routewatchBench.mapPrepare(100_000));
  console.log(`map: ${prepared.count} training observations as columns in ${prepared.prepareMs.toFixed(0)} ms (untimed)`);

  // Render: alternating the two sides, after one untimed run of each.
  const renderRuns = runs;
  await page.evaluate(() => window.routewatchBench.mapRender());
  await page.evaluate(() => window.routewatchBench.markerclusterRender());
  const ours = [];
  const theirs = [];
  for (let i = 0; i < renderRuns; i++) {
    ours.push(await page.evaluate(() => window.routewatchBench.mapRender()));
    theirs.push(await page.evaluate(() => window.routewatchBench.markerclusterRender()));
    const sync = await page.evaluate(() => window.routewatchBench.mapRenderSync());
    const drawn = await page.evaluate(() => window.routewatchBench.mapRenderCount());
    if (drawn !== prepared.count) throw new Error(`map render drew ${drawn} of ${prepared.count} entries`);
    console.log(`map render ${i + 1}/${renderRuns}: filter change to clusters ${ours.at(-1).toFixed(0)} ms (${sync.toFixed(0)} before the browser's style, layout and paint), markercluster ${theirs.at(-1).toFixed(0)} ms`);
  }
  // The machine is shared: the load average says how quiet it was (2 cores here).
  out.push(figure('map.render.100k', ours, 'markercluster.render.100k', theirs, 'ratio <= 0.1', {
    entries: prepared.count,
    loadAverage: Number(loadavg()[0].toFixed(1)),
    note: 'from a filter change (one kind to every kind named): the period columns narrowed in memory, the cluster layer updated, to the painted map',
  }));

  // Time steps: one day's window, clusters and flows, over 25 days spread over the period.
  await page.evaluate(() => window.routewatchBench.mapTimestep());
  const step = await page.evaluate(() => window.routewatchBench.mapTimestep());
  const stepBase = await page.evaluate(() => window.routewatchBench.markerclusterTimestep());
  console.log(`map timestep: median ${median(step.times).toFixed(1)} ms (${step.entries} entries in ${step.times.length} days), markercluster ${median(stepBase).toFixed(1)} ms`);
  out.push(
    figure('map.timestep.100k', step.times, 'markercluster.timestep.100k', stepBase, 'value <= 50 ms (median)', {
      days: step.times.length,
      entriesPerDay: Math.round(step.entries / step.times.length),
      note: 'cluster layer and flow layer updated with one day of the 100,000 columns, to the painted map',
    }),
  );

  // Flows: the aggregation alone.
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => window.routewatchBench.flowsAggregate());
    await page.evaluate(() => window.routewatchBench.flowsNaive());
  }
  const agg = [];
  const naive = [];
  let flowCount = [0, 0];
  for (let i = 0; i < runs; i++) {
    const [ms, n] = await page.evaluate(() => window.routewatchBench.flowsAggregate());
    const [nms, nn] = await page.evaluate(() => window.routewatchBench.flowsNaive());
    agg.push(ms);
    naive.push(nms);
    flowCount = [n, nn];
  }
  console.log(`flows: aggregateFlows ${median(agg).toFixed(1)} ms (${flowCount[0]} flows), naive ${median(naive).toFixed(1)} ms (${flowCount[1]} flows)`);
  out.push(figure('map.flows.100k', agg, 'flows.naive.100k', naive, 'value <= 100 ms', { flows: flowCount[0] }));
  return out;
}

/**
 * capture.keys.group_sighting: the keys a person presses, besides the values typed, to
 * record the common case by keyboard (a count, not a time: one run says it). The same
 * functions drive the page as in tests/e2e/capture-keyboard.spec.ts, which asserts <= 25.
 */
async function captureKeys(page, port) {
  const { tsImport } = await import('tsx/esm/api');
  const keys = await tsImport('../tests/e2e/capture-keys.ts', import.meta.url);
  const base = `http://127.0.0.1:${port}/index.html`;
  await page.goto('about:blank');
  await page.goto(`${base}#/observations`);
  // Alone (--only capture), no bench step has set the vault up: the app's first start does.
  const setup = page.getByRole('heading', { name: 'Set a passphrase' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await setup.or(nav).or(page.getByRole('heading', { name: 'Routewatch is locked' })).first().waitFor({ timeout: 120_000 });
  if (await setup.isVisible()) {
    const passphrase = 'e2e passphrase: lantern river copper';
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByLabel('Passphrase again').fill(passphrase);
    await page.getByRole('button', { name: 'Set passphrase' }).click();
    await page.getByRole('checkbox', { name: 'I have written down the recovery key' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
  } else await unlockApp(page);
  await nav.waitFor({ timeout: 120_000 });
  await keys.recordEarlierObservation(page, base);
  const count = await keys.groupSightingByKeyboard(page, base);
  console.log(`capture: a group sighting by keyboard in ${count} keys`);
  return {
    name: 'capture.keys.group_sighting',
    value: count,
    unit: 'keys',
    baseline: { name: 'none', value: 0 },
    ratio: null,
    runs: 1,
    target: '<= 25 keys',
    note: 'Tab, Shift+Tab, Enter, arrows, Space, Escape and Ctrl+Enter count one each; typed values are free; from the opened New observation form (the device has recorded before: who records is known) to "Observation submitted."',
  };
}

/**
 * The app starts behind its lock (renderer/lock): the bench page set this profile's key
 * vault up with the bench passphrase (renderer/bench/bench-cipher.ts), and the app's
 * figures include unlocking with it (600,000 PBKDF2 rounds), as a user's start does.
 */
async function unlockApp(page) {
  // A function declaration, hoisted: the store figures above run before this line would initialise a const.
  const passphrase = 'e2e passphrase: lantern river copper';
  const locked = page.getByRole('heading', { name: 'Routewatch is locked' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await locked.or(nav).first().waitFor({ timeout: 120_000 });
  if (await locked.isVisible()) {
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByRole('button', { name: 'Unlock' }).click();
  }
}

/**
 * The report figures (renderer/bench/report-bench.ts): 100,000 training observations over
 * 2016 seeded untimed into their own database, then a training report of 2016 built by the
 * report worker, written as DOCX and printed to PDF, each beside its baseline. On a page
 * of its own, the whole report's PDF last: printing it can crash Chromium's renderer.
 */
async function reportFigures(port) {
  const found = [];
  // Each figure says how loaded the shared machine was when it was taken (1-minute load average, 2 cores here).
  const out = { push: (...figures) => found.push(...figures.map((f) => ({ ...f, loadAverage: Number(loadavg()[0].toFixed(1)) }))) };
  const page = await browser.newPage();
  const open = async () => {
    await page.goto(`http://127.0.0.1:${port}/bench.html`);
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
  };
  await open();
  const [seedMs, stored] = await page.evaluate(() => window.routewatchBench.reportSeed(100_000));
  if (stored !== 100_000) throw new Error(`the report bench stored ${stored} of 100,000 records`);
  console.log(`report: 100,000 training observations over 2016 stored in ${seedMs.toFixed(0)} ms (untimed)`);

  // Build: the worker beside the raw read of the same spans, alternating, after one untimed run of each.
  await page.evaluate(() => window.routewatchBench.reportBuild('empty'));
  await page.evaluate(() => window.routewatchBench.reportBuild('year'));
  await page.evaluate(() => window.routewatchBench.rawReadWindow('year'));
  const build = [];
  const raw = [];
  const read = [];
  const compute = [];
  const handoff = [];
  let facts = null;
  for (let i = 0; i < runs; i++) {
    const b = await page.evaluate(() => window.routewatchBench.reportBuild('year'));
    const [rms, rrows] = await page.evaluate(() => window.routewatchBench.rawReadWindow('year'));
    if (b.records !== 100_000) throw new Error(`the report worker read ${b.records} of 100,000 records`);
    if (rrows !== b.records) throw new Error(`the worker read ${b.records} records, the raw read ${rrows}`);
    build.push(b.total);
    raw.push(rms);
    read.push(b.read);
    compute.push(b.worker - b.read);
    handoff.push(b.total - b.worker);
    facts = b;
    console.log(`report build ${i + 1}/${runs}: ${b.total.toFixed(0)} ms (worker read ${b.read.toFixed(0)}, compute ${(b.worker - b.read).toFixed(0)}, messages ${(b.total - b.worker).toFixed(0)}), raw read ${rms.toFixed(0)} ms`);
  }
  out.push(
    figure('report.build.100k', build, 'indexeddb.read.window.100k', raw, 'value <= 500 ms', {
      records: facts.records,
      mapRecords: facts.counted,
      mapGroups: facts.groups,
      note: `a training report of 2016 (100,000 training records, submitted counted) in the report worker, from postMessage to the figures unpacked on the page; the worker is one started ahead, as the report screen starts it (report-workers.ts), so its module load (about 50 ms) is not in the figure; medians: reading the window in the worker (from the per-day cache, built by the untimed run before) ${Math.round(median(read))} ms, computing every figure ${Math.round(median(compute))} ms, the job's message and the figures' way back ${Math.round(median(handoff))} ms; the baseline reads the same spans with raw getAll on the page`,
    }),
  );
  // Cold: the report's per-day cache emptied before each run, so the worker reads every
  // record whole and builds the cache (the first report over a period after its records
  // were written); fewer runs, each takes seconds.
  const cold = [];
  const coldRead = [];
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => window.routewatchBench.reportForget());
    const b = await page.evaluate(() => window.routewatchBench.reportBuild('year'));
    if (b.records !== 100_000) throw new Error(`the report worker read ${b.records} of 100,000 records`);
    cold.push(b.total);
    coldRead.push(b.read);
    console.log(`report build, cache emptied ${i + 1}/3: ${b.total.toFixed(0)} ms (worker read whole ${b.read.toFixed(0)})`);
  }
  out.push(
    figure('report.build.100k.cold', cold, 'indexeddb.read.window.100k', raw, 'informative (report.build.100k with the per-day cache emptied)', {
      note: `the same report with the per-day cache emptied before each run: the worker reads every record whole (median ${Math.round(median(coldRead))} ms of it), computes, then caches the days after its answer (untimed)`,
    }),
  );

  // The last build of each period leaves its figures in the page for the render and the DOCX.
  await page.evaluate(() => window.routewatchBench.reportBuild('empty'));

  // DOCX: from the figures to the bytes, the whole report and the lean one.
  const docxPair = async (lean) => {
    await page.evaluate((l) => window.routewatchBench.reportDocx('year', l), lean);
    await page.evaluate(() => window.routewatchBench.reportDocx('empty'));
    const docx = [];
    const docxEmpty = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const [ms, n] = await page.evaluate((l) => window.routewatchBench.reportDocx('year', l), lean);
      docx.push(ms);
      bytes = n;
      docxEmpty.push((await page.evaluate(() => window.routewatchBench.reportDocx('empty')))[0]);
    }
    console.log(`report docx${lean ? ' (without the official-figures list)' : ''}: ${median(docx).toFixed(0)} ms (${bytes} bytes), empty period ${median(docxEmpty).toFixed(0)} ms`);
    return { docx, docxEmpty, bytes };
  };
  const docxWhole = await docxPair(false);
  out.push(
    figure('report.docx.100k', docxWhole.docx, 'report.docx.empty', docxWhole.docxEmpty, 'value <= 3000 ms', {
      bytes: docxWhole.bytes,
      note: 'the 2016 training report from its figures to DOCX bytes on the page: buildReportDocument, the map PNG in its slot, withChartPngs, reportDocxBytes; the baseline is the same for a period without records',
    }),
  );
  const docxLean = await docxPair(true);
  out.push(
    figure('report.docx.100k.lean', docxLean.docx, 'report.docx.empty', docxLean.docxEmpty, 'informative (report.docx.100k without the annex list)', {
      bytes: docxLean.bytes,
      note: "the same without the annex's list of every official figure (bench-only)",
    }),
  );

  // PDF: from the start of the render to the written file (the empty period: the fixed cost).
  const dir = mkdtempSync(path.join(tmpdir(), 'routewatch-bench-report-'));
  try {
    let rendered = null;
    const pdf = async (which, lean = false) => {
      const started = performance.now();
      rendered = await page.evaluate(([w, l]) => window.routewatchBench.reportRender(w, l), [which, lean]);
      const printStarted = performance.now();
      const bytes = await page.pdf(rendered.pdfOptions);
      writeFileSync(path.join(dir, `report-${which}.pdf`), bytes);
      const ms = performance.now() - started;
      const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      return { ms, render: rendered.ms, print: ms - (printStarted - started), pages, bytes: bytes.length, rows: rendered.rows };
    };
    const pdfPair = async (lean) => {
      await pdf('year', lean);
      await pdf('empty', lean);
      const full = [];
      const empty = [];
      const render = [];
      let last = null;
      for (let i = 0; i < runs; i++) {
        last = await pdf('year', lean);
        full.push(last.ms);
        render.push(last.render);
        empty.push((await pdf('empty', lean)).ms);
        console.log(`report pdf${lean ? ' (without the official-figures list)' : ''} ${i + 1}/${runs}: ${last.ms.toFixed(0)} ms (render ${last.render.toFixed(0)}, print and write ${last.print.toFixed(0)}; ${last.pages} pages, ${last.rows} table rows), empty period ${empty.at(-1).toFixed(0)} ms`);
      }
      return { full, empty, render, last };
    };
    const how = "rendered with ReportDocumentView (map slot: a 1194 × 756 PNG in place of the live Leaflet map), printed with page.pdf(playwrightPdfOptions(reportPdfSpec('A4', …))) and written";
    const lean = await pdfPair(true);
    // The whole report: once untimed; when Chromium cannot print it, that is the figure
    // (last of all: the failure can take the page's renderer with it).
    const started = performance.now();
    let failure = null;
    try {
      await pdf('year');
    } catch (error) {
      failure = { message: String(error.message ?? error).split('\n')[0], render: rendered?.ms ?? null, rows: rendered?.rows ?? null, ms: performance.now() - started };
      // Whether the page survived it: a renderer that crashed answers nothing.
      failure.crashed = !(await Promise.race([page.evaluate(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 10_000))]).catch(() => false));
      console.log(`report pdf: Chromium could not print the whole report after ${failure.ms.toFixed(0)} ms (render ${failure.render?.toFixed(0)} ms, ${failure.rows} table rows): ${failure.message}`);
    }
    if (failure === null) {
      const whole = await pdfPair(false);
      out.push(
        figure('report.pdf.100k', whole.full, 'report.pdf.empty', whole.empty, 'value <= 5000 ms', {
          pages: whole.last.pages,
          bytes: whole.last.bytes,
          note: `the 2016 training report ${how}: median render ${Math.round(median(whole.render))} ms, the rest printing and writing; ${whole.last.pages} pages; the baseline is the same for a period without records`,
        }),
      );
    } else {
      out.push({
        name: 'report.pdf.100k',
        value: null,
        unit: 'ms',
        baseline: { name: 'report.pdf.empty', value: Math.round(median(lean.empty)) },
        ratio: null,
        runs: 1,
        target: 'value <= 5000 ms',
        failed: failure.message,
        crashed: failure.crashed,
        note: `NOT PRINTED: the 2016 training report ${how}; rendering it took ${Math.round(failure.render)} ms (${failure.rows} table rows, of them the annex's list of every official figure), then Chromium's printer failed (${failure.message}) ${Math.round(failure.ms - failure.render)} ms later${failure.crashed ? ", and the page's renderer had crashed" : ''}; see report.pdf.100k.lean for the report without that list`,
      });
    }
    out.push(
      figure('report.pdf.100k.lean', lean.full, 'report.pdf.empty', lean.empty, 'informative (report.pdf.100k without the annex list)', {
        pages: lean.last.pages,
        bytes: lean.last.bytes,
        note: `the same report without the annex's list of every official figure (bench-only), ${how}: median render ${Math.round(median(lean.render))} ms, the rest printing and writing; ${lean.last.pages} pages; the baseline is the whole report for a period without records`,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  await page.close().catch(() => undefined);
  return found;
}
