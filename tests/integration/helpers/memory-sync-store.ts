/** A device's side of sync held in memory: the SyncStore port for tests. */
import { randomUUID } from 'node:crypto';
import type { Observation } from '../../../shared/observations/observation-schema';
import type { PulledChange, SyncChange } from '../../../shared/sync/protocol';
import type { RefusedChange, SyncStore } from '../../../shared/sync/sync-engine';
import type { HlcState } from '../../../shared/sync/hlc';
import { formatHlc, initialHlc, parseHlc, receiveHlc, tickHlc } from '../../../shared/sync/hlc';
import { canonicalJson } from '../../../shared/sync/canonical-json';
import { mergeRecords, sameRecord } from '../../../shared/sync/merge-record';

export class MemorySyncStore implements SyncStore {
  readonly records = new Map<string, Observation>();
  /** Versions a merge replaced or outdid, kept as the history the architecture asks for. */
  readonly history: Observation[] = [];
  private outbox: SyncChange[] = [];
  /** Changes the server refused, set aside for a person to look at. */
  readonly setAsideChanges: RefusedChange[] = [];
  private cursor: string | null = null;
  private clock: HlcState;

  constructor(
    readonly node: string,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.clock = initialHlc(node);
  }

  /** A local edit, as the device store writes one: stamp it and each field it changed, keep it, queue it. */
  edit(record: Observation): Observation {
    this.clock = tickHlc(this.clock, this.nowMs());
    const hlc = formatHlc(this.clock);
    const current = this.records.get(record.id);
    let stamped: Observation = { ...record, hlc };
    if (current !== undefined) {
      const fieldClocks = { ...current.fieldClocks };
      const fields = new Set([...Object.keys(current), ...Object.keys(record)]);
      for (const field of fields) {
        if (field === 'hlc' || field === 'fieldClocks') continue;
        const before = (current as Record<string, unknown>)[field];
        if (canonicalJson(before) !== canonicalJson((record as Record<string, unknown>)[field])) fieldClocks[field] = hlc;
      }
      stamped = { ...stamped, fieldClocks };
    }
    this.merge(stamped);
    this.outbox.push({ changeId: randomUUID(), record: stamped });
    return stamped;
  }

  /** Changes waiting in the outbox. */
  get waiting(): number {
    return this.outbox.length;
  }

  pendingCount(): Promise<number> {
    return Promise.resolve(this.outbox.length);
  }

  setAside(refused: readonly RefusedChange[]): Promise<void> {
    const ids = new Set(refused.map((r) => r.change.changeId));
    this.outbox = this.outbox.filter((c) => !ids.has(c.changeId));
    this.setAsideChanges.push(...refused);
    return Promise.resolve();
  }

  pendingChanges(limit: number): Promise<SyncChange[]> {
    return Promise.resolve(this.outbox.slice(0, limit));
  }

  acknowledge(changes: readonly SyncChange[]): Promise<void> {
    const done = new Set(changes.map((c) => c.changeId));
    this.outbox = this.outbox.filter((c) => !done.has(c.changeId));
    return Promise.resolve();
  }

  getCursor(): Promise<string | null> {
    return Promise.resolve(this.cursor);
  }

  applyPulled(changes: readonly PulledChange[], cursor: string | null): Promise<void> {
    for (const change of changes) {
      this.clock = receiveHlc(this.clock, parseHlc(change.record.hlc), this.nowMs());
      this.merge(change.record);
    }
    this.cursor = cursor;
    return Promise.resolve();
  }

  private merge(incoming: Observation): void {
    const current = this.records.get(incoming.id);
    const merged = current === undefined ? incoming : mergeRecords(current, incoming);
    if (current !== undefined && !sameRecord(merged, current)) this.history.push(current);
    if (!sameRecord(merged, incoming)) this.history.push(incoming);
    this.records.set(incoming.id, merged);
  }
}
