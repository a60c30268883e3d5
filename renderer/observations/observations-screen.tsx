import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState } from 'react';
import type { Observation } from '../../shared/observations/observation-schema';
import { useServices } from '../app/services';
import { FilterBar } from '../filter/filter-bar';
import { toIndexFilter, useFilter } from '../filter/filter-state';
import { formatDateTime, formatNumber, t } from '../i18n/i18n';
import type { DayIndexRow } from '../store/day-index';
import { locationLabel } from './observation-labels';

type SortKey = 'time' | 'persons';
const ROW_HEIGHT = 36;

/** Row order for a sort: a permutation of the index entries, so 200,000 rows sort without copying records. */
function sortOrder(index: DayIndexRow, key: SortKey, descending: boolean): Uint32Array {
  const order = new Uint32Array(index.ids.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const column = key === 'time' ? index.time : index.persons;
  const sign = descending ? -1 : 1;
  return order.sort((a, b) => sign * ((column[a] ?? 0) - (column[b] ?? 0)) || ((index.time[b] ?? 0) - (index.time[a] ?? 0)));
}

/**
 * The Observations screen: the shared filter over the compact day index, and a
 * virtualised table that reads full records only for the rows on screen.
 */
export function ObservationsScreen({ notice }: { notice: string | null }) {
  const { store, placesById } = useServices();
  const { filter } = useFilter();
  const indexFilter = toIndexFilter(filter);
  const index = useLiveQuery(() => (indexFilter ? store.queryIndex(indexFilter) : undefined), [store, JSON.stringify(indexFilter)]);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'time', descending: true });
  const order = useMemo(() => (index ? sortOrder(index, sort.key, sort.descending) : new Uint32Array(0)), [index, sort]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const visibleIds = items.map((item) => index?.ids[order[item.index] ?? 0] ?? '');
  const visible = useLiveQuery(() => store.db.observations.bulkGet(visibleIds), [store, visibleIds.join(',')]);
  const byId = useMemo(() => {
    const map = new Map<string, Observation>();
    for (const record of visible ?? []) if (record) map.set(record.id, record);
    return map;
  }, [visible]);
  const totalPersons = useMemo(() => index?.persons.reduce((a, b) => a + b, 0) ?? 0, [index]);

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
            {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
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
      <FilterBar />
      {index === undefined ? (
        <p>{t('common.loading')}</p>
      ) : order.length === 0 ? (
        <p className="empty">{t('observations.empty')}</p>
      ) : (
        <>
          <p className="muted" data-testid="observations-count">
            {t('observations.count', { count: order.length })} · {t('observations.personsTotal', { count: totalPersons })}
          </p>
          <div className="vtable" role="table" aria-label={t('observations.title')} aria-rowcount={order.length + 1} data-testid="observations-table">
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
                        {formatDateTime(new Date(index.time[order[item.index] ?? 0] ?? 0).toISOString())}
                      </div>
                      <div role="cell" className="cell">
                        {record ? t(`codelist.kind.${record.kind}`) : ''}
                      </div>
                      <div role="cell" className="cell">
                        {record ? locationLabel(record, placesById) : ''}
                      </div>
                      <div role="cell" className="cell num">
                        {formatNumber(index.persons[order[item.index] ?? 0] ?? 0)}
                      </div>
                      <div role="cell" className="cell summary-cell" title={record?.summary}>
                        {record?.summary ?? ''}
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
