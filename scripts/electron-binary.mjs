// Where an Electron binary is, and what `npm start` does when there is none. Plain
// functions over injected file-system reads, shared by scripts/start.mjs and the
// Electron end-to-end test, and unit-tested in scripts/electron-binary.test.ts.
// Nothing here loads the `electron` package: its index.js downloads the binary.
import path from 'node:path';

/** How long `npm start` lets Electron's own installer try to download the binary. */
export const INSTALL_TIME_LIMIT_MS = 90_000;

/**
 * The executable's path inside an Electron distribution folder, as electron's
 * install.js writes it to path.txt.
 * @param {NodeJS.Platform} platform
 */
export function executableInDist(platform) {
  switch (platform) {
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/**
 * Finds the Electron binary the way the `electron` package would, without its
 * download-on-require side effect: ELECTRON_OVERRIDE_DIST_PATH first (a folder
 * holding a binary), else node_modules/electron/dist/<path.txt>.
 * @param {import('./electron-binary.d.mts').FindElectronBinaryOptions} options
 * @returns {import('./electron-binary.d.mts').ElectronBinaryLookup}
 */
export function findElectronBinary({ env, electronPackageDir, platform, exists, readText }) {
  const pathTxt = readText(path.join(electronPackageDir, 'path.txt'))?.trim() || null;
  const relative = pathTxt ?? executableInDist(platform);

  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override !== undefined && override !== '') {
    const candidate = path.join(override, relative);
    return exists(candidate)
      ? { found: true, path: candidate, source: 'override' }
      : { found: false, reason: 'override-missing', looked: [candidate] };
  }

  if (pathTxt === null) {
    return { found: false, reason: 'not-installed', looked: [path.join(electronPackageDir, 'path.txt')] };
  }
  const candidate = path.join(electronPackageDir, 'dist', pathTxt);
  return exists(candidate)
    ? { found: true, path: candidate, source: 'installed' }
    : { found: false, reason: 'not-installed', looked: [candidate] };
}

/**
 * Whether to run Electron's installer before giving up. Not when the user pointed
 * ELECTRON_OVERRIDE_DIST_PATH somewhere: a download into node_modules would not be
 * used, and their setting deserves a clear error instead.
 * @param {import('./electron-binary.d.mts').ElectronBinaryLookup} lookup
 */
export function shouldTryInstaller(lookup) {
  return !lookup.found && lookup.reason === 'not-installed';
}

/**
 * The command that runs Electron's own installer (it downloads the binary).
 * @param {string} electronPackageDir
 * @param {string} nodePath
 */
export function installerCommand(electronPackageDir, nodePath) {
  return { command: nodePath, args: [path.join(electronPackageDir, 'install.js')], timeoutMs: INSTALL_TIME_LIMIT_MS };
}

/**
 * One line on how the installer ended, from spawnSync's result (stderr captured as text).
 * @param {{ status: number | null, signal: string | null, error?: Error | undefined, stderr?: string | null }} result
 */
export function describeInstallerOutcome(result) {
  if (result.error !== undefined && 'code' in result.error && result.error.code === 'ETIMEDOUT') {
    return `the download did not finish within ${INSTALL_TIME_LIMIT_MS / 1000} seconds`;
  }
  if (result.error !== undefined) return `the installer could not run (${result.error.message})`;
  if (result.signal !== null) return `the installer was stopped (${result.signal})`;
  if (result.status === 0) return 'the installer finished';
  const firstLine = (result.stderr ?? '').split('\n').find((line) => line.trim() !== '')?.trim();
  const detail = firstLine === undefined ? '' : ` [${firstLine}]`;
  return `the download failed (no network, or the download site is blocked)${detail}`;
}

/**
 * What `npm start` prints before falling back to web mode, in plain words.
 * @param {import('./electron-binary.d.mts').ElectronBinaryLookup & { found: false }} lookup
 * @param {string | null} installerOutcome
 */
export function webModeNotice(lookup, installerOutcome) {
  const why =
    lookup.reason === 'override-missing'
      ? `ELECTRON_OVERRIDE_DIST_PATH is set, but there is no Electron binary at ${lookup.looked.join(', ')}.`
      : `There is no Electron binary on this machine${installerOutcome === null ? '' : `, and it could not be fetched: ${installerOutcome}`}.`;
  return [
    '',
    'The Routewatch desktop shell could not be installed here.',
    why,
    'Starting Routewatch in web mode instead: the same app, served to your browser by a local server.',
    'To get the desktop app, run `npm start` again on a machine with internet access (Electron downloads itself once),',
    'or set ELECTRON_OVERRIDE_DIST_PATH to a folder that holds an Electron binary.',
    '',
  ].join('\n');
}

/**
 * The exit code to leave with when a child process ends: its own code, or
 * 128 + the signal number as shells do, or 1 if neither is known.
 * @param {number | null} code
 * @param {NodeJS.Signals | null} signal
 * @param {Record<string, number>} signalNumbers os.constants.signals
 */
export function exitCodeOf(code, signal, signalNumbers) {
  if (code !== null) return code;
  const number = signal === null ? undefined : signalNumbers[signal];
  return number === undefined ? 1 : 128 + number;
}
