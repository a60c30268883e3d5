import { useId, useState } from 'react';
import { t } from '../i18n/i18n';

/** The recovery key, once, in its groups; the app opens only after the user says it is written down. */
export function RecoveryKeyScreen({ recoveryKey, onContinue }: { recoveryKey: string; onContinue: () => Promise<void> }) {
  const id = useId();
  const [written, setWritten] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <section className="lock-card" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('lock.recoveryKey.title')}</h1>
      <p>{t('lock.recoveryKey.intro')}</p>
      <p className="recovery-key" aria-label={t('lock.recoveryKey.label')} data-testid="recovery-key">
        {recoveryKey.split('-').map((group, i, groups) => (
          // The groups never change while shown: their place is their identity. The dash is
          // text, so that a copy of the key reads back; it ends its group, so that a line
          // never starts with one.
          <span key={i} className="recovery-key-group">
            {group}
            {i < groups.length - 1 && <span className="recovery-key-dash">-</span>}
          </span>
        ))}
      </p>
      <label className="checkbox-line">
        <input type="checkbox" checked={written} onChange={(e) => setWritten(e.target.checked)} />
        {t('lock.recoveryKey.confirm')}
      </label>
      <div className="button-row">
        <button
          type="button"
          className="primary"
          disabled={!written || busy}
          onClick={() => {
            setBusy(true);
            void onContinue();
          }}
        >
          {t('lock.recoveryKey.continue')}
        </button>
      </div>
    </section>
  );
}
