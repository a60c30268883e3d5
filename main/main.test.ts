/**
 * The wiring of main.ts, against a fake `electron` module (the real one would try to
 * download a binary): what is registered before and after 'ready', and that the
 * window, session, protocol and IPC handlers are connected to the tested policies.
 * The policies themselves have their own tests; this file checks they are in place.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../shared/ipc/contract';
import { contentSecurityPolicy } from '../shared/security/content-security-policy';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener): this {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]): void {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
  }

  class FakeWebContents extends Emitter {
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
      this.windowOpenHandler = handler;
    }
  }

  class FakeBrowserWindow extends Emitter {
    static instances: FakeBrowserWindow[] = [];
    static getAllWindows = () => FakeBrowserWindow.instances;
    static fromWebContents = () => null;
    readonly webContents = new FakeWebContents();
    readonly calls: string[] = [];
    minimized = false;
    constructor(readonly options: { webPreferences?: Record<string, unknown>; show?: boolean }) {
      super();
      FakeBrowserWindow.instances.push(this);
    }
    loadURL(url: string): Promise<void> {
      this.calls.push(`loadURL ${url}`);
      return Promise.resolve();
    }
    show(): void {
      this.calls.push('show');
    }
    focus(): void {
      this.calls.push('focus');
    }
    restore(): void {
      this.calls.push('restore');
    }
    isMinimized(): boolean {
      return this.minimized;
    }
  }

  let resolveReady: () => void = () => undefined;
  const state = {
    gotLock: true,
    log: [] as string[],
    ipcHandlers: new Map<string, Listener>(),
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    devicePermissionHandler: null as Listener | null,
    /** Times main.ts asked to wait for 'ready'. */
    readyWaits: 0,
  };
  const app = new (class extends Emitter {
    readonly setPath = (name: string, value: string) => state.log.push(`setPath ${name} ${value}`);
    readonly enableSandbox = () => state.log.push('enableSandbox');
    readonly requestSingleInstanceLock = () => state.gotLock;
    readonly quit = () => state.log.push('quit');
    readonly exit = (code: number) => state.log.push(`exit ${code}`);
    readonly getVersion = () => '9.8.7';
    readonly getPath = () => '/home/test/Documents';
    readonly whenReady = () => {
      state.readyWaits += 1;
      return new Promise<void>((resolve) => (resolveReady = resolve));
    };
  })();

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => state.log.push(`registerSchemesAsPrivileged ${JSON.stringify(schemes)}`),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        state.log.push(`protocol.handle ${scheme}`);
        state.protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (state.permissionRequestHandler = handler),
        setPermissionCheckHandler: (handler: Listener) => (state.permissionCheckHandler = handler),
        setDevicePermissionHandler: (handler: Listener) => (state.devicePermissionHandler = handler),
      },
    },
    ipcMain: {
      handle: (channel: string, listener: Listener) => state.ipcHandlers.set(channel, listener),
    },
    shell: { openExternal: vi.fn((_url: string) => Promise.resolve()) },
    dialog: {
      showSaveDialog: vi.fn(() => Promise.resolve({ canceled: true, filePath: '' })),
      // "Switch" (the first button) in the sync-server question.
      showMessageBox: vi.fn(() => Promise.resolve({ response: 0, checkboxChecked: false })),
    },
  };

  return {
    electron,
    state,
    FakeBrowserWindow,
    FakeWebContents,
    ready: () => resolveReady(),
    reset: () => {
      // A module loaded by an earlier test may still be waiting for 'ready': never wake it.
      resolveReady = () => undefined;
      FakeBrowserWindow.instances = [];
      state.gotLock = true;
      state.log = [];
      state.ipcHandlers.clear();
      state.protocolHandlers.clear();
      state.permissionRequestHandler = null;
      state.permissionCheckHandler = null;
      state.devicePermissionHandler = null;
      state.readyWaits = 0;
      app.listeners.clear();
      electron.shell.openExternal.mockClear();
    },
  };
});

vi.mock('electron', () => fake.electron);

/** Loads a fresh copy of main.ts, lets 'ready' happen, and waits for the window start-up ends with. */
async function startMain(): Promise<void> {
  vi.resetModules();
  await import('./main');
  fake.ready();
  await vi.waitFor(() => {
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
  });
}

function theWindow() {
  const window = fake.FakeBrowserWindow.instances[0];
  if (window === undefined) throw new Error('no window was created');
  return window;
}

const ourFrame = { url: 'app://routewatch/index.html', parent: null, detached: false, isDestroyed: () => false };

beforeEach(() => {
  fake.reset();
});

afterEach(() => {
  delete process.env['ROUTEWATCH_USER_DATA_DIR'];
});

describe('main.ts before ready', () => {
  it('registers app:// as privileged and enables the sandbox before anything else', async () => {
    vi.resetModules();
    await import('./main');
    expect(fake.state.log).toEqual([
      `registerSchemesAsPrivileged ${JSON.stringify([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }])}`,
      'enableSandbox',
    ]);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('uses ROUTEWATCH_USER_DATA_DIR as the profile folder when set', async () => {
    process.env['ROUTEWATCH_USER_DATA_DIR'] = '/tmp/profile-a';
    vi.resetModules();
    await import('./main');
    expect(fake.state.log[0]).toBe('setPath userData /tmp/profile-a');
  });

  it('quits at once when another instance holds the lock, creating nothing', async () => {
    fake.state.gotLock = false;
    vi.resetModules();
    await import('./main');
    fake.ready();
    // It never waits for 'ready', so nothing can be created after it.
    expect(fake.state.readyWaits).toBe(0);
    expect(fake.state.log).toContain('quit');
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.state.ipcHandlers.size).toBe(0);
  });
});

describe('main.ts after ready', () => {
  it('opens one sandboxed, isolated window on app://routewatch, shown on ready-to-show', async () => {
    await startMain();
    const window = theWindow();
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(String(window.options.webPreferences?.['preload'])).toMatch(/preload\.cjs$/);
    expect(window.calls).toEqual(['loadURL app://routewatch/index.html']);
    window.emit('ready-to-show');
    expect(window.calls).toContain('show');
  });

  it('focuses the first window when a second instance starts', async () => {
    await startMain();
    const window = theWindow();
    window.minimized = true;
    fake.electron.app.emit('second-instance');
    expect(window.calls.slice(-3)).toEqual(['restore', 'show', 'focus']);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('narrows connect-src to the sync server the page announced, kept in main\'s settings file', async () => {
    const { mkdtemp, readFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const profile = await mkdtemp(path.join(tmpdir(), 'routewatch-main-'));
    const getPath = vi.spyOn(fake.electron.app, 'getPath').mockReturnValue(profile);
    try {
      await startMain();
      const serve = fake.state.protocolHandlers.get('app');
      const policy = async () => (await serve?.(new Request('app://routewatch/index.html')))?.headers.get('content-security-policy');
      expect(await policy()).toBe(contentSecurityPolicy());
      // The handlers are registered once main has read its settings.
      await vi.waitFor(() => {
        expect(fake.state.ipcHandlers.has('shell:setSyncServer')).toBe(true);
      });
      const announce = fake.state.ipcHandlers.get('shell:setSyncServer');
      const switching = fake.state.ipcHandlers.get('shell:syncServerSwitch');
      const reload = vi.fn();
      const sender = { isDestroyed: () => false, reload };
      await expect(announce?.({ senderFrame: ourFrame, sender }, { url: 'https://hq.example.org/api/', purpose: 'enrolled' })).resolves.toEqual({
        ok: true,
        data: { reloadNeeded: false },
      });
      expect(await policy()).toBe(contentSecurityPolicy({ connectSources: ['https://hq.example.org'] }));
      expect(JSON.parse(await readFile(path.join(profile, 'shell-settings.json'), 'utf8'))).toMatchObject({ syncServerOrigin: 'https://hq.example.org' });

      // Switching (the person answers "Switch"): the next response names the new server only, and the page is told to reload itself.
      await expect(announce?.({ senderFrame: ourFrame, sender }, { url: 'https://hq2.example.org/sync/', purpose: 'switch' })).resolves.toEqual({
        ok: true,
        data: { reloadNeeded: true },
      });
      expect(await policy()).toBe(contentSecurityPolicy({ connectSources: ['https://hq2.example.org'] }));
      expect(JSON.parse(await readFile(path.join(profile, 'shell-settings.json'), 'utf8'))).toMatchObject({ syncServerOrigin: 'https://hq2.example.org' });
      // The reloaded page asks main what happened (another call, as from a new page).
      await expect(switching?.({ senderFrame: ourFrame, sender: {} }, {})).resolves.toEqual({ ok: true, data: { switchingTo: 'https://hq2.example.org/sync/' } });
      // Main never reloads the window itself: a reload from main raced the page's handling of the answer.
      await new Promise((resolve) => setImmediate(resolve));
      expect(reload).not.toHaveBeenCalled();
    } finally {
      getPath.mockRestore();
      await rm(profile, { recursive: true, force: true });
    }
  });

  it('serves app:// through the renderer handler, with the CSP header', async () => {
    await startMain();
    const handler = fake.state.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const response = await handler?.(new Request('app://routewatch/index.html'));
    expect(response?.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect((await handler?.(new Request('app://routewatch/..%2f..%2fpackage.json')))?.status).toBe(404);
  });

  it('registers exactly the contract channels, behind the sender check', async () => {
    await startMain();
    expect([...fake.state.ipcHandlers.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
    const appInfo = fake.state.ipcHandlers.get('app:info');
    await expect(appInfo?.({ senderFrame: ourFrame, sender: {} }, {})).resolves.toEqual({
      ok: true,
      data: { version: '9.8.7', platform: process.platform },
    });
    await expect(appInfo?.({ senderFrame: { ...ourFrame, url: 'https://example.org/' }, sender: {} }, {})).resolves.toEqual({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    await expect(appInfo?.({ senderFrame: { ...ourFrame, parent: ourFrame }, sender: {} }, {})).resolves.toEqual({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    await expect(appInfo?.({ senderFrame: null, sender: {} }, {})).resolves.toEqual({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('connects shell:openExternal and report:savePdf to their effects', async () => {
    await startMain();
    await expect(fake.state.ipcHandlers.get('shell:openExternal')?.({ senderFrame: ourFrame, sender: {} }, { url: 'https://example.org/' })).resolves.toEqual({
      ok: true,
      data: {},
    });
    expect(fake.electron.shell.openExternal).toHaveBeenCalledWith('https://example.org/');

    const printToPDF = vi.fn(() => Promise.resolve(new Uint8Array()));
    await expect(
      fake.state.ipcHandlers.get('report:savePdf')?.({ senderFrame: ourFrame, sender: { printToPDF } }, {
        suggestedName: 'january.pdf',
        paper: 'A4',
        classification: 'INTERNAL',
        title: 'Situation report',
        pageOf: 'Page {page} of {pages}',
      }),
    ).resolves.toEqual({ ok: true, data: { saved: false, path: null } });
    expect(fake.electron.dialog.showSaveDialog).toHaveBeenCalled();
    expect(printToPDF).not.toHaveBeenCalled();
  });

  it('hardens every new web contents: navigation, window.open and webview', async () => {
    await startMain();
    const contents = new fake.FakeWebContents();
    fake.electron.app.emit('web-contents-created', {}, contents);

    const navigate = (event: string, url: string) => {
      const preventDefault = vi.fn();
      contents.emit(event, { url, preventDefault });
      return preventDefault.mock.calls.length > 0;
    };
    expect(navigate('will-navigate', 'https://example.org/')).toBe(true);
    expect(navigate('will-navigate', 'https://evil/?next=app://routewatch')).toBe(true);
    expect(navigate('will-navigate', 'app://routewatch/index.html')).toBe(false);
    expect(navigate('will-redirect', 'app://routewatch.evil/')).toBe(true);
    expect(navigate('will-attach-webview', 'app://routewatch/index.html')).toBe(true);

    expect(contents.windowOpenHandler?.({ url: 'https://example.org/help' })).toEqual({ action: 'deny' });
    expect(fake.electron.shell.openExternal).toHaveBeenCalledWith('https://example.org/help');
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.electron.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('installs deny-by-default permission handlers on the default session', async () => {
    await startMain();
    const decide = (permission: string, requestingUrl: string) => {
      let granted: boolean | undefined;
      fake.state.permissionRequestHandler?.({}, permission, (value: boolean) => (granted = value), { requestingUrl, isMainFrame: true });
      return granted;
    };
    expect(decide('media', 'app://routewatch/index.html')).toBe(false);
    expect(decide('geolocation', 'app://routewatch/index.html')).toBe(false);
    expect(decide('persistent-storage', 'app://routewatch/index.html')).toBe(true);
    expect(decide('persistent-storage', 'https://example.org/')).toBe(false);
    expect(fake.state.permissionCheckHandler?.({}, 'notifications', 'app://routewatch', { isMainFrame: true })).toBe(false);
    expect(fake.state.permissionCheckHandler?.({}, 'persistent-storage', 'app://routewatch', { isMainFrame: true })).toBe(true);
    expect(fake.state.devicePermissionHandler?.({})).toBe(false);
  });
});
