/**
 * Saves the form to the device as it is typed: shortly after the last keystroke, when
 * the page is hidden or closed, and when the form goes away. Closing the window or a
 * crash loses at most the last half second of typing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftStore } from '../../store/draft-store';

/** Wait this long after the last change before writing: one write per pause, not per key. */
export const AUTOSAVE_DELAY_MS = 400;

export interface Autosave {
  /** When the draft was last written, or null before the first write. */
  savedAt: Date | null;
  /** Write now (Save draft); resolves when stored. */
  flush: () => Promise<void>;
  /** Drop what is waiting to be written: after a submit the draft is gone and must stay gone. */
  cancel: () => void;
}

/**
 * `form` is saved under `draftId` whenever it changes while `dirty` is true. Pass a new
 * `form` object on every change (state updates do).
 */
export function useDraftAutosave(drafts: DraftStore, draftId: string, recordId: string | null, form: unknown, dirty: boolean): Autosave {
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const pending = useRef<{ form: unknown } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const write = useCallback(async () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    if (next === null) return;
    pending.current = null;
    const row = await drafts.save(draftId, recordId, next.form);
    setSavedAt(new Date(row.updatedAt));
  }, [drafts, draftId, recordId]);

  useEffect(() => {
    if (!dirty) return;
    pending.current = { form };
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => void write(), AUTOSAVE_DELAY_MS);
  }, [form, dirty, write]);

  useEffect(() => {
    // `pagehide` and a hidden page are the last moments a closing window is sure to run code.
    const flushNow = () => void write();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flushNow();
    };
    window.addEventListener('pagehide', flushNow);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flushNow);
      document.removeEventListener('visibilitychange', onVisibility);
      flushNow();
    };
  }, [write]);

  const flush = useCallback(async () => {
    if (pending.current === null && dirty) pending.current = { form };
    await write();
  }, [write, form, dirty]);

  const cancel = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
  }, []);

  return { savedAt, flush, cancel };
}
