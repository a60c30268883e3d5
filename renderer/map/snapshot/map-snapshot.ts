/**
 * The map as a picture: a Leaflet map's container (SVG basemap, canvas layers, DOM
 * badges and labels, tile images) turned into a PNG, entirely in the page, offline.
 *
 * modern-screenshot clones the container with its computed styles into an SVG
 * foreignObject, replaces canvases by their pixels and images by data: URLs, and
 * draws that SVG onto a canvas. Under our Content-Security-Policy
 * (shared/security/content-security-policy.ts) this needs nothing new:
 * - the SVG is loaded as an `<img>` from a data: URL (img-src data:);
 * - tile images are re-read through `readImageAsDataUrl` below, as images (img-src
 *   'self' blob: https:), not with fetch(): connect-src does not list blob:, and the
 *   policy stays as it is;
 * - the clone's styles are set through the CSSOM and live inside the SVG image, which
 *   runs no script and is not subject to style-src;
 * - fonts are not embedded (`font: false`): the app uses the system's fonts, which the
 *   SVG image can use too, and reading every stylesheet would cost time for nothing.
 * The same holds on Electron's app:// scheme (registered standard, secure, with fetch).
 */
import type L from 'leaflet';
import { domToBlob } from 'modern-screenshot';

/** Put this attribute on any element inside the map that should not be in the picture. */
export const SNAPSHOT_EXCLUDE_ATTRIBUTE = 'data-snapshot-exclude';

/**
 * What makes no sense in a still picture: the zoom buttons, a layer chooser, a popup's
 * close button, "Save area offline" (tiles/save-area-control.tsx), and anything marked
 * with SNAPSHOT_EXCLUDE_ATTRIBUTE (the copy button itself, a play button...). The
 * legend, scale bar and footnote stay.
 */
export const SNAPSHOT_EXCLUDED_SELECTOR = [
  '.leaflet-control-zoom',
  '.leaflet-control-layers',
  '.leaflet-popup-close-button',
  '.rw-save-area',
  `[${SNAPSHOT_EXCLUDE_ATTRIBUTE}]`,
].join(', ');

/** Behind everything: the container's own background (the sea), or white when it has none. */
const FALLBACK_BACKGROUND = '#ffffff';

export interface MapSnapshot {
  /** The picture, image/png. */
  blob: Blob;
  /** Size of the map on screen, in CSS pixels. */
  width: number;
  height: number;
  /** Image pixels per CSS pixel: the PNG is width * pixelRatio wide. */
  pixelRatio: number;
}

export interface SnapshotOptions {
  /** Defaults to the screen's devicePixelRatio, so the picture is as sharp as the map. */
  pixelRatio?: number;
}

/** Whether a cloned node goes into the picture (exported for the tests). */
export function keepInSnapshot(node: Node): boolean {
  if (!(node instanceof Element)) return true;
  return !node.matches(SNAPSHOT_EXCLUDED_SELECTOR);
}

/**
 * Turn the map (or its container element) into a PNG of the size it has on screen.
 * The legend is opened for the picture and put back as it was.
 */
export async function snapshotMap(target: L.Map | HTMLElement, options: SnapshotOptions = {}): Promise<MapSnapshot> {
  const container = target instanceof HTMLElement ? target : target.getContainer();
  const width = container.clientWidth;
  const height = container.clientHeight;
  if (width === 0 || height === 0) throw new Error('The map is not on screen.');
  const pixelRatio = options.pixelRatio ?? (window.devicePixelRatio || 1);
  const background = getComputedStyle(container).backgroundColor;

  // A closed legend would show as its summary only; a picture cannot be opened later.
  const closedLegends = [...container.querySelectorAll<HTMLDetailsElement>('details.rw-map-legend')].filter(
    (legend) => !legend.open,
  );
  for (const legend of closedLegends) legend.open = true;
  try {
    if (closedLegends.length > 0) await nextFrame();
    const blob = await domToBlob(container, {
      width,
      height,
      scale: pixelRatio,
      type: 'image/png',
      backgroundColor: isTransparent(background) ? FALLBACK_BACKGROUND : background,
      filter: keepInSnapshot,
      font: false,
      fetchFn: readImageAsDataUrl,
      // Tiles come from the cache or the page's own blobs; a slow one should not hold the copy up long.
      timeout: 10_000,
    });
    return { blob, width, height, pixelRatio };
  } finally {
    for (const legend of closedLegends) legend.open = false;
  }
}

function isTransparent(colour: string): boolean {
  return colour === '' || colour === 'transparent' || /^rgba\(.*,\s*0\)$/.test(colour);
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => resolve());
  });
}

/**
 * An image's pixels as a data: URL, read by loading it as an image (allowed for
 * blob:, our own origin and https: tiles by img-src) rather than with fetch(), which
 * the policy's connect-src refuses for blob: URLs. Returns false when the image cannot
 * be read (a cross-origin tile without CORS taints the canvas): modern-screenshot then
 * tries its own fetch, and leaves the tile blank if that fails too.
 */
export async function readImageAsDataUrl(url: string): Promise<string | false> {
  try {
    const image = new Image();
    const parsed = new URL(url, document.baseURI);
    if (parsed.protocol !== 'blob:' && parsed.origin !== window.location.origin) image.crossOrigin = 'anonymous';
    image.src = parsed.href;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    if (context === null) return false;
    context.drawImage(image, 0, 0);
    return canvas.toDataURL('image/png');
  } catch {
    return false;
  }
}
