/**
 * "Needs attention" (#/attention): the changes the server refused, each with what was
 * refused, why in words a field officer can act on, the server's own message beside it,
 * and when; "Edit and resend" opens the record's form (saving it resends the record and
 * clears its refusal); "Export waiting changes" saves everything not yet accepted.
 *
 * Every value from a record or from the server is rendered as React text.
 */
import { useEffect, useId, useState } from 'react';
import { useServices } from '../app/services';
import { hrefFor } from '../app/hash-route';
import { codelistLabel } from '../i18n/codelist-label';
import { formatDateTime, t } from '../i18n/i18n';
import { locationLabel } from '../observations/observation-labels';
import type { AttentionRow } from './attention-types';
import { ExportWaitingButton } from './export-waiting-button';
import type { SaveFile } from './waiting-export';
import { useSyncStatus } from '../sync/use-sync-status';
import './attention.css';

export function AttentionScreen({ save }: { save?: SaveFile }) {
  const services = useServices();
  const status = useSyncStatus(services.sync);
  const id = useId();
  const [rows, setRows] = useState<AttentionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Read again whenever the count changes: a resend clears rows, a round can add some.
  useEffect(() => {
    const run = { live: true };
    services.store
      .attentionItems()
      .then((items) => {
        if (run.live) setRows(items);
      })
      .catch((e: unknown) => {
        if (run.live) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      run.live = false;
    };
  }, [services, status.attention]);

  const waiting = status.pending + status.attention > 0 || (rows !== null && rows.length > 0);

  return (
    <section className="screen attention-screen" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('attention.title')}</h1>
      {error !== null && (
        <p className="field-error" role="alert">
          {t('common.error', { message: error })}
        </p>
      )}
      {rows === null && error === null && <p className="muted">{t('attention.loading')}</p>}
      {rows !== null && rows.length === 0 && (
        <p className="notice" data-testid="attention-empty">
          {t('attention.empty')}
        </p>
      )}
      {rows !== null && rows.length > 0 && (
        <>
          <p className="attention-intro">{t('attention.intro')}</p>
          <p className="muted" data-testid="attention-count">
            {t('attention.count', { count: rows.length })}
          </p>
        </>
      )}
      {waiting && <ExportWaitingButton save={save} />}
      {rows !== null && rows.length > 0 && (
        <ol className="attention-list">
          {rows.map((row) => (
            <AttentionItem key={row.changeId} row={row} />
          ))}
        </ol>
      )}
    </section>
  );
}

function AttentionItem({ row }: { row: AttentionRow }) {
  const { placesById } = useServices();
  const id = useId();
  const { record } = row;
  const kind = codelistLabel('kind', record.kind);
  const place = locationLabel(record, placesById);
  const title = [kind, place].filter((part) => part !== '').join(' · ');
  return (
    <li className="attention-item" aria-labelledby={`${id}-what`} data-testid="attention-item" data-record-id={row.recordId}>
      <div className="attention-what">
        <p className="attention-label" aria-hidden="true">
          {record.deleted ? t('attention.whatDeleted') : t('attention.what')}
        </p>
        <h2 id={`${id}-what`} className="attention-record">
          {record.deleted && <span className="visually-hidden">{t('attention.whatDeleted')} </span>}
          {title}
        </h2>
        <p className="attention-observed muted">
          <time dateTime={record.observedStart}>{t('attention.observed', { time: formatDateTime(record.observedStart) })}</time>
        </p>
        <p className="attention-summary">{record.summary.trim() === '' ? t('attention.noSummary') : record.summary}</p>
      </div>
      <div className="attention-why">
        <h3 className="attention-label">{t('attention.why')}</h3>
        <p className="attention-reason">{t(`changeRefusal.${row.code}`)}</p>
        {row.message.trim() !== '' && <p className="attention-server muted small">{t('attention.serverSaid', { message: row.message })}</p>}
        <p className="muted small">
          <time dateTime={row.at}>{t('attention.refusedAt', { time: formatDateTime(row.at) })}</time>
        </p>
      </div>
      <div className="attention-actions">
        {record.deleted ? (
          <p className="muted small">{t('attention.deleted')}</p>
        ) : row.code === 'identity_mismatch' ? (
          // Made under another user or office: no edit on this device can resend it (the
          // form refuses another author's record), so no button promises one.
          <p className="muted small">{t('attention.otherIdentity')}</p>
        ) : (
          <a
            className="button-link primary"
            href={hrefFor('edit', { id: row.recordId })}
            aria-label={t('attention.editResendLabel', { record: title })}
          >
            {t('attention.editResend')}
          </a>
        )}
      </div>
    </li>
  );
}
