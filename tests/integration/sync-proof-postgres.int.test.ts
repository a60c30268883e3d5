/**
 * Issue 10's proof on the real PostgreSQL: what only a database with many connections
 * and many server processes can show. On PGlite (one connection, one process per data
 * folder) these tests are skipped, and say so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../server/app';
import type { SyncChange } from '../../shared/sync/protocol';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { ADMIN_TOKEN, DATABASE_URL, describeEachDb } from './helpers/test-db';
import type { Harness } from './helpers/test-db';
import { ProofDevice, enrolUser } from './helpers/proof-device';
import { httpTransport, inProcessTransport } from './helpers/proof-transport';
import { runScenario, scenarioArbitrary } from './helpers/proof-scenario';
import type { ScenarioSpec, ScenarioTarget } from './helpers/proof-scenario';
import { startServeProcess } from '../support/serve-process';
import type { ServeProcess } from '../support/serve-process';

const PARALLEL = 8;
const ONLY_POSTGRES = '(PostgreSQL only: PGlite has one connection and one process per data folder)';

async function countRows(db: { query: (sql: string) => Promise<Record<string, unknown>[]> }, sql: string): Promise<number> {
  const rows = await db.query(sql);
  return Number(rows[0]?.n);
}

describeEachDb('sync proof on many connections and processes', (h) => {
  beforeEach(() => h.reset());

  it.skipIf(h.kind !== 'postgres')(`the same batch pushed from ${PARALLEL} parallel connections is stored once per change id ${ONLY_POSTGRES}`, async () => {
    // Eight servers, each on a connection pool of its own, on one database.
    const apps: FastifyInstance[] = [];
    for (let i = 0; i < PARALLEL; i++) apps.push(await buildServer({ db: await h.openAnother(), adminToken: ADMIN_TOKEN }));
    const first = apps[0];
    if (!first) throw new Error('no app');
    const enrolled = await enrolUser({ app: first, adminToken: ADMIN_TOKEN }, 'RS-BEL', 'field_monitor', 'Ana Monitor');
    const device = new ProofDevice('laptop', enrolled, inProcessTransport(first, enrolled.token), 0);
    await device.setUp();
    try {
      for (let i = 0; i < 200; i++) await device.create(`record ${i}`, 1 + (i % 40));
      const batch: SyncChange[] = await device.syncStore().pendingChanges(200);
      expect(batch).toHaveLength(200);

      const pushEverywhere = (changes: SyncChange[]) =>
        Promise.all(apps.map((app) => inProcessTransport(app, enrolled.token).push({ protocolVersion: SYNC_PROTOCOL_VERSION, changes })));
      const answers = await pushEverywhere(batch);
      // Every connection is told every change is held: a device may drop them from its outbox whichever answer it reads.
      for (const answer of answers) {
        expect(answer.results.map((r) => r.outcome)).toEqual(batch.map(() => 'accepted'));
        expect(answer.results.map((r) => r.changeId)).toEqual(batch.map((c) => c.changeId));
      }
      expect(await countRows(h.db, 'SELECT count(*)::int AS n FROM changes')).toBe(200);
      expect(await countRows(h.db, 'SELECT count(DISTINCT change_id)::int AS n FROM changes')).toBe(200);
      expect(await countRows(h.db, 'SELECT count(*)::int AS n FROM records')).toBe(200);

      // Then an edit of every record, pushed everywhere at once again: one new row each, the records updated once.
      await device.syncStore().acknowledge(batch);
      for (const record of await device.records()) await device.edit(record, `${record.summary}, corrected`);
      const edits = await device.syncStore().pendingChanges(200);
      expect(edits).toHaveLength(200);
      await pushEverywhere(edits);
      expect(await countRows(h.db, 'SELECT count(*)::int AS n FROM changes')).toBe(400);
      expect(await countRows(h.db, 'SELECT count(DISTINCT change_id)::int AS n FROM changes')).toBe(400);
      expect(await countRows(h.db, 'SELECT count(*)::int AS n FROM records')).toBe(200);
      expect(await countRows(h.db, "SELECT count(*)::int AS n FROM records WHERE data->>'summary' LIKE '%, corrected'")).toBe(200);
      // No server merge was needed: nobody else changed these records.
      expect(await countRows(h.db, "SELECT count(*)::int AS n FROM changes WHERE device_id = 'server:merge'")).toBe(0);
    } finally {
      await device.dispose();
      for (const app of apps) await app.close();
    }
  });

  describeTwoProcesses(h.kind === 'postgres', () => h);
});

/**
 * Two server processes on one PostgreSQL schema, devices alternating between them
 * request by request: the same scenarios reach the same end state as on one server.
 */
function describeTwoProcesses(enabled: boolean, harness: () => Pick<Harness, 'db' | 'schema' | 'reset'>): void {
  const servers: ServeProcess[] = [];
  const dataDirs: string[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.kill('SIGTERM');
    for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<ServeProcess> {
    const h = harness();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'routewatch-proof-'));
    dataDirs.push(dataDir);
    // The processes work in the suite's schema (migrated already, dropped after the suite).
    const separator = DATABASE_URL.includes('?') ? '&' : '?';
    const databaseUrl = `${DATABASE_URL}${separator}options=${encodeURIComponent(`-c search_path=${String(h.schema)}`)}`;
    const server = await startServeProcess({ dataDir, databaseUrl, adminToken: ADMIN_TOKEN });
    servers.push(server);
    return server;
  }

  it.skipIf(!enabled)(`two server processes on one PostgreSQL, devices alternating between them, reach the end state of one server, and converge syncing at once under faults ${ONLY_POSTGRES}`, async () => {
    const h = harness();
    const [one, two] = [await start(), await start()];
    const scenarios = fc.sample(scenarioArbitrary(10, 20), { numRuns: 6, seed: 20_261_205 });
    let alternated = 0;
    for (const original of scenarios) {
      // Faults off and devices syncing one after another: the same scenario must end the same way on one server and on two.
      const spec: ScenarioSpec = {
        ...original,
        faults: { drop: 0, loseResponse: 0, crash: 0, duplicate: 0 },
        devices: original.devices.map((d) => ({ ...d, skewMs: 0 })),
        steps: original.steps.map((s) => (s.op === 'syncTogether' ? { ...s, op: 'syncAll' } : s)),
      };
      const single: ScenarioTarget = { enrol: { url: one.url, adminToken: ADMIN_TOKEN }, transport: (token) => httpTransport(() => one.url, token), db: h.db };
      await h.reset();
      const onOne = await runScenario(single, spec);
      expect(onOne.violations).toEqual([]);

      let turn = 0;
      const pair: ScenarioTarget = {
        enrol: { url: two.url, adminToken: ADMIN_TOKEN },
        transport: (token) =>
          httpTransport(() => {
            turn += 1;
            alternated += 1;
            return turn % 2 === 0 ? one.url : two.url;
          }, token),
        db: h.db,
      };
      await h.reset();
      const onTwo = await runScenario(pair, spec);
      expect(onTwo.violations).toEqual([]);
      expect(onTwo.endState).toEqual(onOne.endState);

      // And the scenario as generated, on the two servers: devices at once, faults and skewed clocks.
      await h.reset();
      const together = await runScenario(pair, original);
      expect(together.violations).toEqual([]);
    }
    expect(alternated).toBeGreaterThan(0);
  }, 300_000);
}
