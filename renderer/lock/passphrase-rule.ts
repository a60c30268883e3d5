/**
 * The minimum a passphrase must meet. Why length and variety only: the passphrase is
 * stretched by PBKDF2 (600,000 rounds), so length is what resists guessing, and
 * composition rules ("one digit, one symbol") push people to predictable patterns.
 * The variety check only refuses the trivial (`aaaaaaaaaaaa`, `121212121212`).
 */
export const PASSPHRASE_MIN_LENGTH = 12;
export const PASSPHRASE_MIN_DISTINCT = 6;

export type PassphraseProblem = 'too-short' | 'too-simple';

export function passphraseProblem(passphrase: string): PassphraseProblem | null {
  // Code points, not UTF-16 units: a letter outside the BMP counts once. (Graphemes would
  // count an emoji sequence once too; code points only ever count more.)
  const characters = Array.from(passphrase.normalize('NFC'));
  if (characters.length < PASSPHRASE_MIN_LENGTH) return 'too-short';
  if (new Set(characters).size < PASSPHRASE_MIN_DISTINCT) return 'too-simple';
  return null;
}
