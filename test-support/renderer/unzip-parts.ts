/**
 * The named parts of a zip (an XLSX, a DOCX) as text, read through the zip's central
 * directory and the platform's DecompressionStream: tests open what the app wrote as
 * any reader would, without a zip library.
 */
/** The named parts of a zip, as text. */
export async function unzipParts(blob: Blob, parts: string[]): Promise<string[]> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const view = new DataView(bytes.buffer);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const found = new Map<string, Uint8Array>();
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('broken central directory');
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const local = view.getUint32(at + 42, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + size);
    found.set(name, method === 0 ? data : new Uint8Array(await new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer()));
    at += 46 + skip;
  }
  return parts.map((part) => {
    const data = found.get(part);
    if (!data) throw new Error(`no part ${part} in the zip`);
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  });
}

