/**
 * Counting canary strings in rows as IndexedDB holds them (tests only): every string, every
 * object key and every byte array (read as UTF-8 and as Latin-1, so that text stored as
 * bytes is found too), however deep. Used on fake-indexeddb and in Chromium alike.
 */
const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

function occurrences(text: string, canary: string): number {
  let n = 0;
  for (let at = text.indexOf(canary); at !== -1; at = text.indexOf(canary, at + canary.length)) n += 1;
  return n;
}

/** How many times the canaries occur in the value. */
export function countCanaries(value: unknown, canaries: readonly string[]): number {
  const texts: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') texts.push(v);
    else if (v instanceof ArrayBuffer) walk(new Uint8Array(v));
    else if (ArrayBuffer.isView(v)) {
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      texts.push(utf8.decode(bytes), latin1.decode(bytes));
    }
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      for (const [key, inner] of Object.entries(v)) {
        texts.push(key);
        walk(inner);
      }
    }
  };
  walk(value);
  return texts.reduce((n, text) => n + canaries.reduce((m, canary) => m + occurrences(text, canary), 0), 0);
}
