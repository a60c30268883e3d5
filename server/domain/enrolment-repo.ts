import type { Db } from '../db/db';
import type { Role } from '../../shared/access/roles';
import { ApiError } from '../http/api-error';
import { writeAudit } from './audit';
import type { AuditActor } from './audit';
import { generateEnrolmentCode, hashEnrolmentCode } from './enrolment-code';
import { missionOf } from './offices';
import { roleOf } from './roles-column';
import { isoOf } from './time';
import { generateDeviceId, generateToken, sha256Hex } from './secrets';

export const DEFAULT_CODE_TTL_HOURS = 72;
export const MAX_CODE_TTL_HOURS = 24 * 30;

export interface IssuedCode {
  code: string;
  office: string;
  role: Role;
  userName: string;
  expiresAt: string;
}

/** The code names an office that `office create` has not created. */
export class UnknownOfficeError extends ApiError {
  constructor(readonly office: string) {
    super(400, 'invalid_request', `There is no office ${office}: create it first (office create --code ${office} --mission ${missionOf(office)} --name ...).`);
    this.name = 'UnknownOfficeError';
  }
}

/**
 * Issue a one-time enrolment code for a named user of an existing office, with a role.
 * The device enrolled with it acts as that user with that role. An office that does not
 * exist is refused (UnknownOfficeError), so that a typo never registers a new office.
 */
export async function createEnrolmentCode(
  db: Db,
  input: { office: string; role: Role; userName: string; ttlHours: number; nowMs: number; actor: AuditActor },
): Promise<IssuedCode> {
  const code = generateEnrolmentCode();
  const expiresAt = new Date(input.nowMs + input.ttlHours * 3_600_000).toISOString();
  await db.transaction(async (tx) => {
    const office = await tx.query('SELECT 1 FROM offices WHERE code = $1', [input.office]);
    if (office.length === 0) throw new UnknownOfficeError(input.office);
    await tx.query('INSERT INTO enrolment_codes (code_hash, office, role, user_name, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      hashEnrolmentCode(code),
      input.office,
      input.role,
      input.userName,
      expiresAt,
    ]);
    // The code itself is a secret: the log says that one was issued, not what it is.
    await writeAudit(tx, input.actor, 'enrolment_code.created', { office: input.office, role: input.role, userName: input.userName, expiresAt });
  });
  return { code, office: input.office, role: input.role, userName: input.userName, expiresAt };
}

/** A rotation code: a one-time code that re-enrols one device, which keeps its id. */
export interface IssuedRotationCode extends IssuedCode {
  deviceId: string;
}

export type RotationOutcome =
  | { outcome: 'issued'; issued: IssuedRotationCode }
  | { outcome: 'unknown_device' }
  | { outcome: 'revoked'; revokedAt: string }
  | { outcome: 'nameless' };

/**
 * Rotate a device's token: its current token stops working now, and a one-time code
 * bound to the device is issued. The device enrols again with that code and gets a new
 * token under the same id, office, role and user. The new token is made at that
 * enrolment and goes only to the device: no administrator ever sees it. Older unused
 * rotation codes of the device are cancelled. A revoked device cannot be rotated
 * (revocation is final), nor one enrolled before user names (it must enrol anew).
 */
export async function createRotationCode(
  db: Db,
  input: { deviceId: string; ttlHours: number; nowMs: number; actor: AuditActor },
): Promise<RotationOutcome> {
  const code = generateEnrolmentCode();
  const expiresAt = new Date(input.nowMs + input.ttlHours * 3_600_000).toISOString();
  return db.transaction(async (tx): Promise<RotationOutcome> => {
    const rows = await tx.query<{ office: string; role: string; user_name: string; revoked_at: unknown }>(
      'SELECT office, role, user_name, revoked_at FROM devices WHERE id = $1 FOR UPDATE',
      [input.deviceId],
    );
    const device = rows[0];
    if (device === undefined) return { outcome: 'unknown_device' };
    if (device.revoked_at !== null) return { outcome: 'revoked', revokedAt: isoOf(device.revoked_at) };
    if (device.user_name === '') return { outcome: 'nameless' };
    // A value that is not a SHA-256 hex digest matches no token: the old one is refused from now on.
    await tx.query('UPDATE devices SET token_hash = $2 WHERE id = $1', [input.deviceId, `rotated:${generateToken()}`]);
    await tx.query('UPDATE enrolment_codes SET expires_at = now() WHERE device_id = $1 AND used_at IS NULL AND expires_at > now()', [
      input.deviceId,
    ]);
    const role = roleOf(device.role);
    await tx.query(
      'INSERT INTO enrolment_codes (code_hash, office, role, user_name, expires_at, device_id) VALUES ($1, $2, $3, $4, $5, $6)',
      [hashEnrolmentCode(code), device.office, role, device.user_name, expiresAt, input.deviceId],
    );
    await writeAudit(tx, input.actor, 'device.token_rotated', { deviceId: input.deviceId, office: device.office, expiresAt });
    return {
      outcome: 'issued',
      issued: { code, deviceId: input.deviceId, office: device.office, role, userName: device.user_name, expiresAt },
    };
  });
}

export interface Enrolled {
  deviceId: string;
  token: string;
  office: string;
  role: Role;
  userName: string;
}

interface CodeRow {
  [column: string]: unknown;
  office: string;
  expired: boolean;
  used: boolean;
}

/**
 * Exchange a one-time code for a device id and bearer token. The code is consumed by a
 * conditional UPDATE, so two devices racing with one code cannot both enrol.
 * Throws 400 invalid_enrolment_code for an unknown, used or expired code.
 */
export async function enrolDevice(
  db: Db,
  input: { code: string; deviceName: string; nowMs: number; ip: string },
): Promise<Enrolled> {
  const codeHash = hashEnrolmentCode(input.code);
  const now = new Date(input.nowMs).toISOString();
  const deviceId = generateDeviceId();
  const token = generateToken();
  const enrolled = await db.transaction(async (tx): Promise<Enrolled | undefined> => {
    const consumed = await tx.query<{ office: string; role: string; user_name: string; device_id: string | null }>(
      `UPDATE enrolment_codes SET used_at = now(), used_by_device = COALESCE(device_id, $2)
       WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $3
       RETURNING office, role, user_name, device_id`,
      [codeHash, deviceId, now],
    );
    const first = consumed[0];
    if (first === undefined) return undefined;
    const { office, user_name: userName } = first;
    const role = roleOf(first.role);
    if (first.device_id !== null) {
      // A rotation code: the same device, a new token.
      const rebound = await tx.query('UPDATE devices SET token_hash = $2, name = $3 WHERE id = $1 AND revoked_at IS NULL RETURNING id', [
        first.device_id,
        sha256Hex(token),
        input.deviceName,
      ]);
      if (rebound.length === 0) {
        // Revoked after the code was issued: throwing rolls the consumption back too.
        throw new ApiError(400, 'invalid_enrolment_code', 'This code was issued for a device that has since been revoked: ask headquarters for a new one.');
      }
      await writeAudit(tx, `device:${first.device_id}`, 'device.re_enrolled', { office, role, userName, deviceName: input.deviceName, ip: input.ip });
      return { deviceId: first.device_id, token, office, role, userName };
    }
    await tx.query('INSERT INTO devices (id, office, name, token_hash, role, user_name) VALUES ($1, $2, $3, $4, $5, $6)', [
      deviceId,
      office,
      input.deviceName,
      sha256Hex(token),
      role,
      userName,
    ]);
    await writeAudit(tx, `device:${deviceId}`, 'device.enrolled', { office, role, userName, deviceName: input.deviceName, ip: input.ip });
    return { deviceId, token, office, role, userName };
  });
  if (enrolled) return enrolled;

  // Say why, so that the person at the device knows whether to retype or ask for a new code.
  const rows = await db.query<CodeRow>(
    'SELECT office, expires_at <= $2 AS expired, used_at IS NOT NULL AS used FROM enrolment_codes WHERE code_hash = $1',
    [codeHash, now],
  );
  const row = rows[0];
  const reason = row === undefined ? 'unknown' : row.used ? 'used' : 'expired';
  await writeAudit(db, `ip:${input.ip}`, 'enrolment.refused', { reason });
  const message =
    reason === 'unknown'
      ? 'This enrolment code is not known: check it for typing mistakes.'
      : reason === 'used'
        ? 'This enrolment code has already been used: ask headquarters for a new one.'
        : 'This enrolment code has expired: ask headquarters for a new one.';
  throw new ApiError(400, 'invalid_enrolment_code', message);
}

/** What to tell an administrator whose rotation was refused. */
export function rotationRefusalMessage(outcome: Exclude<RotationOutcome, { outcome: 'issued' }>, deviceId: string): string {
  switch (outcome.outcome) {
    case 'unknown_device':
      return `There is no device ${deviceId}.`;
    case 'revoked':
      return `The device ${deviceId} was revoked at ${outcome.revokedAt}: revocation is final; issue a new enrolment code instead.`;
    case 'nameless':
      return `The device ${deviceId} was enrolled before user names: revoke it and enrol it again with a code for its user.`;
  }
}
