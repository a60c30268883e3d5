/**
 * #/review: the supervisor's queue of submitted records of their office (HQ: every
 * office), oldest first. The queue is the `[reviewStatus+observedStart]` index range
 * (review-queue.ts): its size is counted, and the virtualised list reads the ids and
 * full records of the rows on screen only, so it stays quick with 100,000 submissions.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState } from 'react';
import { roleMayEver } from '../../shared/access/roles';
import type { User } from '../../shared/access/roles';
import type { Observation } from '../../shared/observations/observation-schema';
import { useCurrentUserState } from '../app/current-user';
import { hrefFor } from '../app/hash-route';
import { useServices } from '../app/services';
import { UserPanel } from '../app/user-panel';
import { codelistLabel } from '../i18n/codelist-label';
import { formatDateTime, t } from '../i18n/i18n';
import { locationLabel } from '../observations/observation-labels';
import { recordTitle } from './record-title';
import { ReviewActions } from './review-actions';
import type { Decision } from './review-actions';
import { queueIds, queueIndex, queueLength, queueScope } from './review-queue';
import type { QueueScope } from './review-queue';

/** Rows with the decision buttons, and without (roles that only read). */
const ROW_HEIGHT = 96;
const READ_ROW_HEIGHT = 64;

export function ReviewScreen() {
  const { loaded, user } = useCurrentUserState();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="screen review-screen" aria-labelledby="review-title">
      <h1 id="review-title">{t('review.title')}</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {!loaded ? (
        <p>{t('common.loading')}</p>
      ) : user === null ? (
        <>
          <p className="notice">{t('review.needName')}</p>
          <UserPanel />
        </>
      ) : (
        <ReviewQueue user={user} onNotice={setNotice} />
      )}
    </section>
  );
}

function ReviewQueue({ user, onNotice }: { user: User; onNotice: (text: string) => void }) {
  const { store, placesById } = useServices();
  const scope: QueueScope = queueScope(user);
  const scopeKey = scope.kind === 'office' ? scope.office : scope.kind;
  const index = useLiveQuery(() => queueIndex(store.db, scope), [store, scopeKey]);
  const length = index === undefined ? undefined : queueLength(index);
  const reviews = roleMayEver(user.role, 'record.verify');
  const rowHeight = reviews ? ROW_HEIGHT : READ_ROW_HEIGHT;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: length ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 4,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  // Only the rows on screen: their ids at their positions, then their records.
  const page = useLiveQuery(async () => {
    if (index === undefined) return undefined;
    const ids = await queueIds(store.db, index, first, last - first + 1);
    const records = await store.getObservations(ids);
    return { first, ids, records };
  }, [store, index, first, last]);
  const byPosition = useMemo(() => {
    const map = new Map<number, { id: string; record: Observation | undefined }>();
    page?.ids.forEach((id, i) => map.set(page.first + i, { id, record: page.records[i] }));
    return map;
  }, [page]);

  if (scope.kind === 'none') return <p className="notice">{t('review.noAccess', { role: t(`role.${user.role}`) })}</p>;
  const reviewed = (decision: Decision, record: Observation) => {
    const title = recordTitle(record, placesById);
    onNotice(
      decision === 'verify'
        ? t('review.done.verify', { record: title })
        : decision === 'return'
          ? t('review.done.return', { record: title, author: record.author })
          : t('review.done.reject', { record: title }),
    );
  };

  return (
    <>
      <p className="muted" data-testid="review-count">
        {length === undefined ? t('common.loading') : t('review.count', { count: length })} ·{' '}
        {scope.kind === 'all' ? t('review.scopeAll') : t('review.scopeOffice', { office: scope.office })}
      </p>
      {!reviews && <p className="notice">{t('review.readOnly', { role: t(`role.${user.role}`) })}</p>}
      {length === 0 ? (
        <p className="empty">{t('review.empty')}</p>
      ) : (
        <div ref={scrollRef} className="review-list" role="list" aria-label={t('review.list')} data-testid="review-queue">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const entry = byPosition.get(item.index);
              return (
                <div
                  key={entry?.id ?? `position-${item.index}`}
                  role="listitem"
                  className="review-item"
                  data-id={entry?.id}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)`, height: rowHeight }}
                >
                  {entry?.record ? <QueueItem record={entry.record} user={user} onReviewed={reviewed} /> : null}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </>
  );
}

function QueueItem({ record, user, onReviewed }: { record: Observation; user: User; onReviewed: (decision: Decision, record: Observation) => void }) {
  const { placesById } = useServices();
  if (record.deleted) return <p className="muted review-line">{t('review.item.deleted')}</p>;
  return (
    <>
      <div className="review-line review-head">
        <time dateTime={record.observedStart}>{formatDateTime(record.observedStart)}</time>
        <span className="review-kind">{codelistLabel('kind', record.kind)}</span>
        <span>{locationLabel(record, placesById)}</span>
        <span>{t('review.item.persons', { count: record.totalPersons })}</span>
        <span className="muted">{t('review.item.by', { author: record.author, office: record.office })}</span>
        <a className="review-open" href={hrefFor('observation', { id: record.id })}>
          {t('review.item.open')}
        </a>
      </div>
      <p className="review-line review-summary" title={record.summary}>
        {record.summary}
      </p>
      <ReviewActions record={record} user={user} onReviewed={onReviewed} />
    </>
  );
}
