import { describe, expect, it } from 'vitest';
import { setSyncServer, type SyncServerEffects } from './sync-server';

function fakeEffects(answer: boolean, start: string | null = null) {
  const state = { origin: start, asked: [] as string[] };
  const effects: SyncServerEffects = {
    settings: {
      get syncServerOrigin() {
        return state.origin;
      },
      saveSyncServerOrigin: (origin) => {
        state.origin = origin;
        return Promise.resolve();
      },
    },
    confirmServerChange: (from, to) => {
      state.asked.push(`${from} -> ${to}`);
      return Promise.resolve(answer);
    },
  };
  return { effects, state };
}

describe('shell:setSyncServer', () => {
  it('keeps the first server as an origin without asking', async () => {
    const { effects, state } = fakeEffects(false);
    expect(await setSyncServer({ url: 'https://hq.example.org/api/' }, effects)).toEqual({ ok: true, data: {} });
    expect(state).toEqual({ origin: 'https://hq.example.org', asked: [] });
    expect(await setSyncServer({ url: 'https://hq.example.org/' }, effects)).toEqual({ ok: true, data: {} });
    expect(state.asked).toEqual([]);
  });

  it('replaces a known server only when the person agrees', async () => {
    const no = fakeEffects(false, 'https://hq.example.org');
    expect(await setSyncServer({ url: 'https://evil.example/' }, no.effects)).toEqual({ ok: false, error: { code: 'refused' } });
    expect(no.state.origin).toBe('https://hq.example.org');
    const yes = fakeEffects(true, 'https://hq.example.org');
    expect(await setSyncServer({ url: 'https://hq2.example.org/' }, yes.effects)).toEqual({ ok: true, data: {} });
    expect(yes.state).toEqual({ origin: 'https://hq2.example.org', asked: ['https://hq.example.org -> https://hq2.example.org'] });
  });

  it.each(['http://hq.example.org/', 'https://u:p@hq.example.org/', 'javascript:alert(1)', 'file:///etc/passwd', 'https://x.example; script-src *', 'not a url', ''])(
    'refuses %s without asking or storing',
    async (url) => {
      const { effects, state } = fakeEffects(true, 'https://hq.example.org');
      expect(await setSyncServer({ url }, effects)).toEqual({ ok: false, error: { code: 'refused' } });
      expect(state).toEqual({ origin: 'https://hq.example.org', asked: [] });
    },
  );

  it('keeps only the origin of a URL that carries policy text in its path, so the CSP gets no second directive', async () => {
    const { effects, state } = fakeEffects(true);
    expect(await setSyncServer({ url: "https://x.example/'; script-src *" }, effects)).toEqual({ ok: true, data: {} });
    expect(state.origin).toBe('https://x.example');
  });
});
