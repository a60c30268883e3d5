import type { Queryable } from '../db/db';
import type { Role } from '../../shared/access/roles';
import { roleOf } from './roles-column';
import { writeAudit } from './audit';
import { isoOf, isoOrNull } from './time';

/** The device a request is made by, as authentication found it. */
export interface AuthDevice {
  id: string;
  office: string;
  name: string;
  /** Granted with the enrolment code: what the device's user may do (shared/access/roles.ts). */
  role: Role;
  /** The user the enrolment code was issued for: the author and reviewer of this device's changes. '' for devices enrolled before names. */
  userName: string;
  revoked: boolean;
}

/** A device as the administrator sees it. */
export interface DeviceListing {
  deviceId: string;
  deviceName: string;
  office: string;
  role: Role;
  /** The user the device was enrolled for ('' for devices enrolled before names). */
  userName: string;
  createdAt: string;
  lastSeenAt: string | null;
  /** The device's last completed push or pull. */
  lastSyncAt: string | null;
  /** Changes waiting on the device, as it last reported them; null until it does. */
  pendingChanges: number | null;
  revokedAt: string | null;
}

interface DeviceRow {
  [column: string]: unknown;
  id: string;
  office: string;
  name: string;
  role: string;
  user_name?: unknown;
  created_at: unknown;
  last_seen_at: unknown;
  last_sync_at?: unknown;
  pending_changes?: unknown;
  revoked_at: unknown;
}

function listing(row: DeviceRow): DeviceListing {
  return {
    deviceId: row.id,
    deviceName: row.name,
    office: row.office,
    role: roleOf(row.role),
    userName: typeof row.user_name === 'string' ? row.user_name : '',
    createdAt: isoOf(row.created_at),
    lastSeenAt: isoOrNull(row.last_seen_at),
    lastSyncAt: isoOrNull(row.last_sync_at),
    pendingChanges: row.pending_changes === null || row.pending_changes === undefined ? null : Number(row.pending_changes),
    revokedAt: isoOrNull(row.revoked_at),
  };
}

/** The device holding the token with this hash, or undefined. */
export async function findDeviceByTokenHash(q: Queryable, tokenHash: string): Promise<AuthDevice | undefined> {
  const rows = await q.query<DeviceRow>(
    'SELECT id, office, name, role, user_name, created_at, last_seen_at, revoked_at FROM devices WHERE token_hash = $1',
    [tokenHash],
  );
  const row = rows[0];
  return (
    row && {
      id: row.id,
      office: row.office,
      name: row.name,
      role: roleOf(row.role),
      userName: typeof row.user_name === 'string' ? row.user_name : '',
      revoked: row.revoked_at !== null,
    }
  );
}

/**
 * Note a completed push or pull: that the device was heard from (`last_seen_at`), when
 * the sync ended (`last_sync_at`) and, when the device said, how many changes still
 * wait on it (`pending_changes`), so that an administrator sees who is behind. One
 * write per sync: it is what the device list is read for.
 */
export async function recordSync(q: Queryable, deviceId: string, pending: number | undefined): Promise<void> {
  await q.query(
    'UPDATE devices SET last_seen_at = now(), last_sync_at = now(), pending_changes = COALESCE($2::integer, pending_changes) WHERE id = $1',
    [deviceId, pending ?? null],
  );
}

const LISTING_COLUMNS = 'id, office, name, role, user_name, created_at, last_seen_at, last_sync_at, pending_changes, revoked_at';

/** Every device, oldest first. */
export async function listDevices(q: Queryable): Promise<DeviceListing[]> {
  const rows = await q.query<DeviceRow>(`SELECT ${LISTING_COLUMNS} FROM devices ORDER BY created_at, id`);
  return rows.map(listing);
}

/**
 * Revoke a device's token for good; revoking twice keeps the first time (and says so).
 * Returns the device, or undefined when there is no such device. Run it in a transaction.
 */
export async function revokeDevice(q: Queryable, deviceId: string): Promise<{ device: DeviceListing; alreadyRevoked: boolean } | undefined> {
  const before = await q.query<{ revoked_at: unknown }>('SELECT revoked_at FROM devices WHERE id = $1 FOR UPDATE', [deviceId]);
  const held = before[0];
  if (held === undefined) return undefined;
  const alreadyRevoked = held.revoked_at !== null;
  const rows = await q.query<DeviceRow>(
    `UPDATE devices SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING ${LISTING_COLUMNS}`,
    [deviceId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const device = listing(row);
  if (!alreadyRevoked) {
    // A rotation code issued before the revocation must not bring the device back.
    await q.query('UPDATE enrolment_codes SET expires_at = now() WHERE device_id = $1 AND used_at IS NULL AND expires_at > now()', [deviceId]);
    await writeAudit(q, 'admin', 'device.revoked', { deviceId, office: device.office });
  }
  return { device, alreadyRevoked };
}
