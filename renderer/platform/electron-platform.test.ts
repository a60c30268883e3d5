import { describe, expect, it } from 'vitest';
import type { RoutewatchBridge } from '../../shared/ipc/contract';
import { createElectronPlatform } from './electron-platform';

/** A bridge whose sync-server channels answer as given; every other channel refuses. */
function bridgeAnswering(answers: { setSyncServer?: unknown; syncServerSwitch?: unknown }) {
  const asked: [string, unknown][] = [];
  const bridge = new Proxy(
    {},
    {
      get: (_target, channel: string) => (request: unknown) => {
        asked.push([channel, request]);
        if (channel === 'shell:setSyncServer' && answers.setSyncServer !== undefined) return Promise.resolve(answers.setSyncServer);
        if (channel === 'shell:syncServerSwitch' && answers.syncServerSwitch !== undefined) return Promise.resolve(answers.syncServerSwitch);
        return Promise.resolve({ ok: false, error: { code: 'refused' } });
      },
    },
  ) as RoutewatchBridge;
  return { bridge, asked };
}

describe('electron platform: the sync server', () => {
  it('tells main the server and why; kept: nothing for the page to do', async () => {
    const { bridge, asked } = bridgeAnswering({ setSyncServer: { ok: true, data: { reloadNeeded: false } } });
    const platform = createElectronPlatform(bridge);
    expect(await platform.announceSyncServer('https://hq.example.org/', 'enrolled')).toBe('kept');
    expect(await platform.announceSyncServer('https://hq.example.org/', 'switch')).toBe('kept');
    expect(asked).toEqual([
      ['shell:setSyncServer', { url: 'https://hq.example.org/', purpose: 'enrolled' }],
      ['shell:setSyncServer', { url: 'https://hq.example.org/', purpose: 'switch' }],
    ]);
  });

  it('switched: the page is to reload itself', async () => {
    const { bridge } = bridgeAnswering({ setSyncServer: { ok: true, data: { reloadNeeded: true } } });
    expect(await createElectronPlatform(bridge).announceSyncServer('https://hq2.example.org/sync/', 'switch')).toBe('reloading');
  });

  it('refused: an error', async () => {
    const { bridge } = bridgeAnswering({ setSyncServer: { ok: false, error: { code: 'refused' } } });
    await expect(createElectronPlatform(bridge).announceSyncServer('https://evil.example/', 'switch')).rejects.toThrow(/refused/);
  });

  it('reads the waiting switch from main; a refusal or an address that is not http(s) is none', async () => {
    const switchTo = (answer: unknown) => createElectronPlatform(bridgeAnswering({ syncServerSwitch: answer }).bridge).syncServerSwitch();
    expect(await switchTo({ ok: true, data: { switchingTo: 'https://hq2.example.org/sync/' } })).toBe('https://hq2.example.org/sync/');
    expect(await switchTo({ ok: true, data: { switchingTo: null } })).toBeNull();
    expect(await switchTo({ ok: false, error: { code: 'forbidden_sender' } })).toBeNull();
    expect(await switchTo({ ok: true, data: { switchingTo: 'javascript:alert(1)' } })).toBeNull();
    expect(await switchTo({ ok: true, data: { switchingTo: 'not a url' } })).toBeNull();
  });
});
