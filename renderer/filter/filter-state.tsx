/**
 * The one filter state the list, the map and the report share: period, kinds,
 * review statuses, missions, places and words to find in the summary. Kept for the
 * session, so that moving between screens keeps what the user chose.
 */
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { MISSIONS, OBSERVATION_KINDS, REVIEW_STATUSES } from '../../shared/observations/codelists';
import type { Mission, ObservationKind, ReviewStatus } from '../../shared/observations/codelists';
import { queryWords } from '../../shared/text/text-match';
import { periodFromDates, toDateInput } from '../reports/report-period';
import type { IndexFilter } from '../store/day-index';

export interface FilterState {
  /** Local dates `YYYY-MM-DD`, both inclusive. */
  fromDate: string;
  toDate: string;
  kinds: ObservationKind[];
  statuses: ReviewStatus[];
  missions: Mission[];
  placeIds: string[];
  /**
   * Words the summary must hold, as typed (matched by shared/text/text-match.ts).
   * Not part of the index filter: the summary is not in the day index, so screens
   * narrow by `toIndexFilter` first and then search the summaries of what is left.
   */
  text: string;
}

/** Longest text kept in the filter: more is never a useful search. */
export const MAX_FILTER_TEXT = 200;

const STORAGE_KEY = 'routewatch.filter';

export function defaultFilter(now: Date): FilterState {
  const from = new Date(now);
  from.setDate(from.getDate() - 29);
  return { fromDate: toDateInput(from), toDate: toDateInput(now), kinds: [], statuses: [], missions: [], placeIds: [], text: '' };
}

/** The filter without kinds, statuses, missions, places or text: only the period stays. */
export function clearedFilter(state: FilterState): FilterState {
  return { ...state, kinds: [], statuses: [], missions: [], placeIds: [], text: '' };
}

/** Whether anything beyond the period narrows the filter. */
export function hasNarrowing(state: FilterState): boolean {
  return (
    state.kinds.length > 0 ||
    state.statuses.length > 0 ||
    state.missions.length > 0 ||
    state.placeIds.length > 0 ||
    queryWords(state.text).length > 0
  );
}

/** The store's filter for a filter state: local midnight of the first day to local midnight after the last. */
export function toIndexFilter(state: FilterState): IndexFilter | null {
  const period = periodFromDates(state.fromDate, state.toDate);
  if (period === null) return null;
  return {
    ...period,
    kinds: state.kinds,
    statuses: state.statuses,
    missions: state.missions,
    placeIds: state.placeIds,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function codesOf<T extends string>(value: unknown, allowed: readonly T[]): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return allowed.filter((code) => value.includes(code));
}

/**
 * A filter saved earlier in the session, field by field: a field missing (saved by an
 * older version, e.g. before `text` existed) or malformed takes its default, and codes
 * no longer known are dropped, so that a stale value never breaks the screens.
 */
export function filterFromStorage(saved: string | null, now: Date): FilterState {
  const fallback = defaultFilter(now);
  let parsed: unknown;
  try {
    parsed = saved === null ? null : JSON.parse(saved);
  } catch {
    return fallback;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return fallback;
  const value = parsed as Record<string, unknown>;
  const date = (v: unknown, otherwise: string) => (typeof v === 'string' && DATE.test(v) ? v : otherwise);
  const placeIds = Array.isArray(value.placeIds) ? value.placeIds.filter((id): id is string => typeof id === 'string') : undefined;
  return {
    fromDate: date(value.fromDate, fallback.fromDate),
    toDate: date(value.toDate, fallback.toDate),
    kinds: codesOf(value.kinds, OBSERVATION_KINDS) ?? fallback.kinds,
    statuses: codesOf(value.statuses, REVIEW_STATUSES) ?? fallback.statuses,
    missions: codesOf(value.missions, MISSIONS) ?? fallback.missions,
    placeIds: placeIds ?? fallback.placeIds,
    text: typeof value.text === 'string' ? value.text.slice(0, MAX_FILTER_TEXT) : fallback.text,
  };
}

function load(): FilterState {
  try {
    return filterFromStorage(sessionStorage.getItem(STORAGE_KEY), new Date());
  } catch {
    // sessionStorage itself may be refused (privacy settings).
    return defaultFilter(new Date());
  }
}

interface FilterContextValue {
  filter: FilterState;
  setFilter: (patch: Partial<FilterState>) => void;
}

const FilterContext = createContext<FilterContextValue | null>(null);

export function FilterProvider({ children }: { children: ReactNode }) {
  const [filter, setState] = useState(load);
  const setFilter = useCallback((patch: Partial<FilterState>) => {
    setState((current) => {
      const next = { ...current, ...patch };
      try {
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Storage may be full or refused; the filter still works for this page.
      }
      return next;
    });
  }, []);
  const value = useMemo(() => ({ filter, setFilter }), [filter, setFilter]);
  return <FilterContext.Provider value={value}>{children}</FilterContext.Provider>;
}

export function useFilter(): FilterContextValue {
  const value = useContext(FilterContext);
  if (value === null) throw new Error('useFilter outside FilterProvider');
  return value;
}
