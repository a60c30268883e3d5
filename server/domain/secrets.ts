import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new bearer token: 32 random bytes, base64url (43 characters). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 hex of a secret: what the database keeps instead of the secret itself. */
export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compare two secrets in constant time, through their hashes so that lengths do not leak. */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** A new device id: `dev_` and 24 hex characters, valid as an HLC node id. */
export function generateDeviceId(): string {
  return `dev_${randomBytes(12).toString('hex')}`;
}
