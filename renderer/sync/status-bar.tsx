import { formatDateTime, t } from '../i18n/i18n';
import { useServices } from '../app/services';
import { useSyncStatus } from './use-sync-status';

/** Online state, changes waiting, last sync, and the last error in words a field officer can act on. */
export function StatusBar() {
  const { sync } = useServices();
  const status = useSyncStatus(sync);
  return (
    <footer className="status-bar" aria-label="Sync status">
      <span className={status.online ? 'pill pill-online' : 'pill pill-offline'} data-testid="online-state">
        {status.online ? t('status.online') : t('status.offline')}
      </span>
      <span data-testid="pending-count">
        {status.pending > 0 ? t('status.pending', { count: status.pending }) : t('status.allSynced')}
      </span>
      <span data-testid="last-sync">
        {!status.enrolled
          ? t('status.notEnrolled')
          : status.syncing
            ? t('status.syncing')
            : status.lastSyncAt
              ? t('status.lastSync', { time: formatDateTime(status.lastSyncAt) })
              : t('status.neverSynced')}
      </span>
      {status.error && (
        <span className="status-error" role="alert" data-testid="sync-error">
          {t(`syncError.${status.error}`)}
        </span>
      )}
      {status.enrolled && (
        <button
          type="button"
          className="link-button"
          onClick={() => void sync.syncNow()}
          disabled={status.syncing || !status.online}
        >
          {t('status.syncNow')}
        </button>
      )}
    </footer>
  );
}
