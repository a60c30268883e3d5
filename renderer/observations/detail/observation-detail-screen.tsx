/**
 * #/observation?id=<uuid>: one record in full. Every field that holds a value, labelled
 * and as text (sensitive ones marked; one the server withheld from this device says so,
 * never reads as empty), its review state, its history, and what the user
 * may do with it: edit (the form's #/edit), delete (a tombstone, after a confirmation),
 * review. Who may do what is the rule book's answer (`can`, `accessReason`).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { can, roleMayEver } from '../../../shared/access/roles';
import type { RecordAction, User } from '../../../shared/access/roles';
import type { Observation } from '../../../shared/observations/observation-schema';
import { openConflicts } from '../../../shared/sync/revisions';
import { accessReason } from '../../app/access-reason';
import { useCurrentUserState } from '../../app/current-user';
import { hrefFor } from '../../app/hash-route';
import { useServices } from '../../app/services';
import { codelistLabel } from '../../i18n/codelist-label';
import { formatDateTime, t } from '../../i18n/i18n';
import { recordTitle } from '../../review/record-title';
import { ReviewActions } from '../../review/review-actions';
import type { RevisionRow } from '../../store/database';
import { blindWithheld, WithheldFieldsError } from '../../store/withheld-fields';
import { protectedFieldsUnreadable } from '../../store/sealed-rows';
import './detail.css';
import { RecordDevice } from './record-device';
import { recordSections } from './record-fields';
import type { FieldSection } from './record-fields';
import { historyOf } from './record-history';
import type { HistoryEntry } from './record-history';

export interface ObservationDetailScreenProps {
  recordId: string | null;
  /** After the record was deleted: the app goes back to the list with a notice. */
  onDeleted: () => void;
}

interface Loaded {
  record: Observation | undefined;
  revisions: RevisionRow[];
  /** Paths the server withheld from the last version of the record this device pulled. */
  withheld: string[];
}

export function ObservationDetailScreen({ recordId, onDeleted }: ObservationDetailScreenProps) {
  const { store } = useServices();
  const { loaded, user } = useCurrentUserState();
  const data = useLiveQuery(async (): Promise<Loaded> => {
    if (!recordId) return { record: undefined, revisions: [], withheld: [] };
    const [record, revisions, withheld] = await Promise.all([store.getObservation(recordId), store.revisionsOf(recordId), store.withheldFields(recordId)]);
    return { record, revisions, withheld };
  }, [store, recordId]);

  let body: ReactNode;
  if (data === undefined || !loaded) body = <p>{t('common.loading')}</p>;
  else if (data.record === undefined) body = <Missing text={t('detail.notFound')} />;
  else if (data.record.deleted) body = <Missing text={t('detail.deletedRecord')} />;
  else if (user !== null && !can(user, 'record.view', data.record)) body = <Missing text={accessReason(user, 'record.view', data.record) ?? ''} />;
  else return <Detail record={data.record} revisions={data.revisions} withheld={data.withheld} user={user} onDeleted={onDeleted} />;

  return (
    <section className="screen detail-screen" aria-labelledby="detail-title">
      <h1 id="detail-title">{t('detail.title')}</h1>
      {body}
    </section>
  );
}

function Missing({ text }: { text: string }) {
  return (
    <>
      <p className="notice" role="alert">
        {text}
      </p>
      <p>
        <a href={hrefFor('observations')}>{t('detail.backToList')}</a>
      </p>
    </>
  );
}

function Detail({
  record,
  revisions,
  withheld,
  user,
  onDeleted,
}: {
  record: Observation;
  revisions: RevisionRow[];
  withheld: readonly string[];
  user: User | null;
  onDeleted: () => void;
}) {
  const { placesById } = useServices();
  const ctx = { placesById };
  // Withheld and held nowhere on this device: shown as withheld, and the record locked.
  const blind = blindWithheld(record, withheld);
  const sections = recordSections(record, ctx, blind);
  const history = historyOf(record, revisions, ctx, withheld);
  const anySensitive = sections.some((s) => s.lines.some((l) => l.sensitive));
  // Its encrypted fields did not open (a damaged or moved ciphertext): none is shown, and the record is locked.
  const unreadable = protectedFieldsUnreadable(record);
  return (
    <article className="screen detail-screen" aria-labelledby="detail-title">
      <p className="muted small detail-kicker">{t('detail.title')}</p>
      <h1 id="detail-title">{recordTitle(record, placesById)}</h1>
      <p className="detail-status">
        <span className={`status-badge status-${record.reviewStatus}`} data-testid="detail-status">
          {codelistLabel('reviewStatus', record.reviewStatus)}
        </span>
        {record.training === true && (
          <span className="training-mark" data-testid="training-mark">
            {t('detail.trainingMark')}
          </span>
        )}
      </p>
      {record.review?.note && (
        <p className="notice review-note" data-testid="review-note">
          {t('detail.reviewNote', { reviewer: record.review.reviewer ?? '', note: record.review.note })}
        </p>
      )}
      {openConflicts(revisions).length > 0 && (
        <p className="notice conflict-notice" role="status" data-testid="conflict-notice">
          <strong>{t('detail.conflicted')}</strong> <a href={hrefFor('conflicts')}>{t('detail.conflictedLink')}</a>
        </p>
      )}
      {unreadable && (
        <p className="notice" role="alert" data-testid="protected-unreadable">
          {t('detail.protectedUnreadable')}
        </p>
      )}
      <RecordActions record={record} user={user} locked={blind.length > 0 ? 'withheld' : unreadable ? 'unreadable' : null} onDeleted={onDeleted} />
      {anySensitive && (
        <p className="muted small">
          <span className="sensitive-tag">{t('detail.sensitive')}</span> {t('detail.sensitiveHelp')}
        </p>
      )}
      {blind.length > 0 && (
        <p className="muted small" data-testid="withheld-help">
          {t('detail.withheldHelp')}
        </p>
      )}
      <div className="detail-sections">
        {sections.map((section) => (
          <SectionView key={section.id} section={section} />
        ))}
      </div>
      <HistoryView entries={history} />
    </article>
  );
}

function SectionView({ section }: { section: FieldSection }) {
  const id = useId();
  return (
    <section className={`detail-section detail-section-${section.id}`} aria-labelledby={id}>
      <h2 id={id}>{section.title}</h2>
      <dl>
        {section.lines.map((line) => (
          <div key={line.path} className={line.sensitive ? 'detail-line sensitive-field' : 'detail-line'} data-path={line.path}>
            <dt>
              {line.label}
              {line.sensitive && <span className="sensitive-tag">{t('detail.sensitive')}</span>}
            </dt>
            <dd>{line.withheld ? <span className="withheld-value">{line.value}</span> : line.path === 'device' ? <RecordDevice device={line.value} /> : line.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * Edit, Delete (with a confirmation step) and the review decisions, each as the rule book
 * allows; none of them on a record `locked` by fields withheld from this device (the
 * store refuses every write of it: sent, it would clear them on the server).
 */
function RecordActions({ record, user, locked, onDeleted }: { record: Observation; user: User | null; locked: 'withheld' | 'unreadable' | null; onDeleted: () => void }) {
  const { store, sync } = useServices();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A role that may never edit or delete has no use for the buttons; a nameless user sees why they are off.
  const offered = (action: RecordAction) => user === null || roleMayEver(user.role, action);
  const lockedReason = locked === 'withheld' ? t('detail.withheldLocked') : locked === 'unreadable' ? t('detail.protectedUnreadableLocked') : null;
  const editReason = accessReason(user, 'record.edit', record) ?? lockedReason;
  const deleteReason = accessReason(user, 'record.delete', record) ?? lockedReason;
  const reasons = [...new Set([offered('record.edit') ? editReason : null, offered('record.delete') ? deleteReason : null].filter((r) => r !== null))];

  async function remove() {
    setError(null);
    const current = await store.getObservation(record.id);
    // Decide on the record as stored now: a sync may have changed it since the screen drew it.
    const reason = current ? accessReason(user, 'record.delete', current) : t('detail.deletedRecord');
    if (reason !== null || user === null) {
      setError(reason);
      setConfirming(false);
      return;
    }
    try {
      await store.deleteObservation(record.id, user.name);
    } catch (failure) {
      // A pull may have withheld fields since the screen drew the record.
      if (!(failure instanceof WithheldFieldsError)) throw failure;
      setError(t('detail.withheldLocked'));
      setConfirming(false);
      return;
    }
    void sync.noteLocalChange();
    onDeleted();
  }

  return (
    <div className="detail-actions" role="group" aria-label={t('detail.actions')}>
      <div className="button-row">
        <a className="button-link secondary" href={hrefFor('map', { focus: record.id })}>
          {t('observations.showOnMap')}
        </a>
        {offered('record.edit') &&
          (editReason === null ? (
            <a className="button-link" href={hrefFor('edit', { id: record.id })}>
              {t('detail.edit')}
            </a>
          ) : (
            <button type="button" className="secondary" disabled aria-describedby={`${id}-reason`}>
              {t('detail.edit')}
            </button>
          ))}
        {offered('record.delete') && (
          <button
            type="button"
            className="secondary danger"
            disabled={deleteReason !== null || confirming}
            aria-describedby={deleteReason !== null ? `${id}-reason` : undefined}
            onClick={() => setConfirming(true)}
          >
            {t('detail.delete')}
          </button>
        )}
      </div>
      {reasons.length > 0 && (
        <p id={`${id}-reason`} className="review-reason">
          {reasons.join(' ')}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {confirming && (
        <div className="confirm-panel" role="alertdialog" aria-labelledby={`${id}-confirm`} aria-describedby={`${id}-confirm-text`}>
          <h2 id={`${id}-confirm`}>{t('detail.confirmDelete.title')}</h2>
          <p id={`${id}-confirm-text`}>{t('detail.confirmDelete.text')}</p>
          <div className="button-row">
            <button type="button" className="primary danger" onClick={() => void remove()}>
              {t('detail.confirmDelete.confirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)} autoFocus>
              {t('detail.confirmDelete.cancel')}
            </button>
          </div>
        </div>
      )}
      {locked === null && <ReviewActions record={record} user={user} />}
    </div>
  );
}

function HistoryView({ entries }: { entries: HistoryEntry[] }) {
  return (
    <section className="detail-history" aria-labelledby="detail-history-title">
      <h2 id="detail-history-title">{t('detail.historyTitle')}</h2>
      <p className="muted small">{t('detail.historyNote')}</p>
      <ol data-testid="history">
        {entries.map((entry) => (
          <li key={entry.key} className={`history-entry history-${entry.action}`}>
            <p className="history-head">
              <strong>{t(`detail.history.${entry.action}`)}</strong> <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>{' '}
              {entry.by !== '' && t('detail.history.who', { who: entry.by })}
              {entry.fromRecord && entry.action === 'review' && <span className="muted"> {t('detail.history.elsewhere')}</span>}
            </p>
            {entry.conflictKind !== undefined && (
              <p className="muted small">{entry.conflictKind === 'delete' ? t('detail.history.deleteConflictNote') : t('detail.history.conflictNote')}</p>
            )}
            {entry.changes.length > 0 && (
              <ul className="history-changes">
                {entry.changes.map((c) => (
                  <li key={c.field} className={c.sensitive ? 'sensitive-field' : undefined} data-field={c.field}>
                    <span className="history-field">{c.label}</span>
                    {c.sensitive && <span className="sensitive-tag">{t('detail.sensitive')}</span>}:{' '}
                    {c.withheld ? (
                      <span className="withheld-value">{t('detail.history.withheldChange')}</span>
                    ) : (
                      // Each value in its own bidi isolate: a value typed with an unclosed
                      // direction mark (RLE, RLO, RLI) would otherwise run on into the arrow
                      // and the other value, and show them reordered.
                      <>
                        <bdi className="history-before">{c.before}</bdi>
                        {' → '}
                        <bdi className="history-after">{c.after}</bdi>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
