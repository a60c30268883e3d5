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
//                     beside the same navigation to a screen that reads no records.
// `--quick` measures the 10k pair only.
// Each figure is the median of --runs runs (default 7), alternating the two sides,
// after an untimed warm-up of each.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { freePort } from './free-port.mjs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const sizeArg = process.argv.indexOf('--size');
const size = sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : 10_000;
const label = size % 1000 === 0 ? `${size / 1000}k` : String(size);

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

if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = await freePort();
const preview = spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: root, stdio: 'ignore' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
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
  const results = [figure(`store.insert.${label}`, store, `indexeddb.put.${label}`, raw, 'ratio <= 1.3')];

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
      await page.waitForSelector('h1');
      emptyTimes.push(Date.now() - started);
    }
    results.push(figure('app.ready.100k', readyTimes, 'app.ready.settings', emptyTimes, 'value <= 1500 ms'));
  }
  mkdirSync(path.join(root, 'bench'), { recursive: true });
  writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const table = [
    '| figure | value | baseline | baseline value | ratio | target |',
    '|---|---|---|---|---|---|',
    ...results.map((r) => `| ${r.name} | ${r.value} ${r.unit} | ${r.baseline.name} | ${r.baseline.value} ${r.unit} | ${r.ratio} | ${r.target} |`),
  ].join('\n');
  writeFileSync(path.join(root, 'bench/results.md'), `# Benchmark results\n\nMedian of ${runs} runs in headless Chromium (${new Date().toISOString()}).\n\n${table}\n`);
  console.log(`\n${table}`);
} finally {
  await browser.close();
  preview.kill();
}
