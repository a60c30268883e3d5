/**
 * The app behind its lock. Until the data key is unwrapped nothing of the app exists:
 * the gate shows setup, the recovery key, unlock or recovery, and only then calls
 * `start(dataKey)` (renderer/app/start-services.ts: store, drafts, sync, tiles) and
 * renders the app. Locking (now, or after the idle time) unmounts every screen first,
 * then `stop`s the services, so no record stays on screen or in the services' memory
 * and sync pauses; unlocking starts them afresh.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { t } from '../i18n/i18n';
import type { OsKeychain } from '../platform/os-keychain';
import { IdleLock } from './idle-lock';
import type { KeyVault } from './key-vault';
import { LockContext } from './lock-context';
import type { LockControls } from './lock-context';
import { readIdleMinutes, writeIdleMinutes } from './lock-settings';
import { RecoverScreen } from './recover-screen';
import { RecoveryKeyScreen } from './recovery-key-screen';
import { SetupScreen } from './setup-screen';
import type { KeychainSupport } from './setup-screen';
import { UnlockScreen } from './unlock-screen';
import './lock-screen.css';

type Phase<T> =
  | { kind: 'loading' }
  | { kind: 'setup'; keychain: KeychainSupport }
  | { kind: 'recovery-key'; recoveryKey: string; dataKey: CryptoKey }
  | { kind: 'locked'; keychainOffered: boolean; idleMinutes?: number }
  | { kind: 'recover' }
  | { kind: 'damaged' }
  | { kind: 'failed'; message: string }
  | { kind: 'unlocked'; running: T };

export interface LockGateProps<T> {
  vault: KeyVault;
  keychain: OsKeychain;
  start: (dataKey: CryptoKey) => Promise<T>;
  stop: (running: T) => void;
  renderApp: (running: T) => ReactNode;
  /** Where keyboard and pointer activity is watched for the idle lock. */
  activityTarget?: EventTarget;
}

export function LockGate<T>({ vault, keychain, start, stop, renderApp, activityTarget = window }: LockGateProps<T>) {
  const [phase, setPhase] = useState<Phase<T>>({ kind: 'loading' });
  const [idleMinutes, setIdleMinutesState] = useState(readIdleMinutes);

  useEffect(() => {
    const run = { live: true };
    void (async () => {
      const state = await vault.state();
      let next: Phase<T>;
      if (state === 'new') {
        next = { kind: 'setup', keychain: keychain.host === 'web' ? 'web' : (await keychain.real()) ? 'real' : 'none' };
      } else if (state === 'damaged') {
        next = { kind: 'damaged' };
      } else {
        next = { kind: 'locked', keychainOffered: await vault.keychainUnlockAvailable() };
      }
      if (run.live) setPhase(next);
    })().catch((error: unknown) => {
      if (run.live) setPhase({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      run.live = false;
    };
  }, [vault, keychain]);

  const open = useCallback(
    async (dataKey: CryptoKey) => {
      try {
        setPhase({ kind: 'unlocked', running: await start(dataKey) });
      } catch (error) {
        setPhase({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    },
    [start],
  );

  const running = phase.kind === 'unlocked' ? phase.running : null;

  const lock = useCallback(
    (idleFor?: number) => {
      // Screens first (flushSync: unmounted before this returns, so none reads a closed
      // store), then the services under them.
      flushSync(() => setPhase({ kind: 'locked', keychainOffered: false, idleMinutes: idleFor }));
      if (running !== null) stop(running);
    },
    [running, stop],
  );
  const lockNow = useCallback(() => lock(), [lock]);

  useEffect(() => {
    if (running === null) return;
    const idle = new IdleLock(activityTarget, idleMinutes * 60_000, () => lock(idleMinutes));
    idle.start();
    return () => idle.stop();
  }, [running, idleMinutes, activityTarget, lock]);

  const controls = useMemo<LockControls>(
    () => ({
      lockNow,
      idleMinutes,
      setIdleMinutes: (minutes) => {
        writeIdleMinutes(minutes);
        setIdleMinutesState(minutes);
      },
      changePassphrase: (current, next) => vault.changePassphrase(current, next),
    }),
    [lockNow, idleMinutes, vault],
  );

  if (phase.kind === 'unlocked') {
    return <LockContext.Provider value={controls}>{renderApp(phase.running)}</LockContext.Provider>;
  }
  return (
    <main className="lock-screen" data-testid="lock-screen">
      {phase.kind === 'loading' && <p className="muted">{t('lock.loading')}</p>}
      {phase.kind === 'setup' && (
        <SetupScreen
          keychain={phase.keychain}
          onSetUp={async (passphrase) => {
            const { dataKey, recoveryKey } = await vault.setUp(passphrase);
            setPhase({ kind: 'recovery-key', recoveryKey, dataKey });
          }}
        />
      )}
      {phase.kind === 'recovery-key' && <RecoveryKeyScreen recoveryKey={phase.recoveryKey} onContinue={() => open(phase.dataKey)} />}
      {phase.kind === 'locked' && (
        <UnlockScreen
          vault={vault}
          keychainOffered={phase.keychainOffered}
          idleMinutes={phase.idleMinutes}
          onUnlocked={open}
          onForgot={() => setPhase({ kind: 'recover' })}
        />
      )}
      {phase.kind === 'recover' && <RecoverScreen vault={vault} onUnlocked={open} onBack={() => setPhase({ kind: 'locked', keychainOffered: false })} />}
      {phase.kind === 'damaged' && (
        <section className="lock-card" role="alert">
          <h1>{t('lock.damaged.title')}</h1>
          <p>{t('lock.damaged.text')}</p>
        </section>
      )}
      {phase.kind === 'failed' && (
        <section className="lock-card" role="alert">
          <p>{t('lock.failed', { message: phase.message })}</p>
        </section>
      )}
    </main>
  );
}
