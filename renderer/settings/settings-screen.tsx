/**
 * Device & sync: what this device is (enrolled user, office, role, server, device
 * name), the state sync is in (revoked, a mass change held, clocks apart, a long pull
 * under way), enrolment and "Enrol again", and the device's other settings. Laid out in
 * cards across the screen's width.
 */
import { useEffect, useId, useState } from 'react';
import { useServices } from '../app/services';
import { UserPanel } from '../app/user-panel';
import { t } from '../i18n/i18n';
import type { SaveFile } from '../attention/waiting-export';
import type { Enrolment } from '../store/meta-keys';
import { useSyncStatus } from '../sync/use-sync-status';
import { DevicePanel } from './device-panel';
import { EnrolForm } from './enrol-form';
import type { EnrolOutcome } from './enrol-form';
import { ClockSkewPanel, MassChangePanel, RevokedBanner, SyncProgressPanel } from './sync-notices';
import { TileSettingsPanel } from './tile-settings-panel';
import { TrainingPanel } from './training-panel';
import { LockSettingsPanel } from '../lock/lock-settings-panel';
import { reloadBetweenRounds, windowLocks } from './reload-between-rounds';
import './settings-screen.css';

interface Props {
  save?: SaveFile;
  /** Reloads the page (tests watch it instead). */
  reloadPage?: () => void;
}

export function SettingsScreen({ save, reloadPage = () => window.location.reload() }: Props) {
  const { store, platform, sync } = useServices();
  const status = useSyncStatus(sync);
  const id = useId();
  const [enrolment, setEnrolment] = useState<Enrolment | null | undefined>(undefined);
  const [outcome, setOutcome] = useState<EnrolOutcome | null>(null);
  // The server a switch the person allowed in the desktop app waits to be enrolled with
  // (main holds it, from before its answer); null otherwise, and always in web mode.
  // undefined until asked: the form's address waits for it.
  const [switchedTo, setSwitchedTo] = useState<string | null | undefined>(undefined);
  const onOutcome = (next: EnrolOutcome) => {
    setOutcome(next);
    // Main took another server: the page reloads itself to reach it, once no sync round runs.
    if (next.reloading === true) reloadBetweenRounds(windowLocks(), sync, reloadPage);
    // Enrolled: the switch is complete (main ends it when the device announces the new server).
    else if (next.ok) setSwitchedTo(null);
  };

  useEffect(() => {
    const run = { live: true };
    void platform.syncServerSwitch().then(
      (url) => {
        if (run.live) setSwitchedTo(url);
      },
      () => {
        if (run.live) setSwitchedTo(null);
      },
    );
    return () => {
      run.live = false;
    };
  }, [platform]);

  // Read again when the enrolment changes (enrolled, revoked, enrolled again, a new office or user).
  useEffect(() => {
    const run = { live: true };
    void store.getMeta('enrolment').then((e) => {
      if (run.live) setEnrolment(e ?? null);
    });
    return () => {
      run.live = false;
    };
  }, [store, status.enrolled, status.revoked, status.office, status.userName]);

  const showEnrolForm = enrolment !== undefined && switchedTo !== undefined && (enrolment === null || status.revoked || !status.enrolled);
  // Revoked, not enrolled, a held mass change and the clocks apart are said by their own panels; their codes would say it twice.
  const saidAbove =
    status.error === 'device_revoked' || status.error === 'not_enrolled' || (status.error === 'mass_change' && status.massChange !== null) || (status.error === 'clock_skew' && status.clockSkew !== null);
  const error = saidAbove ? null : status.error;

  return (
    <section className="screen settings-screen" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('settings.title')}</h1>
      <div className="settings-notices">
        {status.revoked && <RevokedBanner revokedAt={enrolment?.revokedAt ?? null} kept={status.pending + status.attention} save={save} />}
        {typeof switchedTo === 'string' && showEnrolForm && outcome === null && (
          <p className="notice" role="status" data-testid="server-switched">
            {t('settings.serverSwitched', { server: new URL(switchedTo).origin })}
          </p>
        )}
        {outcome && (
          <p className={outcome.ok ? 'notice' : 'settings-banner banner-danger'} role={outcome.ok ? 'status' : 'alert'} data-testid="enrol-outcome">
            {outcome.text}
          </p>
        )}
        {status.massChange && <MassChangePanel hold={status.massChange} sync={sync} />}
        {status.clockSkew && <ClockSkewPanel skew={status.clockSkew} />}
        {status.syncing && status.progress && <SyncProgressPanel progress={status.progress} />}
        {error && (
          <p className="settings-banner banner-warning" role="alert" data-testid="settings-sync-error">
            {t(`syncError.${error}`)}
          </p>
        )}
      </div>
      <div className="settings-grid">
        {enrolment && <DevicePanel enrolment={enrolment} status={status} />}
        {showEnrolForm && (
          <EnrolForm
            sync={sync}
            again={Boolean(enrolment)}
            defaultServerUrl={switchedTo ?? enrolment?.serverUrl ?? platform.defaultServerUrl()}
            defaultDeviceName={enrolment?.deviceName ?? ''}
            onOutcome={onOutcome}
            save={save}
          />
        )}
        <div className="settings-card">
          <UserPanel />
        </div>
        <div className="settings-card">
          <TrainingPanel />
        </div>
        <LockSettingsPanel />
        <div className="settings-card settings-card-wide">
          <TileSettingsPanel />
        </div>
      </div>
    </section>
  );
}
