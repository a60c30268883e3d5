import type { Db } from '../db/db';
import type { Role } from '../../shared/access/roles';
import { ApiError } from '../http/api-error';
import { writeAudit } from './audit';
import type { AuditActor } from './audit';
import { generateEnrolmentCode, hashEnrolmentCode } from './enrolment-code';
import { missionOf } from './offices';
import { roleOf } from './roles-column';
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

/**
 * Issue a one-time enrolment code for an office and a role (registering the office if
 * new). The device enrolled with it gets that role.
 */
export async function createEnrolmentCode(
  db: Db,
  input: { office: string; role: Role; userName: string; ttlHours: number; nowMs: number; actor: AuditActor },
): Promise<IssuedCode> {
  const code = generateEnrolmentCode();
  const expiresAt = new Date(input.nowMs + input.ttlHours * 3_600_000).toISOString();
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO offices (code, mission) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING', [
      input.office,
      missionOf(input.office),
    ]);
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
  const enrolled = await db.transaction(async (tx) => {
    const consumed = await tx.query<{ office: string; role: string; user_name: string }>(
      `UPDATE enrolment_codes SET used_at = now(), used_by_device = $2
       WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $3
       RETURNING office, role, user_name`,
      [codeHash, deviceId, now],
    );
    const first = consumed[0];
    if (first === undefined) return undefined;
    const { office, user_name: userName } = first;
    const role = roleOf(first.role);
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
