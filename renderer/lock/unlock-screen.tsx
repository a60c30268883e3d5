import { useEffect, useId, useRef, useState } from 'react';
import type { SyntheticEvent } from 'react';
import { t } from '../i18n/i18n';
import type { KeyVault } from './key-vault';
import { useSecondsUntil } from './use-seconds-until';
import { useStoredWait } from './use-stored-wait';

/**
 * "Unlock" at every start and after a lock. A wrong passphrase says so, changes
 * nothing and makes the next try wait (the button counts down).
 */
export function UnlockScreen({
  vault,
  keychainOffered,
  idleMinutes,
  onUnlocked,
  onForgot,
}: {
  vault: KeyVault;
  /** Only at start, and only where the keychain keeps a copy (Electron with a real keychain). */
  keychainOffered: boolean;
  /** Set when the app locked itself after this many idle minutes: the screen says why. */
  idleMinutes?: number;
  onUnlocked: (dataKey: CryptoKey) => Promise<void>;
  onForgot: () => void;
}) {
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const wait = useSecondsUntil(retryAt);
  const input = useRef<HTMLInputElement>(null);
  useStoredWait(vault, setRetryAt, setMessage);

  useEffect(() => {
    if (!busy) input.current?.focus();
  }, [busy]);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (busy || wait > 0 || passphrase === '') return;
    setBusy(true);
    setMessage(null);
    try {
      const result = await vault.unlockWithPassphrase(passphrase);
      if (result.ok) {
        await onUnlocked(result.dataKey);
        return;
      }
      setRetryAt(result.retryAt);
      setMessage(result.reason === 'wrong' ? t('lock.wrongPassphrase') : result.reason === 'throttled' ? t('lock.tooSoon') : t('lock.damaged.text'));
      setPassphrase('');
    } catch (error) {
      setMessage(t('lock.failed', { message: error instanceof Error ? error.message : String(error) }));
    }
    setBusy(false);
  };

  const withKeychain = async () => {
    setBusy(true);
    setMessage(null);
    const key = await vault.unlockWithKeychain().catch(() => null);
    if (key !== null) {
      await onUnlocked(key);
      return;
    }
    setMessage(t('lock.unlock.keychainFailed'));
    setBusy(false);
  };

  return (
    <form className="lock-card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('lock.unlock.title')}</h1>
      {idleMinutes !== undefined && (
        <p className="notice" role="status">
          {t('lock.unlock.idle', { count: idleMinutes })}
        </p>
      )}
      <p>{t('lock.unlock.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-pass`}>{t('lock.passphrase')}</label>
        <input
          ref={input}
          id={`${id}-pass`}
          type="password"
          autoComplete="current-password"
          value={passphrase}
          disabled={busy}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </div>
      {message !== null && (
        <div className="field-error" role="alert">
          <p>{message}</p>
          {wait > 0 && <p data-testid="retry-wait">{t('lock.retryIn', { count: wait })}</p>}
        </div>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy || wait > 0 || passphrase === ''}>
          {busy ? t('lock.unlock.working') : t('lock.unlock.submit')}
        </button>
        {keychainOffered && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void withKeychain()}>
            {t('lock.unlock.keychain')}
          </button>
        )}
      </div>
      <button type="button" className="link-button" onClick={onForgot} disabled={busy}>
        {t('lock.unlock.forgot')}
      </button>
    </form>
  );
}
