/**
 * The map image the situation report shows: the latest "Copy map as image" of this
 * session. Kept in memory only, never stored: it pictures observations (possibly
 * sensitive ones) and is meant for the report being written now; a reload forgets it
 * and the report draws its own map again.
 *
 * The store owns the object URL it hands out: one per image, revoked when the image is
 * replaced or removed, so the report's `<img>` never points at a revoked URL and no
 * old picture stays in memory.
 */
import { useSyncExternalStore } from 'react';

export interface ReportMapImage {
  blob: Blob;
  /** Object URL of `blob`, valid until this image is replaced or removed. */
  url: string;
  /** Size of the map on screen when it was taken, in CSS pixels. */
  width: number;
  height: number;
  /** When it was taken (ISO 8601). */
  takenAt: string;
}

export type NewReportMapImage = Omit<ReportMapImage, 'url'>;

export interface ReportMapImageStore {
  get: () => ReportMapImage | null;
  /** Keep this image (replacing the previous one), or none with null. */
  set: (image: NewReportMapImage | null) => void;
  /** Called after every change; returns the unsubscribe function. */
  subscribe: (listener: () => void) => () => void;
}

/** How object URLs are made and released (URL's static methods; fakes in tests). */
export interface ObjectUrls {
  create(blob: Blob): string;
  revoke(url: string): void;
}

const browserObjectUrls: ObjectUrls = {
  create: (blob) => URL.createObjectURL(blob),
  revoke: (url) => {
    URL.revokeObjectURL(url);
  },
};

export function createReportMapImageStore(urls: ObjectUrls = browserObjectUrls): ReportMapImageStore {
  let current: ReportMapImage | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set: (image) => {
      const previous = current;
      current = image === null ? null : { ...image, url: urls.create(image.blob) };
      // Revoked after the listeners have heard of the new image: an <img> that already
      // loaded the old URL keeps its pixels until React gives it the new one.
      for (const listener of [...listeners]) listener();
      if (previous !== null) urls.revoke(previous.url);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** The session's store, shared by the map's copy button and the report. */
export const reportMapImageStore: ReportMapImageStore = createReportMapImageStore();

/** The current report map image; re-renders when it changes. */
export function useReportMapImage(store: ReportMapImageStore = reportMapImageStore): ReportMapImage | null {
  return useSyncExternalStore(store.subscribe, store.get);
}
