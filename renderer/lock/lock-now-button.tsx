import { t } from '../i18n/i18n';
import { useLockControls } from './lock-context';

/** "Lock now", in the app's header; nothing outside the lock gate. */
export function LockNowButton() {
  const lock = useLockControls();
  if (lock === null) return null;
  return (
    <button type="button" className="lock-now" onClick={() => lock.lockNow()}>
      {t('lock.lockNow')}
    </button>
  );
}
