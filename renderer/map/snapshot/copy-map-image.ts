/**
 * "Copy map as image": the steps, with their effects passed in so that the tests need
 * no clipboard, no canvas and no download.
 *
 * The clipboard write starts at once, in the click's own task, with a ClipboardItem
 * holding the promise of the PNG: browsers (and Electron, where our permission policy
 * grants `clipboard-sanitized-write` to our page) accept a write while the click's
 * user activation is fresh, and making the image may take longer than that.
 */
import type { NewReportMapImage } from '../../reports/report-map-image';
import type { MapSnapshot } from './map-snapshot';

export type CopyOutcome =
  | { kind: 'copied' }
  /** The clipboard refused (no permission, not focused, no API): the PNG went to a file. */
  | { kind: 'downloaded'; fileName: string; clipboardError: unknown }
  | { kind: 'failed'; error: unknown };

export interface CopyEffects {
  /** navigator.clipboard, when the page has one (a secure context). */
  clipboard: Pick<Clipboard, 'write'> | undefined;
  /** `new ClipboardItem(...)`, when the browser has it. */
  makeClipboardItem: ((items: Record<string, Promise<Blob>>) => ClipboardItem) | undefined;
  /** Save the PNG as a file (the fallback). */
  download: (blob: Blob, fileName: string) => void;
  /** Hand the image to the situation report. */
  keep: (image: NewReportMapImage) => void;
  now: () => Date;
}

/** `routewatch-map-2026-11-27-0915.png`, in UTC, safe on every file system. */
export function mapImageFileName(at: Date): string {
  const stamp = at.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
  return `routewatch-map-${stamp}.png`;
}

/**
 * Take the picture, put it on the clipboard (or in a file when the clipboard refuses),
 * and keep it for the report. Must be called from the click handler itself.
 */
export async function copyMapImage(takeSnapshot: () => Promise<MapSnapshot>, effects: CopyEffects): Promise<CopyOutcome> {
  const snapshot = takeSnapshot();
  let clipboardError: unknown = new Error('This page has no clipboard access.');
  let written: Promise<boolean> = Promise.resolve(false);
  const { clipboard, makeClipboardItem } = effects;
  if (clipboard !== undefined && makeClipboardItem !== undefined) {
    const png = snapshot.then((shot) => shot.blob);
    // A failed snapshot is reported below; this copy of its rejection is not news.
    png.catch(() => undefined);
    try {
      const item = makeClipboardItem({ 'image/png': png });
      written = clipboard.write([item]).then(
        () => true,
        (error: unknown) => {
          clipboardError = error;
          return false;
        },
      );
    } catch (error) {
      clipboardError = error;
    }
  }

  let shot: MapSnapshot;
  try {
    shot = await snapshot;
  } catch (error) {
    // The clipboard write fails with it; its error says less than the snapshot's.
    await written;
    return { kind: 'failed', error };
  }
  const takenAt = effects.now();
  effects.keep({ blob: shot.blob, width: shot.width, height: shot.height, takenAt: takenAt.toISOString() });
  if (await written) return { kind: 'copied' };

  const fileName = mapImageFileName(takenAt);
  try {
    effects.download(shot.blob, fileName);
  } catch (error) {
    return { kind: 'failed', error };
  }
  return { kind: 'downloaded', fileName, clipboardError };
}

/** How long a download's object URL lives: the browser has read the blob long before. */
const DOWNLOAD_URL_LIFETIME_MS = 60_000;

/** Save a blob as a file through an `<a download>` link. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, DOWNLOAD_URL_LIFETIME_MS);
}
