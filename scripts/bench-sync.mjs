// The sync figures of `npm run bench` (`--only sync`, or part of a full run):
//
//   sync.roundtrip.50k   50,000 observations made on device A (untimed), then pushed by A
//                        through the real server (embedded PGlite, loopback) and pulled by a
//                        fresh device B, each through the app's store, engine and transport,
//                        in Chromium; beside
//   pouchdb.replicate.50k  the same documents (A's stored records) replicated by PouchDB in
//                        the same page to a PouchDB server on loopback (express-pouchdb over
//                        the in-memory adapter) and down to a second PouchDB. Target ratio <= 0.5.
//   sync.bytes.per.observation  push request bytes as sent (compressed when the transport
//                        compresses), per observation pushed. Target <= 400.
//
/* global window */
// Each run enrols two fresh devices in an office of its own, so that B pulls only that
// run's records. BENCH_SYNC_SIZE changes the 50,000 (the name follows it).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import expressPouchdb from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import pouchHttp from 'pouchdb-adapter-http';
import pouchMemory from 'pouchdb-adapter-memory';
import pouchMapReduce from 'pouchdb-mapreduce';
import pouchReplication from 'pouchdb-replication';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The Routewatch server on a free port with a fresh data folder; resolves with its URL and admin token. */
async function startRoutewatch(root, pageOrigin) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'routewatch-bench-sync-'));
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'server/cli.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--allow-origin', pageOrigin],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const adminToken = readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim();
  return {
    url,
    adminToken,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function api(server, method, pathName, body, token) {
  const response = await fetch(new URL(pathName, server.url), {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${pathName}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Two devices of a fresh office, enrolled for one user: A pushes, B pulls. */
async function enrolPair(server, office, userName) {
  // Offices are created before codes are issued for them (the ops CLI's rule); an older
  // server without the offices route creates them with the code.
  await fetch(new URL('/api/v1/admin/offices', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
    body: JSON.stringify({ code: office, mission: office.slice(0, 2), name: `Bench ${office}` }),
  });
  const tokens = [];
  for (const device of ['A', 'B']) {
    const { code } = await api(server, 'POST', '/api/v1/admin/enrolment-codes', { office, role: 'field_monitor', userName }, server.adminToken);
    const enrolled = await api(server, 'POST', '/api/v1/enrolments', { code, deviceName: `bench ${device}` });
    tokens.push(enrolled.token);
  }
  return tokens;
}

/** A PouchDB server over the in-memory adapter, open to the bench page's origin. */
async function startPouchServer(pageOrigin) {
  const MemoryPouch = PouchDB.plugin(pouchMemory).plugin(pouchHttp).plugin(pouchReplication).plugin(pouchMapReduce).defaults({ adapter: 'memory' });
  const app = express();
  app.use((req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', pageOrigin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST, HEAD, DELETE');
    res.setHeader('Access-Control-Allow-Headers', 'accept, authorization, content-type, origin, referer');
    if (req.method === 'OPTIONS') {
      res.sendStatus(204);
      return;
    }
    next();
  });
  app.use('/', expressPouchdb(MemoryPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true }));
  const server = createServer(app);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((r) => server.close(r)) };
}

/** Runs the pair `runs` times on a page of the bench build, alternating sides; returns bench/results.json entries. */
export async function syncFigures({ root, page, pageOrigin, runs, figure }) {
  const size = Number(process.env.BENCH_SYNC_SIZE ?? 50_000);
  const label = size % 1000 === 0 ? `${size / 1000}k` : String(size);
  const server = await startRoutewatch(root, pageOrigin);
  const pouch = await startPouchServer(pageOrigin);
  try {
    const ours = [];
    const theirs = [];
    const bytes = [];
    for (let i = 0; i < runs; i++) {
      const office = `RS-BS${String(i + 1).padStart(2, '0')}`;
      const [tokenA, tokenB] = await enrolPair(server, office, 'Bench Monitor');
      const r = await page.evaluate((input) => window.routewatchBench.syncRoundtrip(input), {
        serverUrl: `${server.url}/`,
        tokenA,
        tokenB,
        office,
        userName: 'Bench Monitor',
        count: size,
      });
      if (r.heldOnB !== size || r.pushed !== size) throw new Error(`sync roundtrip moved ${r.pushed} and B holds ${r.heldOnB} of ${size}`);
      const p = await page.evaluate((url) => window.routewatchBench.pouchReplicate(url), pouch.url);
      if (p.heldOnB !== size) throw new Error(`PouchDB replicated ${p.heldOnB} of ${size}`);
      ours.push(r.ms);
      theirs.push(p.ms);
      bytes.push(r.pushRequestBytes / size);
      console.log(`sync run ${i + 1}/${runs}: routewatch ${r.ms.toFixed(0)} ms (push ${r.pushMs.toFixed(0)}, pull ${r.pullMs.toFixed(0)}; ${(r.pushRequestBytes / size).toFixed(0)} B/obs pushed), pouchdb ${p.ms.toFixed(0)} ms`);
      console.log(`  time by call (ms): ${Object.entries(r.spent ?? {}).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
    }
    const bytesPer = median(bytes);
    return [
      figure(`sync.roundtrip.${label}`, ours, `pouchdb.replicate.${label}`, theirs, 'ratio <= 0.5', {
        note: `${size} observations pushed by device A through the server (PGlite, loopback) and pulled by device B, in Chromium; beside PouchDB replicating the same documents to express-pouchdb (memory) and down to a second PouchDB`,
      }),
      {
        name: 'sync.bytes.per.observation',
        value: Math.round(bytesPer),
        unit: 'bytes',
        baseline: { name: 'none', value: 0 },
        ratio: null,
        runs: bytes.length,
        target: 'value <= 400',
        note: 'push request bodies as sent (compressed when the transport compresses), per observation',
      },
    ];
  } finally {
    await pouch.stop();
    await server.stop();
  }
}
