// `npm start`: build, then run the desktop app in Electron. Where no Electron binary
// exists and none can be downloaded (this build machine, CI, an offline office), say
// so in plain words and serve the same app in web mode (scripts/web.mjs) instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  describeInstallerOutcome,
  exitCodeOf,
  findElectronBinary,
  installerCommand,
  shouldTryInstaller,
  webModeNotice,
} from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronPackageDir = path.join(root, 'node_modules', 'electron');
const isWindows = process.platform === 'win32';

/** @param {string} filePath */
function readText(filePath) {
  try {
    return readFileSync(filePath, 'utf8');
  } catch {
    return null;
  }
}

function lookUpElectron() {
  return findElectronBinary({ env: process.env, electronPackageDir, platform: process.platform, exists: existsSync, readText });
}

/**
 * Runs a command in the foreground; resolves with the exit code to pass on.
 * Ctrl-C reaches the child through the terminal; SIGTERM sent to us is passed on.
 * @param {string} command
 * @param {string[]} args
 * @param {{ shell?: boolean }} [options]
 * @returns {Promise<number>}
 */
function runForeground(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', shell: options.shell ?? false });
    const forward = () => child.kill('SIGTERM');
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      process.off('SIGTERM', forward);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGTERM', forward);
      resolve(exitCodeOf(code, signal, constants.signals));
    });
  });
}

async function main() {
  // npm.cmd on Windows is a batch file: Node runs those only through a shell.
  const buildCode = await runForeground(isWindows ? 'npm.cmd' : 'npm', ['run', 'build'], { shell: isWindows });
  if (buildCode !== 0) {
    console.error('The build failed; not starting Routewatch.');
    return buildCode;
  }

  let lookup = lookUpElectron();
  let installerOutcome = null;
  if (shouldTryInstaller(lookup)) {
    console.log('No Electron binary yet: asking Electron\'s installer to download it...');
    const installer = installerCommand(electronPackageDir, process.execPath);
    // stderr is kept for the one-line summary below, instead of a stack trace.
    const result = spawnSync(installer.command, installer.args, {
      cwd: root,
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
      timeout: installer.timeoutMs,
      killSignal: 'SIGKILL',
    });
    installerOutcome = describeInstallerOutcome(result);
    lookup = lookUpElectron();
  }

  if (lookup.found) {
    console.log(`Starting Routewatch in Electron (${lookup.path})`);
    return runForeground(lookup.path, [root]);
  }

  console.log(webModeNotice(lookup, installerOutcome));
  const webScript = path.join(root, 'scripts', 'web.mjs');
  if (!existsSync(webScript)) {
    console.error('Web mode is not available either: scripts/web.mjs is missing.');
    return 1;
  }
  return runForeground(process.execPath, [webScript]);
}

process.exitCode = await main();
