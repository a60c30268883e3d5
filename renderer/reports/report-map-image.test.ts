import { describe, expect, it } from 'vitest';
import type { ObjectUrls } from './report-map-image';
import { createReportMapImageStore } from './report-map-image';

function fakeUrls(): ObjectUrls & { live: Set<string>; log: string[] } {
  let next = 0;
  const live = new Set<string>();
  const log: string[] = [];
  return {
    live,
    log,
    create: () => {
      next += 1;
      const url = `blob:test/${next}`;
      live.add(url);
      log.push(`create ${url}`);
      return url;
    },
    revoke: (url) => {
      live.delete(url);
      log.push(`revoke ${url}`);
    },
  };
}

const image = (name: string) => ({
  blob: new Blob([name], { type: 'image/png' }),
  width: 800,
  height: 500,
  takenAt: '2026-11-27T09:15:00.000Z',
});

describe('the report map image store', () => {
  it('starts empty', () => {
    expect(createReportMapImageStore(fakeUrls()).get()).toBeNull();
  });

  it('keeps the image with an object URL of its own', () => {
    const urls = fakeUrls();
    const store = createReportMapImageStore(urls);
    const first = image('first');
    store.set(first);
    expect(store.get()).toEqual({ ...first, url: 'blob:test/1' });
    expect([...urls.live]).toEqual(['blob:test/1']);
  });

  it('revokes the previous URL when replaced, after telling the listeners', () => {
    const urls = fakeUrls();
    const store = createReportMapImageStore(urls);
    store.set(image('first'));
    store.subscribe(() => urls.log.push(`listener sees ${store.get()?.url ?? 'none'}`));
    store.set(image('second'));
    expect(urls.log).toEqual(['create blob:test/1', 'create blob:test/2', 'listener sees blob:test/2', 'revoke blob:test/1']);
    expect([...urls.live]).toEqual(['blob:test/2']);
  });

  it('removing the image revokes its URL and leaves nothing', () => {
    const urls = fakeUrls();
    const store = createReportMapImageStore(urls);
    store.set(image('first'));
    store.set(null);
    expect(store.get()).toBeNull();
    expect(urls.live.size).toBe(0);
    store.set(null);
    expect(urls.log.filter((line) => line.startsWith('revoke'))).toHaveLength(1);
  });

  it('stops telling a listener that unsubscribed', () => {
    const store = createReportMapImageStore(fakeUrls());
    let calls = 0;
    const unsubscribe = store.subscribe(() => {
      calls += 1;
    });
    store.set(image('first'));
    unsubscribe();
    store.set(image('second'));
    expect(calls).toBe(1);
  });

  it('gives the same object between changes (what useSyncExternalStore needs)', () => {
    const store = createReportMapImageStore(fakeUrls());
    store.set(image('first'));
    expect(store.get()).toBe(store.get());
  });
});
