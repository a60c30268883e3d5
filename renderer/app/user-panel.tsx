import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import type { SyntheticEvent } from 'react';
import { t } from '../i18n/i18n';
import { userOf } from './current-user';
import { useServices } from './services';

/**
 * Who uses this device: the name records and reviews carry (editable here, so that a
 * supervisor who records nothing can still review), and the role and office granted
 * with the enrolment code.
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
  // With no name yet there is no user; the role and office are still the device's.
  const user = userOf({ author: storedName || '?', office: profile?.office ?? '' }, enrolment);

  async function save(event: SyntheticEvent) {
    event.preventDefault();
    const author = name.trim();
    if (author === '') {
      setMessage({ text: t('user.nameRequired'), error: true });
      return;
    }
    const current = await store.getMeta('profile');
    await store.setMeta('profile', { ...current, author, office: current?.office ?? enrolment?.office ?? '' });
    setMessage({ text: t('user.saved'), error: false });
  }

  return (
    <form className="observation-form narrow user-panel" onSubmit={(e) => void save(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('user.title')}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('user.name')}</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={120}
          autoComplete="name"
          aria-describedby={`${id}-help`}
          aria-invalid={message?.error === true ? true : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setMessage(null);
          }}
        />
        <span id={`${id}-help`} className="muted small">
          {t('user.nameHelp')}
        </span>
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
