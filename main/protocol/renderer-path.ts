import path from 'node:path';

/** Where a request for app://routewatch/<pathname> leads inside the renderer folder. */
export type RendererPathResolution =
  /** A file path inside the renderer folder; `isAsset` when the last segment has an extension. */
  | { kind: 'file'; filePath: string; isAsset: boolean }
  /** Anything that could leave the folder or cannot name a file: answer 404, never fall back. */
  | { kind: 'refused' };

const REFUSED = { kind: 'refused' } as const;

/**
 * Maps a URL pathname (still percent-encoded, as `URL.pathname` gives it) to a file
 * in `rootDir`, refusing anything that could name a file outside it.
 *
 * Why so strict, when the URL parser already removes `..` segments: the parser only
 * sees `..` and `%2e%2e`; `..%2f..%2fetc` decodes to `../../etc` after parsing, `%5c`
 * to a backslash that Windows treats as a separator, and `C:` or a leading `//` can
 * make a path absolute. So we decode once, reject those characters and segments
 * outright, and then still check that the joined path is inside the root.
 */
export function resolveRendererPath(rootDir: string, pathname: string): RendererPathResolution {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return REFUSED; // Malformed percent-encoding.
  }
  // Backslashes (Windows separators), NUL, and ':' (drive letters, NTFS streams) never
  // appear in the names of our built files.
  if (/[\\\0:]/.test(decoded)) return REFUSED;

  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) return REFUSED;

  const root = path.resolve(rootDir);
  const last = segments.at(-1);
  if (last === undefined) return { kind: 'file', filePath: path.join(root, 'index.html'), isAsset: false };

  const filePath = path.resolve(root, segments.join('/'));
  const fromRoot = path.relative(root, filePath);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) return REFUSED;

  return { kind: 'file', filePath, isAsset: !decoded.endsWith('/') && last.includes('.') };
}
