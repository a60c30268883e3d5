import { randomInt } from 'node:crypto';
import { sha256Hex } from './secrets';

/** No 0/O, 1/I/L: codes are read aloud and typed by hand. 31 symbols, about 79 bits in 16. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 4;
const GROUP_LENGTH = 4;

/** A new one-time enrolment code, e.g. `ABCD-EFGH-JKMN-PQRS`. */
export function generateEnrolmentCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += CODE_ALPHABET.charAt(randomInt(CODE_ALPHABET.length));
    groups.push(group);
  }
  return groups.join('-');
}

/** The canonical form of a typed code: case, spaces and dashes do not matter. */
export function normaliseEnrolmentCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}

/** What the database stores for a code. */
export function hashEnrolmentCode(typed: string): string {
  return sha256Hex(`enrolment:${normaliseEnrolmentCode(typed)}`);
}
