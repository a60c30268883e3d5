/**
 * A sync server in memory behind a `fetch`, speaking protocol 2 as far as the device's
 * tests need: enrolment codes, push with per-change results (identity and clock checks),
 * pull scoped to the office, revocation, gzip request bodies. For tests only: the real
 * server's rules are tested against the real server (tests/integration).
 */
import type { Role } from '../../shared/access/roles';
import type { Observation } from '../../shared/observations/observation-schema';
import { MAX_CLOCK_DRIFT_MS, parseHlc } from '../../shared/sync/hlc';
import { mergeRecords } from '../../shared/sync/merge-record';
import type { ChangeResult, PulledChange, PushRequest, SyncChange } from '../../shared/sync/protocol';
import type { FetchLike } from '../../renderer/sync/http-transport';

export interface FakeDevice {
  deviceId: string;
  token: string;
  office: string;
  role: Role;
  userName: string;
  revoked: boolean;
}

export interface FakeServerOptions {
  /** The server's clock. */
  now?: () => number;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function error(status: number, code: string, message = code): Response {
  return json(status, { error: { code, message } });
}

async function readBody(init: RequestInit | undefined): Promise<unknown> {
  const raw = init?.body;
  if (raw === undefined || raw === null) return null;
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : new Uint8Array(raw as Uint8Array);
  const gzip = new Headers(init?.headers).get('content-encoding') === 'gzip';
  const text = gzip
    ? await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text()
    : new TextDecoder().decode(bytes);
  return JSON.parse(text);
}

export class FakeSyncServer {
  readonly devices: FakeDevice[] = [];
  /** Every change accepted, in order: `seq` is the pull cursor. */
  readonly log: { seq: number; deviceId: string; office: string; change: PulledChange }[] = [];
  readonly records = new Map<string, Observation>();
  /** Push requests as received (after decompression). */
  readonly pushes: PushRequest[] = [];
  private readonly codes = new Map<string, { office: string; role: Role; userName: string }>();
  private readonly seen = new Set<string>();
  private readonly now: () => number;
  private devicesMade = 0;
  /** Set to hold pushes until released (a round in flight). */
  pushGate: Promise<void> | null = null;

  constructor(options: FakeServerOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** A one-time enrolment code for an office, a role and a user. */
  issueCode(code: string, office: string, userName: string, role: Role = 'field_monitor'): string {
    this.codes.set(code, { office, role, userName });
    return code;
  }

  revoke(deviceId: string): void {
    const device = this.devices.find((d) => d.deviceId === deviceId);
    if (device) device.revoked = true;
  }

  /** Add a change to the feed as if another device of `office` had pushed it. */
  inject(office: string, change: SyncChange): void {
    this.accept({ deviceId: 'other', token: '', office, role: 'field_monitor', userName: change.record.author, revoked: false }, change);
  }

  readonly fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    const serverTime = new Date(this.now()).toISOString();
    if (url.pathname.endsWith('/api/v1/enrolments')) {
      const body = (await readBody(init)) as { code: string; deviceName: string };
      const grant = this.codes.get(body.code);
      if (!grant) return error(400, 'invalid_enrolment_code');
      this.codes.delete(body.code);
      this.devicesMade += 1;
      const device: FakeDevice = {
        deviceId: `dev${String(this.devicesMade)}`,
        token: `token-${String(this.devicesMade)}-${'x'.repeat(40)}`,
        ...grant,
        revoked: false,
      };
      this.devices.push(device);
      return json(200, { deviceId: device.deviceId, token: device.token, office: device.office, role: device.role, userName: device.userName, protocolVersion: 2 });
    }
    const token = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '');
    const device = this.devices.find((d) => d.token === token);
    if (!device) return error(401, 'unauthorized');
    if (device.revoked) return error(401, 'device_revoked', 'this device was revoked');
    if (url.pathname.endsWith('/api/v1/sync/push')) {
      if (this.pushGate) await this.pushGate;
      const body = (await readBody(init)) as PushRequest;
      this.pushes.push(body);
      const results = body.changes.map((change) => this.judge(device, change));
      return json(200, { results, serverTime });
    }
    if (url.pathname.endsWith('/api/v1/sync/pull')) {
      if (device.role === 'administrator') return error(403, 'forbidden', 'an administrator device reads no observations');
      const after = Number(url.searchParams.get('after') ?? '0');
      const limit = Number(url.searchParams.get('limit') ?? '500');
      const rows = this.log.filter((row) => row.seq > after && row.office === device.office && row.deviceId !== device.deviceId);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return json(200, {
        changes: page.map((row) => row.change),
        cursor: last ? String(last.seq) : (url.searchParams.get('after') ?? null),
        hasMore: rows.length > limit,
        remaining: Math.max(0, rows.length - limit),
        serverTime,
      });
    }
    return error(404, 'invalid_request');
  };

  private judge(device: FakeDevice, change: SyncChange): ChangeResult {
    const { changeId, record } = change;
    if (this.seen.has(changeId)) return { changeId, outcome: 'accepted' };
    if (parseHlc(record.hlc).wallMs > this.now() + MAX_CLOCK_DRIFT_MS) {
      return { changeId, outcome: 'refused', code: 'clock_skew', message: `change ${changeId}: stamped ahead of the server's clock` };
    }
    const held = this.records.get(record.id);
    const author = held?.author ?? device.userName;
    if (record.office !== device.office || record.author !== author || (held === undefined && record.author !== device.userName)) {
      return { changeId, outcome: 'refused', code: 'identity_mismatch', message: `change ${changeId}: author or office is not the enrolled one` };
    }
    this.accept(device, change);
    return { changeId, outcome: 'accepted' };
  }

  private accept(device: FakeDevice, change: SyncChange): void {
    this.seen.add(change.changeId);
    const held = this.records.get(change.record.id);
    this.records.set(change.record.id, held === undefined ? change.record : mergeRecords(held, change.record));
    // Pulled as the server hands revisions out: on the change's record, named after the pusher.
    const revisions = change.revisions?.map((revision) => ({ ...revision, recordId: change.record.id, by: device.userName }));
    const pulled: PulledChange = revisions === undefined ? { changeId: change.changeId, record: change.record } : { changeId: change.changeId, record: change.record, revisions };
    this.log.push({ seq: this.log.length + 1, deviceId: device.deviceId, office: device.office, change: pulled });
  }
}
