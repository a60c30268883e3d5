/**
 * A simulated field laptop for the sync proof: the app's real Dexie store
 * (renderer/store/observation-store.ts on fake-indexeddb), enrolled through the admin
 * API with its own user name and role, its own clock, and a faulty wire to the server.
 * Its actions go through the same checks the screens make (the rule book, the review
 * transitions), so that what it sends is what a person could send; `forceVerify` is
 * the one exception, made to be refused.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import type { FastifyInstance } from 'fastify';
import { check } from '../../../shared/access/roles';
import type { Role, User } from '../../../shared/access/roles';
import type { Observation } from '../../../shared/observations/observation-schema';
import { applyReview } from '../../../shared/review/review-transitions';
import type { ReviewAction } from '../../../shared/review/review-transitions';
import { SYNC_PROTOCOL_VERSION, enrolResponseSchema } from '../../../shared/sync/protocol';
import { SyncError, runSyncRound } from '../../../shared/sync/sync-engine';
import type { SyncRoundResult, SyncStore, SyncTransport } from '../../../shared/sync/sync-engine';
import { openDatabase } from '../../../renderer/store/database';
import type { RoutewatchDatabase } from '../../../renderer/store/database';
import { ObservationStore } from '../../../renderer/store/observation-store';
import { createCodeResponseSchema } from '../../../server/api/admin-schemas';
import { DeviceCrash } from './proof-transport';
import type { FaultyTransport } from './proof-transport';
import { decryptObservations } from '../../../renderer/store/sealed-rows';
import { testCipher } from '../../../test-support/renderer/test-cipher';

/** Where a device enrols: an app in process, or a server at a URL (another process). */
export type EnrolTarget = { app: FastifyInstance; adminToken: string } | { url: string; adminToken: string };

export interface Enrolled {
  deviceId: string;
  token: string;
  office: string;
  role: Role;
  userName: string;
}

let addressCounter = 0;
/** Each enrolment from its own address, so that the proof never meets the enrolment rate limit. */
function nextAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

async function post(target: EnrolTarget, url: string, payload: unknown, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  if ('app' in target) {
    const res = await target.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers, remoteAddress: nextAddress() });
    return { status: res.statusCode, body: res.json() };
  }
  const res = await fetch(`${target.url}${url}`, { method: 'POST', body: JSON.stringify(payload), headers: { ...headers, 'content-type': 'application/json' } });
  return { status: res.status, body: await res.json() };
}

/** Issue a code for a user through the admin API and enrol a device with it, as an administrator and a field officer would. */
export async function enrolUser(target: EnrolTarget, office: string, role: Role, userName: string): Promise<Enrolled> {
  // Codes are issued for offices that exist: create it first (409 when it already does).
  const created = await post(target, '/api/v1/admin/offices', { code: office, mission: office.slice(0, office.indexOf('-')), name: `Office ${office}` }, { authorization: `Bearer ${target.adminToken}` });
  if (created.status !== 201 && created.status !== 409) throw new Error(`office refused (${created.status}): ${JSON.stringify(created.body)}`);
  const issued = await post(target, '/api/v1/admin/enrolment-codes', { office, role, userName }, { authorization: `Bearer ${target.adminToken}` });
  if (issued.status !== 201) throw new Error(`enrolment code refused (${issued.status}): ${JSON.stringify(issued.body)}`);
  const { code } = createCodeResponseSchema.parse(issued.body);
  const enrolled = await post(target, '/api/v1/enrolments', { code, deviceName: `${userName}'s laptop` }, {});
  if (enrolled.status !== 201) throw new Error(`enrolment refused (${enrolled.status}): ${JSON.stringify(enrolled.body)}`);
  const body = enrolResponseSchema.parse(enrolled.body);
  if (body.protocolVersion !== SYNC_PROTOCOL_VERSION) throw new Error(`server speaks protocol ${body.protocolVersion}`);
  return { deviceId: body.deviceId, token: body.token, office: body.office, role: body.role, userName: body.userName };
}

/** A place of the office's mission (the record rules check that the place is in the mission's area). */
const PLACE_OF_MISSION: Record<string, string> = { RS: 'rs-presevo', MK: 'mk-tabanovce' };

/** A value a person typed, to be found again at the end (in a record, a revision, or "Needs attention"). */
export interface TypedValue {
  device: string;
  recordId: string;
  field: 'summary' | 'review';
  value: string;
  how: 'create' | 'edit' | 'review';
}

let databaseCounter = 0;

export class ProofDevice {
  readonly user: User;
  private database: RoutewatchDatabase;
  store: ObservationStore;
  /** Minutes this device's clock is off by (negative: behind). Change it to move the clock. */
  skewMs: number;
  readonly databaseName: string;
  crashes = 0;

  constructor(
    readonly label: string,
    readonly enrolled: Enrolled,
    public transport: SyncTransport,
    skewMs: number,
  ) {
    this.user = { name: enrolled.userName, role: enrolled.role, office: enrolled.office };
    this.skewMs = skewMs;
    databaseCounter += 1;
    this.databaseName = `proof-${databaseCounter}-${label}`;
    this.database = openDatabase(this.databaseName);
    this.store = this.openStore();
  }

  /** The device's clock: the real time, off by its skew. */
  readonly now = (): number => Date.now() + this.skewMs;

  private openStore(): ObservationStore {
    return new ObservationStore(this.database, { cipher: testCipher(), now: this.now });
  }

  /** Store the enrolment as the app does after enrolling (the user's name and office become the author's). */
  async setUp(): Promise<void> {
    await this.store.setMeta('profile', { author: this.user.name, office: this.user.office });
    await this.store.enrol(
      {
        serverUrl: 'http://proof.invalid',
        token: this.enrolled.token,
        deviceId: this.enrolled.deviceId,
        office: this.enrolled.office,
        role: this.enrolled.role,
        userName: this.enrolled.userName,
        enrolledAt: new Date(this.now()).toISOString(),
      },
      { resetCursor: true },
    );
  }

  /**
   * The app died: whatever it held in memory is gone. Open the same IndexedDB database
   * again with a new store, as a restarted app would, and carry on from what was stored.
   */
  restart(): void {
    this.crashes += 1;
    this.database.close();
    this.database = openDatabase(this.databaseName);
    this.store = this.openStore();
  }

  async dispose(): Promise<void> {
    this.database.close();
    await Dexie.delete(this.databaseName);
  }

  syncStore(): SyncStore {
    return this.store.syncStore();
  }

  /** The store as the engine sees it, dying between acknowledging and setting aside when the wire's faults say so. */
  private bookkeeping(): SyncStore {
    const inner = this.store.syncStore();
    const transport = this.transport;
    if (!('crashMidway' in transport)) return inner;
    const faulty = transport as FaultyTransport;
    return {
      ...inner,
      acknowledge: async (acked) => {
        await inner.acknowledge(acked);
        if (faulty.crashMidway()) throw new DeviceCrash('push');
      },
    };
  }

  /**
   * One sync round as the app runs it. A cut connection or a crash ends the round (the
   * app tries again later); a crash restarts the device. Resolves to the round's result,
   * or to the fault that ended it.
   */
  async sync(options: { pushBatch?: number; pullPage?: number } = {}): Promise<SyncRoundResult | 'cut' | 'crash' | SyncError> {
    try {
      return await runSyncRound(this.bookkeeping(), this.transport, {
        pushBatch: options.pushBatch ?? 4,
        pullPage: options.pullPage ?? 6,
        maxPages: 200,
        // The proof's devices confirm a mass change as a person would after reading the
        // warning; the hold itself is tested with the store.
        confirmMassChange: true,
      });
    } catch (error) {
      if (error instanceof DeviceCrash) {
        this.restart();
        return 'crash';
      }
      if (error instanceof SyncError && error.code === 'network_unreachable') return 'cut';
      if (error instanceof SyncError) return error;
      throw error;
    }
  }

  /** Records this device holds, tombstones included, decrypted (the rows hold their sensitive fields sealed). */
  async records(): Promise<Observation[]> {
    return decryptObservations(await this.store.db.observations.toArray(), this.store.cipher);
  }

  async record(id: string): Promise<Observation | undefined> {
    return this.store.getObservation(id);
  }

  /** Create a record (a group sighting) with `summary` typed. */
  async create(summary: string, totalPersons: number): Promise<Observation> {
    const mission = this.user.office.slice(0, 2);
    // Two days back: a device whose clock is a day behind can still edit it (the form refuses a time in its future).
    const observedStart = new Date(this.now() - 48 * 3600_000).toISOString();
    const [record] = await this.store.createObservations(
      [
        {
          kind: 'group_sighting',
          observedStart,
          placeId: PLACE_OF_MISSION[mission] ?? 'rs-presevo',
          location: null,
          locationMethod: 'gazetteer',
          totalPersons,
          summary,
        },
      ],
      { author: this.user.name, office: this.user.office },
    );
    if (!record) throw new Error('nothing created');
    return record;
  }

  /** Whether the rule book lets this device's user take `action` on the record as the device holds it. */
  may(action: 'record.edit' | 'record.delete', record: Observation): boolean {
    return !record.deleted && check(this.user, action, record).allowed;
  }

  /** Edit the summary (and the head count, when given) of a record, as the form does. */
  async edit(record: Observation, summary: string, totalPersons?: number): Promise<string[]> {
    const input = {
      kind: record.kind,
      observedStart: record.observedStart,
      placeId: record.placeId,
      location: record.location,
      locationMethod: record.locationMethod,
      totalPersons: totalPersons ?? record.totalPersons,
      summary,
    };
    return this.store.updateObservation(record.id, input, this.user.name);
  }

  async delete(record: Observation): Promise<void> {
    await this.store.deleteObservation(record.id, this.user.name);
  }

  /** A review decision as the review dialog takes it; false when the screens would refuse it. */
  async review(record: Observation, action: ReviewAction, note: string): Promise<boolean> {
    const subject: Observation =
      action === 'verify' ? { ...record, source: { type: record.source?.type ?? null, name: null, reliability: 'B', credibility: '2' } } : record;
    const result = applyReview(subject, action, { user: this.user, note, nowIso: new Date(this.now()).toISOString() });
    if (!result.ok) return false;
    await this.store.saveReviewed(result.record, this.user.name);
    return true;
  }

  /**
   * A verification the rule book forbids this user (a field monitor's own record),
   * written past the screens' checks as a faulty or hostile build would: the server
   * must refuse it, and the device must keep it in "Needs attention".
   */
  async forceVerify(record: Observation): Promise<void> {
    await this.store.saveReviewed(
      {
        ...record,
        reviewStatus: 'verified',
        review: { reviewer: this.user.name, reviewedAt: new Date(this.now()).toISOString(), note: null },
        source: { type: record.source?.type ?? null, name: null, reliability: 'A', credibility: '1' },
      },
      this.user.name,
    );
  }
}
