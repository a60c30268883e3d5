/** Builders of valid requests and records for the integration suites. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Observation } from '../../../shared/observations/observation-schema';
import type { PulledChange, SyncChange } from '../../../shared/sync/protocol';
import { SYNC_PROTOCOL_VERSION, enrolResponseSchema, errorBodySchema, pullResponseSchema, pushResponseSchema } from '../../../shared/sync/protocol';
import type { ChangeResult, PullResponse, PushResponse, SyncErrorCode } from '../../../shared/sync/protocol';
import type { Role } from '../../../shared/access/roles';
import { formatHlc } from '../../../shared/sync/hlc';
import { createCodeResponseSchema } from '../../../server/api/admin-schemas';
import { ADMIN_TOKEN } from './test-db';

export const adminHeaders = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** An HLC stamp at a wall time (default now). */
export function stamp(node = 'dev_test', wallMs = Date.now(), counter = 0): string {
  return formatHlc({ wallMs, counter, node });
}

/** The user name fixture devices are enrolled for unless told otherwise, and the author of makeRecord's records. */
export const FIXTURE_USER = 'Field officer';

/** A valid observation of an office, with fields overridable. Its author is FIXTURE_USER. */
export function makeRecord(office: string, overrides: Partial<Observation> = {}): Observation {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    kind: 'group_sighting',
    mission: office.slice(0, 2) as Observation['mission'],
    office,
    author: FIXTURE_USER,
    // Its own local device id, as if made on a device of its own: the server binds a
    // local id to the first enrolled device that creates a record under it.
    device: `dev_${randomUUID().slice(0, 8)}`,
    observedStart: now,
    reportedAt: now,
    placeId: 'RS-HOR-01',
    location: null,
    locationMethod: 'gazetteer',
    totalPersons: 12,
    summary: 'Group of 12 seen near the crossing.',
    reviewStatus: 'submitted',
    deleted: false,
    hlc: stamp(),
    ...overrides,
  };
}

/** A change carrying a record, with a fresh change id. */
export function changeOf(record: Observation): SyncChange {
  return { changeId: randomUUID(), record };
}

export interface TestDevice {
  deviceId: string;
  token: string;
  office: string;
  role: Role;
  userName: string;
  headers: { authorization: string };
}

/** Who a code is issued for: the user's name (default FIXTURE_USER) and role (default the server's, field_monitor). */
export interface CodeFor {
  userName?: string;
  role?: Role;
}

/** Create an office through the admin API, as `office create` does; an office that exists already (409) is fine. */
export async function ensureOffice(app: FastifyInstance, office: string): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/admin/offices',
    headers: adminHeaders,
    payload: { code: office, mission: office.slice(0, office.indexOf('-')), name: `Office ${office}` },
  });
  expect([201, 409], res.body).toContain(res.statusCode);
}

/** Issue a code through the admin API, creating its office first (codes are issued for existing offices only). */
export async function issueCode(app: FastifyInstance, office: string, ttlHours?: number, user: CodeFor = {}): Promise<string> {
  await ensureOffice(app, office);
  const payload: Record<string, unknown> = { office, userName: user.userName ?? FIXTURE_USER };
  if (ttlHours !== undefined) payload.ttlHours = ttlHours;
  if (user.role !== undefined) payload.role = user.role;
  const res = await app.inject({ method: 'POST', url: '/api/v1/admin/enrolment-codes', headers: adminHeaders, payload });
  expect(res.statusCode, res.body).toBe(201);
  return createCodeResponseSchema.parse(res.json()).code;
}

/** Enrol a new device of an office (code issued and used through the API), for FIXTURE_USER as a field monitor unless told otherwise. */
export async function enrolDevice(app: FastifyInstance, office: string, deviceName = 'Test laptop', user: CodeFor = {}): Promise<TestDevice> {
  const code = await issueCode(app, office, undefined, user);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/enrolments',
    payload: { code, deviceName },
    // Each enrolment from its own address, so that suites never meet the rate limit by accident.
    remoteAddress: `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });
  expect(res.statusCode, res.body).toBe(201);
  const enrolled = enrolResponseSchema.parse(res.json());
  return { ...enrolled, headers: { authorization: `Bearer ${enrolled.token}` } };
}

/** Push changes as a device; expects a 200 (each change may still be accepted or refused: see the results). */
export async function push(app: FastifyInstance, device: Pick<TestDevice, 'headers'>, changes: SyncChange[], pending?: number): Promise<PushResponse> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/sync/push',
    headers: device.headers,
    payload: pending === undefined ? { protocolVersion: SYNC_PROTOCOL_VERSION, changes } : { protocolVersion: SYNC_PROTOCOL_VERSION, changes, pending },
  });
  expect(res.statusCode, res.body).toBe(200);
  return pushResponseSchema.parse(res.json());
}

/** Push changes as a device and expect every one accepted. */
export async function pushAccepted(app: FastifyInstance, device: Pick<TestDevice, 'headers'>, changes: SyncChange[]): Promise<PushResponse> {
  const response = await push(app, device, changes);
  expect(response.results, JSON.stringify(response.results)).toEqual(acceptedResults(changes));
  return response;
}

/** The results of a push that accepted every change: one per distinct change id, in order. */
export function acceptedResults(changes: readonly SyncChange[]): ChangeResult[] {
  return [...new Set(changes.map((c) => c.changeId))].map((changeId) => ({ changeId, outcome: 'accepted' }));
}

/** The result of one change of a push. */
export function resultOf(response: PushResponse, changeId: string): ChangeResult | undefined {
  return response.results.find((r) => r.changeId === changeId);
}

/** Pull one page as a device; expects success. */
export async function pull(app: FastifyInstance, device: Pick<TestDevice, 'headers'>, after: string | null, limit?: number, pending?: number, count = false): Promise<PullResponse> {
  const query: Record<string, string> = { protocolVersion: String(SYNC_PROTOCOL_VERSION) };
  if (count) query.count = '1';
  if (after !== null) query.after = after;
  if (limit !== undefined) query.limit = String(limit);
  if (pending !== undefined) query.pending = String(pending);
  const res = await app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: device.headers, query });
  expect(res.statusCode, res.body).toBe(200);
  return pullResponseSchema.parse(res.json());
}

/** Pull every page from a cursor; returns the changes and the last cursor. */
export async function pullAll(app: FastifyInstance, device: Pick<TestDevice, 'headers'>, after: string | null = null, limit?: number): Promise<{ changes: PulledChange[]; cursor: string | null }> {
  const changes: PulledChange[] = [];
  let cursor = after;
  for (let page = 0; page < 1000; page++) {
    const res = await pull(app, device, cursor, limit);
    changes.push(...res.changes);
    cursor = res.cursor;
    if (!res.hasMore) return { changes, cursor };
  }
  throw new Error('pull never ended');
}

/** Assert an error response: status, protocol error code, a body of errorBodySchema. */
export function expectError(res: LightMyRequestResponse, status: number, code: SyncErrorCode): void {
  expect(res.statusCode, res.body).toBe(status);
  const body = errorBodySchema.parse(res.json());
  expect(body.error.code, res.body).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

/** app.inject with the options type spelled once. */
export function send(app: FastifyInstance, options: InjectOptions): Promise<LightMyRequestResponse> {
  return app.inject(options);
}

/** Count rows of a table (bigint counts come back as text from pg, numbers from PGlite). */
export async function countRows(db: { query: (sql: string) => Promise<Record<string, unknown>[]> }, table: string): Promise<number> {
  const rows = await db.query(`SELECT count(*)::int AS n FROM ${table}`);
  return Number(rows[0]?.n);
}
