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

/** Bumped if what the hash covers ever changes: ids of another version never collide with these. */
const ID_VERSION = 'routewatch-import/1';

/** An object's own keys as met, the same sorted, and each sorted key as JSON. */
interface SortedKeys {
  own: string[];
  keys: string[];
  quoted: string[];
}

/**
 * The sortings met so far, by the object's first own key: records of one file share a
 * few key orders, and an object is matched to its order by comparing its keys, with no
 * lookup string made of them per object (that string cost a third of the serialising).
 */
const sortedKeysByFirst = new Map<string, SortedKeys[]>();
let sortingsKept = 0;

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
};

function sortedKeysOf(own: string[]): SortedKeys {
  const first = own[0] ?? '';
  const known = sortedKeysByFirst.get(first);
  if (known !== undefined) for (const sorted of known) if (sameKeys(sorted.own, own)) return sorted;
  const keys = [...own].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const sorted = { own, keys, quoted: keys.map((key) => JSON.stringify(key)) };
  if (sortingsKept < 1000) {
    sortingsKept += 1;
    if (known === undefined) sortedKeysByFirst.set(first, [sorted]);
    else known.push(sorted);
  }
  return sorted;
}

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
    const sorted = sortedKeysOf(Object.keys(record));
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

/** Each byte's two hex digits. */
const HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

const encoder = new TextEncoder();
/**
 * The UTF-8 of the text hashed, written into one buffer reused row after row (a new
 * array per row, and a copy of it, were a tenth of the id's cost). `encodeInto` writes
 * the bytes `encode` gives (a lone surrogate as U+FFFD), so the ids are the same.
 */
let scratch = new Uint8Array(4096);

function utf8Of(text: string): Uint8Array {
  // At most three bytes for each UTF-16 unit.
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, scratch);
  return scratch.subarray(0, written);
}

/**
 * The id for `content` (the record as mapped, its date as written in `dateKey`'s one
 * form) imported by `office`; `wallMs` is the date's time-ordered part.
 */
export function importId(content: unknown, office: string, wallMs: number): string {
  const digest = sha256(utf8Of(`${ID_VERSION}\n${office}\n${canonicalJson(content)}`));
  const bytes = new Uint8Array(16);
  const ms = Math.max(0, Math.min(wallMs, 2 ** 48 - 1));
  for (let i = 0; i < 6; i += 1) bytes[i] = Math.floor(ms / 2 ** (8 * (5 - i))) % 256;
  bytes.set(digest.subarray(0, 10), 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  let id = '';
  for (let i = 0; i < 16; i += 1) id += (i === 4 || i === 6 || i === 8 || i === 10 ? '-' : '') + (HEX[bytes[i] ?? 0] ?? '');
  return id;
}
