import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState } from 'react';
import type { Observation } from '../../shared/observations/observation-schema';
import { hrefFor } from '../app/hash-route';
import { useServices } from '../app/services';
import { FilterBar } from '../filter/filter-bar';
import { hasNarrowing, useFilter } from '../filter/filter-state';
import { useFilteredIndex } from '../filter/use-filtered-index';
import { formatDateTime, formatNumber, t } from '../i18n/i18n';
import type { DayIndexRow } from '../store/day-index';
import { entryMeasures } from '../../shared/reports/entry-measures';
import { MeasureCounts } from '../reports/measure-counts';
import { locationLabel } from './observation-labels';
import type { SummarySearchState } from './use-summary-search';
import { SearchStatus } from '../filter/search-status';
import { ExportControl } from '../export/export-control';
import './observations-list.css';
import { ArrowDown, ArrowUp, MapPin } from 'lucide-react';

type SortKey = 'time' | 'persons';
const ROW_HEIGHT = 36;
const MAX_FETCHED_ROWS = 2000;

/** Row order for a sort: a permutation of the index entries, so 200,000 rows sort without copying records. */
function sortOrder(index: DayIndexRow, key: SortKey, descending: boolean): Uint32Array {
  const order = new Uint32Array(index.ids.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const column = key === 'time' ? index.time : index.persons;
  const sign = descending ? -1 : 1;
  return order.sort((a, b) => sign * ((column[a] ?? 0) - (column[b] ?? 0)) || ((index.time[b] ?? 0) - (index.time[a] ?? 0)));
}

/** The rows of `order` whose summary matched, in the same order: sorting stays as chosen while words narrow the list. */
function matchingRows(order: Uint32Array, search: SummarySearchState | null): Uint32Array {
  if (search === null) return order;
  const { mask } = search;
  return order.filter((position) => mask[position] === 1);
}

/** The detail view of a record (its screen and route belong to the record view). */
export function observationHref(id: string): string {
  return `#/observation?id=${encodeURIComponent(id)}`;
}

/**
 * The Observations screen: the shared filter over the compact day index, then the
 * words of the filter over the summaries of what the index left (searched in chunks,
 * see renderer/store/text-search.ts), and a virtualised table that reads full records
 * only for the rows on screen.
 */
export function ObservationsScreen({ notice }: { notice: string | null }) {
  const { store, placesById } = useServices();
  const { filter } = useFilter();
  const { index, search, invalidPeriod } = useFilteredIndex(filter);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'time', descending: true });
  const sorted = useMemo(() => (index ? sortOrder(index, sort.key, sort.descending) : new Uint32Array(0)), [index, sort]);
  const order = useMemo(() => matchingRows(sorted, search), [sorted, search]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const visibleIds = items.map((item) => index?.ids[order[item.index] ?? 0] ?? '');
  const visible = useLiveQuery(() => store.getObservations(visibleIds), [store, visibleIds.join(',')]);
  // Records already fetched stay at hand while the rows change (a search adding matches
  // moves rows every few hundred ms), so a row seen before never blinks empty; the live
  // query replaces any that changed. Bounded: a long scroll starts afresh.
  const fetched = useRef(new Map<string, Observation>());
  const byId = useMemo(() => {
    const map = fetched.current;
    if (map.size > MAX_FETCHED_ROWS) map.clear();
    for (const record of visible ?? []) if (record) map.set(record.id, record);
    return map;
  }, [visible]);
  // The totals by measure (persons seen moving, at sites as each site's latest count), as on the map.
  const measures = useMemo(
    () => (index ? entryMeasures(index, order, (i) => index.placeId[i] ?? `${index.lat[i] ?? ''},${index.lon[i] ?? ''}`) : null),
    [index, order],
  );
  const searching = search !== null && !search.finished;

  const header = (key: SortKey | null, label: string, className?: string) => {
    const active = key !== null && sort.key === key;
    return (
      <div
        role="columnheader"
        className={`cell ${className ?? ''}`}
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
      >
        {key === null ? (
          label
        ) : (
          <button
            type="button"
            className="sort-button"
            onClick={() => setSort({ key, descending: active ? !sort.descending : true })}
          >
            {label}
            {/* The column header's aria-sort says the order; the arrow only shows it. */}
            {active && (sort.descending ? <ArrowDown className="sort-icon" aria-hidden="true" /> : <ArrowUp className="sort-icon" aria-hidden="true" />)}
          </button>
        )}
      </div>
    );
  };

  return (
    <section className="screen list-screen" aria-labelledby="observations-title">
      <h1 id="observations-title">{t('observations.title')}</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <FilterBar status={<SearchStatus search={search} />} />
      {invalidPeriod ? null : index === undefined ? (
        <p>{t('common.loading')}</p>
      ) : order.length === 0 && !searching ? (
        <p className="empty" data-testid="observations-empty">
          {hasNarrowing(filter) ? t('filter.noMatch') : t('observations.empty')}
        </p>
      ) : (
        <>
          <p
            className="muted"
            data-testid="observations-count"
            aria-live="polite"
            aria-busy={searching}
            data-search={search === null ? 'none' : searching ? 'searching' : 'done'}
            data-search-words={search?.words ?? ''}
          >
            {measures !== null && (
              <MeasureCounts
                measures={measures}
                records={`${t('observations.count', { count: order.length })}${
                  search !== null ? ` ${t(hasNarrowing({ ...filter, text: '' }) ? 'filter.ofFiltered' : 'filter.ofPeriod', { total: sorted.length })}` : ''
                }`}
              />
            )}
          </p>
          <ExportControl count={order.length} ids={() => Array.from(order, (position) => index.ids[position] ?? '')} busy={searching} />
          <div
            className="vtable"
            role="table"
            aria-label={t('observations.title')}
            aria-rowcount={order.length + 1}
            aria-busy={searching}
            data-testid="observations-table"
          >
            <div role="rowgroup">
              <div role="row" className="vrow vhead">
                {header('time', t('observations.col.observed'))}
                {header(null, t('observations.col.kind'))}
                {header(null, t('observations.col.place'))}
                {header('persons', t('observations.col.persons'), 'num')}
                {header(null, t('observations.col.summary'), 'summary-cell')}
                {header(null, t('observations.col.office'))}
                {header(null, t('observations.col.status'))}
              </div>
            </div>
            <div ref={scrollRef} className="vbody" role="rowgroup">
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {items.map((item) => {
                  const id = index.ids[order[item.index] ?? 0] ?? '';
                  const record = byId.get(id);
                  return (
                    <div
                      key={id}
                      role="row"
                      aria-rowindex={item.index + 2}
                      className="vrow"
                      data-id={id}
                      style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                    >
                      <div role="cell" className="cell">
                        <a className="row-link" href={observationHref(id)}>
                          {formatDateTime(new Date(index.time[order[item.index] ?? 0] ?? 0).toISOString())}
                        </a>
                      </div>
                      <div role="cell" className="cell">
                        {record ? t(`codelist.kind.${record.kind}`) : ''}
                      </div>
                      <div role="cell" className="cell place-cell">
                        <a
                          className="map-link"
                          href={hrefFor('map', { focus: id })}
                          aria-label={t('observations.showOnMap')}
                          title={t('observations.showOnMap')}
                        >
                          <MapPin aria-hidden="true" />
                        </a>
                        {record ? locationLabel(record, placesById) : ''}
                      </div>
                      <div role="cell" className="cell num">
                        {formatNumber(index.persons[order[item.index] ?? 0] ?? 0)}
                      </div>
                      <div role="cell" className="cell summary-cell" title={record?.summary}>
                        {record && record.summary !== '' ? (
                          // Not a second tab stop per row: the time link leads to the same record.
                          <a className="summary-link" href={observationHref(id)} tabIndex={-1}>
                            {record.summary}
                          </a>
                        ) : (
                          ''
                        )}
                      </div>
                      <div role="cell" className="cell">
                        {record?.office ?? ''}
                      </div>
                      <div role="cell" className="cell">
                        {record ? t(`codelist.reviewStatus.${record.reviewStatus}`) : ''}
                      </div>
                    </div>
                  );
                })}
              </div>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
