/**
 * The Electron fuses as electron-builder.yml sets them, read from the file itself and
 * checked one by one against @electron/fuses' list, so that a fuse added by an Electron
 * upgrade, or one switched in the config, fails here. (The packing test,
 * scripts/electron-builder.int.test.ts, reads them back from the packed binary.)
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options } from '@electron/fuses';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const configFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'electron-builder.yml');

/** What each fuse must be, and why. */
const EXPECTED: Record<keyof typeof FuseV1Options, boolean> = {
  // ELECTRON_RUN_AS_NODE would turn the app into a general Node runtime.
  RunAsNode: false,
  // Cookies encrypted at rest with the OS keychain's key.
  EnableCookieEncryption: true,
  // NODE_OPTIONS and --inspect would let anyone inject code into main.
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  // Only the integrity-checked app.asar is loaded.
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  // The renderer is served from app://, never file://.
  GrantFileProtocolExtraPrivileges: false,
};

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

describe('electron-builder.yml fuses', () => {
  it('decides every fuse @electron/fuses knows, each as expected', async () => {
    const config = load(await readFile(configFile, 'utf8')) as { electronFuses?: Record<string, unknown> };
    const fuses = config.electronFuses ?? {};
    const known = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)));
    expect(known.sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const name of known) {
      expect(fuses[camel(name)], name).toBe(EXPECTED[name as keyof typeof FuseV1Options]);
    }
    // Nothing else in the block: a misspelt key would be ignored by electron-builder's fuse step.
    expect(Object.keys(fuses).sort()).toEqual(known.map(camel).sort());
    console.log(`fuses: ${String(known.length)} read from electron-builder.yml, ${String(known.length)} as expected`);
  });
});
