/**
 * The enrolment form: first enrolment, and "Enrol again" on a revoked device (the same
 * service call; the server URL and device name are offered from the last enrolment).
 */
import { useId, useState } from 'react';
import type { SyntheticEvent } from 'react';
import { SyncError } from '../../shared/sync/sync-engine';
import { t } from '../i18n/i18n';
import type { SyncControl } from '../attention/attention-types';
import { ExportWaitingButton } from '../attention/export-waiting-button';
import type { SaveFile } from '../attention/waiting-export';
import { ServerSwitchError } from '../sync/sync-service';
import { isTooLong, tooLongAria, TooLongMessage } from '../app/too-long';
import { officeChangeOf } from './office-change';
import type { OfficeChangeHold } from './office-change';

/** The longest enrolment code and device name the server takes. */
const CODE_MAX = 64;
const DEVICE_NAME_MAX = 100;

export interface EnrolOutcome {
  ok: boolean;
  text: string;
  /** Not enrolled yet: the page reloads to reach another server first (the desktop app took it). */
  reloading?: boolean;
}

interface Props {
  sync: SyncControl;
  again: boolean;
  defaultServerUrl: string;
  defaultDeviceName: string;
  onOutcome: (outcome: EnrolOutcome) => void;
  save?: SaveFile;
}

/** Why an enrolment failed, in words: a SyncError by its code, anything else by its own message. */
export function enrolFailure(error: unknown): string {
  if (error instanceof SyncError) return t(`syncError.${error.code}`);
  if (error instanceof ServerSwitchError) return t('settings.serverSwitchRefused', { server: new URL(error.serverUrl).origin });
  return t('settings.enrolFailed', { message: error instanceof Error ? error.message : String(error) });
}

export function EnrolForm({ sync, again, defaultServerUrl, defaultDeviceName, onOutcome, save }: Props) {
  const id = useId();
  const [serverUrl, setServerUrl] = useState(defaultServerUrl);
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState(defaultDeviceName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [officeChange, setOfficeChange] = useState<OfficeChangeHold | null>(null);

  async function enrol(event: SyntheticEvent) {
    event.preventDefault();
    setError(null);
    // Over its limit a field says so beside it; nothing is sent, nothing cut.
    if (isTooLong(code, CODE_MAX) || isTooLong(deviceName, DEVICE_NAME_MAX)) return;
    let url: URL;
    try {
      url = new URL(serverUrl.trim());
    } catch {
      setError(t('settings.badUrl'));
      return;
    }
    if (code.trim() === '') {
      setError(t('settings.codeRequired'));
      return;
    }
    setBusy(true);
    let reloading = false;
    try {
      await sync.enrol(url.href, code, deviceName.trim() || t('settings.defaultDeviceName'));
      setCode('');
      onOutcome({ ok: true, text: again ? t('settings.enrolledAgain') : t('settings.enrolSucceeded') });
    } catch (e) {
      if (e instanceof ServerSwitchError && e.outcome === 'reloading') {
        // The page reloads to reach the new server (the screen does, between rounds); the form stays busy until it does.
        reloading = true;
        onOutcome({ ok: true, reloading: true, text: t('settings.serverSwitchReloading', { server: new URL(e.serverUrl).origin }) });
        return;
      }
      const held = officeChangeOf(e);
      if (held !== null && sync.confirmOfficeChange) {
        // Not a failure: the code is spent and the enrolment waits for the person's decision.
        setOfficeChange(held);
        return;
      }
      const text = enrolFailure(e);
      setError(text);
      onOutcome({ ok: false, text });
    } finally {
      if (!reloading) setBusy(false);
    }
  }

  async function confirmOfficeChange() {
    if (!sync.confirmOfficeChange) return;
    setBusy(true);
    try {
      await sync.confirmOfficeChange();
      setOfficeChange(null);
      onOutcome({ ok: true, text: t('settings.enrolSucceeded') });
    } catch (e) {
      const text = enrolFailure(e);
      setError(text);
      onOutcome({ ok: false, text });
    } finally {
      setBusy(false);
    }
  }

  if (officeChange !== null) {
    return (
      <section className="settings-card enrol-form" aria-labelledby={`${id}-title`} data-testid="office-change">
        <h2 id={`${id}-title`}>{t('settings.officeChangeTitle', { office: officeChange.newOffice })}</h2>
        <p>{t('settings.officeChange', { count: officeChange.waiting, current: officeChange.currentOffice, next: officeChange.newOffice })}</p>
        <ExportWaitingButton save={save} />
        <div className="button-row">
          <button type="button" className="secondary danger" onClick={() => void confirmOfficeChange()} disabled={busy}>
            {t('settings.officeChangeConfirm', { office: officeChange.newOffice })}
          </button>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </section>
    );
  }

  return (
    <form onSubmit={(e) => void enrol(e)} className="settings-card enrol-form" noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{again ? t('settings.enrolAgainTitle') : t('settings.enrolTitle')}</h2>
      <p className="muted">{again ? t('settings.enrolAgainHelp') : t('settings.enrolHelp')}</p>
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
          {...tooLongAria(`${id}-code-long`, code, CODE_MAX)}
        />
        <TooLongMessage id={`${id}-code-long`} label={t('settings.code')} value={code} max={CODE_MAX} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-device`}>{t('settings.deviceName')}</label>
        <input id={`${id}-device`} value={deviceName} onChange={(e) => setDeviceName(e.target.value)} {...tooLongAria(`${id}-device-long`, deviceName, DEVICE_NAME_MAX)} />
        <TooLongMessage id={`${id}-device-long`} label={t('settings.deviceName')} value={deviceName} max={DEVICE_NAME_MAX} />
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          {again ? t('settings.enrolAgain') : t('settings.enrol')}
        </button>
      </div>
    </form>
  );
}
