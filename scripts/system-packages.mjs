// What `npm test` and `npm run bench` need from the system (Debian packages), found or
// installed: with apt when running as root, else the run stops at once with the command
// to run, never with a stack trace from deep inside a launcher.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const isRoot = process.getuid?.() === 0;

export function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** The bin folder of the newest PostgreSQL installed from Debian's packages, or null. */
export function findPostgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin/initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : null;
}

/** Where Chromium is expected (CHROMIUM_PATH, else Debian's). */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/**
 * Make sure the named Debian packages are there: `missing` lists those a check found
 * absent. Installs them as root with apt; otherwise prints the command and exits 2.
 * `purpose` says who needs them ("The tests", "The benchmarks").
 */
export function ensurePackages(missing, purpose) {
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (isRoot && have('apt-get')) {
    console.log(`Installing ${missing.join(', ')} with apt…`);
    const run = spawnSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${command}`], { stdio: 'inherit' });
    if (run.status === 0) return;
  }
  console.error(`\n${purpose} need ${missing.join(', ')}. Install with:\n\n  sudo ${command}\n`);
  process.exit(2);
}
