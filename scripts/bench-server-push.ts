/**
 * server.push.200devices (informative, `npm run bench -- --only server`): 200 devices of
 * one office each push one batch of 100 new observations at the same moment to the real
 * server (`server/cli.ts serve`, a child process on loopback), on the embedded PGlite
 * or, with DATABASE_URL, on PostgreSQL (a fresh database of its own). Prints one JSON
 * line: changes per second over the whole burst, the p99 of the requests' latencies,
 * and how many requests or changes failed.
 *
 * The devices are written straight into the database before the server starts (200
 * enrolments through the API would meet its per-address rate limit, which is the point
 * of that limit); their tokens are random, stored hashed, as enrolment stores them.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Observation } from '../shared/observations/observation-schema';
import { SYNC_PROTOCOL_VERSION, pushResponseSchema } from '../shared/sync/protocol';
import { formatHlc } from '../shared/sync/hlc';
import { migrate } from '../server/db/migrate';
import { openConfiguredDb } from '../server/db/open-db';
import { sha256Hex } from '../server/domain/secrets';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 200);
const BATCH = 100;
const OFFICE = 'RS-BPUSH';
const USER = 'Bench Monitor';
const root = path.resolve(import.meta.dirname, '..');

/** A fresh PostgreSQL database beside the one DATABASE_URL names, so the run starts empty. */
async function freshPostgres(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `rw_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return {
    url: fresh.href,
    drop: async () => {
      const again = new pg.Client({ connectionString: url });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

function record(device: string, i: number): Observation {
  const now = Date.now();
  const at = new Date(now - 3_600_000 + i * 1000).toISOString();
  return {
    id: randomUUID(),
    kind: 'group_sighting',
    mission: 'RS',
    office: OFFICE,
    author: USER,
    device,
    observedStart: at,
    reportedAt: at,
    placeId: 'rs-presevo',
    location: null,
    locationMethod: 'gazetteer',
    totalPersons: 10 + (i % 50),
    summary: `Group of ${10 + (i % 50)} seen at the crossing, batch test ${i}.`,
    reviewStatus: 'submitted',
    deleted: false,
    hlc: formatHlc({ wallMs: now, counter: i, node: device }),
  };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'routewatch-bench-push-'));
  const postgres = process.env.DATABASE_URL ? await freshPostgres(process.env.DATABASE_URL) : undefined;
  const databaseUrl = postgres?.url;

  const tokens: string[] = [];
  const { db } = await openConfiguredDb({ databaseUrl, dataDir });
  await migrate(db);
  await db.query('INSERT INTO offices (code, mission) VALUES ($1, $2) ON CONFLICT DO NOTHING', [OFFICE, 'RS']);
  for (let i = 0; i < DEVICES; i++) {
    const token = randomBytes(32).toString('base64url');
    tokens.push(token);
    await db.query('INSERT INTO devices (id, office, name, token_hash, role, user_name) VALUES ($1, $2, $3, $4, $5, $6)', [
      `bench_${i}`,
      OFFICE,
      `bench device ${i}`,
      sha256Hex(token),
      'field_monitor',
      USER,
    ]);
  }
  await db.close();

  const env: NodeJS.ProcessEnv = { ...process.env };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'server/cli.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      reject(new Error(`server exited with ${String(code)}:\n${output}`));
    });
  });

  try {
    const bodies = tokens.map((_, d) =>
      JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, changes: Array.from({ length: BATCH }, (_unused, i) => ({ changeId: randomUUID(), record: record(`bench_${d}`, i) })) }),
    );
    const push = async (d: number): Promise<{ ms: number; refused: number; ok: boolean }> => {
      const started = performance.now();
      const response = await fetch(`${url}/api/v1/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[d] ?? ''}` },
        body: bodies[d],
      });
      const body: unknown = await response.json();
      const ms = performance.now() - started;
      const parsed = pushResponseSchema.safeParse(body);
      if (!response.ok || !parsed.success) return { ms, refused: BATCH, ok: false };
      return { ms, refused: parsed.data.results.filter((r) => r.outcome !== 'accepted').length, ok: true };
    };
    const started = performance.now();
    const outcomes = await Promise.all(tokens.map((_, d) => push(d)));
    const wallMs = performance.now() - started;
    const changes = DEVICES * BATCH;
    const result = {
      name: `server.push.${DEVICES}devices`,
      database: databaseUrl ? 'postgresql' : 'pglite',
      value: Math.round(changes / (wallMs / 1000)),
      unit: 'changes/s',
      p99Ms: Math.round(percentile(outcomes.map((o) => o.ms), 99)),
      medianMs: Math.round(percentile(outcomes.map((o) => o.ms), 50)),
      wallMs: Math.round(wallMs),
      failedRequests: outcomes.filter((o) => !o.ok).length,
      refusedChanges: outcomes.reduce((sum, o) => sum + o.refused, 0),
    };
    console.log(JSON.stringify(result));
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
    await postgres?.drop();
  }
}

await main();
