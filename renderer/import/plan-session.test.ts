import { describe, expect, it } from 'vitest';
import gazetteerCsv from '../../assets/places/route-places.csv?raw';
import { DEFAULT_IMPORT_DEFAULTS, guessColumns } from '../../shared/import/import-fields';
import type { ImportMapping } from '../../shared/import/import-fields';
import { parseGazetteerCsv } from '../../shared/places/gazetteer-csv';
import { createImportPlanner, PlanCancelledError } from './import-planner';
import { createPlanSession } from './plan-session';
import type { PlanReply } from './plan-session';
import { batchesOf, runImport } from './run-import';
import type { ImportItem } from './plan-session';

const { places } = parseGazetteerCsv(gazetteerCsv);
const HEADER = 'Datum;Mesto;Broj osoba;Smer;Državljanstvo;Izvor';
const csv = (lines: readonly string[]): string => [HEADER, ...lines].join('\r\n');
const mappingOf = (text: string): ImportMapping => ({ columns: guessColumns(text.split('\r\n')[0]?.split(';') ?? []), defaults: DEFAULT_IMPORT_DEFAULTS, places: {}, nationalities: {} });

// Rows out of date order, one with a nationality word no table knows, one rejected.
const TEXT = csv([
  '23.10.2015;Preševo;30;Ulaz;Sirija;MUP',
  '21.10.2015;Šid;10;Izlaz;Авганистанци;MUP',
  '22.10.2015;Preševo;20;Ulaz;Kurdish;MUP',
  '22.10.2015;Preševo;many;Ulaz;SYR;MUP',
  '20.10.2015;Preševo;5;Ulaz;stateless;MUP',
]);

describe('the import session (what the worker runs)', () => {
  it('reports the plan without its records, then hands the ready records in id order, batch by batch', async () => {
    const replies: PlanReply[] = [];
    const session = createPlanSession((reply) => replies.push(reply));
    await session.handle({ id: 1, type: 'plan', source: { kind: 'csv', text: TEXT, delimiter: ';' }, mapping: mappingOf(TEXT), office: 'RS-BEL', nowMs: Date.UTC(2026, 0, 1), places });
    const planned = replies.find((reply) => reply.type === 'planned');
    if (planned?.type !== 'planned') throw new Error('no plan');
    const { report } = planned;
    expect(report.readyIds).toHaveLength(3);
    expect(report.rejected.map((row) => row.number)).toEqual([5]);
    expect(report.unmatchedNationalities).toEqual([{ name: 'Kurdish', key: 'kurdish', rows: 1 }]);
    // Progress rose to 100 before the plan came.
    const percents = replies.flatMap((reply) => (reply.type === 'progress' ? [reply.percent] : []));
    expect(percents.at(-1)).toBe(100);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);

    await session.handle({ id: 2, type: 'replan', mapping: { ...mappingOf(TEXT), nationalities: { kurdish: 'IRQ' } }, nowMs: Date.UTC(2026, 0, 1) });
    const again = replies.at(-1);
    if (again?.type !== 'planned') throw new Error('no plan');
    expect(again.report.readyIds).toHaveLength(4);
    expect(again.report.unmatchedNationalities).toEqual([]);

    const items: ImportItem[] = [];
    for (let start = 0; start < 4; start += 3) {
      await session.handle({ id: 3 + start, type: 'batch', start, size: 3 });
      const batch = replies.at(-1);
      if (batch?.type !== 'batch') throw new Error('no batch');
      items.push(...batch.items);
    }
    expect(items.map((item) => item.id)).toEqual([...again.report.readyIds].sort());
    // In id order is in date order: the day index is touched day after day.
    expect(items.map((item) => item.candidate.nationalities?.[0]?.code)).toEqual(['XXA', 'AFG', 'IRQ', 'SYR']);
  });

  it('answers a request it cannot serve with the reason, not a crash', async () => {
    const replies: PlanReply[] = [];
    const session = createPlanSession((reply) => replies.push(reply));
    await session.handle({ id: 7, type: 'replan', mapping: mappingOf(TEXT), nowMs: 0 });
    expect(replies).toEqual([{ id: 7, type: 'failed', message: 'no file was read' }]);
  });

  it('hands records by id only for ids it planned, in the order asked', async () => {
    const replies: PlanReply[] = [];
    const session = createPlanSession((reply) => replies.push(reply));
    await session.handle({ id: 1, type: 'plan', source: { kind: 'csv', text: TEXT, delimiter: ';' }, mapping: mappingOf(TEXT), office: 'RS-BEL', nowMs: Date.UTC(2026, 0, 1), places, part: { index: 1, of: 2 } });
    const planned = replies.at(-1);
    if (planned?.type !== 'planned') throw new Error('no plan');
    // The second of two parts judges the file's last three rows (4 to 6; the header is row 1).
    expect(planned.report.unmatchedNationalities).toEqual([{ name: 'Kurdish', key: 'kurdish', rows: 1 }]);
    expect(planned.report.rejected.map((row) => row.number)).toEqual([5]);
    expect(planned.report.readyNumbers).toEqual([6]);
    const ids = [...planned.report.readyIds].reverse();
    await session.handle({ id: 2, type: 'items', ids });
    const items = replies.at(-1);
    expect(items?.type === 'batch' ? items.items.map((item) => item.id) : items).toEqual(ids);
    await session.handle({ id: 3, type: 'items', ids: ['00000000-0000-7000-8000-000000000000'] });
    expect(replies.at(-1)).toEqual({ id: 3, type: 'failed', message: 'asked for a record this part did not plan' });
  });
});

describe('the planner in the page (where there are no workers) and the write', () => {
  it('plans, and cancel rejects what waits and leaves nothing behind', async () => {
    const planner = createImportPlanner({ useWorker: false });
    const heard: number[] = [];
    const report = await planner.plan({ kind: 'csv', text: TEXT, delimiter: ';' }, mappingOf(TEXT), 'RS-BEL', places, (percent) => heard.push(percent));
    expect(report.readyIds).toHaveLength(3);
    expect(heard.at(-1)).toBe(100);
    const waiting = planner.plan({ kind: 'csv', text: TEXT, delimiter: ';' }, mappingOf(TEXT), 'RS-BEL', places);
    planner.cancel();
    await expect(waiting).rejects.toBeInstanceOf(PlanCancelledError);
    // After a cancel the session is new: there is no file to judge again.
    await expect(planner.replan(mappingOf(TEXT))).rejects.toThrow('no file was read');
  });

  it('writes batch after batch, asking for the next before the store is done with this one, and skips ids held', async () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ id: `0000000${i}-0000-7000-8000-000000000000`, candidate: { n: i } })) as unknown as ImportItem[];
    const events: string[] = [];
    const source = batchesOf(items);
    const store = {
      importObservations: async (batch: readonly { id: string }[]) => {
        events.push(`write ${batch.map((item) => item.id.slice(7, 8)).join('')}`);
        await Promise.resolve();
        events.push('written');
        return batch as never[];
      },
    };
    const outcome = await runImport(store, { total: source.total, batch: (start, size) => (events.push(`ask ${start}`), source.batch(start, size)) }, { author: 'A', office: 'RS-BEL' }, { batch: 2, held: new Set([items[1]?.id ?? '']) });
    expect(outcome).toEqual({ added: 4, present: 1, cancelled: false });
    expect(events).toEqual(['ask 0', 'ask 2', 'write 0', 'written', 'ask 4', 'write 23', 'written', 'write 4', 'written']);
  });
});

describe('writing batch after batch', () => {
  /** A store whose batches are handed over and committed when the test says. */
  function steppedStore() {
    const calls: { ids: string; handed: boolean; committed: boolean; handOver: () => void; commit: () => void; earlierHanded: boolean; underWay: number }[] = [];
    let called: () => void = () => undefined;
    const store = {
      importObservations: (batch: readonly { id: string }[], _profile: unknown, options: { onIssued?: () => void } = {}) =>
        new Promise<never[]>((resolve) => {
          // What the import had waited for when it began this batch: read at the call, no pause needed.
          const call = {
            ids: batch.map((item) => item.id.slice(7, 8)).join(''),
            handed: false,
            committed: false,
            earlierHanded: calls.every((c) => c.handed),
            underWay: calls.filter((c) => !c.committed).length,
            handOver: () => {
              call.handed = true;
              options.onIssued?.();
            },
            commit: () => {
              call.committed = true;
              resolve(batch as never[]);
            },
          };
          calls.push(call);
          called();
        }),
    };
    /** Resolves once the store has been called `count` times. */
    const calledTimes = (count: number) =>
      new Promise<void>((resolve) => {
        called = () => {
          if (calls.length >= count) resolve();
        };
        called();
      });
    return { store, calls, calledTimes };
  }

  it('begins the next batch once this one is handed over to IndexedDB, and never has more than two under way', async () => {
    const items = Array.from({ length: 6 }, (_, i) => ({ id: `0000000${i}-0000-7000-8000-000000000000`, candidate: { n: i } })) as unknown as ImportItem[];
    const { store, calls, calledTimes } = steppedStore();
    const done = runImport(store, items, { author: 'A', office: 'RS-BEL' }, { batch: 2 });
    await calledTimes(1);
    calls[0]?.handOver();
    await calledTimes(2);
    // The second handed over while the first is not committed; the third may begin only once the first is.
    calls[1]?.handOver();
    calls[0]?.commit();
    await calledTimes(3);
    calls[2]?.handOver();
    calls[1]?.commit();
    calls[2]?.commit();
    expect(await done).toEqual({ added: 6, present: 0, cancelled: false });
    expect(calls.map((call) => call.ids)).toEqual(['01', '23', '45']);
    // Each batch began only after every batch before it was handed over (checking it earlier
    // would hold up that hand-over), and with at most one other under way.
    expect(calls.map((call) => call.earlierHanded)).toEqual([true, true, true]);
    expect(calls.map((call) => call.underWay)).toEqual([0, 1, 1]);
  });

  it('goes on when a batch ends without handing anything over (a store that does not tell), and tells a failure', async () => {
    const items = Array.from({ length: 4 }, (_, i) => ({ id: `0000000${i}-0000-7000-8000-000000000000`, candidate: { n: i } })) as unknown as ImportItem[];
    const quiet = { importObservations: (batch: readonly { id: string }[]) => Promise.resolve(batch as never[]) };
    expect(await runImport(quiet, items, { author: 'A', office: 'RS-BEL' }, { batch: 1 })).toEqual({ added: 4, present: 0, cancelled: false });
    let calls = 0;
    const failing = {
      importObservations: () => {
        calls += 1;
        return Promise.reject(new Error('quota exceeded'));
      },
    };
    await expect(runImport(failing, items, { author: 'A', office: 'RS-BEL' }, { batch: 1 })).rejects.toThrow('quota exceeded');
    expect(calls).toBe(2);
  });
});

describe('a worker that cannot start', () => {
  it('leaves the work to the page: a Worker the host refuses, or one whose script fails before answering', async () => {
    const original = globalThis.Worker;
    try {
      // Refused at construction (a host without module workers).
      globalThis.Worker = function refuse() {
        throw new Error('module workers are not supported');
      } as unknown as typeof Worker;
      const refused = createImportPlanner({ useWorker: true });
      expect((await refused.plan({ kind: 'csv', text: TEXT, delimiter: ';' }, mappingOf(TEXT), 'RS-BEL', places)).readyIds).toHaveLength(3);

      // Its script fails to load: the error comes before any answer.
      globalThis.Worker = class {
        onmessage: unknown = null;
        onerror: ((event: { message: string }) => void) | null = null;
        postMessage() {
          setTimeout(() => this.onerror?.({ message: '' }), 0);
        }
        terminate() {}
      } as unknown as typeof Worker;
      const failing = createImportPlanner({ useWorker: true });
      const report = await failing.plan({ kind: 'csv', text: TEXT, delimiter: ';' }, mappingOf(TEXT), 'RS-BEL', places);
      expect(report.readyIds).toHaveLength(3);
      // The page holds the rows now: batches come from it.
      expect(await failing.batch(0, 10)).toHaveLength(3);
    } finally {
      globalThis.Worker = original;
    }
  });
});
