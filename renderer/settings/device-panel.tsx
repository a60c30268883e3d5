/**
 * "This device": who and where it is enrolled (user, office, role, server, device name),
 * what it holds that the server has not accepted, and when it last synced.
 */
import { useId } from 'react';
import { hrefFor } from '../app/hash-route';
import { formatDateTime, t } from '../i18n/i18n';
import type { Enrolment } from '../store/meta-keys';
import type { SyncStatus } from '../sync/sync-status';

export function DevicePanel({ enrolment, status }: { enrolment: Enrolment; status: SyncStatus }) {
  const id = useId();
  const userName = status.userName ?? enrolment.userName ?? null;
  return (
    <section className="settings-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.deviceTitle')}</h2>
      <dl className="identity-list" data-testid="enrolled">
        {userName !== null && (
          <>
            <dt>{t('settings.userName')}</dt>
            <dd data-testid="enrolled-user">{userName}</dd>
          </>
        )}
        <dt>{t('settings.office')}</dt>
        <dd data-testid="enrolled-office">{enrolment.office}</dd>
        <dt>{t('settings.role')}</dt>
        <dd>{t(`role.${enrolment.role ?? 'field_monitor'}`)}</dd>
        <dt>{t('settings.server')}</dt>
        <dd className="break-anywhere">{enrolment.serverUrl}</dd>
        <dt>{t('settings.deviceName')}</dt>
        <dd>
          {enrolment.deviceName ?? (
            <>
              {t('settings.deviceNameUnknown')} <span className="muted small">{t('settings.deviceIdShort', { id: enrolment.deviceId })}</span>
            </>
          )}
        </dd>
        <dt>{t('settings.enrolledAt')}</dt>
        <dd>{enrolment.enrolledAt ? formatDateTime(enrolment.enrolledAt) : '—'}</dd>
        <dt>{t('settings.lastSync')}</dt>
        <dd>{status.lastSyncAt ? formatDateTime(status.lastSyncAt) : t('status.neverSynced')}</dd>
        <dt>{t('settings.waiting')}</dt>
        <dd data-testid="device-waiting">{t('settings.waitingCount', { count: status.pending })}</dd>
        {status.attention > 0 && (
          <>
            <dt>{t('settings.refused')}</dt>
            <dd>
              <a href={hrefFor('attention')}>{t('status.attention', { count: status.attention })}</a>
            </dd>
          </>
        )}
      </dl>
      {/* "Sync now" is the status bar's, always on screen: one button, not two of one name. */}
      {!status.revoked && !status.online && <p className="muted small">{t('settings.offlineNote')}</p>}
    </section>
  );
}
