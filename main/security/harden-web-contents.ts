/**
 * Applies the navigation, window and permission policies to Electron objects. The
 * decisions themselves are plain functions (navigation-policy.ts, permission-policy.ts)
 * with their own tests; this file only connects them.
 */
import type { Session, WebContents } from 'electron';
import { decideWindowOpen, isAllowedNavigation } from './navigation-policy';
import { isPermissionGranted } from './permission-policy';

/**
 * For every web contents (windows, devtools, anything created later): no navigation
 * or redirect off app://routewatch, no new windows (https links go to the system
 * browser instead), no <webview>.
 */
export function hardenWebContents(contents: WebContents, openInBrowser: (url: string) => void): void {
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally !== null) openInBrowser(decision.openExternally);
    return { action: decision.action };
  });
}

/** Deny-by-default permission handlers for a session (requests and the checks before them). */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted({ permission, requestingUrl: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame }),
  );
  // HID, serial and USB device access ask through this handler, not the two above.
  session.setDevicePermissionHandler(() => false);
}
