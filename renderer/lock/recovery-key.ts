/**
 * The recovery key: 160 random bits written as 32 characters of Crockford's base32 in
 * eight groups of four (`7K3M-…`). That alphabet has no I, L, O or U, so a key copied
 * by hand reads back even when 0/O or 1/I/L were confused, and case does not matter.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_KEY_BYTES = 20;
const GROUP = 4;
const CHARACTERS = (RECOVERY_KEY_BYTES * 8) / 5;

function encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** A new recovery key, formatted for the screen: `XXXX-XXXX-…` (eight groups). */
export function newRecoveryKey(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return formatRecoveryKey(encode(random(new Uint8Array(RECOVERY_KEY_BYTES))));
}

export function formatRecoveryKey(characters: string): string {
  const groups: string[] = [];
  for (let i = 0; i < characters.length; i += GROUP) groups.push(characters.slice(i, i + GROUP));
  return groups.join('-');
}

/**
 * What the user typed, as the 32 characters the key is derived from; null when it
 * cannot be a recovery key (wrong length or a character outside the alphabet).
 * Spaces and dashes are ignored; O reads as 0, I and L as 1.
 */
export function normaliseRecoveryKey(typed: string): string | null {
  const characters = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (characters.length !== CHARACTERS) return null;
  for (const c of characters) if (!ALPHABET.includes(c)) return null;
  return characters;
}
