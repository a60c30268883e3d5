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
}
