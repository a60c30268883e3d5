import { isAppUrl } from '../protocol/app-origin';

/**
 * Permissions our own page may have. Everything else (camera, microphone, geolocation,
 * notifications, HID/USB/serial, clipboard reading, opening external protocols...) is
 * denied, and so is every permission asked for by any other origin or by a subframe.
 *
 * - persistent-storage: the renderer asks `navigator.storage.persist()` so the browser
 *   never evicts the offline database.
 * - clipboard-sanitized-write: "copy" buttons (write-only, sanitized by Chromium).
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['persistent-storage', 'clipboard-sanitized-write']);

/** What Electron tells us about a permission request or check. */
export interface PermissionQuery {
  readonly permission: string;
  /** URL (or origin, for checks) of the frame asking; may be missing for checks. */
  readonly requestingUrl: string | undefined;
  readonly isMainFrame: boolean;
}

/** Deny by default: grant only a listed permission to the main frame of app://routewatch. */
export function isPermissionGranted(query: PermissionQuery): boolean {
  return (
    query.isMainFrame &&
    query.requestingUrl !== undefined &&
    isAppUrl(query.requestingUrl) &&
    GRANTED_PERMISSIONS.has(query.permission)
  );
}
