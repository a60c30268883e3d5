/**
 * The id of an imported record, made from what the record says, so that importing the
 * same figures again (the same file, or the same rows sent again in another file) finds
 * them present and adds nothing.
 *
 * It is a UUIDv7 in layout: the 48-bit time is the observation's date (read as UTC
 * wall time, so it does not depend on the device's time zone), the version and variant
 * bits are v7's, and the other 74 bits are the first bits of a SHA-256 of the record's
 * normalised content. The store and sync rely on ids being time-ordered (range reads
 * in renderer/store/keyed-rows.ts, newest-first search in text-search.ts): imported
 * records keep that order by their observation time, and the ids of one imported
 * period sit together. The hash covers the importing office, so that two offices
 * importing the same published figures each hold their own records (an id is owned by
 * the office that first pushed it, and the server refuses another office's).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/** Bumped if what the hash covers ever changes: ids of another version never collide with these. */
const ID_VERSION = 'routewatch-import/1';

/** JSON with object keys sorted at every depth: the same content gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  // JSON.stringify gives undefined for these: written as null, as in an array.
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return 'null';
  return JSON.stringify(value);
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The id for `content` (the record as mapped, its date as written in `dateKey`'s one
 * form) imported by `office`; `wallMs` is the date's time-ordered part.
 */
export function importId(content: unknown, office: string, wallMs: number): string {
  const digest = sha256(utf8ToBytes(`${ID_VERSION}\n${office}\n${canonicalJson(content)}`));
  const bytes = new Uint8Array(16);
  const ms = Math.max(0, Math.min(wallMs, 2 ** 48 - 1));
  for (let i = 0; i < 6; i += 1) bytes[i] = Math.floor(ms / 2 ** (8 * (5 - i))) % 256;
  bytes.set(digest.subarray(0, 10), 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
