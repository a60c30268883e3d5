import { useEffect, useId, useState } from 'react';
import type { SyntheticEvent } from 'react';
import { SyncError } from '../../shared/sync/sync-engine';
import { useServices } from '../app/services';
import { UserPanel } from '../app/user-panel';
import { t } from '../i18n/i18n';
import { useSyncStatus } from '../sync/use-sync-status';
import type { Enrolment } from '../store/meta-keys';
import { TileSettingsPanel } from './tile-settings-panel';
import { TrainingPanel } from './training-panel';

/** Enrolment with the HQ server and the sync state of this device. */
export function SettingsScreen() {
  const { store, sync, platform } = useServices();
  const status = useSyncStatus(sync);
  const id = useId();
  const [serverUrl, setServerUrl] = useState(() => platform.defaultServerUrl());
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void store.getMeta('enrolment').then((e) => setEnrolment(e ?? null));
  }, [store, status.enrolled]);

  async function enrol(event: SyntheticEvent) {
    event.preventDefault();
    setMessage(null);
    let url: URL;
    try {
      url = new URL(serverUrl.trim());
    } catch {
      setMessage(t('settings.badUrl'));
      return;
    }
    setBusy(true);
    try {
      await sync.enrol(url.href, code, deviceName.trim() || 'Routewatch device');
      setCode('');
    } catch (error) {
      setMessage(error instanceof SyncError ? t(`syncError.${error.code}`) : t('settings.badUrl'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="screen form-screen" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('settings.title')}</h1>
      {enrolment ? (
        <p className="notice" data-testid="enrolled">
          {t('settings.enrolled', { server: enrolment.serverUrl, office: enrolment.office })}
        </p>
      ) : (
        <form onSubmit={(e) => void enrol(e)} className="observation-form narrow" noValidate>
          <h2>{t('settings.enrolTitle')}</h2>
          <p className="muted">{t('settings.enrolHelp')}</p>
          <div className="field">
            <label htmlFor={`${id}-url`}>{t('settings.serverUrl')}</label>
            <input id={`${id}-url`} type="url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-code`}>{t('settings.code')}</label>
            <input
              id={`${id}-code`}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-device`}>{t('settings.deviceName')}</label>
            <input id={`${id}-device`} value={deviceName} onChange={(e) => setDeviceName(e.target.value)} maxLength={100} />
          </div>
          {message && (
            <p className="field-error" role="alert">
              {message}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('settings.enrol')}
          </button>
        </form>
      )}
      <UserPanel />
      <TrainingPanel />
      <TileSettingsPanel />
    </section>
  );
}
