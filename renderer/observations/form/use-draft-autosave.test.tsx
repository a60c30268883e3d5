// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../store/database';
import { DraftStore } from '../../store/draft-store';
import { AUTOSAVE_DELAY_MS, useDraftAutosave } from './use-draft-autosave';

afterEach(cleanup);

const drafts = () => new DraftStore(openDatabase(`autosave-${Math.random()}`));

/** Real timers: fake-indexeddb schedules its own work on them. Wait out the pause and the write. */
async function settle(): Promise<void> {
  await act(() => new Promise((resolve) => setTimeout(resolve, AUTOSAVE_DELAY_MS + 150)));
}

describe('draft autosave', () => {
  it('writes once after a pause in typing, with the latest form', async () => {
    const store = drafts();
    const save = vi.spyOn(store, 'save');
    const { rerender, result } = renderHook(({ form }) => useDraftAutosave(store, 'd1', null, form, true), { initialProps: { form: { summary: 'a' } } });
    rerender({ form: { summary: 'ab' } });
    rerender({ form: { summary: 'abc' } });
    await settle();
    expect(save).toHaveBeenCalledTimes(1);
    expect((await store.get('d1'))?.form).toEqual({ summary: 'abc' });
    expect(result.current.savedAt).not.toBeNull();
  });

  it('writes nothing while the form is untouched', async () => {
    const store = drafts();
    renderHook(() => useDraftAutosave(store, 'd2', null, { summary: '' }, false));
    await settle();
    expect(await store.list()).toEqual([]);
  });

  it('a form that goes away saves what was waiting; a cancelled one does not', async () => {
    const store = drafts();
    const kept = renderHook(({ form }) => useDraftAutosave(store, 'kept', null, form, true), { initialProps: { form: { n: 1 } } });
    kept.unmount();
    const dropped = renderHook(({ form }) => useDraftAutosave(store, 'dropped', 'r1', form, true), { initialProps: { form: { n: 2 } } });
    dropped.result.current.cancel();
    dropped.unmount();
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect((await store.list()).map((d) => d.id)).toEqual(['kept']);
  });

  it('a hidden page (window closing) writes at once', async () => {
    const store = drafts();
    renderHook(() => useDraftAutosave(store, 'd3', null, { n: 3 }, true));
    window.dispatchEvent(new Event('pagehide'));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect((await store.get('d3'))?.form).toEqual({ n: 3 });
  });
});
