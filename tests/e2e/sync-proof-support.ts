/**
 * What the sync proofs in Chromium (sync-tabs.spec.ts, sync-first-pull.spec.ts) do
 * beside the screens: act as headquarters through the admin API, act as another device
 * of the office through the device API (enrol with a code, push batches as any device
 * would), watch the app's sync requests on the wire, and read the server's own
 * database once it has stopped (its audit log and feed are not on any API).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { BrowserContext, Page, Request, Route } from '@playwright/test';
import type { Observation } from '../../shared/observations/observation-schema';
import { formatHlc } from '../../shared/sync/hlc';
import { MAX_PUSH_BATCH, SYNC_PROTOCOL_VERSION, enrolResponseSchema, pullResponseSchema, pushRequestSchema, pushResponseSchema } from '../../shared/sync/protocol';
import { openConfiguredDb } from '../../server/db/open-db';
import type { Row } from '../../server/db/db';
import type { RunningServer } from '../support/server-process';
import { expect } from './fixtures';

export const OFFICE = 'RS-BEL';

async function admin(server: RunningServer, route: string, body: unknown): Promise<Response> {
  const token = readFileSync(path.join(server.dataDir, 'admin-token'), 'utf8').trim();
  return fetch(`${server.url}/api/v1/admin/${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Codes are issued for offices an administrator created. */
export async function createOffice(server: RunningServer): Promise<void> {
  const response = await admin(server, 'offices', { code: OFFICE, mission: 'RS', name: 'Belgrade' });
  expect(response.status).toBe(201);
}

/** A one-time code for a named user of the office. */
export async function namedCode(server: RunningServer, role: string, userName: string): Promise<string> {
  const response = await admin(server, 'enrolment-codes', { office: OFFICE, role, userName });
  expect(response.status).toBe(201);
  return ((await response.json()) as { code: string }).code;
}

/** The author the bench page's `fillLarge` gives the records it makes (office RS-BEL). */
export const BENCH_USER = 'Bench';

/**
 * Make `count` records on this profile's device through the app's own store
 * (ObservationStore.createObservations, by the bench page's `fillLarge`, which first
 * empties the app's database): call it before the app is opened in any tab.
 */
export async function recordThroughStore(tab: Page, server: RunningServer, count: number): Promise<void> {
  await tab.goto(`${server.url}/bench.html`);
  await expect(tab.locator('#state')).toHaveText('ready');
  await tab.evaluate(async (n) => {
    // The bench page's entry points (renderer/bench/bench-main.ts); the tests' tsconfig does not see its global.
    const bench = (window as unknown as { routewatchBench?: { fillLarge(count: number): Promise<number> } }).routewatchBench;
    if (bench === undefined) throw new Error('no bench on the page');
    await bench.fillLarge(n);
  }, count);
}

/** Another device of the office, speaking the device API from the test. */
export interface ApiDevice {
  deviceId: string;
  token: string;
  userName: string;
}

/** Enrol a device as any device does: the code and a name, for an id and a token. */
export async function enrolThroughApi(server: RunningServer, code: string, deviceName: string): Promise<ApiDevice> {
  const response = await fetch(`${server.url}/api/v1/enrolments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName }),
  });
  expect(response.status).toBe(201);
  const enrolled = enrolResponseSchema.parse(await response.json());
  return { deviceId: enrolled.deviceId, token: enrolled.token, userName: enrolled.userName };
}

/**
 * `count` new group sightings of the last days by the device's user, as that device
 * would make them: one HLC tick each, observed times spread over two days (the list's
 * default period is the last 30 days, so every one of them is listed).
 */
export function recordsOf(device: ApiDevice, count: number): Observation[] {
  const nowMs = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(nowMs - 3_600_000 - i * 30_000).toISOString();
    return {
      id: randomUUID(),
      kind: 'group_sighting',
      mission: 'RS',
      office: OFFICE,
      author: device.userName,
      device: device.deviceId,
      observedStart: at,
      reportedAt: at,
      placeId: 'rs-presevo',
      location: null,
      locationMethod: 'gazetteer',
      totalPersons: 1 + (i % 80),
      summary: `Group of ${String(1 + (i % 80))} at the station, seen by the other laptop (${String(i)})`,
      reviewStatus: 'submitted',
      deleted: false,
      hlc: formatHlc({ wallMs: nowMs, counter: i, node: device.deviceId }),
    } satisfies Observation;
  });
}

/** Push the records in batches of the protocol's largest size; every change must be accepted. */
export async function pushThroughApi(server: RunningServer, device: ApiDevice, records: readonly Observation[]): Promise<void> {
  for (let i = 0; i < records.length; i += MAX_PUSH_BATCH) {
    const changes = records.slice(i, i + MAX_PUSH_BATCH).map((record) => ({ changeId: randomUUID(), record }));
    const response = await fetch(`${server.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
      body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, changes, pending: records.length - i - changes.length }),
    });
    expect(response.status).toBe(200);
    const results = pushResponseSchema.parse(await response.json()).results;
    expect(results.filter((r) => r.outcome !== 'accepted')).toEqual([]);
    expect(results).toHaveLength(changes.length);
  }
}

/** One sync request of the app as it left the browser. */
export interface SyncRequestSeen {
  /** Which tab sent it. */
  page: Page;
  kind: 'push' | 'pull';
  /** Push: the change ids of the body (gzip undone). */
  changeIds: string[];
  /** Pull: the `after` of its query (null on a first pull). */
  after: string | null;
}

function pushedChangeIds(request: Request): string[] {
  const raw = request.postDataBuffer();
  if (raw === null) return [];
  const text = (request.headers()['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
  return pushRequestSchema.parse(JSON.parse(text)).changes.map((change) => change.changeId);
}

/** Every push and pull any tab of the context sends, in the order they leave. */
export function watchSyncRequests(context: BrowserContext): SyncRequestSeen[] {
  const seen: SyncRequestSeen[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    const kind = url.pathname === '/api/v1/sync/push' ? 'push' : url.pathname === '/api/v1/sync/pull' ? 'pull' : null;
    if (kind === null) return;
    seen.push({ page: request.frame().page(), kind, changeIds: kind === 'push' ? pushedChangeIds(request) : [], after: url.searchParams.get('after') });
  });
  return seen;
}

/** One pull page the app received: what it asked after, what came, and the cursor it was given. */
export interface PulledPageSeen {
  page: Page;
  after: string | null;
  changes: number;
  remaining: number | undefined;
  cursor: string | null;
}

/** Every pull page any tab of the context receives (answered requests only), in the order they arrive. */
export function watchPulledPages(context: BrowserContext): PulledPageSeen[] {
  const seen: PulledPageSeen[] = [];
  context.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.pathname !== '/api/v1/sync/pull' || response.status() !== 200) return;
    // A page whose body can no longer be read (its tab closed) is left out: the counts that use this list then fall short.
    const body: unknown = await response.json().catch(() => null);
    if (body === null) return;
    const parsed = pullResponseSchema.parse(body);
    seen.push({ page: response.frame().page(), after: url.searchParams.get('after'), changes: parsed.changes.length, remaining: parsed.remaining, cursor: parsed.cursor });
  });
  return seen;
}

/**
 * A gate on one kind of request: those that match wait at the gate until it opens, so
 * that a test can act while a round is certainly under way (a held request keeps its
 * tab's round, and the Web Lock it holds, open).
 */
export interface Gate {
  /** Requests that reached the gate and wait there. */
  readonly held: Request[];
  open(): void;
  /** Open the gate and take it away: later requests go straight through. */
  remove(): Promise<void>;
}

export async function gate(context: BrowserContext, matches: (url: URL) => boolean, shouldHold: (request: Request) => boolean = () => true): Promise<Gate> {
  let release: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  const held: Request[] = [];
  const handler = async (route: Route): Promise<void> => {
    if (shouldHold(route.request())) {
      held.push(route.request());
      await opened;
    }
    // The tab may have gone while its request waited (a closed page): nothing to continue.
    await route.continue().catch(() => undefined);
  };
  await context.route(matches, handler);
  return {
    held,
    open: release,
    remove: async () => {
      release();
      await context.unroute(matches, handler);
    },
  };
}

/** The app's sync routes, by path (a pull carries a query string). */
export const isPush = (url: URL): boolean => url.pathname === '/api/v1/sync/push';
export const isPull = (url: URL): boolean => url.pathname === '/api/v1/sync/pull';

/**
 * Stop the test's server (the process named in its data folder's lock file; the
 * fixture's stop() then finds it gone) and query its database, as an operator would
 * with the server down. The audit log and the feed are read here because no API
 * shows them.
 */
export async function queryStoppedServer(server: RunningServer, queries: Record<string, string>): Promise<Record<string, Row[]>> {
  const lockFile = path.join(server.dataDir, 'routewatch.pid');
  const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
  process.kill(pid, 'SIGTERM');
  // The server closes its database and removes its lock file as it stops.
  await expect.poll(() => existsSync(lockFile), { timeout: 30_000 }).toBe(false);
  const { db } = await openConfiguredDb({ dataDir: server.dataDir });
  try {
    const answers: Record<string, Row[]> = {};
    for (const [name, sql] of Object.entries(queries)) answers[name] = await db.query(sql);
    return answers;
  } finally {
    await db.close();
  }
}

/** One table of the app's IndexedDB, read with the raw API in the page. */
export async function idbRows<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('routewatch');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            resolve(request.result as T[]);
            open.result.close();
          };
          request.onerror = () => reject(new Error(`cannot read ${name}`));
        };
      }),
    table,
  );
}

/** The sync cursor the tab's database holds (meta `sync`), or null before any page was applied. */
export async function storedCursor(page: Page): Promise<string | null> {
  const meta = await idbRows<{ key: string; value: { cursor: string | null } }>(page, 'meta');
  return meta.find((row) => row.key === 'sync')?.value.cursor ?? null;
}
