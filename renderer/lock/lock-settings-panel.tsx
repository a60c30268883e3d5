import { useId, useState } from 'react';
import type { SyntheticEvent } from 'react';
import { t } from '../i18n/i18n';
import { useLockControls } from './lock-context';
import { IDLE_MINUTES_CHOICES } from './lock-settings';
import { NewPassphraseFields, newPassphraseProblem } from './new-passphrase-fields';
import type { NewPassphrase } from './new-passphrase-fields';
import { useSecondsUntil } from './use-seconds-until';

/** Settings: the idle time, "Lock now", and "Change passphrase". Nothing outside the lock gate. */
export function LockSettingsPanel() {
  const lock = useLockControls();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [value, setValue] = useState<NewPassphrase>({ passphrase: '', again: '' });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const wait = useSecondsUntil(retryAt);
  if (lock === null) return null;

  const change = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (busy || wait > 0) return;
    const problem = newPassphraseProblem(value);
    if (problem !== null) {
      setOutcome({ ok: false, text: problem });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const result = await lock.changePassphrase(current, value.passphrase);
      if (result.ok) {
        setOutcome({ ok: true, text: t('lock.change.done') });
        setValue({ passphrase: '', again: '' });
      } else {
        setRetryAt(result.retryAt);
        setOutcome({ ok: false, text: result.reason === 'wrong' ? t('lock.change.wrong') : result.reason === 'throttled' ? t('lock.tooSoon') : t('lock.damaged.text') });
      }
      setCurrent('');
    } catch (error) {
      setOutcome({ ok: false, text: t('lock.failed', { message: error instanceof Error ? error.message : String(error) }) });
    }
    setBusy(false);
  };

  return (
    <>
      <section className="settings-card" aria-labelledby={`${id}-lock`}>
        <h2 id={`${id}-lock`}>{t('lock.settings.title')}</h2>
        <p className="muted">{t('lock.settings.help')}</p>
        <div className="field">
          <label htmlFor={`${id}-idle`}>{t('lock.settings.idle')}</label>
          <select id={`${id}-idle`} value={lock.idleMinutes} onChange={(e) => lock.setIdleMinutes(Number(e.target.value))}>
            {IDLE_MINUTES_CHOICES.map((minutes) => (
              <option key={minutes} value={minutes}>
                {t('lock.settings.minutes', { count: minutes })}
              </option>
            ))}
          </select>
        </div>
        <div className="button-row">
          <button type="button" className="secondary" onClick={() => lock.lockNow()}>
            {t('lock.lockNow')}
          </button>
        </div>
      </section>
      <form className="settings-card" onSubmit={(e) => void change(e)} noValidate aria-labelledby={`${id}-change`}>
        <h2 id={`${id}-change`}>{t('lock.change.title')}</h2>
        <p className="muted">{t('lock.change.help')}</p>
        <div className="field">
          <label htmlFor={`${id}-current`}>{t('lock.currentPassphrase')}</label>
          <input
            id={`${id}-current`}
            type="password"
            autoComplete="current-password"
            value={current}
            disabled={busy}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </div>
        <NewPassphraseFields value={value} onChange={setValue} labels="new" disabled={busy} />
        {outcome !== null && (
          <div className={outcome.ok ? 'notice' : 'field-error'} role={outcome.ok ? 'status' : 'alert'}>
            <p>{outcome.text}</p>
            {!outcome.ok && wait > 0 && <p>{t('lock.retryIn', { count: wait })}</p>}
          </div>
        )}
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy || wait > 0 || current === ''}>
            {busy ? t('lock.change.working') : t('lock.change.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
