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

/** An object's keys in sorted order, each as JSON: by the object's own key order, which records of one file share. */
const sortedKeysOf = new Map<string, { own: string[]; keys: string[]; quoted: string[] }>();

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((key, i) => key === b[i]);

/**
 * JSON with object keys sorted at every depth: the same content gives the same text.
 * It runs for every row of a file (100,000 in the benchmark), so it writes into one
 * string and remembers each key order's sorting, rather than sorting entries anew.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const own = Object.keys(record);
    const shape = own.join('\u0000');
    let sorted = sortedKeysOf.get(shape);
    // Checked against the keys themselves: keys holding the separator could join alike.
    if (sorted === undefined || !sameKeys(sorted.own, own)) {
      const keys = [...own].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      sorted = { own, keys, quoted: keys.map((key) => JSON.stringify(key)) };
      if (sortedKeysOf.size < 1000) sortedKeysOf.set(shape, sorted);
    }
    let out = '{';
    let first = true;
    for (let i = 0; i < sorted.keys.length; i += 1) {
      const member = record[sorted.keys[i] ?? ''];
      if (member === undefined) continue;
      out += `${first ? '' : ','}${sorted.quoted[i] ?? ''}:${canonicalJson(member)}`;
      first = false;
    }
    return `${out}}`;
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
