import type { Queryable } from '../db/db';
import { writeAudit } from './audit';
import type { AuditActor } from './audit';
import { isoOf } from './time';

/** Devices of an office whose code starts with HQ- work for headquarters and see every office. */
export function isHqOffice(office: string): boolean {
  return office.startsWith('HQ-');
}

/** The mission of an office code such as `RS-BEL`. */
export function missionOf(office: string): string {
  return office.slice(0, office.indexOf('-'));
}

/** An office as the administrator sees it. */
export interface OfficeListing {
  code: string;
  mission: string;
  /** '' for offices registered, before names existed, by the first code issued for them. */
  name: string;
  createdAt: string;
  /** Devices enrolled for the office and not revoked. */
  activeDevices: number;
}

interface OfficeRow {
  [column: string]: unknown;
  code: string;
  mission: string;
  name: string;
  created_at: unknown;
  active_devices: unknown;
}

function listing(row: OfficeRow): OfficeListing {
  return {
    code: row.code,
    mission: row.mission,
    name: row.name,
    createdAt: isoOf(row.created_at),
    activeDevices: Number(row.active_devices ?? 0),
  };
}

const SELECT_OFFICES = `SELECT o.code, o.mission, o.name, o.created_at,
  (SELECT count(*) FROM devices d WHERE d.office = o.code AND d.revoked_at IS NULL) AS active_devices
  FROM offices o`;

/** Every office, by mission then code. */
export async function listOffices(q: Queryable): Promise<OfficeListing[]> {
  const rows = await q.query<OfficeRow>(`${SELECT_OFFICES} ORDER BY o.mission, o.code`);
  return rows.map(listing);
}

/** The office with this code, or undefined. */
export async function findOffice(q: Queryable, code: string): Promise<OfficeListing | undefined> {
  const rows = await q.query<OfficeRow>(`${SELECT_OFFICES} WHERE o.code = $1`, [code]);
  const row = rows[0];
  return row && listing(row);
}

/** Why an office could not be created: its code, or its name within the mission, is taken. */
export type OfficeConflict = { conflict: 'code' | 'name'; existing: OfficeListing };

/**
 * Create an office of a mission (the caller has checked that the code's prefix is the
 * mission). Creating an office whose code exists, or whose name another office of the
 * mission has, changes nothing and says which.
 */
export async function createOffice(
  q: Queryable,
  input: { code: string; mission: string; name: string; actor: AuditActor },
): Promise<{ created: OfficeListing } | OfficeConflict> {
  // No conflict target: any unique index (the code, or the mission's names) turns the
  // insert into nothing, also when two administrators race.
  const inserted = await q.query<OfficeRow>(
    `INSERT INTO offices (code, mission, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING
     RETURNING code, mission, name, created_at, 0 AS active_devices`,
    [input.code, input.mission, input.name],
  );
  const row = inserted[0];
  if (row !== undefined) {
    await writeAudit(q, input.actor, 'office.created', { office: input.code, mission: input.mission, name: input.name });
    return { created: listing(row) };
  }
  const sameCode = await findOffice(q, input.code);
  if (sameCode !== undefined) return { conflict: 'code', existing: sameCode };
  const sameName = await q.query<OfficeRow>(`${SELECT_OFFICES} WHERE o.mission = $1 AND lower(o.name) = lower($2)`, [input.mission, input.name]);
  const other = sameName[0];
  if (other === undefined) throw new Error('office insert conflicted with nothing that can be found');
  return { conflict: 'name', existing: listing(other) };
}

/** What to tell an administrator whose office could not be created. */
export function officeConflictMessage({ conflict, existing }: OfficeConflict): string {
  return conflict === 'code'
    ? `The office ${existing.code}${existing.name === '' ? '' : ` ("${existing.name}")`} already exists.`
    : `The mission ${existing.mission} already has an office named "${existing.name}": ${existing.code}.`;
}
