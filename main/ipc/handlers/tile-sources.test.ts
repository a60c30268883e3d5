import { describe, expect, it } from 'vitest';
import { ipcContract } from '../../../shared/ipc/contract';
import { OSM_STANDARD, type TileSource } from '../../../shared/tiles/tile-source';
import { MAX_CONFIGURED_TILE_SOURCES, type ConfiguredTileSource } from '../../settings/shell-settings';
import { oneQuestionAtATime, setTileSource, type TileSourceEffects } from './tile-sources';

const office: TileSource = {
  id: 'office',
  name: 'Office',
  urlTemplate: 'http://tiles.office.lan/{z}/{x}/{y}.png',
  subdomains: [],
  attribution: 'Office',
  maxZoom: 18,
  allowsBulkDownload: true,
};

function fakeEffects(answer: boolean, start: ConfiguredTileSource[] = []) {
  const stored = new Map(start.map((c) => [c.source.id, c]));
  const asked: string[] = [];
  const effects: TileSourceEffects = {
    settings: {
      tileSource: (id) => stored.get(id),
      saveTileSource: (c) => {
        stored.set(c.source.id, c);
        return Promise.resolve();
      },
      configuredTileSourceCount: () => stored.size,
    },
    confirmPrivateSource: (name, host) => {
      asked.push(`${name} ${host}`);
      return Promise.resolve(answer);
    },
  };
  return { effects, stored, asked };
}

describe('tiles:setSource', () => {
  it('adds a public source without asking', async () => {
    const { effects, stored, asked } = fakeEffects(false);
    const source = { ...office, urlTemplate: 'https://tiles.example.org/{z}/{x}/{y}.png' };
    expect(await setTileSource({ source, allowPrivateAddresses: false }, effects)).toEqual({ ok: true, data: {} });
    expect(stored.get('office')).toEqual({ source, allowPrivateAddresses: false });
    expect(asked).toEqual([]);
  });

  it('lets a source use the local network only when the person agrees, once per host', async () => {
    const no = fakeEffects(false);
    expect(await setTileSource({ source: office, allowPrivateAddresses: true }, no.effects)).toEqual({ ok: false, error: { code: 'refused' } });
    expect(no.stored.size).toBe(0);

    const yes = fakeEffects(true);
    expect(await setTileSource({ source: office, allowPrivateAddresses: true }, yes.effects)).toEqual({ ok: true, data: {} });
    expect(await setTileSource({ source: { ...office, name: 'Renamed' }, allowPrivateAddresses: true }, yes.effects)).toEqual({ ok: true, data: {} });
    expect(yes.asked).toEqual(['Office tiles.office.lan']);
    // Another host is another question.
    expect(await setTileSource({ source: { ...office, urlTemplate: 'http://10.0.0.9/{z}/{x}/{y}.png' }, allowPrivateAddresses: true }, yes.effects)).toEqual({ ok: true, data: {} });
    expect(yes.asked).toEqual(['Office tiles.office.lan', 'Office 10.0.0.9']);
  });

  it('never redefines a built-in source', async () => {
    const { effects, stored } = fakeEffects(true);
    const hijack = { ...OSM_STANDARD, urlTemplate: 'http://127.0.0.1/{z}/{x}/{y}.png' };
    expect(await setTileSource({ source: hijack, allowPrivateAddresses: true }, effects)).toEqual({ ok: false, error: { code: 'refused' } });
    expect(stored.size).toBe(0);
  });

  it(`keeps at most ${String(MAX_CONFIGURED_TILE_SOURCES)} sources`, async () => {
    const full = Array.from({ length: MAX_CONFIGURED_TILE_SOURCES }, (_, i) => ({ source: { ...office, id: `s${String(i)}` }, allowPrivateAddresses: false }));
    const { effects } = fakeEffects(true, full);
    expect(await setTileSource({ source: { ...office, id: 'one-more' }, allowPrivateAddresses: false }, effects)).toEqual({ ok: false, error: { code: 'refused' } });
    expect(await setTileSource({ source: { ...office, id: 's3', name: 'changed' }, allowPrivateAddresses: false }, effects)).toEqual({ ok: true, data: {} });
  });

  it('has a contract that refuses a hostile source before the handler runs', () => {
    const schema = ipcContract['tiles:setSource'].request;
    expect(schema.safeParse({ source: office, allowPrivateAddresses: false }).success).toBe(true);
    for (const urlTemplate of ['file:///{z}/{x}/{y}', 'javascript:{z}{x}{y}', 'https://u:p@h.example/{z}/{x}/{y}', 'https://h.example/{z}/{x}', 'https://h.example/{z}/{x}/{y}/{q}']) {
      expect(schema.safeParse({ source: { ...office, urlTemplate }, allowPrivateAddresses: false }).success, urlTemplate).toBe(false);
    }
    expect(schema.safeParse({ source: office }).success).toBe(false);
    expect(schema.safeParse({ source: { ...office, id: '../x' }, allowPrivateAddresses: false }).success).toBe(false);
  });
});

describe('oneQuestionAtATime', () => {
  it('answers no at once while a question is open, and asks again after', async () => {
    let answer: (value: boolean) => void = () => undefined;
    const ask = oneQuestionAtATime(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const first = ask();
    await expect(ask()).resolves.toBe(false);
    answer(true);
    await expect(first).resolves.toBe(true);
    const third = ask();
    answer(true);
    await expect(third).resolves.toBe(true);
  });
});
