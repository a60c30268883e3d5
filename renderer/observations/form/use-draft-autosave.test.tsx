// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { openDatabase } from '../../store/database';
import { DraftStore } from '../../store/draft-store';
import { AUTOSAVE_DELAY_MS, useDraftAutosave } from './use-draft-autosave';
import { testCipher } from '../../../test-support/renderer/test-cipher';

// Only the hook's own timer is faked: fake-indexeddb schedules its work with
// setImmediate, which stays real, so the store still answers.
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const drafts = () => new DraftStore(openDatabase(`autosave-${Math.random()}`), testCipher());

/** Waits for every write the hook started to be stored. */
async function writesStored(save: MockInstance<DraftStore['save']>): Promise<void> {
  await act(async () => {
    await Promise.all(save.mock.results.map((r) => r.value as Promise<unknown>));
  });
}

describe('draft autosave', () => {
  it('writes once after a pause in typing, with the latest form', async () => {
    const store = drafts();
    const save = vi.spyOn(store, 'save');
    const { rerender, result } = renderHook(({ form }) => useDraftAutosave(store, 'd1', null, form, true), { initialProps: { form: { summary: 'a' } } });
    rerender({ form: { summary: 'ab' } });
    rerender({ form: { summary: 'abc' } });
    act(() => {
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS - 1);
    });
    expect(save).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(save).toHaveBeenCalledTimes(1);
    await writesStored(save);
    expect((await store.get('d1'))?.form).toEqual({ summary: 'abc' });
    expect(result.current.savedAt).not.toBeNull();
  });

  it('writes nothing while the form is untouched', () => {
    const store = drafts();
    const save = vi.spyOn(store, 'save');
    renderHook(() => useDraftAutosave(store, 'd2', null, { summary: '' }, false));
    act(() => {
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 10);
    });
    expect(save).not.toHaveBeenCalled();
  });

  it('a form that goes away saves what was waiting; a cancelled one does not', async () => {
    const store = drafts();
    const save = vi.spyOn(store, 'save');
    const kept = renderHook(({ form }) => useDraftAutosave(store, 'kept', null, form, true), { initialProps: { form: { n: 1 } } });
    kept.unmount();
    const dropped = renderHook(({ form }) => useDraftAutosave(store, 'dropped', 'r1', form, true), { initialProps: { form: { n: 2 } } });
    dropped.result.current.cancel();
    dropped.unmount();
    act(() => {
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 10);
    });
    expect(save.mock.calls.map((c) => c[0])).toEqual(['kept']);
    await writesStored(save);
    expect((await store.list()).map((d) => d.id)).toEqual(['kept']);
  });

  it('a hidden page (window closing) writes at once', async () => {
    const store = drafts();
    const save = vi.spyOn(store, 'save');
    renderHook(() => useDraftAutosave(store, 'd3', null, { n: 3 }, true));
    window.dispatchEvent(new Event('pagehide'));
    // At once: no timer has run.
    expect(save).toHaveBeenCalledTimes(1);
    await writesStored(save);
    expect((await store.get('d3'))?.form).toEqual({ n: 3 });
  });
});
