import { useId, useState } from 'react';
import type { SyntheticEvent } from 'react';
import { t } from '../i18n/i18n';
import type { KeyVault, RecoverResult } from './key-vault';
import { NewPassphraseFields, newPassphraseProblem } from './new-passphrase-fields';
import type { NewPassphrase } from './new-passphrase-fields';
import { useSecondsUntil } from './use-seconds-until';
import { useStoredWait } from './use-stored-wait';

type Opened = Extract<RecoverResult, { ok: true }>;

/** The recovery key, then a new passphrase: the forgotten one is replaced, the data key stays. */
export function RecoverScreen({ vault, onUnlocked, onBack }: { vault: KeyVault; onUnlocked: (dataKey: CryptoKey) => Promise<void>; onBack: () => void }) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const [opened, setOpened] = useState<Opened | null>(null);
  const [value, setValue] = useState<NewPassphrase>({ passphrase: '', again: '' });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const wait = useSecondsUntil(retryAt);
  useStoredWait(vault, setRetryAt, setMessage);

  const fail = (error: unknown) => {
    setMessage(t('lock.failed', { message: error instanceof Error ? error.message : String(error) }));
    setBusy(false);
  };

  const check = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (busy || wait > 0) return;
    setBusy(true);
    setMessage(null);
    try {
      const result = await vault.recover(typed);
      if (result.ok) {
        setOpened(result);
        setTyped('');
      } else {
        setRetryAt(result.retryAt);
        setMessage(
          result.reason === 'malformed' ? t('lock.recover.malformed') : result.reason === 'wrong' ? t('lock.recover.wrong') : result.reason === 'throttled' ? t('lock.tooSoon') : t('lock.damaged.text'),
        );
      }
      setBusy(false);
    } catch (error) {
      fail(error);
    }
  };

  const setNew = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (opened === null || busy) return;
    const problem = newPassphraseProblem(value);
    setMessage(problem);
    if (problem !== null) return;
    setBusy(true);
    try {
      await onUnlocked(await opened.setPassphrase(value.passphrase));
    } catch (error) {
      fail(error);
    }
  };

  const error = message !== null && (
    <div className="field-error" role="alert">
      <p>{message}</p>
      {wait > 0 && <p>{t('lock.retryIn', { count: wait })}</p>}
    </div>
  );

  if (opened !== null) {
    return (
      <form className="lock-card" onSubmit={(e) => void setNew(e)} noValidate aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{t('lock.recover.newTitle')}</h1>
        <p>{t('lock.recover.newIntro')}</p>
        <NewPassphraseFields value={value} onChange={setValue} labels="new" disabled={busy} />
        {error}
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('lock.setup.working') : t('lock.recover.submit')}
          </button>
        </div>
      </form>
    );
  }
  return (
    <form className="lock-card" onSubmit={(e) => void check(e)} noValidate aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('lock.recover.title')}</h1>
      <p>{t('lock.recover.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-key`}>{t('lock.recoveryKey.label')}</label>
        <input
          id={`${id}-key`}
          className="recovery-key-input"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          disabled={busy}
          onChange={(e) => setTyped(e.target.value)}
        />
      </div>
      {error}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy || wait > 0 || typed.trim() === ''}>
          {busy ? t('lock.recover.checking') : t('lock.recover.check')}
        </button>
        <button type="button" className="secondary" onClick={onBack} disabled={busy}>
          {t('lock.recover.back')}
        </button>
      </div>
    </form>
  );
}
