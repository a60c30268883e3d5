/**
 * The image type of a tile's bytes, from their first bytes. Why sniff rather than keep
 * the server's Content-Type: tiles on disk carry no headers, and a server that answers
 * a missing tile with an HTML error page under 200 must not have that page cached.
 */
export type TileImageType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  prefix.every((byte, i) => bytes[at + i] === byte);

export function sniffTileImageType(bytes: Uint8Array): TileImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  return null;
}

/** Larger answers are refused: no map tile is anywhere near this. */
export const MAX_TILE_BYTES = 2 * 1024 * 1024;
