import { useId } from 'react';
import { t } from '../i18n/i18n';
import { passphraseProblem } from './passphrase-rule';

export interface NewPassphrase {
  readonly passphrase: string;
  readonly again: string;
}

/** The problem that stops a new passphrase (rule, then the two entries differing), or null. */
export function newPassphraseProblem({ passphrase, again }: NewPassphrase): string | null {
  const problem = passphraseProblem(passphrase);
  if (problem !== null) return t(`lock.problem.${problem}`);
  if (passphrase !== again) return t('lock.problem.mismatch');
  return null;
}

/** A new passphrase typed twice, with the rule it must meet. */
export function NewPassphraseFields({
  value,
  onChange,
  labels,
  disabled,
}: {
  value: NewPassphrase;
  onChange: (value: NewPassphrase) => void;
  labels: 'setup' | 'new';
  disabled: boolean;
}) {
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-pass`}>{labels === 'setup' ? t('lock.passphrase') : t('lock.newPassphrase')}</label>
        <input
          id={`${id}-pass`}
          type="password"
          autoComplete="new-password"
          aria-describedby={`${id}-rule`}
          value={value.passphrase}
          disabled={disabled}
          onChange={(e) => onChange({ ...value, passphrase: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-again`}>{labels === 'setup' ? t('lock.passphraseAgain') : t('lock.newPassphraseAgain')}</label>
        <input
          id={`${id}-again`}
          type="password"
          autoComplete="new-password"
          value={value.again}
          disabled={disabled}
          onChange={(e) => onChange({ ...value, again: e.target.value })}
        />
      </div>
      <p id={`${id}-rule`} className="muted small">
        {t('lock.rule')}
      </p>
    </>
  );
}
