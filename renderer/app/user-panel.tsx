import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import type { SyntheticEvent } from 'react';
import { t } from '../i18n/i18n';
import { enrolledIdentity, userOf } from './current-user';
import { AUTHOR_MAX_LENGTH as NAME_MAX } from '../../shared/observations/observation-schema';
import { isTooLong, TooLongMessage } from './too-long';
import { useServices } from './services';

/**
 * Who uses this device: the name records and reviews carry, and the role and office
 * granted with the enrolment code. Before enrolment the name is typed here (so that a
 * supervisor who records nothing can still review); once the enrolment code has named
 * the user, name and office are the server's and read-only.
 */
export function UserPanel() {
  const { store } = useServices();
  const id = useId();
  const meta = useLiveQuery(() => Promise.all([store.getMeta('profile'), store.getMeta('enrolment')]), [store]);
  const profile = meta?.[0];
  const enrolment = meta?.[1];
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const storedName = profile?.author ?? '';
  useEffect(() => {
    setName(storedName);
  }, [storedName]);

  if (meta === undefined) return null;
  const identity = enrolledIdentity(enrolment);
  if (identity !== null) {
    return (
      <section className="observation-form narrow user-panel" aria-labelledby={`${id}-title`} data-testid="user-panel">
        <h2 id={`${id}-title`}>{t('user.title')}</h2>
        <dl className="identity-list">
          <dt>{t('user.nameLabel')}</dt>
          <dd data-testid="user-name">{identity.userName}</dd>
          <dt>{t('user.officeLabel')}</dt>
          <dd data-testid="user-office">{identity.office}</dd>
        </dl>
        <p data-testid="user-role">{t('user.role', { role: t(`role.${enrolment?.role ?? 'field_monitor'}`) })}</p>
        <p className="muted small">{t('user.fromEnrolment')}</p>
      </section>
    );
  }
  // With no name yet there is no user; the role and office are still the device's.
  const user = userOf({ author: storedName || '?', office: profile?.office ?? '' }, enrolment);

  async function save(event: SyntheticEvent) {
    event.preventDefault();
    const author = name.trim();
    // Over its limit the field says so (TooLongMessage); nothing is saved, nothing cut.
    if (isTooLong(author, NAME_MAX)) return;
    if (author === '') {
      setMessage({ text: t('user.nameRequired'), error: true });
      return;
    }
    const current = await store.getMeta('profile');
    await store.setMeta('profile', { ...current, author, office: current?.office ?? enrolment?.office ?? '' });
    setMessage({ text: t('user.saved'), error: false });
  }

  return (
    <form className="observation-form narrow user-panel" data-testid="user-panel" onSubmit={(e) => void save(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('user.title')}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('user.name')}</label>
        <input
          id={`${id}-name`}
          value={name}
          autoComplete="name"
          aria-describedby={`${id}-help ${id}-long`}
          aria-invalid={message?.error === true || isTooLong(name.trim(), NAME_MAX) ? true : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setMessage(null);
          }}
        />
        <span id={`${id}-help`} className="muted small">
          {t('user.nameHelp')}
        </span>
        <TooLongMessage id={`${id}-long`} label={t('user.name')} value={name.trim()} max={NAME_MAX} />
      </div>
      {message && (
        <p className={message.error ? 'field-error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <button type="submit" className="secondary">
        {t('user.save')}
      </button>
      <p data-testid="user-role">{t('user.role', { role: t(`role.${user?.role ?? 'field_monitor'}`) })}</p>
      {user && user.office !== '' && <p>{t('user.office', { office: user.office })}</p>}
      {enrolment === undefined && <p className="muted small">{t('user.notEnrolled')}</p>}
    </form>
  );
}
