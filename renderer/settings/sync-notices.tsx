/**
 * What Device & sync says about the state sync is in, each from the one SyncStatus:
 * revoked, a mass change held for a decision, the clocks apart, a long pull under way.
 */
import { useId, useState } from 'react';
import { formatDateTime, formatNumber, t } from '../i18n/i18n';
import type { SyncControl } from '../attention/attention-types';
import type { SaveFile } from '../attention/waiting-export';
import { ExportWaitingButton } from '../attention/export-waiting-button';
import { progressText } from '../sync/status-bar';
import type { ClockSkewNotice, MassChangeHold } from '../sync/sync-status';
import type { SyncProgress } from '../../shared/sync/sync-engine';

export function RevokedBanner({ revokedAt, kept, save }: { revokedAt: string | null; kept: number; save?: SaveFile }) {
  const id = useId();
  return (
    <section className="settings-banner banner-danger" role="alert" aria-labelledby={`${id}-title`} data-testid="revoked-banner">
      <h2 id={`${id}-title`}>{t('settings.revokedTitle')}</h2>
      <p>
        {revokedAt === null
          ? t('settings.revoked', { count: kept })
          : t('settings.revokedOn', { date: formatDateTime(revokedAt), count: kept })}
      </p>
      <p className="muted">{t('settings.revokedHelp')}</p>
      <ExportWaitingButton save={save} primary />
    </section>
  );
}

export function MassChangePanel({ hold, sync }: { hold: MassChangeHold; sync: SyncControl }) {
  const id = useId();
  const [state, setState] = useState<'asking' | 'applying' | 'left' | { error: string }>('asking');
  async function apply() {
    setState('applying');
    try {
      await sync.confirmMassChange();
      // Applied, the hold is gone and this panel with it. Still here, the round stopped
      // before the page (offline, another error) or met another hold: ask again.
      setState('asking');
    } catch (e) {
      setState({ error: e instanceof Error ? e.message : String(e) });
    }
  }
  return (
    <section className="settings-banner banner-warning" aria-labelledby={`${id}-title`} data-testid="mass-change">
      <h2 id={`${id}-title`}>{t('settings.massTitle')}</h2>
      <p>
        {t('settings.massFigures', { deletes: formatNumber(hold.deletes), overwrites: formatNumber(hold.overwrites), held: formatNumber(hold.held) })}
      </p>
      <p className="muted">{t('settings.massHelp')}</p>
      {state === 'left' ? (
        <p role="status">{t('settings.massLeft')}</p>
      ) : (
        <div className="button-row">
          <button type="button" className="secondary danger" onClick={() => void apply()} disabled={state === 'applying'}>
            {t('settings.massApply')}
          </button>
          <button type="button" className="primary" onClick={() => setState('left')} disabled={state === 'applying'}>
            {t('settings.massLeave')}
          </button>
        </div>
      )}
      {typeof state === 'object' && (
        <p className="field-error" role="alert">
          {t('common.error', { message: state.error })}
        </p>
      )}
    </section>
  );
}

export function ClockSkewPanel({ skew }: { skew: ClockSkewNotice }) {
  const id = useId();
  return (
    <section className="settings-banner banner-warning" aria-labelledby={`${id}-title`} data-testid="clock-skew">
      <h2 id={`${id}-title`}>{t('settings.skewTitle')}</h2>
      <dl className="identity-list">
        <dt>{t('settings.skewDevice')}</dt>
        <dd>
          <time dateTime={skew.deviceTime}>{formatDateTime(skew.deviceTime)}</time>
        </dd>
        <dt>{t('settings.skewServer')}</dt>
        <dd>
          <time dateTime={skew.serverTime}>{formatDateTime(skew.serverTime)}</time>
        </dd>
      </dl>
      <p className="muted">{t('settings.skewHelp')}</p>
    </section>
  );
}

export function SyncProgressPanel({ progress }: { progress: SyncProgress }) {
  const total = progress.remaining === null ? undefined : progress.done + progress.remaining;
  const text = progressText(progress);
  return (
    <section className="settings-banner banner-info" data-testid="sync-progress" aria-live="polite">
      <p className="progress-line">
        <progress max={total} value={total === undefined ? undefined : progress.done} aria-label={text} /> <span>{text}</span>
      </p>
      {progress.phase === 'pull' && <p className="muted small">{t('settings.progressResumes')}</p>}
    </section>
  );
}
