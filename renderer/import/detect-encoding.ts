/**
 * Which encoding a picked file is in, among those partners' and authorities' files come
 * in: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM), Windows-1250, -1251, -1252
 * and ISO-8859-2. Decoding is the browser's TextDecoder; detection is, in order:
 * 1. a byte order mark;
 * 2. UTF-8 that decodes without error (legacy single-byte text almost never does);
 * 3. chardet's statistical guess (npm `chardet`, maintained: 2.2.0 of June 2026) when it
 *    names UTF-16 without a BOM or Windows-1251 (Cyrillic, which it tells well);
 * 4. for the Latin single-byte encodings, which chardet confuses on short files (it
 *    ranks Windows-1252 over Windows-1250 for Serbian Latin, ISO-8859-1 over -2), a narrow
 *    check of our own over chardet's candidates: decoded with each, which gives letters
 *    of the region's alphabets rather than symbols, controls or Icelandic letters.
 *    Windows-1250 and ISO-8859-2 differ in a few code points: Š š Ž ž (and Ś ś Ť ť Ź ź)
 *    sit at 0x8A/0x9A/0x8E/0x9E in Windows-1250, where ISO-8859-2 has C1 controls, and at
 *    0xA9/0xB9/0xAE/0xBE in ISO-8859-2, where Windows-1250 has © ą ® ľ.
 * The user can change the answer on the screen: the preview shows what it gives.
 */
import { analyse } from 'chardet';

export const IMPORT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1250', 'windows-1251', 'windows-1252', 'iso-8859-2'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

export interface DetectedEncoding {
  encoding: ImportEncoding;
  /** Whether the file starts with a byte order mark (TextDecoder drops it). */
  bom: boolean;
}

/** How much of a large file detection looks at: enough text to judge, little time. */
const SAMPLE_BYTES = 256 * 1024;

function bomOf(bytes: Uint8Array): ImportEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function isUtf8(sample: Uint8Array): boolean {
  try {
    // stream: a character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** chardet's names of the encodings we read (ISO-8859-1 text is read as its superset, Windows-1252, as browsers do). */
const FROM_CHARDET: Readonly<Record<string, ImportEncoding>> = {
  'UTF-8': 'utf-8',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'windows-1252': 'windows-1252',
  'ISO-8859-1': 'windows-1252',
  'ISO-8859-2': 'iso-8859-2',
};

const LATIN_SINGLE_BYTE: readonly ImportEncoding[] = ['windows-1250', 'iso-8859-2', 'windows-1252'];

/**
 * Letters of the alphabets written along the route, in Latin (Serbian, Croatian,
 * Bosnian, Montenegrin, Slovene, Albanian, Hungarian, German, Romanian) and Serbian and
 * Macedonian Cyrillic (U+0400 to U+045F).
 */
const REGIONAL_LATIN = new Set('čćđšžČĆĐŠŽëçËÇáéíóöőúüűÁÉÍÓÖŐÚÜŰäßÄăâîșțşţĂÂÎȘȚŞŢ');
/** Punctuation a file may hold in any of them: it tells nothing. */
const NEUTRAL = new Set('\u00a0°€–—‘’‚“”„«»…·§´¸¨');

function scoreOf(text: string): number {
  let score = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80 || NEUTRAL.has(char)) continue;
    score += REGIONAL_LATIN.has(char) || (code >= 0x400 && code <= 0x45f) ? 1 : -1;
  }
  return score;
}

export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  const bom = bomOf(bytes);
  if (bom) return { encoding: bom, bom: true };
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  if (isUtf8(sample)) return { encoding: 'utf-8', bom: false };
  const guesses = analyse(sample).flatMap((match) => {
    const encoding = FROM_CHARDET[match.name];
    return encoding === undefined ? [] : [encoding];
  });
  const top = guesses[0];
  if (top === 'utf-16le' || top === 'utf-16be' || top === 'windows-1251') return { encoding: top, bom: false };
  // chardet's order breaks ties, then the region's most common legacy encoding.
  const candidates = [...new Set([...guesses.filter((g) => LATIN_SINGLE_BYTE.includes(g) || g === 'windows-1251'), 'windows-1250' as const, ...LATIN_SINGLE_BYTE])];
  let best: ImportEncoding = 'windows-1250';
  let bestScore = -Infinity;
  for (const encoding of candidates) {
    const score = scoreOf(new TextDecoder(encoding).decode(sample));
    if (score > bestScore) {
      best = encoding;
      bestScore = score;
    }
  }
  return { encoding: best, bom: false };
}

/** The file's text in `encoding`; a byte order mark is dropped, bytes that mean nothing become U+FFFD. */
export function decodeText(bytes: Uint8Array, encoding: ImportEncoding): string {
  return new TextDecoder(encoding).decode(bytes);
}
