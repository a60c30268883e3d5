/**
 * #/conflicts: the records "edited in two places" (a conflict revision no answer names,
 * shared/sync/revisions.ts), each conflict with mine / theirs (or A / B) / merged per
 * field of its unit, and a pick per unit for whoever may edit the record (answering is
 * an edit: `mayResolveConflict`). A pick goes through the store as an ordinary edit with
 * a `resolve` revision, and syncs. Everything typed by users is rendered as text.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { can } from '../../shared/access/roles';
import type { User } from '../../shared/access/roles';
import type { Observation } from '../../shared/observations/observation-schema';
import { canonicalJson } from '../../shared/sync/canonical-json';
import { mayResolveConflict } from '../../shared/sync/revisions';
import { useCurrentUserState } from '../app/current-user';
import { hrefFor } from '../app/hash-route';
import { useServices } from '../app/services';
import { formatDateTime, t } from '../i18n/i18n';
import { fieldLabel, fieldValueText } from '../observations/detail/record-fields';
import { recordTitle } from '../review/record-title';
import { ObservationValidationError } from '../store/observation-store';
import { conflictView } from './conflict-model';
import type { ConflictSide, ConflictView } from './conflict-model';
import './conflicts.css';

interface ConflictedRecord {
  record: Observation;
  conflicts: ConflictView[];
}

export function ConflictsScreen() {
  const { store } = useServices();
  const { loaded, user } = useCurrentUserState();
  const data = useLiveQuery(async (): Promise<ConflictedRecord[]> => {
    // Read, not made: a live query may not write (the id exists once anything was recorded).
    const [identity, records] = await Promise.all([store.getMeta('identity'), store.conflictedRecords()]);
    const device = identity?.localDeviceId ?? '';
    return Promise.all(
      records.map(async ({ record, conflicts }) => {
        const history = await store.revisionsOf(record.id);
        return { record, conflicts: conflicts.flatMap((c) => conflictView(c, record, history, device) ?? []) };
      }),
    );
  }, [store]);
  const visible = (data ?? []).filter(({ record }) => user === null || can(user, 'record.view', record));
  // The answered conflict leaves the list at once: what happened is said above it.
  const [picked, setPicked] = useState(false);

  return (
    <section className="screen conflicts-screen" aria-labelledby="conflicts-title">
      <h1 id="conflicts-title">{t('conflicts.title')}</h1>
      <p className="muted conflicts-intro">{t('conflicts.intro')}</p>
      {picked && (
        <p className="notice" role="status" data-testid="conflicts-picked">
          {t('conflicts.picked')}
        </p>
      )}
      {data === undefined || !loaded ? (
        <p>{t('common.loading')}</p>
      ) : visible.length === 0 ? (
        <p className="notice" data-testid="conflicts-none">
          {t('conflicts.none')}
        </p>
      ) : (
        <ul className="conflicts-list" data-testid="conflicts-list">
          {visible.map((item) => (
            <li key={item.record.id}>
              <RecordConflicts item={item} user={user} onPicked={() => setPicked(true)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RecordConflicts({ item, user, onPicked }: { item: ConflictedRecord; user: User | null; onPicked: () => void }) {
  const { placesById } = useServices();
  const id = useId();
  const { record } = item;
  const title = recordTitle(record, placesById);
  return (
    <article className="conflict-record" aria-labelledby={id} data-record-id={record.id}>
      <h2 id={id}>
        {title}
        {record.deleted && <span className="conflict-deleted-tag">{t('conflicts.deletedRecord')}</span>}
      </h2>
      {!record.deleted && (
        <p className="small">
          <a href={hrefFor('observation', { id: record.id })}>{t('conflicts.openRecord')}</a>
        </p>
      )}
      {item.conflicts.map((conflict) => (
        <ConflictCard key={conflict.id} conflict={conflict} record={record} user={user} onPicked={onPicked} />
      ))}
    </article>
  );
}

function sideHeading(side: ConflictSide, kind: ConflictView['kind']): string {
  const name = t(`conflicts.side.${side.label}`);
  const note = kind === 'delete' && side.side === 'kept' ? t('conflicts.side.deleted') : side.side === 'dropped' ? t('conflicts.side.notKept') : t('conflicts.side.kept');
  return `${name} ${note}`;
}

function ConflictCard({ conflict, record, user, onPicked }: { conflict: ConflictView; record: Observation; user: User | null; onPicked: () => void }) {
  const { store, sync, placesById } = useServices();
  const ctx = { placesById };
  const headingId = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mayPick = user !== null && mayResolveConflict(user, record);
  // A review decision names its reviewer, and the server takes only the user's own name
  // there: someone else's decision is taken again through Review, not picked here.
  const pickable = (side: ConflictSide) => !side.values.review || reviewerOf(side.values.review) === user?.name || canonicalJson(side.values) === canonicalJson(conflict.merged);
  const anyUnpickable = mayPick && conflict.kind === 'edit' && conflict.sides.some((side) => !pickable(side));
  const title = conflict.kind === 'delete' ? t('conflicts.deleteTitle') : t('conflicts.editTitle', { fields: conflict.differing.map(fieldLabel).join(', ') });

  async function pick(values: Record<string, unknown> | null) {
    if (user === null) return;
    setError(null);
    setBusy(true);
    try {
      await store.resolveConflicts(record.id, [conflict.id], values === null ? null : { fields: conflict.fields, values }, user.name);
      void sync.noteLocalChange();
      onPicked();
    } catch (failure) {
      if (failure instanceof ObservationValidationError) setError(t('conflicts.pickFailed', { issues: failure.issues.map((issue) => fieldLabel(issue.field)).join(', ') }));
      else throw failure;
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={`conflict-card conflict-${conflict.kind}`} aria-labelledby={headingId} data-conflict-id={conflict.id}>
      <h3 id={headingId}>{title}</h3>
      {conflict.kind === 'delete' && <p className="small">{t('conflicts.deleteText')}</p>}
      <table className="conflict-table">
        <thead>
          <tr>
            <th scope="col">{t('conflicts.field')}</th>
            {conflict.sides.map((side) => (
              <th scope="col" key={side.side} data-side={side.side}>
                <span className="conflict-side-name">{sideHeading(side, conflict.kind)}</span>
                <span className="conflict-side-who muted small">{side.by !== null && side.at !== null ? t('conflicts.byWhen', { who: side.by, when: formatDateTime(side.at) }) : t('conflicts.whoUnknown')}</span>
              </th>
            ))}
            <th scope="col">{t('conflicts.merged')}</th>
          </tr>
        </thead>
        <tbody>
          {conflict.fields.map((field) => (
            <tr key={field} data-field={field} className={conflict.differing.includes(field) ? undefined : 'conflict-same'}>
              <th scope="row">{fieldLabel(field)}</th>
              {conflict.sides.map((side) => (
                <td key={side.side} className="conflict-value" data-side={side.side}>
                  {fieldValueText(field, side.values[field], ctx)}
                </td>
              ))}
              <td className="conflict-value conflict-merged">{fieldValueText(field, conflict.merged[field], ctx)}</td>
            </tr>
          ))}
        </tbody>
        {mayPick && conflict.kind === 'edit' && (
          <tfoot>
            <tr>
              <td />
              {conflict.sides.map((side) => (
                <td key={side.side}>
                  {pickable(side) && (
                    <button type="button" className="secondary" disabled={busy} data-pick={side.side} onClick={() => void pick(side.values)}>
                      {t('conflicts.keep')}
                    </button>
                  )}
                </td>
              ))}
              <td />
            </tr>
          </tfoot>
        )}
      </table>
      {mayPick && conflict.kind === 'delete' && (
        <p>
          <button type="button" className="secondary" disabled={busy} data-pick="delete" onClick={() => void pick(null)}>
            {t('conflicts.keepDeleted')}
          </button>
        </p>
      )}
      {!mayPick && <p className="review-reason">{t('conflicts.readOnly')}</p>}
      {anyUnpickable && <p className="review-reason">{t('conflicts.reviewElsewhere')}</p>}
      {error !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function reviewerOf(review: unknown): string | undefined {
  if (review === null || typeof review !== 'object') return undefined;
  const reviewer = (review as { reviewer?: unknown }).reviewer;
  return typeof reviewer === 'string' ? reviewer : undefined;
}

/** The count the navigation shows: records edited in two places that this user may see. */
export function useConflictCount(user: User | null): number {
  const { store } = useServices();
  return (
    useLiveQuery(async () => {
      const records = await store.conflictedRecords();
      return records.filter(({ record }) => user === null || can(user, 'record.view', record)).length;
    }, [store, user?.name, user?.role, user?.office]) ?? 0
  );
}
