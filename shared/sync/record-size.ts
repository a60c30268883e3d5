/**
 * The size of a record as it travels: the UTF-8 bytes of its JSON text, which is what
 * MAX_RECORD_BYTES and MAX_PULL_PAGE_BYTES (protocol.ts) count. Counted here rather
 * than with TextEncoder or Buffer so that the device and the server, in any layer,
 * measure the same way.
 */

/** UTF-8 length of a string. JSON.stringify escapes lone surrogates, so they never reach this uncounted. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Bytes of the record's JSON text. */
export function recordJsonBytes(record: object): number {
  return utf8Length(JSON.stringify(record));
}
