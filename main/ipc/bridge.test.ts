import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, type RoutewatchBridge } from '../../shared/ipc/contract';
import { buildBridge } from './bridge';

describe('buildBridge', () => {
  it('has exactly one function per contract channel', () => {
    const bridge: RoutewatchBridge = buildBridge(() => Promise.resolve({ ok: true, data: {} }));
    expect(Object.keys(bridge).sort()).toEqual([...IPC_CHANNELS].sort());
    for (const channel of IPC_CHANNELS) expect(typeof bridge[channel]).toBe('function');
  });

  it('sends each call on its own channel with the request as the only argument', async () => {
    const invoke = vi.fn((_channel: string, _request: unknown) => Promise.resolve<unknown>({ ok: true, data: { saved: false, path: null } }));
    const bridge = buildBridge(invoke);
    const pdf = { suggestedName: 'a.pdf', paper: 'A4', classification: 'INTERNAL', title: 'Report', pageOf: 'Page {page} of {pages}' } as const;
    await expect(bridge['report:savePdf'](pdf)).resolves.toEqual({ ok: true, data: { saved: false, path: null } });
    await bridge['shell:openExternal']({ url: 'https://example.org/' });
    await bridge['app:info']({});
    expect(invoke.mock.calls).toEqual([
      ['report:savePdf', pdf],
      ['shell:openExternal', { url: 'https://example.org/' }],
      ['app:info', {}],
    ]);
  });

  it('is frozen, so page scripts cannot swap a channel', () => {
    const bridge = buildBridge(() => Promise.resolve(null));
    expect(Object.isFrozen(bridge)).toBe(true);
  });
});
