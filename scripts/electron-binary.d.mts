// Types of scripts/electron-binary.mjs, for the TypeScript files that import it
// (scripts/electron-binary.test.ts, tests/electron/app.electron.spec.ts).

export interface FindElectronBinaryOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Folder of the installed `electron` npm package (node_modules/electron). */
  readonly electronPackageDir: string;
  readonly platform: NodeJS.Platform;
  readonly exists: (filePath: string) => boolean;
  /** The file's text, or null when it cannot be read. */
  readonly readText: (filePath: string) => string | null;
}

export type ElectronBinaryLookup =
  | { readonly found: true; readonly path: string; readonly source: 'override' | 'installed' }
  | { readonly found: false; readonly reason: 'override-missing' | 'not-installed'; readonly looked: readonly string[] };

export declare const INSTALL_TIME_LIMIT_MS: number;
export declare function executableInDist(platform: NodeJS.Platform): string;
export declare function findElectronBinary(options: FindElectronBinaryOptions): ElectronBinaryLookup;
export declare function shouldTryInstaller(lookup: ElectronBinaryLookup): boolean;
export declare function installerCommand(
  electronPackageDir: string,
  nodePath: string,
): { command: string; args: string[]; timeoutMs: number };
export declare function describeInstallerOutcome(result: {
  status: number | null;
  signal: string | null;
  error?: Error | undefined;
  stderr?: string | null;
}): string;
export declare function webModeNotice(lookup: ElectronBinaryLookup & { found: false }, installerOutcome: string | null): string;
export declare function exitCodeOf(code: number | null, signal: NodeJS.Signals | null, signalNumbers: Record<string, number>): number;
