import { useEffect } from 'react';
import { t } from '../i18n/i18n';
import type { KeyVault } from './key-vault';

/**
 * A lock screen opened while an earlier wrong attempt's wait still runs (before a reload,
 * or in another window) says so at once, with its count-down, rather than only after the
 * next try is refused.
 */
export function useStoredWait(vault: KeyVault, setRetryAt: (at: number) => void, setMessage: (text: string) => void): void {
  useEffect(() => {
    let live = true;
    void vault
      .retryAt()
      .then((at) => {
        if (!live || at === null) return;
        setRetryAt(at);
        setMessage(t('lock.tooSoon'));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [vault, setRetryAt, setMessage]);
}
