/**
 * A change the server refuses for its stamps is stamped again and taken (issue 10):
 * the real store (fake-indexeddb) against the real server in-process, on PGlite and
 * PostgreSQL. A device whose clock was a day ahead has its changes refused as
 * `clock_skew` (kept queued); once its clock is corrected they are stamped again from it
 * and taken, and so is what it records next. A record whose stamps the server cannot
 * read is refused as `invalid_stamp` (set aside); "Edit and resend" stamps it again.
 */
import 'fake-indexeddb/auto';
import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import type { Role } from '../../shared/access/roles';
import type { Observation } from '../../shared/observations/observation-schema';
import { runSyncRound } from '../../shared/sync/sync-engine';
import type { SyncRoundResult, SyncTransport } from '../../shared/sync/sync-engine';
import { checkStamps } from '../../shared/sync/stamp-check';
import { openDatabase } from '../../renderer/store/database';
import { ObservationStore } from '../../renderer/store/observation-store';
import { candidate, freshDatabaseName } from '../../test-support/renderer/store-test-fixtures';
import { enrolDevice } from './helpers/fixtures';
import { inProcessTransport } from './helpers/proof-transport';
import { describeEachDb } from './helpers/test-db';
import { testCipher } from '../../test-support/renderer/test-cipher';

const OFFICE = 'RS-BEL';
const HOUR = 60 * 60 * 1000;

interface Device {
  store: ObservationStore;
  userName: string;
  /** How far this device's clock is ahead of the true time (the server's). */
  setClockAhead(ms: number): void;
  /** The server's time in its last answer. */
  serverTime(): number;
  sync(): Promise<SyncRoundResult>;
}

/** A device of the office, enrolled through the API, running the real store on a clock the test sets. */
async function deviceFor(app: FastifyInstance, userName: string, role: Role): Promise<Device> {
  const enrolled = await enrolDevice(app, OFFICE, `${userName}'s laptop`, { userName, role });
  let ahead = 0;
  const store = new ObservationStore(openDatabase(freshDatabaseName('stamp-repair')), { cipher: testCipher(), now: () => Date.now() + ahead });
  await store.enrol(
    { serverUrl: 'http://in-process', token: enrolled.token, deviceId: enrolled.deviceId, office: enrolled.office, role: enrolled.role, userName: enrolled.userName, enrolledAt: new Date().toISOString() },
    { resetCursor: false },
  );
  const wire = inProcessTransport(app, enrolled.token);
  let serverTime = Number.NaN;
  // The server's clock as its answers say it, as the app's transport reads it.
  const transport: SyncTransport = {
    async push(request) {
      const response = await wire.push(request);
      serverTime = Date.parse(response.serverTime);
      return response;
    },
    async pull(after, limit, pending) {
      const response = await wire.pull(after, limit, pending);
      serverTime = Date.parse(response.serverTime);
      return response;
    },
  };
  return {
    store,
    userName,
    setClockAhead: (ms) => (ahead = ms),
    serverTime: () => serverTime,
    sync: () => runSyncRound(store.syncStore(), transport, { maxPages: 100 }),
  };
}

async function createOne(device: Device, patch: Record<string, unknown> = {}): Promise<Observation> {
  const [record] = await device.store.createObservations([candidate(patch)], { author: device.userName, office: OFFICE });
  if (!record) throw new Error('not created');
  return record;
}

describeEachDb('stamps refused, stamped again, taken', (h) => {
  beforeEach(() => h.reset());

  it('takes the changes of a device whose clock was a day ahead once its clock is corrected, and what it records next', async () => {
    const app = await h.app();
    const ana = await deviceFor(app, 'Ana', 'field_monitor');
    const sam = await deviceFor(app, 'Sam', 'supervisor');
    ana.setClockAhead(30 * HOUR);
    const early = await createOne(ana, { summary: 'recorded with the clock a day ahead' });
    await ana.store.updateObservation(early.id, candidate({ summary: 'recorded with the clock a day ahead', totalPersons: 31 }), 'Ana');

    const refused = await ana.sync();
    expect(refused).toMatchObject({ pushed: 0, skewed: 1 });
    expect(await ana.store.pendingCount()).toBe(1);

    // The person corrects the date and time; the next round finds the clocks agree.
    ana.setClockAhead(0);
    expect(await ana.store.restampWaiting(ana.serverTime())).toBe(1);
    const later = await createOne(ana, { summary: 'recorded after the clock was corrected' });
    expect(await ana.sync()).toMatchObject({ pushed: 2, skewed: 0, refused: 0 });
    expect(await ana.store.pendingCount()).toBe(0);
    expect(await ana.store.attentionCount()).toBe(0);

    await sam.sync();
    const there = await sam.store.getObservation(early.id);
    expect(there).toMatchObject({ summary: 'recorded with the clock a day ahead', totalPersons: 31, author: 'Ana' });
    expect(checkStamps(there as Observation, Date.now())).toBeUndefined();
    expect((await sam.store.getObservation(later.id))?.summary).toBe('recorded after the clock was corrected');
  });

  it('takes a record refused for a stamp it cannot read once "Edit and resend" stamps it again', async () => {
    const app = await h.app();
    const ana = await deviceFor(app, 'Ana', 'field_monitor');
    const sam = await deviceFor(app, 'Sam', 'supervisor');
    const made = await createOne(ana);
    await ana.store.updateObservation(made.id, candidate({ totalPersons: 14 }), 'Ana');
    const held = await ana.store.getObservation(made.id);
    if (!held) throw new Error('gone');
    // As a faulty writer could leave it: one clock that is no stamp, one for no field.
    await ana.store.db.observations.put({ ...held, fieldClocks: { ...held.fieldClocks, summary: 'yesterday', colour: held.hlc } });

    expect(await ana.sync()).toMatchObject({ pushed: 0, refused: 1 });
    expect((await ana.store.attentionItems()).map((row) => row.code)).toEqual(['invalid_stamp']);

    // "Edit and resend", saved with nothing changed.
    await ana.store.updateObservation(made.id, candidate({ totalPersons: 14 }), 'Ana');
    expect(await ana.sync()).toMatchObject({ pushed: 1, refused: 0 });
    expect(await ana.store.attentionCount()).toBe(0);

    await sam.sync();
    const there = await sam.store.getObservation(made.id);
    expect(there?.totalPersons).toBe(14);
    expect(there?.fieldClocks).not.toHaveProperty('colour');
    expect(checkStamps(there as Observation, Date.now())).toBeUndefined();
  });
});

