/**
 * A note that outlives the reload Electron's main makes after a sync-server switch
 * (main/ipc/handlers/sync-server.ts): the page's policy is fixed when it loads, so the
 * enrolment with the new server can only go out from the reloaded page. The note tells
 * that page what happened and which server to offer. Session storage: it lasts for this
 * window and goes with it; it holds only the server's address (never the code). Read
 * through a parser: a damaged note is no note.
 */
const STORAGE_KEY = 'routewatch.serverSwitch';
const MAX_URL_LENGTH = 2048;

/** The window's session storage, or null where it is refused (privacy settings) or absent. */
export function sessionStorageOrNull(scope: { sessionStorage?: Storage }): Storage | null {
  try {
    return scope.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** Note that main took `serverUrl` and is reloading the page to reach it. */
export function rememberServerSwitch(serverUrl: string, storage: Storage | null): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify({ serverUrl }));
  } catch {
    // A full or refused storage: the reloaded page then just offers the form as usual.
  }
}

/** The server the page was reloaded for, or null (no note, or one that is not an http(s) URL). */
export function serverSwitchNote(storage: Storage | null): string | null {
  let text: string | null;
  try {
    text = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
  if (text === null || text.length > MAX_URL_LENGTH + 32) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || !('serverUrl' in parsed) || typeof parsed.serverUrl !== 'string') return null;
    const url = new URL(parsed.serverUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The switch is done (enrolled with the new server): the note has said what it had to. */
export function forgetServerSwitch(storage: Storage | null): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing to undo.
  }
}
