import { describe, expect, it } from 'vitest';
import { pagePolicy } from '../../protocol/page-policy';
import { ShellSettings } from '../../settings/shell-settings';
import { setSyncServer, type SyncServerEffects } from './sync-server';

/** The sources of one directive, as a browser splits the policy. */
function directive(policy: string, name: string): string[] | undefined {
  for (const part of policy.split(';')) {
    const [directiveName, ...sources] = part.trim().split(/\s+/);
    if (directiveName === name) return sources;
  }
  return undefined;
}

function fakeEffects(answer: boolean, start: string | null = null) {
  const state = { origin: start, asked: [] as string[], reloads: 0 };
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
    reloadPage: () => {
      state.reloads += 1;
    },
  };
  return { effects, state };
}

describe('shell:setSyncServer', () => {
  it('keeps the first server as an origin without asking, and without reloading the page', async () => {
    const { effects, state } = fakeEffects(false);
    expect(await setSyncServer({ url: 'https://hq.example.org/api/' }, effects)).toEqual({ ok: true, data: { reloading: false } });
    expect(state).toEqual({ origin: 'https://hq.example.org', asked: [], reloads: 0 });
    expect(await setSyncServer({ url: 'https://hq.example.org/' }, effects)).toEqual({ ok: true, data: { reloading: false } });
    expect(state.asked).toEqual([]);
    expect(state.reloads).toBe(0);
  });

  it('replaces a known server only when the person agrees, and then reloads the page', async () => {
    const no = fakeEffects(false, 'https://hq.example.org');
    expect(await setSyncServer({ url: 'https://evil.example/' }, no.effects)).toEqual({ ok: false, error: { code: 'refused' } });
    expect(no.state).toEqual({ origin: 'https://hq.example.org', asked: ['https://hq.example.org -> https://evil.example'], reloads: 0 });
    const yes = fakeEffects(true, 'https://hq.example.org');
    expect(await setSyncServer({ url: 'https://hq2.example.org/' }, yes.effects)).toEqual({ ok: true, data: { reloading: true } });
    expect(yes.state).toEqual({ origin: 'https://hq2.example.org', asked: ['https://hq.example.org -> https://hq2.example.org'], reloads: 1 });
  });

  it('switching takes effect without a restart: stored, the next response’s CSP names the new server and not the old, the page reloaded', async () => {
    // main's real settings, over an in-memory file.
    const file = { text: null as string | null };
    const settings = await ShellSettings.load({
      read: () => Promise.resolve(file.text),
      write: (text) => {
        file.text = text;
        return Promise.resolve();
      },
      warn: () => undefined,
    });
    let reloads = 0;
    const effects: SyncServerEffects = { settings, confirmServerChange: () => Promise.resolve(true), reloadPage: () => (reloads += 1) };
    const connectSrc = () => directive(pagePolicy(settings), 'connect-src');

    await setSyncServer({ url: 'https://old.example.org/' }, effects);
    expect(connectSrc()).toEqual(["'self'", 'https://old.example.org']);
    expect(reloads).toBe(0);

    expect(await setSyncServer({ url: 'https://new.example.org/sync/' }, effects)).toEqual({ ok: true, data: { reloading: true } });
    expect(JSON.parse(file.text ?? '{}')).toMatchObject({ syncServerOrigin: 'https://new.example.org' });
    expect(connectSrc()).toEqual(["'self'", 'https://new.example.org']);
    expect(pagePolicy(settings)).not.toContain('old.example.org');
    expect(reloads).toBe(1);
  });

  it.each(['http://hq.example.org/', 'https://u:p@hq.example.org/', 'javascript:alert(1)', 'file:///etc/passwd', 'https://x.example; script-src *', 'not a url', ''])(
    'refuses %s without asking, storing or reloading',
    async (url) => {
      const { effects, state } = fakeEffects(true, 'https://hq.example.org');
      expect(await setSyncServer({ url }, effects)).toEqual({ ok: false, error: { code: 'refused' } });
      expect(state).toEqual({ origin: 'https://hq.example.org', asked: [], reloads: 0 });
    },
  );

  it('keeps only the origin of a URL that carries policy text in its path, so the CSP gets no second directive', async () => {
    const { effects, state } = fakeEffects(true);
    expect(await setSyncServer({ url: "https://x.example/'; script-src *" }, effects)).toEqual({ ok: true, data: { reloading: false } });
    expect(state.origin).toBe('https://x.example');
  });
});
