import { describe, expect, it } from 'vitest';
import { pagePolicy } from '../../protocol/page-policy';
import { ShellSettings } from '../../settings/shell-settings';
import { PendingServerSwitch, setSyncServer, syncServerSwitch, type SyncServerEffects } from './sync-server';

/** The sources of one directive, as a browser splits the policy. */
function directive(policy: string, name: string): string[] | undefined {
  for (const part of policy.split(';')) {
    const [directiveName, ...sources] = part.trim().split(/\s+/);
    if (directiveName === name) return sources;
  }
  return undefined;
}

function fakeEffects(answer: boolean, start: string | null = null) {
  const state = { origin: start, asked: [] as string[] };
  const pendingSwitch = new PendingServerSwitch();
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
    pendingSwitch,
  };
  return { effects, state, pendingSwitch };
}

const switchingTo = async (effects: SyncServerEffects) => {
  const answer = await syncServerSwitch({}, effects);
  return answer.ok ? answer.data.switchingTo : 'refused';
};

describe('shell:setSyncServer', () => {
  it('takes the first server once the device is enrolled with it, without asking or a reload', async () => {
    const { effects, state } = fakeEffects(false);
    // Before the enrolment: nothing is stored (a mistyped address must not narrow the policy).
    expect(await setSyncServer({ url: 'https://hq.example.org/api/', purpose: 'switch' }, effects)).toEqual({ ok: true, data: { reloadNeeded: false } });
    expect(state).toEqual({ origin: null, asked: [] });
    expect(await setSyncServer({ url: 'https://hq.example.org/api/', purpose: 'enrolled' }, effects)).toEqual({ ok: true, data: { reloadNeeded: false } });
    expect(state).toEqual({ origin: 'https://hq.example.org', asked: [] });
    for (const purpose of ['enrolled', 'switch'] as const) {
      expect(await setSyncServer({ url: 'https://hq.example.org/', purpose }, effects)).toEqual({ ok: true, data: { reloadNeeded: false } });
    }
    expect(state.asked).toEqual([]);
    expect(await switchingTo(effects)).toBeNull();
  });

  it('replaces a known server only when the person agrees, and then says the page must reload', async () => {
    const no = fakeEffects(false, 'https://hq.example.org');
    expect(await setSyncServer({ url: 'https://evil.example/', purpose: 'switch' }, no.effects)).toEqual({ ok: false, error: { code: 'refused' } });
    expect(no.state).toEqual({ origin: 'https://hq.example.org', asked: ['https://hq.example.org -> https://evil.example'] });
    expect(await switchingTo(no.effects)).toBeNull();
    const yes = fakeEffects(true, 'https://hq.example.org');
    expect(await setSyncServer({ url: 'https://hq2.example.org/sync/', purpose: 'switch' }, yes.effects)).toEqual({ ok: true, data: { reloadNeeded: true } });
    expect(yes.state).toEqual({ origin: 'https://hq2.example.org', asked: ['https://hq.example.org -> https://hq2.example.org'] });
  });

  it('knows of the switch before its answer goes out, so a page reloaded at any moment after finds it', async () => {
    const { effects } = fakeEffects(true, 'https://hq.example.org');
    const seenWhenAnswered: (string | null)[] = [];
    // The reload races the answer: look at main's state in the same turn the answer settles.
    const answered = setSyncServer({ url: 'https://hq2.example.org/sync/', purpose: 'switch' }, effects).then(async (answer) => {
      seenWhenAnswered.push(await switchingTo(effects));
      return answer;
    });
    expect(await answered).toEqual({ ok: true, data: { reloadNeeded: true } });
    expect(seenWhenAnswered).toEqual(['https://hq2.example.org/sync/']);
  });

  it('never asks about the server the device is enrolled with: a switch waiting for its code is not undone at each round', async () => {
    const { effects, state } = fakeEffects(true, 'https://old.example.org');
    expect(await setSyncServer({ url: 'https://new.example.org/sync/', purpose: 'switch' }, effects)).toEqual({ ok: true, data: { reloadNeeded: true } });
    state.asked.length = 0;
    // Round after round the device, still enrolled with the old server, says so: refused, never asked, nothing changes.
    for (let round = 0; round < 5; round += 1) {
      expect(await setSyncServer({ url: 'https://old.example.org/', purpose: 'enrolled' }, effects)).toEqual({ ok: false, error: { code: 'refused' } });
    }
    expect(state).toEqual({ origin: 'https://new.example.org', asked: [] });
    expect(await switchingTo(effects)).toBe('https://new.example.org/sync/');
    // Enrolled with the new server: the switch is complete.
    expect(await setSyncServer({ url: 'https://new.example.org/sync/', purpose: 'enrolled' }, effects)).toEqual({ ok: true, data: { reloadNeeded: false } });
    expect(await switchingTo(effects)).toBeNull();
    expect(state.asked).toEqual([]);
  });

  it('asks again only when the person asks to enrol with another server (going back to the old one included)', async () => {
    const { effects, state } = fakeEffects(true, 'https://old.example.org');
    await setSyncServer({ url: 'https://new.example.org/', purpose: 'switch' }, effects);
    // The reloaded page enrols with the new server: already allowed, no question, no reload.
    expect(await setSyncServer({ url: 'https://new.example.org/', purpose: 'switch' }, effects)).toEqual({ ok: true, data: { reloadNeeded: false } });
    expect(state.asked).toEqual(['https://old.example.org -> https://new.example.org']);
    // The person changes their mind and enrols with the old server: asked, since the policy names the new one.
    expect(await setSyncServer({ url: 'https://old.example.org/', purpose: 'switch' }, effects)).toEqual({ ok: true, data: { reloadNeeded: true } });
    expect(state.asked).toEqual(['https://old.example.org -> https://new.example.org', 'https://new.example.org -> https://old.example.org']);
    expect(await switchingTo(effects)).toBe('https://old.example.org/');
  });

  it('switching takes effect without a restart: stored, the next response’s CSP names the new server and not the old', async () => {
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
    const effects: SyncServerEffects = { settings, confirmServerChange: () => Promise.resolve(true), pendingSwitch: new PendingServerSwitch() };
    const connectSrc = () => directive(pagePolicy(settings), 'connect-src');

    await setSyncServer({ url: 'https://old.example.org/', purpose: 'enrolled' }, effects);
    expect(connectSrc()).toEqual(["'self'", 'https://old.example.org']);

    expect(await setSyncServer({ url: 'https://new.example.org/sync/', purpose: 'switch' }, effects)).toEqual({ ok: true, data: { reloadNeeded: true } });
    expect(JSON.parse(file.text ?? '{}')).toMatchObject({ syncServerOrigin: 'https://new.example.org' });
    expect(connectSrc()).toEqual(["'self'", 'https://new.example.org']);
    expect(pagePolicy(settings)).not.toContain('old.example.org');
  });

  it.each(['http://hq.example.org/', 'https://u:p@hq.example.org/', 'javascript:alert(1)', 'file:///etc/passwd', 'https://x.example; script-src *', 'not a url', ''])(
    'refuses %s without asking or storing, for either purpose',
    async (url) => {
      for (const purpose of ['enrolled', 'switch'] as const) {
        const { effects, state } = fakeEffects(true, 'https://hq.example.org');
        expect(await setSyncServer({ url, purpose }, effects)).toEqual({ ok: false, error: { code: 'refused' } });
        expect(state).toEqual({ origin: 'https://hq.example.org', asked: [] });
        expect(await switchingTo(effects)).toBeNull();
      }
    },
  );

  it('keeps only the origin of a URL that carries policy text in its path, so the CSP gets no second directive', async () => {
    const { effects, state } = fakeEffects(true);
    expect(await setSyncServer({ url: "https://x.example/'; script-src *", purpose: 'enrolled' }, effects)).toEqual({ ok: true, data: { reloadNeeded: false } });
    expect(state.origin).toBe('https://x.example');
  });
});
