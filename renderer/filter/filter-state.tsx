/**
 * The one filter state the list, the map and the report share: period, kinds,
 * review statuses, missions and places. Kept for the session, so that moving between
 * screens keeps what the user chose.
 */
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Mission, ObservationKind, ReviewStatus } from '../../shared/observations/codelists';
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
}

const STORAGE_KEY = 'routewatch.filter';

export function defaultFilter(now: Date): FilterState {
  const from = new Date(now);
  from.setDate(from.getDate() - 29);
  return { fromDate: toDateInput(from), toDate: toDateInput(now), kinds: [], statuses: [], missions: [], placeIds: [] };
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

function load(): FilterState {
  const fallback = defaultFilter(new Date());
  try {
    const saved = sessionStorage.getItem(STORAGE_KEY);
    return saved ? { ...fallback, ...(JSON.parse(saved) as Partial<FilterState>) } : fallback;
  } catch {
    return fallback;
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
