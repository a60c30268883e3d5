/**
 * The `role` column of devices and enrolment codes, read back as a `Role`. The
 * migration's CHECK keeps the column to ROLES; reading checks again rather than cast,
 * so that a role this code does not know (written by a newer server on the same
 * database) fails loudly instead of being granted as something else.
 */
import { ROLES } from '../../shared/access/roles';
import type { Role } from '../../shared/access/roles';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The role stored in a row; a value outside ROLES is a fault of the database, not of the caller. */
export function roleOf(value: unknown): Role {
  if (!isRole(value)) throw new Error(`unknown role in the database: ${JSON.stringify(value)}`);
  return value;
}
