// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult, RoutewatchBridge } from '../../shared/ipc/contract';
import { createElectronPlatform } from './electron-platform';
import { serverSwitchNote } from './server-switch-note';

/** A bridge whose 'shell:setSyncServer' answers as main would; every other channel refuses. */
function bridgeAnswering(answer: IpcResult<{ reloading: boolean }>) {
  const asked: unknown[] = [];
  const bridge = new Proxy(
    {},
    {
      get: (_target, channel: string) => (request: unknown) => {
        if (channel !== 'shell:setSyncServer') return Promise.resolve({ ok: false, error: { code: 'refused' } });
        asked.push(request);
        return Promise.resolve(answer);
      },
    },
  ) as RoutewatchBridge;
  return { bridge, asked };
}

afterEach(() => sessionStorage.clear());

describe('electron platform: the sync server', () => {
  it('kept: nothing for the page to do, no note', async () => {
    const { bridge, asked } = bridgeAnswering({ ok: true, data: { reloading: false } });
    expect(await createElectronPlatform(bridge).announceSyncServer('https://hq.example.org/')).toBe('kept');
    expect(asked).toEqual([{ url: 'https://hq.example.org/' }]);
    expect(serverSwitchNote(sessionStorage)).toBeNull();
  });

  it('switched: main reloads the page, and the note for the reloaded page is written before', async () => {
    const { bridge } = bridgeAnswering({ ok: true, data: { reloading: true } });
    expect(await createElectronPlatform(bridge).announceSyncServer('https://hq2.example.org/sync/')).toBe('reloading');
    expect(serverSwitchNote(sessionStorage)).toBe('https://hq2.example.org/sync/');
  });

  it('refused: an error, and no note', async () => {
    const { bridge } = bridgeAnswering({ ok: false, error: { code: 'refused' } });
    await expect(createElectronPlatform(bridge).announceSyncServer('https://evil.example/')).rejects.toThrow(/refused/);
    expect(serverSwitchNote(sessionStorage)).toBeNull();
  });
});
