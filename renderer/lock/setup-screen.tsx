import { useId, useState } from 'react';
import type { SyntheticEvent } from 'react';
import { t } from '../i18n/i18n';
import { NewPassphraseFields, newPassphraseProblem } from './new-passphrase-fields';
import type { NewPassphrase } from './new-passphrase-fields';

/** Where the key may also be kept, as the setup screen must say it truthfully. */
export type KeychainSupport = 'web' | 'real' | 'none';

/** First start: choose the passphrase. The screen says what the host's keychain will and will not do. */
export function SetupScreen({ keychain, onSetUp }: { keychain: KeychainSupport; onSetUp: (passphrase: string) => Promise<void> }) {
  const id = useId();
  const [value, setValue] = useState<NewPassphrase>({ passphrase: '', again: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const found = newPassphraseProblem(value);
    setProblem(found);
    if (found !== null) return;
    setBusy(true);
    try {
      await onSetUp(value.passphrase);
    } catch (error) {
      setProblem(t('lock.failed', { message: error instanceof Error ? error.message : String(error) }));
      setBusy(false);
    }
  };

  return (
    <form className="lock-card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('lock.setup.title')}</h1>
      <p>{t('lock.setup.intro')}</p>
      <p className="notice" data-testid="keychain-note">
        {keychain === 'web' ? t('lock.setup.web') : keychain === 'real' ? t('lock.setup.keychain') : t('lock.setup.noKeychain')}
      </p>
      <NewPassphraseFields value={value} onChange={setValue} labels="setup" disabled={busy} />
      {problem !== null && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('lock.setup.working') : t('lock.setup.submit')}
        </button>
      </div>
    </form>
  );
}
