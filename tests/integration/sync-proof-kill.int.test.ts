/**
 * Issue 10's proof: the server killed (SIGKILL) in the middle of a device's push of
 * 20,000 records (100 batches of 200) and restarted on the same data folder. PGlite's
 * data folder, since the lock file left behind by a killed process is PGlite's (see
 * server/db/data-dir-lock.ts): the restart must not be blocked by it, and after the
 * device resends, every record and every change is stored exactly once.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgliteDb } from '../../server/db/pglite-db';
import { SyncError, runSyncRound } from '../../shared/sync/sync-engine';
import { ProofDevice, enrolUser } from './helpers/proof-device';
import { httpTransport } from './helpers/proof-transport';
import { startServeProcess } from '../support/serve-process';
import type { ServeProcess } from '../support/serve-process';

const RECORDS = 20_000;
const BATCH = 200;
/** The push request during which the server dies: about a third of the way through. */
const KILL_AT_PUSH = 37;
const ADMIN_TOKEN = 'kill-test-admin-token-0123456789abcdef';

interface LogLine {
  msg?: string;
  req?: { url?: string };
}

function isPushRequest(line: string): boolean {
  try {
    const entry = JSON.parse(line) as LogLine;
    return entry.msg === 'incoming request' && entry.req?.url === '/api/v1/sync/push';
  } catch {
    return false;
  }
}

describe('sync proof: the server killed in the middle of a push of 20,000 records [PGlite in a data folder]', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'routewatch-kill-'));
  const running: ServeProcess[] = [];
  afterAll(async () => {
    for (const server of running) await server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts past the stale lock file and, after the device resends, holds every record and change once', async () => {
    let url = '';
    let pushes = 0;
    const first = await startServeProcess({
      dataDir,
      adminToken: ADMIN_TOKEN,
      logLevel: 'info',
      onLogLine: (line) => {
        if (!isPushRequest(line)) return;
        pushes += 1;
        // The server has the request in hand: die now, before or during its transaction.
        if (pushes === KILL_AT_PUSH) void first.kill('SIGKILL');
      },
    });
    running.push(first);
    url = first.url;
    const enrolled = await enrolUser({ url, adminToken: ADMIN_TOKEN }, 'RS-BEL', 'field_monitor', 'Ana Monitor');
    const device = new ProofDevice('laptop', enrolled, httpTransport(() => url, enrolled.token), 0);
    await device.setUp();
    try {
      // 20,000 records, written as a field office's import would: 500 at a time.
      for (let i = 0; i < RECORDS / 500; i++) {
        await device.store.createObservations(
          Array.from({ length: 500 }, (_, j) => ({
            kind: 'group_sighting',
            observedStart: new Date(Date.now() - 3600_000 - (i * 500 + j) * 1000).toISOString(),
            placeId: 'rs-presevo',
            location: null,
            locationMethod: 'gazetteer',
            totalPersons: 1 + (j % 60),
            summary: `imported ${i * 500 + j}`,
          })),
          { author: device.user.name, office: device.user.office },
        );
      }
      expect(await device.store.pendingCount()).toBe(RECORDS);

      // The push dies with the server.
      const cut = await runSyncRound(device.syncStore(), device.transport, { pushBatch: BATCH }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(cut).toBeInstanceOf(SyncError);
      expect((cut as SyncError).code).toBe('network_unreachable');
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
      const left = await device.store.pendingCount();
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThan(RECORDS);

      // The killed server left its lock file, naming a process that is gone.
      const lock = path.join(dataDir, 'routewatch.pid');
      expect(existsSync(lock)).toBe(true);
      expect(Number.parseInt(readFileSync(lock, 'utf8'), 10)).toBe(first.pid);

      // Restarted on the same folder: not blocked by the stale lock.
      const second = await startServeProcess({ dataDir, adminToken: ADMIN_TOKEN });
      running.push(second);
      url = second.url;
      expect(Number.parseInt(readFileSync(lock, 'utf8'), 10)).toBe(second.pid);

      // The device resends what was not acknowledged (the batch in flight among it).
      const resent = await runSyncRound(device.syncStore(), device.transport, { pushBatch: BATCH });
      expect(resent.refused).toBe(0);
      expect(resent.pushed).toBe(left);
      expect(await device.store.pendingCount()).toBe(0);

      // Stopped cleanly, the server releases the folder; the database holds each record and change once.
      expect((await second.kill('SIGTERM')).code).toBe(0);
      expect(existsSync(lock)).toBe(false);
      const db = await openPgliteDb(path.join(dataDir, 'pglite'));
      try {
        const [counts] = await db.query<{ changes: number; distinct_changes: number; records: number; distinct_records: number }>(
          `SELECT (SELECT count(*)::int FROM changes) AS changes,
                  (SELECT count(DISTINCT change_id)::int FROM changes) AS distinct_changes,
                  (SELECT count(*)::int FROM records) AS records,
                  (SELECT count(DISTINCT id)::int FROM records) AS distinct_records`,
        );
        expect(counts).toEqual({ changes: RECORDS, distinct_changes: RECORDS, records: RECORDS, distinct_records: RECORDS });
        const held = await db.query<{ id: string }>('SELECT id FROM records');
        const mine = new Set((await device.records()).map((r) => r.id));
        expect(held.every((row) => mine.has(row.id))).toBe(true);
      } finally {
        await db.close();
      }
    } finally {
      await device.dispose();
    }
  }, 240_000);
});
