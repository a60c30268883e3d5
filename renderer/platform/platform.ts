import type { PaperSize, PdfPageText } from '../../shared/reports/pdf-page';
import type { OsKeychain } from './os-keychain';
import type { TileCache } from './tile-cache';

/**
 * What the host did with the sync server it was told: nothing for the page to do, or it
 * took a new server that the page's policy (fixed at load) does not name yet, and the page
 * is to reload itself, between sync rounds, to reach it.
 */
export type ServerAnnouncement = 'kept' | 'reloading';

/**
 * Why the host is told: `enrolled`, the server the device is enrolled with (never a
 * question to the person); `switch`, the one the person is about to enrol with (the host
 * may ask before it replaces a known server).
 */
export type ServerPurpose = 'enrolled' | 'switch';

/** A report page to turn into a PDF: its file name, paper, and header and footer words. */
export interface ReportPdfRequest {
  suggestedName: string;
  paper: PaperSize;
  text: PdfPageText;
}

/**
 * What became of it: `saved` or `cancelled` where the host prints and saves itself
 * (Electron); `print-dialog` where it can only open the browser's print dialog, which
 * does not say whether a file was written (web mode).
 */
export type ReportPdfOutcome = 'saved' | 'cancelled' | 'print-dialog';

/**
 * What the renderer needs from its host. Chosen once at boot (`preparePlatform`);
 * components never ask which host they run in.
 */
export interface Platform {
  /** A short name for diagnostics and the About box. */
  readonly name: 'electron' | 'web';
  /**
   * Turn the report page now on screen into a PDF the user keeps. Electron prints it
   * with Chromium's PDF printer (shared/reports/pdf-page.ts: paper, classification,
   * "Page X of Y") and asks where to save it; web mode opens the print dialog, where
   * "Save as PDF" is the same printer (without our header and footer: the page's own
   * print styles carry the classification there).
   */
  saveReportPdf(request: ReportPdfRequest): Promise<ReportPdfOutcome>;
  /** Open an https link outside the app. */
  openExternal(url: string): Promise<void>;
  /**
   * The sync server, told to the host. Electron's main keeps its origin and lists it
   * (alone) in the page's CSP connect-src from its next response; before it replaces a
   * known server (`switch` only) it asks the person, and then answers 'reloading': the page
   * reloads itself between rounds (renderer/settings/reload-between-rounds.ts). An
   * `enrolled` server other than main's is refused, never asked about. Web mode: 'kept',
   * nothing to do (the server sets the CSP). Rejects when the host refuses.
   */
  announceSyncServer(serverUrl: string, purpose: ServerPurpose): Promise<ServerAnnouncement>;
  /**
   * The server a switch the person allowed waits to be enrolled with (as typed), or null.
   * Electron asks main, which holds it from before its answer to the switch; web mode has
   * no switch: always null.
   */
  syncServerSwitch(): Promise<string | null>;
  /** The HQ server URL to suggest at enrolment, when the host knows one. */
  defaultServerUrl(): string;
  /** Where map tiles are kept as they are seen, and saved areas are downloaded to. */
  readonly tileCache: TileCache;
  /** The OS keychain that may keep a copy of the data key (renderer/lock/); none in web mode. */
  readonly keychain: OsKeychain;
}
