import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../observations/observation-schema';
import { formatHlc } from './hlc';
import { canonicalJson } from './canonical-json';
import { mergeRecords } from './merge-record';
import type { ChangeResult, PullResponse, PushRequest, SyncChange } from './protocol';
import { runSyncRound, SyncError } from './sync-engine';
import type { ApplyOptions, RefusedChange, SyncProgress, SyncStore, SyncTransport } from './sync-engine';

function record(id: number, hlcWall: number, node: string, persons: number, counter = 0): Observation {
  return {
    id: `01900000-0000-7000-8000-${String(id).padStart(12, '0')}`,
    kind: 'group_sighting',
    mission: 'RS',
    office: 'RS-BEL',
    author: 'A',
    device: node,
    observedStart: '2026-03-01T10:00:00.000Z',
    reportedAt: '2026-03-01T10:00:00.000Z',
    placeId: 'rs-presevo',
    location: null,
    locationMethod: 'gazetteer',
    totalPersons: persons,
    summary: '',
    reviewStatus: 'submitted',
    deleted: false,
    hlc: formatHlc({ wallMs: hlcWall, counter, node }),
    // Each version is an edit of the head count.
    fieldClocks: { totalPersons: formatHlc({ wallMs: hlcWall, counter, node }) },
  };
}

/** What a device holds after a version arrives: the merge of both. */
function merged(held: Observation | undefined, incoming: Observation): Observation {
  return held === undefined ? incoming : mergeRecords(held, incoming);
}
let changeCounter = 0;
function change(r: Observation): SyncChange {
  changeCounter += 1;
  return { changeId: `01900000-0000-7000-9000-${String(changeCounter).padStart(12, '0')}`, record: r };
}

/** An in-memory device store. */
function memoryStore(outbox: SyncChange[] = []): SyncStore & {
  records: Map<string, Observation>;
  outbox: SyncChange[];
  attention: RefusedChange[];
  applied: ApplyOptions[];
} {
  const records = new Map<string, Observation>();
  const attention: RefusedChange[] = [];
  const applied: ApplyOptions[] = [];
  let cursor: string | null = null;
  const drop = (changes: readonly SyncChange[]) => {
    const set = new Set(changes.map((c) => c.changeId));
    outbox.splice(0, outbox.length, ...outbox.filter((c) => !set.has(c.changeId)));
  };
  return {
    records,
    outbox,
    attention,
    applied,
    pendingChanges: (limit, exclude) => Promise.resolve(outbox.filter((c) => exclude?.has(c.record.id) !== true).slice(0, limit)),
    acknowledge: (acked) => {
      drop(acked);
      return Promise.resolve();
    },
    setAside: (refused) => {
      drop(refused.map((r) => r.change));
      attention.push(...refused);
      return Promise.resolve();
    },
    pendingCount: () => Promise.resolve(outbox.length),
    getCursor: () => Promise.resolve(cursor),
    applyPulled: (changes, next, options) => {
      applied.push(options);
      for (const c of changes) records.set(c.record.id, merged(records.get(c.record.id), c.record));
      cursor = next;
      return Promise.resolve();
    },
  };
}

const accepted = (changes: readonly SyncChange[]): ChangeResult[] => changes.map((c) => ({ changeId: c.changeId, outcome: 'accepted' }));

/**
 * An in-memory server with the protocol's push/pull semantics: change ids stored once,
 * pull pages after a cursor, a device never sent back its own changes.
 */
function memoryServer() {
  const log: { seq: number; origin: string; change: SyncChange }[] = [];
  const seen = new Set<string>();
  const pushes: PushRequest[] = [];
  /** Whether each pull asked for a count, in order, by puller. */
  const counts: { origin: string; count: boolean }[] = [];
  const transportFor = (origin: string): SyncTransport => ({
    push(request) {
      pushes.push(request);
      for (const c of request.changes) {
        if (seen.has(c.changeId)) continue;
        seen.add(c.changeId);
        log.push({ seq: log.length + 1, origin, change: c });
      }
      return Promise.resolve({ results: accepted(request.changes), serverTime: '' });
    },
    pull(after, limit, _pending, count): Promise<PullResponse> {
      counts.push({ origin, count: count === true });
      const from = after === null ? 0 : Number(after);
      const rows = log.filter((r) => r.seq > from && r.origin !== origin);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return Promise.resolve({
        changes: page.map(({ change }) => ({ changeId: change.changeId, record: change.record })),
        cursor: last ? String(last.seq) : after,
        hasMore: rows.length > limit,
        ...(count === true ? { remaining: Math.max(0, rows.length - limit) } : {}),
        serverTime: '',
      });
    },
  });
  return { transport: transportFor('anonymous'), transportFor, log, pushes, counts };
}

describe('runSyncRound', () => {
  it('pushes the outbox in batches and empties it', async () => {
    const server = memoryServer();
    const store = memoryStore(Array.from({ length: 5 }, (_, i) => change(record(i, 1000 + i, 'a', i))));
    const result = await runSyncRound(store, server.transport, { pushBatch: 2 });
    expect(result.pushed).toBe(5);
    expect(store.outbox).toHaveLength(0);
    expect(server.pushes.map((p) => p.changes.length)).toEqual([2, 2, 1]);
  });

  it('closes a batch by size too, so that large records go in several requests and all arrive', async () => {
    const server = memoryServer();
    const large = (i: number) => change({ ...record(i, 1000 + i, 'a', i), summary: 'x'.repeat(2_000) });
    const store = memoryStore(Array.from({ length: 7 }, (_, i) => large(i)));
    const result = await runSyncRound(store, server.transport, { pushBatch: 5, pushBytes: 6_000 });
    expect(result.pushed).toBe(7);
    expect(store.outbox).toHaveLength(0);
    expect(server.pushes.map((p) => p.changes.length)).toEqual([2, 2, 2, 1]);
    for (const push of server.pushes) expect(JSON.stringify(push).length).toBeLessThanOrEqual(6_000);
  });

  it('pulls every page and resumes from the stored cursor', async () => {
    const server = memoryServer();
    const writer = memoryStore(Array.from({ length: 7 }, (_, i) => change(record(i, 1000 + i, 'a', i))));
    await runSyncRound(writer, server.transport);
    const reader = memoryStore();
    const readerTransport = server.transportFor('reader');
    const first = await runSyncRound(reader, readerTransport, { pullPage: 3 });
    expect(first.pulled).toBe(7);
    expect(reader.records.size).toBe(7);
    const again = await runSyncRound(reader, readerTransport, { pullPage: 3 });
    expect(again.pulled).toBe(0);
  });

  it('keeps the outbox when the server cannot be reached', async () => {
    const store = memoryStore([change(record(1, 1000, 'a', 1))]);
    const down: SyncTransport = {
      push: () => Promise.reject(new SyncError('network_unreachable')),
      pull: () => Promise.reject(new SyncError('network_unreachable')),
    };
    await expect(runSyncRound(store, down)).rejects.toMatchObject({ code: 'network_unreachable' });
    expect(store.outbox).toHaveLength(1);
  });

  it('stops rather than loops when the server acknowledges nothing', async () => {
    const store = memoryStore([change(record(1, 1000, 'a', 1))]);
    const deaf: SyncTransport = {
      push: () => Promise.resolve({ results: [], serverTime: '' }),
      pull: () => Promise.resolve({ changes: [], cursor: null, hasMore: false, serverTime: '' }),
    };
    await expect(runSyncRound(store, deaf)).rejects.toMatchObject({ code: 'server_error' });
  });

  it('converges: devices that saw the same changes hold the same records, whatever the order and retries', async () => {
    const version = fc.record({ id: fc.integer({ min: 1, max: 4 }), wall: fc.integer({ min: 1, max: 50 }), node: fc.constantFrom('a', 'b', 'c'), persons: fc.nat(100) });
    await fc.assert(
      fc.asyncProperty(fc.array(version, { minLength: 1, maxLength: 30 }), fc.nat(), async (versions, seed) => {
        const server = memoryServer();
        const devices = ['a', 'b', 'c'].map(() => memoryStore());
        // Each device pushes its own edits; a push is retried (duplicate delivery) on odd seeds.
        // Each edit is made on one device: it is in that device's records and outbox at once.
        versions.forEach((v, i) => {
          const device = devices[i % 3];
          // A node never issues the same stamp twice: the counter keeps stamps unique.
          const edit = change(record(v.id, v.wall, v.node, v.persons, i));
          device?.records.set(edit.record.id, merged(device.records.get(edit.record.id), edit.record));
          device?.outbox.push(edit);
        });
        for (const [i, device] of devices.entries()) {
          const batch = [...device.outbox];
          const transport = server.transportFor(`device-${i}`);
          if ((seed + i) % 2 === 1) await transport.push({ protocolVersion: 2, changes: batch });
          await runSyncRound(device, transport, { pullPage: 1 + (seed % 4) });
        }
        for (const [i, device] of devices.entries()) await runSyncRound(device, server.transportFor(`device-${i}`));
        const states = devices.map((d) => canonicalJson([...d.records.entries()].sort()));
        expect(new Set(states).size).toBe(1);
        // And no change was stored twice on the server.
        expect(new Set(server.log.map((r) => r.change.changeId)).size).toBe(server.log.length);
      }),
      { numRuns: 150 },
    );
  });

  it('sets refused changes aside and lets the rest of the batch through', async () => {
    const changes = Array.from({ length: 4 }, (_, i) => change(record(i, 1000 + i, 'a', i)));
    const store = memoryStore([...changes]);
    const refusedId = changes[1]?.changeId;
    const transport: SyncTransport = {
      push: (request) =>
        Promise.resolve({
          results: request.changes.map((c): ChangeResult =>
            c.changeId === refusedId
              ? { changeId: c.changeId, outcome: 'refused', code: 'identity_mismatch', message: 'author is not the enrolled user' }
              : { changeId: c.changeId, outcome: 'accepted' },
          ),
          serverTime: '',
        }),
      pull: () => Promise.resolve({ changes: [], cursor: null, hasMore: false, serverTime: '' }),
    };
    const result = await runSyncRound(store, transport, { pushBatch: 2 });
    expect(result).toMatchObject({ pushed: 3, refused: 1, skewed: 0 });
    expect(store.outbox).toEqual([]);
    expect(store.attention.map((r) => [r.change.changeId, r.code])).toEqual([[refusedId, 'identity_mismatch']]);
  });

  it('keeps a change refused for clock skew queued, and pushes no further this round', async () => {
    const changes = Array.from({ length: 3 }, (_, i) => change(record(i, 1000 + i, 'a', i)));
    const store = memoryStore([...changes]);
    const pushes: number[] = [];
    const transport: SyncTransport = {
      push: (request) => {
        pushes.push(request.changes.length);
        return Promise.resolve({
          results: request.changes.map((c, i): ChangeResult =>
            i === 0 ? { changeId: c.changeId, outcome: 'accepted' } : { changeId: c.changeId, outcome: 'refused', code: 'clock_skew', message: 'ahead' },
          ),
          serverTime: '',
        });
      },
      pull: () => Promise.resolve({ changes: [], cursor: null, hasMore: false, serverTime: '' }),
    };
    const result = await runSyncRound(store, transport, { pushBatch: 2 });
    expect(result).toMatchObject({ pushed: 1, refused: 0, skewed: 1 });
    expect(pushes).toEqual([2]);
    expect(store.outbox.map((c) => c.changeId)).toEqual([changes[1]?.changeId, changes[2]?.changeId]);
    expect(store.attention).toEqual([]);
  });

  it('reports progress of both phases, with what the server says is left to pull', async () => {
    const server = memoryServer();
    const writer = memoryStore(Array.from({ length: 5 }, (_, i) => change(record(i, 1000 + i, 'a', i))));
    const seen: SyncProgress[] = [];
    await runSyncRound(writer, server.transport, { pushBatch: 2, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => [p.phase, p.done, p.remaining])).toEqual([
      ['push', 2, 3],
      ['push', 4, 1],
      ['push', 5, 0],
      ['pull', 0, 0],
    ]);
    const reader = memoryStore();
    const pulled: SyncProgress[] = [];
    await runSyncRound(reader, server.transportFor('reader'), { pullPage: 2, onProgress: (p) => pulled.push(p) });
    expect(pulled.map((p) => [p.done, p.remaining])).toEqual([
      [2, 3],
      [4, 1],
      [5, 0],
    ]);
  });

  it('asks the server to count what is left on the first page only, and keeps the count itself', async () => {
    const server = memoryServer();
    const writer = memoryStore(Array.from({ length: 7 }, (_, i) => change(record(i, 1000 + i, 'a', i))));
    await runSyncRound(writer, server.transport);
    const reader = memoryStore();
    const pulled: SyncProgress[] = [];
    await runSyncRound(reader, server.transportFor('reader'), { pullPage: 2, onProgress: (p) => pulled.push(p) });
    expect(server.counts.filter((c) => c.origin === 'reader').map((c) => c.count)).toEqual([true, false, false, false]);
    expect(pulled.map((p) => [p.done, p.remaining])).toEqual([
      [2, 5],
      [4, 3],
      [6, 1],
      [7, 0],
    ]);
  });

  it('asks for a new count when changes pushed during the pull outrun the first one', async () => {
    const server = memoryServer();
    const writer = memoryStore(Array.from({ length: 4 }, (_, i) => change(record(i, 1000 + i, 'a', i))));
    await runSyncRound(writer, server.transport);
    const reader = memoryStore();
    const readerTransport = server.transportFor('reader');
    let pages = 0;
    // After the first page, 4 more records arrive from the writer: the count of 2 runs out with pages left.
    const growing: SyncTransport = {
      ...readerTransport,
      pull: async (after, limit, pending, count) => {
        const response = await readerTransport.pull(after, limit, pending, count);
        pages += 1;
        if (pages === 1) {
          writer.outbox.push(...Array.from({ length: 4 }, (_, i) => change(record(10 + i, 2000 + i, 'a', i))));
          await runSyncRound(writer, server.transport);
        }
        return response;
      },
    };
    const pulled: SyncProgress[] = [];
    const result = await runSyncRound(reader, growing, { pullPage: 2, onProgress: (p) => pulled.push(p) });
    expect(result.pulled).toBe(8);
    // The first count (2 left after page 1) runs out after page 2 with more to come: the
    // progress says it does not know rather than "4 of 4", and the next page asks again.
    expect(server.counts.filter((c) => c.origin === 'reader').map((c) => c.count)).toEqual([true, false, true, false]);
    expect(pulled.map((p) => [p.done, p.remaining])).toEqual([
      [2, 2],
      [4, null],
      [6, 2],
      [8, 0],
    ]);
  });

  it('passes the confirmation and the server time to the store with each page', async () => {
    const store = memoryStore();
    const transport: SyncTransport = {
      push: () => Promise.reject(new Error('nothing to push')),
      pull: () => Promise.resolve({ changes: [], cursor: '3', hasMore: false, serverTime: '2026-03-10T12:00:00.000Z' }),
    };
    await runSyncRound(store, transport, { confirmMassChange: true });
    expect(store.applied).toEqual([{ confirmMassChange: true, serverTimeMs: Date.parse('2026-03-10T12:00:00.000Z') }]);
    await runSyncRound(store, { ...transport, pull: () => Promise.resolve({ changes: [], cursor: '3', hasMore: false, serverTime: 'garbled' }) });
    expect(store.applied[1]).toEqual({ confirmMassChange: false });
  });
});

/** A promise and the function that settles it, for driving the order of events by hand. */
function gate<T>() {
  let open!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

describe('runSyncRound overlaps the device and the server', () => {
  it('reads the next batch without the records in flight, and sends it before filing the answer to the last', async () => {
    const events: string[] = [];
    const store = memoryStore(Array.from({ length: 5 }, (_, i) => change(record(i, 1000 + i, 'a', i))));
    const pendingChanges = store.pendingChanges.bind(store);
    const acknowledge = store.acknowledge.bind(store);
    const answers: ReturnType<typeof gate<undefined>>[] = [];
    const transport: SyncTransport = {
      async push(request) {
        events.push(`send ${request.changes.map((c) => c.record.totalPersons).join(',')}`);
        const answer = gate<undefined>();
        answers.push(answer);
        await answer.promise;
        return { results: accepted(request.changes), serverTime: '' };
      },
      pull: () => Promise.resolve({ changes: [], cursor: null, hasMore: false, serverTime: '' }),
    };
    const round = runSyncRound(
      {
        ...store,
        pendingChanges: async (limit, exclude) => {
          const batch = await pendingChanges(limit, exclude);
          events.push(`read ${batch.map((c) => c.record.totalPersons).join(',')}`);
          return batch;
        },
        acknowledge: async (acked) => {
          events.push(`file ${acked.map((c) => c.record.totalPersons).join(',')}`);
          await acknowledge(acked);
        },
      },
      transport,
      { pushBatch: 2 },
    );
    // The second batch is read while the first is still at the server: not its records.
    await expect.poll(() => events).toEqual(['read 0,1', 'send 0,1', 'read 2,3']);
    answers[0]?.open(undefined);
    await expect.poll(() => events.length).toBe(6);
    expect(events.slice(3)).toEqual(['send 2,3', 'file 0,1', 'read 4']);
    answers[1]?.open(undefined);
    await expect.poll(() => answers.length).toBe(3);
    answers[2]?.open(undefined);
    expect(await round).toMatchObject({ pushed: 5 });
    // Reading on while the last batch is out finds nothing more.
    expect(events.slice(6)).toEqual(['send 4', 'file 2,3', 'read ', 'file 4']);
    expect(store.outbox).toEqual([]);
  });

  it('a round whose bookkeeping fails waits for the batch in flight before it throws, and nothing is lost', async () => {
    const store = memoryStore(Array.from({ length: 4 }, (_, i) => change(record(i, 1000 + i, 'a', i))));
    const server = memoryServer();
    let inFlight = 0;
    // The second batch is answered only on a later macrotask than the crash: a round
    // that threw at once would leave it in flight.
    const secondAnswer = gate<undefined>();
    const transport: SyncTransport = {
      async push(request) {
        inFlight += 1;
        try {
          if (inFlight > 1 || server.pushes.length > 0) await secondAnswer.promise;
          return await server.transport.push(request);
        } finally {
          inFlight -= 1;
        }
      },
      pull: (after, limit, pending) => server.transport.pull(after, limit, pending),
    };
    const crash = new Error('device crashed filing the answer');
    const crashing = () => {
      setTimeout(() => {
        secondAnswer.open(undefined);
      }, 0);
      return Promise.reject(crash);
    };
    await expect(runSyncRound({ ...store, acknowledge: crashing }, transport, { pushBatch: 2 })).rejects.toBe(crash);
    expect(inFlight).toBe(0);
    // The second batch reached the server while the first answer was being filed; the
    // next round sends all four again and the server keeps each change once.
    expect(server.log).toHaveLength(4);
    expect(store.outbox).toHaveLength(4);
    await runSyncRound(store, transport, { pushBatch: 2 });
    expect(store.outbox).toHaveLength(0);
    expect(server.log).toHaveLength(4);
  });

  it('fetches the next page while applying one, applies pages in order, and stops at a page it cannot apply', async () => {
    const server = memoryServer();
    const writer = memoryStore(Array.from({ length: 6 }, (_, i) => change(record(i, 1000 + i, 'a', i))));
    await runSyncRound(writer, server.transport);
    const reader = memoryStore();
    const events: string[] = [];
    const transport = server.transportFor('reader');
    let applying = 0;
    const refuse = new SyncError('clock_skew', 'third page');
    const round = runSyncRound(
      {
        ...reader,
        applyPulled: async (changes, cursor, options) => {
          applying += 1;
          events.push(`apply ${String(cursor)}`);
          if (applying === 3) throw refuse;
          // The next page is asked for before this one is stored.
          await expect.poll(() => events.at(-1)).toBe(`fetch ${String(2 * applying)}`);
          await reader.applyPulled(changes, cursor, options);
        },
        getCursor: () => reader.getCursor(),
      },
      {
        push: (request) => transport.push(request),
        pull: async (after, limit, pending) => {
          events.push(`fetch ${String(after)}`);
          return transport.pull(after, limit, pending);
        },
      },
      { pullPage: 2 },
    );
    await expect(round).rejects.toBe(refuse);
    expect(events).toEqual(['fetch null', 'apply 2', 'fetch 2', 'apply 4', 'fetch 4', 'apply 6']);
    // The pages before the one refused are stored with their cursor; the refused one is not.
    expect(await reader.getCursor()).toBe('4');
    expect(reader.records.size).toBe(4);
  });
});

