import { useEffect, useState } from 'react';
import { queryWords } from '../../shared/text/text-match';
import type { DayIndexRow } from '../store/day-index';
import type { RoutewatchDatabase } from '../store/database';
import { searchSummaries } from '../store/text-search';

/** Typing pause before a search starts: a search per keystroke would read records for words nobody wanted. */
export const SEARCH_DEBOUNCE_MS = 250;
/** Progress reaches the screen at most this often: each update filters and draws the list again. */
const PROGRESS_INTERVAL_MS = 120;

export interface SummarySearchState {
  /** The folded words searched for, space-separated. */
  words: string;
  /** One byte per entry of the index searched: 1 where the summary matches (so far). */
  mask: Uint8Array;
  done: number;
  total: number;
  finished: boolean;
  failed: boolean;
}

interface Running extends SummarySearchState {
  index: DayIndexRow;
}

/**
 * The summary search of the list: the words of `text` (after a pause in typing) over
 * the entries of `index` (what the day index filter left), newest first. Null when
 * there are no words: no text filter. A new index or new words cancel the search
 * under way.
 */
export function useSummarySearch(db: RoutewatchDatabase, index: DayIndexRow | undefined, text: string): SummarySearchState | null {
  const typed = queryWords(text).join(' ');
  const [words, setWords] = useState(typed);
  const [state, setState] = useState<Running | null>(null);

  useEffect(() => {
    // Clearing the words shows every record at once; new words wait for a pause.
    if (typed === '') {
      setWords('');
      return undefined;
    }
    const timer = setTimeout(() => setWords(typed), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  useEffect(() => {
    if (!index || words === '') {
      setState(null);
      return undefined;
    }
    const controller = new AbortController();
    const total = index.ids.length;
    setState({ index, words, mask: new Uint8Array(total), done: 0, total, finished: false, failed: false });
    let shownAt = performance.now();
    searchSummaries(db, index, words, {
      signal: controller.signal,
      onProgress: (p) => {
        const now = performance.now();
        if (now - shownAt < PROGRESS_INTERVAL_MS) return;
        shownAt = now;
        // A new object each time, so that React renders; the mask is the same array, filled further.
        setState({ index, words, mask: p.mask, done: p.done, total, finished: false, failed: false });
      },
    }).then(
      (p) => setState({ index, words, mask: p.mask, done: p.done, total, finished: true, failed: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        console.error('summary search failed', error);
        setState((current) => (current ? { ...current, finished: true, failed: true } : current));
      },
    );
    return () => controller.abort();
  }, [db, index, words]);

  if (words === '' || !index) return null;
  // Until the search of this index and these words has started, nothing has matched yet.
  if (!state || state.index !== index || state.words !== words) {
    return { words, mask: new Uint8Array(index.ids.length), done: 0, total: index.ids.length, finished: false, failed: false };
  }
  return state;
}
