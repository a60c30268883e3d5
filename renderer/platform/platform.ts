import type { TileCache } from './tile-cache';

/**
 * What the renderer needs from its host. Chosen once at boot (`preparePlatform`);
 * components never ask which host they run in.
 */
export interface Platform {
  /** A short name for diagnostics and the About box. */
  readonly name: 'electron' | 'web';
  /**
   * Turn the report page now on screen into a PDF the user keeps. Electron prints it
   * with Chromium's PDF printer and asks where to save it; web mode opens the print
   * dialog, where "Save as PDF" is the same printer.
   */
  saveReportPdf(suggestedName: string): Promise<'saved' | 'cancelled'>;
  /** Open an https link outside the app. */
  openExternal(url: string): Promise<void>;
  /** The HQ server URL to suggest at enrolment, when the host knows one. */
  defaultServerUrl(): string;
  /** Where map tiles are kept as they are seen, and saved areas are downloaded to. */
  readonly tileCache: TileCache;
}
