/**
 * The status bar tells the truth about this device's changes: online or not, how many
 * changes wait and why they wait (not enrolled, revoked), how many the server refused
 * (a link to "Needs attention"), the round under way, and the last error in words a
 * field officer can act on. "Sync now" always answers: when a round cannot run it says
 * why instead of being a dead, disabled button.
 */
import { useEffect, useState } from 'react';
import { hrefFor } from '../app/hash-route';
import { useServices } from '../app/services';
import { useSyncStatus } from './use-sync-status';
import { formatDateTime, formatNumber, t } from '../i18n/i18n';
import type { SyncProgress } from '../../shared/sync/sync-engine';
import type { SyncStatus } from './sync-status';

type Blocked = 'offline' | 'notEnrolled' | 'revoked';

/** Why "Sync now" cannot start a round, or null when it can. */
export function syncBlockedBy(status: SyncStatus): Blocked | null {
  if (status.revoked) return 'revoked';
  if (!status.enrolled) return 'notEnrolled';
  if (!status.online) return 'offline';
  return null;
}

/** "Receiving records: 12,000 of 100,000", or without the total when the server has not said it. */
export function progressText(progress: SyncProgress): string {
  const done = formatNumber(progress.done);
  if (progress.phase === 'push') {
    return progress.remaining === null
      ? t('status.progress.push', { done })
      : t('status.progress.pushOf', { done, total: formatNumber(progress.done + progress.remaining) });
  }
  return progress.remaining === null
    ? t('status.progress.pull', { done })
    : t('status.progress.pullOf', { done, total: formatNumber(progress.done + progress.remaining) });
}

/** What the device holds: never "All changes synced" unless a round has actually sent them all. */
function changesText(status: SyncStatus): string {
  // Kept: waiting in the outbox, and refused (set aside in "Needs attention").
  if (status.revoked) return t('status.revokedKept', { count: status.pending + status.attention });
  if (!status.enrolled) return status.pending > 0 ? t('status.keptNotEnrolled', { count: status.pending }) : t('status.notEnrolled');
  if (status.pending > 0) return t('status.pending', { count: status.pending });
  // Refused changes have not synced: "All" would not be true while any wait in Needs attention.
  if (status.attention > 0) return t('status.othersSynced');
  return status.lastSyncAt === null ? t('status.nothingWaiting') : t('status.allSynced');
}

function syncText(status: SyncStatus): string | null {
  if (status.revoked || !status.enrolled) return null;
  if (status.syncing) return status.progress ? progressText(status.progress) : t('status.syncing');
  if (status.elsewhere) return t('status.syncingElsewhere');
  return status.lastSyncAt ? t('status.lastSync', { time: formatDateTime(status.lastSyncAt) }) : t('status.neverSynced');
}

export function StatusBar() {
  const { sync } = useServices();
  const status = useSyncStatus(sync);
  const blocked = syncBlockedBy(status);
  // The reason is shown after a click, for as long as it holds.
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (blocked === null) setAsked(false);
  }, [blocked]);
  const line = syncText(status);
  // Revoked, not enrolled and a held mass change are already said above; their error codes would repeat it.
  const error =
    (status.error === 'device_revoked' && status.revoked) || (status.error === 'not_enrolled' && !status.enrolled) || (status.error === 'mass_change' && status.massChange !== null)
      ? null
      : status.error;

  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      <span className={status.online ? 'pill pill-online' : 'pill pill-offline'} data-testid="online-state">
        {status.online ? t('status.online') : t('status.offline')}
      </span>
      <span data-testid="pending-count" className={status.revoked ? 'status-error' : undefined}>
        {changesText(status)}
      </span>
      {status.attention > 0 && (
        <a href={hrefFor('attention')} className="status-attention" data-testid="attention-link">
          {t('status.attention', { count: status.attention })}
        </a>
      )}
      {status.reportsWaiting > 0 && (
        <a href={hrefFor('reports/issued')} data-testid="reports-waiting-link">
          {t('issued.status.waiting', { count: status.reportsWaiting })}
        </a>
      )}
      {status.reportsRefused > 0 && (
        <a href={hrefFor('reports/issued')} className="status-attention" data-testid="reports-refused-link">
          {t('issued.status.refused', { count: status.reportsRefused })}
        </a>
      )}
      {status.massChange !== null && (
        <a href={hrefFor('settings')} className="status-error" data-testid="mass-change-link">
          {t('status.massChange')}
        </a>
      )}
      {line !== null && (
        <span data-testid="last-sync" aria-live="polite">
          {line}
        </span>
      )}
      {error && (
        <span className="status-error" role="alert" data-testid="sync-error">
          {t(`syncError.${error}`)}
        </span>
      )}
      <button
        type="button"
        className="link-button"
        onClick={() => {
          if (blocked === null) void sync.syncNow();
          else setAsked(true);
        }}
      >
        {t('status.syncNow')}
      </button>
      {asked && blocked !== null && (
        <span role="status" data-testid="sync-blocked">
          {t(`status.blocked.${blocked}`)}
        </span>
      )}
    </footer>
  );
}
