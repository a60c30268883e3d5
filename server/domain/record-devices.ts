/**
 * Which enrolled device a record was recorded on (migration 006). A record's `device`
 * is the local id its device gave itself before any enrolment; the server binds each
 * local id to the enrolled device that first pushed a new record under it, and from
 * then on says, not the record, which device that is: pullers get the device's name
 * as the server knows it.
 *
 * A device may not create records under a local id bound to another device: that would
 * put another device's name on its records. The one exception is a laptop enrolled
 * again after its enrolment was revoked: it keeps its local id, so the binding moves to
 * the new enrolment when the old one is revoked and the new one is of the same office.
 */
import type { Queryable } from '../db/db';
import type { DeviceName } from '../../shared/sync/protocol';

/** PostgreSQL text cannot hold U+0000, which a record's JSON may: such an id is never bound or looked up. */
export function bindable(localId: string): boolean {
  return !localId.includes('\u0000');
}

export interface Binding {
  deviceId: string;
  revoked: boolean;
  office: string;
}

/** The bindings of these local ids, by local id (unbound ones absent). */
export async function bindingsOf(q: Queryable, localIds: readonly string[]): Promise<Map<string, Binding>> {
  if (localIds.length === 0) return new Map();
  const rows = await q.query<{ local_id: string; device_id: string; revoked: unknown; office: string }>(
    `SELECT rd.local_id, rd.device_id, d.revoked_at IS NOT NULL AS revoked, d.office
     FROM record_devices rd JOIN devices d ON d.id = rd.device_id
     WHERE rd.local_id = ANY($1::text[])`,
    [[...new Set(localIds.filter(bindable))]],
  );
  return new Map(rows.map((row) => [row.local_id, { deviceId: row.device_id, revoked: row.revoked === true, office: row.office }]));
}

export type BindingVerdict = { outcome: 'bound' } | { outcome: 'unbound' } | { outcome: 'bind'; moved: string | null } | { outcome: 'refused'; message: string };

/**
 * May `pusher` create a record under `localId`, given its binding? `bound`: it is the
 * pusher's already; `unbound`: it cannot be bound (U+0000), and stays nameless; `bind`: it becomes the pusher's (`moved` names the revoked device it
 * moves from); `refused`: another device's.
 */
export function judgeBinding(pusher: { id: string; office: string }, localId: string, binding: Binding | undefined): BindingVerdict {
  // Such an id is never bound, so no name is ever given for it: it names nobody.
  if (!bindable(localId)) return { outcome: 'unbound' };
  if (binding === undefined) return { outcome: 'bind', moved: null };
  if (binding.deviceId === pusher.id) return { outcome: 'bound' };
  if (binding.revoked && binding.office === pusher.office) return { outcome: 'bind', moved: binding.deviceId };
  return {
    outcome: 'refused',
    message: `device: a new record must carry this device's own id, and "${localId}" is another enrolled device's`,
  };
}

/** Bind local ids to the pusher (new ones, or moved from a revoked enrolment). */
export async function bindLocalIds(q: Queryable, deviceId: string, localIds: readonly string[]): Promise<void> {
  if (localIds.length === 0) return;
  await q.query(
    `INSERT INTO record_devices (local_id, device_id)
     SELECT local_id, $2 FROM unnest($1::text[]) AS input (local_id)
     ON CONFLICT (local_id) DO UPDATE SET device_id = excluded.device_id, bound_at = now()`,
    [[...new Set(localIds)], deviceId],
  );
}

/** The names of the devices these local ids are bound to (unbound ones left out). */
export async function deviceNamesOf(q: Queryable, localIds: readonly string[]): Promise<DeviceName[]> {
  if (localIds.length === 0) return [];
  const rows = await q.query<{ local_id: string; name: string }>(
    `SELECT rd.local_id, d.name FROM record_devices rd JOIN devices d ON d.id = rd.device_id
     WHERE rd.local_id = ANY($1::text[]) ORDER BY rd.local_id`,
    [[...new Set(localIds.filter(bindable))]],
  );
  return rows.map((row) => ({ localId: row.local_id, name: row.name }));
}
