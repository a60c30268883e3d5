import type { Queryable } from '../db/db';

/** Who did something: a device, the administrator, or an anonymous caller by IP. */
export type AuditActor = `device:${string}` | 'admin' | `ip:${string}`;

/** Append one row to the audit log (inside the caller's transaction when given one). */
export async function writeAudit(
  q: Queryable,
  actor: AuditActor,
  action: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await q.query('INSERT INTO audit_log (actor, action, detail) VALUES ($1, $2, $3::json)', [
    actor,
    action,
    JSON.stringify(detail),
  ]);
}

/** Append one row per detail, all with the same actor and action, in one statement. */
export async function writeAuditRows(
  q: Queryable,
  actor: AuditActor,
  action: string,
  details: readonly Record<string, unknown>[],
): Promise<void> {
  if (details.length === 0) return;
  await q.query(
    `INSERT INTO audit_log (actor, action, detail)
     SELECT $1, $2, detail::json FROM unnest($3::text[]) WITH ORDINALITY AS input (detail, ord) ORDER BY ord`,
    [actor, action, details.map((detail) => JSON.stringify(detail))],
  );
}
