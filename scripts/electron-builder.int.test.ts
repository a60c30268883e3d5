/**
 * Packs the desktop app with the real electron-builder config, without an Electron
 * download: `-c.electronDist` points at a stub folder (an `electron` file and a
 * `version` file), which electron-builder copies instead of unzipping Electron.
 *
 * Fuses: @electron/fuses looks for a sentinel string in the binary and flips the bytes
 * after it; a bare stub has none, and packing fails with "Could not find sentinel".
 * Rather than switch fuses off for the test (`-c.electronFuses=null`, which would leave
 * that part of the config untested), the stub carries the sentinel and a fuse wire in
 * Electron's own format, so the test can read back what the packaged binary would get.
 *
 * Needs the renderer built (dist/renderer); bundles main and preload itself.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL, IPC_CHANNELS } from '../shared/ipc/contract';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const rendererIndex = path.join(root, 'dist', 'renderer', 'index.html');
const rendererBuilt = existsSync(rendererIndex);
// `npm test` builds from empty folders first and sets this ('1', or why the build
// failed): there a missing build is this test's failure, never a skip. A targeted run
// without a build skips, saying why.
const buildRequired = process.env.ROUTEWATCH_BUILD_REQUIRED;

if (!rendererBuilt && buildRequired === undefined) {
  console.warn(`Skipping the electron-builder test: ${path.relative(root, rendererIndex)} is missing. Run \`npm run build:renderer\` first.`);
}

/** @electron/fuses' sentinel; the wire follows it: version byte, length byte, one byte per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
const FUSE_ON = 0x31; // '1'
const FUSE_OFF = 0x30; // '0'

/** The stub starts with every fuse the opposite of what we want, so each flip shows. */
function stubElectronBinary(): Buffer {
  const wire = [FUSE_ON, FUSE_OFF, FUSE_ON, FUSE_ON, FUSE_OFF, FUSE_OFF, FUSE_OFF, FUSE_ON];
  return Buffer.concat([Buffer.from('#!/bin/sh\necho "stub Electron for packaging tests"\n'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, wire.length, ...wire])]);
}

function readFuses(binary: Buffer): Record<string, boolean> {
  const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
  const length = binary[at + 1] ?? 0;
  return Object.fromEntries(FUSE_NAMES.slice(0, length).map((name, i) => [name, binary[at + 2 + i] === FUSE_ON]));
}

interface AsarEntry {
  files?: Record<string, AsarEntry>;
  offset?: string;
  size?: number;
}

/** A minimal app.asar reader: the header is a JSON tree after two length-prefixed pickles. */
function parseAsar(archive: Buffer): { list: string[]; read: (file: string) => Buffer } {
  const headerPickleSize = archive.readUInt32LE(4);
  const jsonLength = archive.readUInt32LE(12);
  const header = JSON.parse(archive.subarray(16, 16 + jsonLength).toString('utf8')) as AsarEntry;
  const dataStart = 8 + headerPickleSize;

  const list: string[] = [];
  const walk = (entry: AsarEntry, prefix: string) => {
    for (const [name, child] of Object.entries(entry.files ?? {})) {
      const filePath = prefix === '' ? name : `${prefix}/${name}`;
      if (child.files === undefined) list.push(filePath);
      else walk(child, filePath);
    }
  };
  walk(header, '');

  const read = (file: string) => {
    let entry: AsarEntry | undefined = header;
    for (const part of file.split('/')) entry = entry?.files?.[part];
    if (entry?.offset === undefined || entry.size === undefined) throw new Error(`${file} is not in app.asar`);
    const start = dataStart + Number(entry.offset);
    return archive.subarray(start, start + entry.size);
  };
  return { list, read };
}

describe.skipIf(!rendererBuilt && buildRequired === undefined)('electron-builder --dir with a stub Electron', () => {
  let tempDir = '';
  let asar: ReturnType<typeof parseAsar>;
  let packedBinary: Buffer;

  // Under npm test every test here fails when there is no build to pack (a failing
  // beforeAll would mark them skipped; a failing beforeEach fails each one).
  beforeEach(() => {
    if (!rendererBuilt) {
      throw new Error(`${path.relative(root, rendererIndex)} is missing (${buildRequired === '1' ? 'although the build reported success' : String(buildRequired)}): nothing to pack`);
    }
  });

  beforeAll(async () => {
    if (!rendererBuilt) return;
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'routewatch-pack-'));
    const stubDir = path.join(tempDir, 'electron-stub');
    const outDir = path.join(tempDir, 'release');
    await mkdir(stubDir);
    await writeFile(path.join(stubDir, 'electron'), stubElectronBinary());
    await chmod(path.join(stubDir, 'electron'), 0o755);
    const electronVersion = (JSON.parse(await readFile(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
    await writeFile(path.join(stubDir, 'version'), electronVersion);

    await run(process.execPath, ['scripts/build-electron.mjs'], { cwd: root });
    await run(
      process.execPath,
      [
        'node_modules/electron-builder/cli.js',
        '--config',
        'electron-builder.yml',
        '--dir',
        '--linux',
        '--x64',
        `-c.electronDist=${stubDir}`,
        `-c.directories.output=${outDir}`,
      ],
      { cwd: root, timeout: 50_000, env: { ...process.env, CI: 'true' } },
    );

    const unpacked = path.join(outDir, 'linux-unpacked');
    asar = parseAsar(await readFile(path.join(unpacked, 'resources', 'app.asar')));
    packedBinary = await readFile(path.join(unpacked, 'routewatch'));
  }, 60_000);

  afterAll(async () => {
    if (tempDir !== '') await rm(tempDir, { recursive: true, force: true });
  });

  it('packs the bundled main, the preload, the renderer and package.json', () => {
    expect(asar.list).toEqual(expect.arrayContaining(['dist-electron/main.js', 'dist-electron/preload.cjs', 'dist/renderer/index.html', 'package.json']));
  });

  it('packs nothing else: no node_modules, no sources, no source maps', () => {
    expect(asar.list.filter((file) => file.includes('node_modules'))).toEqual([]);
    expect(asar.list.filter((file) => file.endsWith('.map'))).toEqual([]);
    const outside = asar.list.filter((file) => !file.startsWith('dist/renderer/') && !file.startsWith('dist-electron/') && file !== 'package.json');
    expect(outside).toEqual([]);
  });

  it('points package.json main at the bundled main process', () => {
    const packed = JSON.parse(asar.read('package.json').toString('utf8')) as { main: string };
    expect(packed.main).toBe('dist-electron/main.js');
  });

  it('flips the fuses of electron-builder.yml in the packaged binary', () => {
    expect(readFuses(packedBinary)).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // Not set in our config: stays as the binary had it.
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships a preload that, run as a sandboxed preload, requires only electron and exposes exactly the contract', () => {
    const required: string[] = [];
    const exposed = new Map<string, unknown>();
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: { invoke: () => Promise.resolve({ ok: true, data: {} }) },
    };
    const module = { exports: {} };
    // A sandboxed preload gets `require` (electron only), `module` and `exports`, and no Node globals.
    vm.runInNewContext(asar.read('dist-electron/preload.cjs').toString('utf8'), {
      require: (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
        return fakeElectron;
      },
      module,
      exports: module.exports,
    });
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect([...exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    const bridge = exposed.get(BRIDGE_GLOBAL) as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...IPC_CHANNELS].sort());
  });
});
