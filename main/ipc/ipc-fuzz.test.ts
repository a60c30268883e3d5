/**
 * Every IPC handler, as register-ipc-handlers.ts registers it (the real wiring, against a
 * fake `electron` module), called
 * - from forged senders (another origin, a subframe, a look-alike of our origin, a
 *   destroyed or missing frame) with any payload: each call must be refused as
 *   `forbidden_sender` before any effect runs (0 answers);
 * - from our own frame with fuzzed payloads (anything at all, and the channel's valid
 *   request with one part broken, dropped or added): each call must settle with a result
 *   value, never a throw, never a `failed` (a handler fault), never an uncaught exception.
 * The counts are printed.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, IPC_ERROR_CODES, type IpcChannel } from '../../shared/ipc/contract';
import { OSM_STANDARD } from '../../shared/tiles/tile-source';
import { isAppUrl } from '../protocol/app-origin';
import { ShellSettings } from '../settings/shell-settings';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    userData: '',
    handlers: new Map<string, Listener>(),
    effects: { openExternal: 0, dialogs: 0, saveDialogs: 0, printToPdf: 0, requests: 0, resolves: 0, keychain: 0 },
  };
  /** A ClientRequest that never reaches a network: it fails on the next turn. */
  class FakeRequest {
    private readonly listeners = new Map<string, Listener>();
    on(event: string, listener: Listener): this {
      this.listeners.set(event, listener);
      return this;
    }
    abort(): void {}
    end(): void {
      queueMicrotask(() => this.listeners.get('error')?.(new Error('no network in the fuzz test')));
    }
  }
  const electron = {
    app: { getPath: () => state.userData, getVersion: () => '1.2.3' },
    BrowserWindow: { fromWebContents: () => null },
    dialog: {
      showSaveDialog: () => {
        state.effects.saveDialogs += 1;
        return Promise.resolve({ canceled: true, filePath: '' });
      },
      showMessageBox: () => {
        state.effects.dialogs += 1;
        return Promise.resolve({ response: 1, checkboxChecked: false });
      },
    },
    session: {
      defaultSession: {
        resolveHost: () => {
          state.effects.resolves += 1;
          return Promise.resolve({ endpoints: [{ address: '93.184.215.14', family: 'ipv4' }] });
        },
        // A proxy: the tile goes to the fake net.request below, never to a real socket.
        resolveProxy: () => Promise.resolve('PROXY fuzz.invalid:9'),
        getUserAgent: () => 'Routewatch-fuzz',
      },
    },
    net: {
      request: () => {
        state.effects.requests += 1;
        return new FakeRequest();
      },
    },
    shell: {
      openExternal: () => {
        state.effects.openExternal += 1;
        return Promise.resolve();
      },
    },
    // A real keychain that seals by prefixing a marker: it refuses bytes it did not make, as safeStorage does.
    safeStorage: {
      isAsyncEncryptionAvailable: () => Promise.resolve(true),
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptStringAsync: (text: string) => {
        state.effects.keychain += 1;
        return Promise.resolve(Buffer.from(`sealed:${text}`));
      },
      decryptStringAsync: (bytes: Buffer) => {
        state.effects.keychain += 1;
        const text = bytes.toString();
        return text.startsWith('sealed:') ? Promise.resolve({ result: text.slice('sealed:'.length), shouldReEncrypt: false }) : Promise.reject(new Error('not sealed here'));
      },
    },
    ipcMain: { handle: (channel: string, listener: Listener) => state.handlers.set(channel, listener) },
  };
  return { state, electron };
});

vi.mock('electron', () => fake.electron);

const settingsWrites: string[] = [];
let settings: ShellSettings;

beforeAll(async () => {
  fake.state.userData = await mkdtemp(path.join(tmpdir(), 'routewatch-ipc-fuzz-'));
  settings = await ShellSettings.load({ read: () => Promise.resolve(null), write: (text) => Promise.resolve(void settingsWrites.push(text)), warn: () => undefined });
  const { registerIpcHandlers } = await import('./register-ipc-handlers');
  registerIpcHandlers(settings);
});

afterAll(async () => {
  await rm(fake.state.userData, { recursive: true, force: true });
});

/** A valid request per channel: the fuzzer breaks these one part at a time. */
const VALID: Record<IpcChannel, Record<string, unknown>> = {
  'app:info': {},
  'report:savePdf': { suggestedName: 'report.pdf', paper: 'A4', classification: 'RESTRICTED', title: 'March', pageOf: 'Page {page} of {pages}' },
  'shell:openExternal': { url: 'https://www.openstreetmap.org/copyright' },
  'shell:setSyncServer': { url: 'https://hq.example.org/', purpose: 'enrolled' },
  'shell:syncServerSwitch': {},
  'tiles:setSource': {
    source: { id: 'office', name: 'Office', urlTemplate: 'https://tiles.example.org/{z}/{x}/{y}.png', subdomains: [], attribution: 'Office', maxZoom: 18, allowsBulkDownload: true },
    allowPrivateAddresses: false,
  },
  'tiles:load': { sourceId: OSM_STANDARD.id, tile: { z: 3, x: 4, y: 2 }, network: true },
  'tiles:stat': { sourceId: 'office', tiles: [{ z: 3, x: 4, y: 2 }] },
  'tiles:delete': { sourceId: 'office', tiles: [{ z: 3, x: 4, y: 2 }] },
  'tiles:viewedUsage': { protect: [{ sourceId: 'office', ranges: [{ z: 3, minX: 0, maxX: 7, minY: 0, maxY: 7 }] }] },
  'tiles:trimViewed': { protect: [], maxBytes: 1_000_000 },
  'keychain:status': {},
  'keychain:protect': { bytes: new Uint8Array(32).fill(7) },
  'keychain:unprotect': { bytes: new Uint8Array(Buffer.from(`sealed:${'B'.repeat(43)}=`)) },
};

/** Values that have broken parsers and handlers elsewhere. */
const NASTY: readonly unknown[] = [
  null,
  undefined,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  2 ** 53,
  -1,
  1e308,
  '',
  'a'.repeat(100_000),
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f',
  '\u0000',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'http://127.0.0.1/',
  'http://169.254.169.254/latest/meta-data/',
  '<script>alert(1)</script>',
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
  Object.create(null),
  [],
  Array.from({ length: 100_000 }, () => 0),
  new Uint8Array(10),
  new Date(0),
  Symbol('s'),
  () => 1,
  10n,
];

/** The channel's valid request with one part changed, removed, or one key added. */
function brokenRequest(channel: IpcChannel): fc.Arbitrary<unknown> {
  const valid = VALID[channel];
  const keys = Object.keys(valid);
  const anyValue = fc.oneof(fc.anything({ maxDepth: 3 }), fc.constantFrom(...NASTY));
  const arbitraries: fc.Arbitrary<unknown>[] = [
    fc.constant(valid),
    anyValue.map((extra) => ({ ...valid, extra })),
  ];
  if (keys.length > 0) {
    arbitraries.push(
      fc.tuple(fc.constantFrom(...keys), anyValue).map(([key, value]) => ({ ...valid, [key]: value })),
      fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
      // One level deeper: a field of a nested object or of the first array element.
      fc.tuple(fc.constantFrom(...keys), fc.string({ maxLength: 12 }), anyValue).map(([key, inner, value]) => {
        const field = valid[key];
        if (Array.isArray(field)) return { ...valid, [key]: [{ ...(field[0] as object), [inner]: value }, ...(field.slice(1) as unknown[])] };
        if (typeof field === 'object' && field !== null) return { ...valid, [key]: { ...field, [inner]: value } };
        return { ...valid, [key]: value };
      }),
    );
  }
  return fc.oneof(...arbitraries);
}

/** Argument lists: what the bridge sends (one request), and what it never sends. */
function argumentLists(channel: IpcChannel): fc.Arbitrary<unknown[]> {
  const anyPayload = fc.oneof(brokenRequest(channel), fc.anything({ maxDepth: 4 }), fc.constantFrom(...NASTY));
  return fc.oneof({ weight: 8, arbitrary: anyPayload.map((p) => [p]) }, { weight: 1, arbitrary: fc.constant<unknown[]>([]) }, { weight: 1, arbitrary: fc.tuple(anyPayload, anyPayload) });
}

const OUR_URL = 'app://routewatch/index.html';

/** Frames that are not our main frame. */
const forgedFrame: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc
    .record({
      url: fc.oneof(
        fc.constantFrom(
          'app://routewatch.evil/index.html',
          'app://evil/index.html',
          'app://routewatch:8080/',
          'app://user@routewatch/',
          'https://routewatch/',
          'https://evil.example/?app://routewatch/',
          'file:///work/dist/renderer/index.html',
          'about:blank',
          'data:text/html,x',
          'javascript:alert(1)',
          'devtools://devtools/',
          '',
          OUR_URL,
        ),
        fc.webUrl(),
        fc.string(),
      ),
      parent: fc.oneof(fc.constant(null), fc.constant({})),
      detached: fc.boolean(),
      destroyed: fc.boolean(),
    })
    .filter((f) => !(f.parent === null && !f.detached && !f.destroyed && isAppUrl(f.url)))
    .map((f) => ({ url: f.url, parent: f.parent, detached: f.detached, isDestroyed: () => f.destroyed })),
  // A frame that throws when read (it went away mid-call).
  fc.constant({
    get url(): string {
      throw new Error('Render frame was disposed');
    },
    parent: null,
    detached: false,
    isDestroyed: () => false,
  }),
);

const event = (senderFrame: unknown) => ({ senderFrame, sender: { printToPDF: () => ((fake.state.effects.printToPdf += 1), Promise.resolve(new Uint8Array([37, 80, 68, 70]))) } });
const ourEvent = () => event({ url: OUR_URL, parent: null, detached: false, isDestroyed: () => false });

function handlerOf(channel: IpcChannel): Listener {
  const handler = fake.state.handlers.get(channel);
  if (handler === undefined) throw new Error(`${channel} is not registered`);
  return handler;
}

async function tileFilesUnder(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder, { recursive: true })).map(String);
  } catch {
    return [];
  }
}

describe('IPC handlers under fuzz', () => {
  it('registers a handler for every channel of the contract', () => {
    expect([...fake.state.handlers.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('answers no forged sender on any channel, whatever it sends, and runs no effect', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    const answered: string[] = [];
    let calls = 0;
    try {
      for (const channel of IPC_CHANNELS) {
        await fc.assert(
          fc.asyncProperty(forgedFrame, argumentLists(channel), async (frame, args) => {
            calls += 1;
            const result: unknown = await handlerOf(channel)(event(frame), ...args);
            if (JSON.stringify(result) !== JSON.stringify({ ok: false, error: { code: 'forbidden_sender' } })) answered.push(`${channel}: ${JSON.stringify(result)}`);
          }),
          { numRuns: 500 },
        );
      }
    } finally {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUncaught);
    }
    console.log(`IPC forged senders: ${String(calls)} calls over ${String(IPC_CHANNELS.length)} channels, ${String(answered.length)} answered, ${String(uncaught.length)} uncaught exceptions`);
    expect(answered).toEqual([]);
    expect(uncaught).toEqual([]);
    expect(fake.state.effects).toEqual({ openExternal: 0, dialogs: 0, saveDialogs: 0, printToPdf: 0, requests: 0, resolves: 0, keychain: 0 });
    expect(settingsWrites).toEqual([]);
    expect(await tileFilesUnder(path.join(fake.state.userData, 'tiles'))).toEqual([]);
  });

  it('settles every fuzzed payload from our own frame with a result value: no throw, no handler fault, no uncaught exception', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    const errorLog = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const outcomes = new Map<string, number>();
    const bad: string[] = [];
    let calls = 0;
    try {
      for (const channel of IPC_CHANNELS) {
        await fc.assert(
          fc.asyncProperty(argumentLists(channel), async (args) => {
            calls += 1;
            let result: unknown;
            try {
              result = await handlerOf(channel)(ourEvent(), ...args);
            } catch (error) {
              bad.push(`${channel} threw ${String(error)}`);
              return;
            }
            const value = result as { ok?: unknown; error?: { code?: unknown } };
            const outcome = value.ok === true ? 'ok' : String(value.error?.code);
            outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
            if (value.ok !== true && !(IPC_ERROR_CODES as readonly unknown[]).includes(value.error?.code)) bad.push(`${channel}: ${JSON.stringify(result)}`);
            if (outcome === 'failed' || outcome === 'forbidden_sender') bad.push(`${channel} answered ${outcome} for ${(JSON.stringify(args) as string | undefined)?.slice(0, 200) ?? 'unserialisable'}`);
          }),
          { numRuns: 1000 },
        );
      }
    } finally {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUncaught);
      errorLog.mockRestore();
    }
    const summary = [...outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${String(n)}`).join(', ');
    console.log(`IPC fuzzed payloads: ${String(calls)} calls over ${String(IPC_CHANNELS.length)} channels (${summary}); ${String(bad.length)} throws or handler faults, ${String(uncaught.length)} uncaught exceptions`);
    expect(bad).toEqual([]);
    expect(uncaught).toEqual([]);
    // The fuzzer reached the handlers, not only the schema.
    expect(outcomes.get('ok') ?? 0).toBeGreaterThan(IPC_CHANNELS.length);
    // Nothing a payload sent opened anything but the https link, or saved a private-network source.
    expect(settings.tileSource('office')?.allowPrivateAddresses ?? false).toBe(false);
  });
});
