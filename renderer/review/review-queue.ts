/**
 * The supervisor's queue: submitted records, oldest first, as ids only. Read from the
 * `[reviewStatus+observedStart]` index as keys, never as records, so that the queue of
 * 100,000 submissions costs key reads; the screen fetches full records only for the
 * rows it shows.
 */
import { Dexie } from 'dexie';
import { grantFor } from '../../shared/access/roles';
import type { User } from '../../shared/access/roles';
import type { RoutewatchDatabase } from '../store/database';

/** Whose submissions a user's queue holds: one office, every office (`all`), or none. */
export type QueueScope = { kind: 'office'; office: string } | { kind: 'all' } | { kind: 'none' };

/** The offices whose records the rule book lets the user see (`record.view`). */
export function queueScope(user: Pick<User, 'role' | 'office'>): QueueScope {
  const grant = grantFor(user.role, 'record.view');
  if (grant.kind !== 'record') return { kind: 'none' };
  return grant.offices === 'all' ? { kind: 'all' } : { kind: 'office', office: user.office };
}

function submittedRange(db: RoutewatchDatabase) {
  return db.observations.where('[reviewStatus+observedStart]').between(['submitted', Dexie.minKey], ['submitted', Dexie.maxKey], true, true);
}

/**
 * Ids of the submitted records in scope, oldest observation first. A tombstone keeps
 * the state it was deleted in, so the odd submitted tombstone (possible only when
 * concurrent edits merge) is among them: the screen shows it as deleted.
 */
export async function submittedIds(db: RoutewatchDatabase, scope: QueueScope): Promise<string[]> {
  if (scope.kind === 'none') return [];
  const ids = await submittedRange(db).primaryKeys();
  if (scope.kind === 'all') return ids;
  const ofOffice = new Set(await db.observations.where('office').equals(scope.office).primaryKeys());
  return ids.filter((id) => ofOffice.has(id));
}

/**
 * How the screen reaches the queue. `paged`: every submitted record is in scope, so the
 * queue is the index range itself: its size is an index count and a screenful is read
 * at an offset (a cursor advance), never the whole key list. `listed`: the device
 * holds records of other offices too (training data, an HQ laptop's pulls), so the
 * queue is the intersection of two key lists, read whole.
 *
 * With 100,000 submissions in Chromium, a count and a page take tens of milliseconds;
 * the key lists, about half a second each.
 */
export type QueueIndex = { kind: 'paged'; count: number } | { kind: 'listed'; ids: string[] };

export async function queueIndex(db: RoutewatchDatabase, scope: QueueScope): Promise<QueueIndex> {
  if (scope.kind === 'none') return { kind: 'listed', ids: [] };
  if (scope.kind === 'office') {
    // A device normally holds its own office's records only (the server pulls no others).
    const [inOffice, all] = await Promise.all([db.observations.where('office').equals(scope.office).count(), db.observations.count()]);
    if (inOffice < all) return { kind: 'listed', ids: await submittedIds(db, scope) };
  }
  return { kind: 'paged', count: await submittedRange(db).count() };
}

/** The ids at queue positions [from, from + count) of a paged queue. */
export function queuePage(db: RoutewatchDatabase, from: number, count: number): Promise<string[]> {
  return submittedRange(db).offset(from).limit(count).primaryKeys();
}

/** The ids at queue positions [from, from + count), whichever way the queue is reached. */
export async function queueIds(db: RoutewatchDatabase, index: QueueIndex, from: number, count: number): Promise<string[]> {
  if (count <= 0) return [];
  return index.kind === 'listed' ? index.ids.slice(from, from + count) : queuePage(db, from, count);
}

export function queueLength(index: QueueIndex): number {
  return index.kind === 'listed' ? index.ids.length : index.count;
}
