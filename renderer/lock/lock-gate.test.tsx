// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OsKeychain } from '../platform/os-keychain';
import { noKeychain } from '../platform/os-keychain';
import { KeyVault } from './key-vault';
import { useLockControls } from './lock-context';
import { LockGate } from './lock-gate';
import { LockNowButton } from './lock-now-button';
import { LockSettingsPanel } from './lock-settings-panel';
import { MemoryVaultStorage } from './vault-record';

const PASS = 'correct horse battery staple';
const NEW_PASS = 'another long passphrase';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  localStorage.clear();
});

function App() {
  const lock = useLockControls();
  return (
    <div>
      <p>Record: Unaccompanied child seen at Presevo</p>
      <span data-testid="idle">{lock?.idleMinutes}</span>
      <LockNowButton />
      <LockSettingsPanel />
    </div>
  );
}

function setup(options: { storage?: MemoryVaultStorage; keychain?: OsKeychain } = {}) {
  const storage = options.storage ?? new MemoryVaultStorage();
  const keychain = options.keychain ?? noKeychain;
  const vault = new KeyVault(storage, { keychain, iterations: 1000 });
  const started: CryptoKey[] = [];
  const stop = vi.fn();
  const activity = new EventTarget();
  render(
    <LockGate<{ key: CryptoKey }>
      vault={vault}
      keychain={keychain}
      start={(dataKey) => {
        started.push(dataKey);
        return Promise.resolve({ key: dataKey });
      }}
      stop={stop}
      renderApp={() => <App />}
      activityTarget={activity}
    />,
  );
  return { storage, vault, started, stop, activity };
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

async function setUpThroughScreens() {
  await screen.findByRole('heading', { name: 'Set a passphrase' });
  type('Passphrase', PASS);
  type('Passphrase again', PASS);
  fireEvent.click(screen.getByRole('button', { name: 'Set passphrase' }));
  await screen.findByRole('heading', { name: 'Your recovery key' });
  const key = screen.getByTestId('recovery-key').textContent;
  fireEvent.click(screen.getByRole('checkbox', { name: 'I have written down the recovery key' }));
  fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
  await screen.findByText(/Unaccompanied child/);
  return key;
}

async function unlockThroughScreen(passphrase: string) {
  await screen.findByRole('heading', { name: 'Routewatch is locked' });
  type('Passphrase', passphrase);
  fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
  await screen.findByText(/Unaccompanied child/);
  // Let the unlocked app's effects run (the idle lock starts in one) before the test moves time.
  await act(async () => {});
}

async function lockedVault() {
  const storage = new MemoryVaultStorage();
  await new KeyVault(storage, { keychain: noKeychain, iterations: 1000 }).setUp(PASS);
  return storage;
}

describe('the lock gate', () => {
  it('first start: a passphrase under the rule, the recovery key once, then the app with a non-extractable key', async () => {
    const { started } = setup();
    await screen.findByRole('heading', { name: 'Set a passphrase' });
    expect(screen.getByTestId('keychain-note').textContent).toMatch(/a browser cannot use this computer's keychain/);
    expect(screen.queryByText(/Unaccompanied child/)).toBeNull();

    type('Passphrase', 'short');
    type('Passphrase again', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Set passphrase' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The passphrase is too short: use at least 12 characters.');
    type('Passphrase', 'aaaaaaaaaaaaaaa');
    type('Passphrase again', 'aaaaaaaaaaaaaaa');
    fireEvent.click(screen.getByRole('button', { name: 'Set passphrase' }));
    expect(screen.getByRole('alert').textContent).toMatch(/too few characters/);
    type('Passphrase', PASS);
    type('Passphrase again', `${PASS}.`);
    fireEvent.click(screen.getByRole('button', { name: 'Set passphrase' }));
    expect(screen.getByRole('alert').textContent).toBe('The two passphrases are not the same.');

    type('Passphrase again', PASS);
    fireEvent.click(screen.getByRole('button', { name: 'Set passphrase' }));
    await screen.findByRole('heading', { name: 'Your recovery key' });
    expect(screen.getByTestId('recovery-key').textContent).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    const next = screen.getByRole('button', { name: 'Continue' });
    expect((next as HTMLButtonElement).disabled).toBe(true);
    expect(started).toHaveLength(0);
    fireEvent.click(screen.getByRole('checkbox', { name: 'I have written down the recovery key' }));
    fireEvent.click(next);
    await screen.findByText(/Unaccompanied child/);
    expect(started).toHaveLength(1);
    expect(started[0]?.extractable).toBe(false);
  });

  it('says where a real OS keychain will keep the key, and where none is usable', async () => {
    const real: OsKeychain = { host: 'electron', real: () => Promise.resolve(true), protect: (b) => Promise.resolve(b), unprotect: (b) => Promise.resolve(b) };
    setup({ keychain: real });
    expect((await screen.findByTestId('keychain-note')).textContent).toMatch(/keychain will also keep the key/);
    cleanup();
    setup({ keychain: { ...real, real: () => Promise.resolve(false) } });
    expect((await screen.findByTestId('keychain-note')).textContent).toBe('This system has no usable keychain, so the passphrase is needed at every start.');
  });

  it('a later start asks for the passphrase: a wrong one is said, writes nothing and makes the next try wait', async () => {
    const storage = await lockedVault();
    const writes = storage.writes;
    const { started } = setup({ storage });
    await screen.findByRole('heading', { name: 'Routewatch is locked' });
    type('Passphrase', 'not the passphrase');
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Wrong passphrase. Nothing was changed.');
    expect(screen.getByTestId('retry-wait').textContent).toBe('You can try again in 1 second.');
    expect(storage.writes).toBe(writes);
    expect(started).toHaveLength(0);
    type('Passphrase', PASS);
    // The button comes back when the wait is over.
    await waitFor(() => expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Unlock' }).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByText(/Unaccompanied child/);
    expect(started).toHaveLength(1);
  });

  it('after a reload the lock screen says at once that the wait of earlier wrong tries still runs', async () => {
    const storage = await lockedVault();
    // Five wrong tries made before the reload: the next may come in 16 s.
    storage.throttle = { format: 1, failures: 5, retryAt: Date.now() + 16_000 };
    setup({ storage });
    await screen.findByRole('heading', { name: 'Routewatch is locked' });
    expect((await screen.findByRole('alert')).textContent).toContain('Wait before trying again.');
    expect(screen.getByTestId('retry-wait').textContent).toMatch(/^You can try again in 1[56] seconds\.$/);
    type('Passphrase', PASS);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Unlock' }).disabled).toBe(true);
  });

  it('Lock now unmounts the app before stopping its services, and unlocking starts them afresh', async () => {
    const { stop, started } = setup({ storage: await lockedVault() });
    stop.mockImplementation(() => {
      // By the time the services stop, no screen of the app is left to read them.
      expect(screen.queryByText(/Unaccompanied child/)).toBeNull();
    });
    await unlockThroughScreen(PASS);
    fireEvent.click(screen.getAllByRole('button', { name: 'Lock now' })[0] as HTMLElement);
    await screen.findByRole('heading', { name: 'Routewatch is locked' });
    expect(screen.queryByText(/Unaccompanied child/)).toBeNull();
    expect(stop).toHaveBeenCalledTimes(1);
    type('Passphrase', PASS);
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByText(/Unaccompanied child/);
    expect(started).toHaveLength(2);
  });

  it('locks after the idle time with no activity; activity puts it off', async () => {
    // Time runs as usual (the screens' waits), and the test jumps it forward.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { stop, activity } = setup({ storage: await lockedVault() });
    await unlockThroughScreen(PASS);
    expect(screen.getByTestId('idle').textContent).toBe('10');

    act(() => {
      vi.advanceTimersByTime(9 * 60_000);
      activity.dispatchEvent(new Event('keydown'));
      vi.advanceTimersByTime(9 * 60_000);
    });
    expect(screen.queryByText(/Unaccompanied child/)).not.toBeNull();
    expect(stop).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    await screen.findByRole('heading', { name: 'Routewatch is locked' });
    expect(screen.queryByText(/Unaccompanied child/)).toBeNull();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toBe('Locked after 10 minutes without keyboard or pointer activity.');
  });

  it('the idle time chosen in Settings is kept and used', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    setup({ storage: await lockedVault() });
    await unlockThroughScreen(PASS);
    fireEvent.change(screen.getByLabelText('Lock after'), { target: { value: '1' } });
    expect(screen.getByTestId('idle').textContent).toBe('1');
    expect(localStorage.getItem('routewatch.lock.idleMinutes')).toBe('1');
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    await screen.findByRole('heading', { name: 'Routewatch is locked' });
  });

  it('Change passphrase: a wrong current one changes nothing; the right one re-wraps and the new one unlocks', async () => {
    const storage = new MemoryVaultStorage();
    setup({ storage });
    await setUpThroughScreens();
    const before = structuredClone(storage.record);

    type('Current passphrase', 'wrong current passphrase');
    type('New passphrase', NEW_PASS);
    type('New passphrase again', NEW_PASS);
    fireEvent.click(screen.getByRole('button', { name: 'Change passphrase' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The current passphrase is wrong. Nothing was changed.');
    expect(storage.record).toEqual(before);

    type('Current passphrase', PASS);
    await waitFor(() => expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Change passphrase' }).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Change passphrase' }));
    expect((await screen.findByRole('status')).textContent).toContain('The passphrase was changed.');

    fireEvent.click(screen.getAllByRole('button', { name: 'Lock now' })[0] as HTMLElement);
    await unlockThroughScreen(NEW_PASS);
  });

  it('the recovery key leads to a new passphrase, which then unlocks', async () => {
    const storage = new MemoryVaultStorage();
    setup({ storage });
    const recoveryKey = await setUpThroughScreens();
    fireEvent.click(screen.getAllByRole('button', { name: 'Lock now' })[0] as HTMLElement);
    fireEvent.click(await screen.findByRole('button', { name: 'Forgot the passphrase? Use the recovery key' }));
    type('Recovery key', 'nonsense');
    fireEvent.click(screen.getByRole('button', { name: 'Check recovery key' }));
    expect((await screen.findByRole('alert')).textContent).toContain('That is not a recovery key');
    type('Recovery key', recoveryKey.toLowerCase());
    fireEvent.click(screen.getByRole('button', { name: 'Check recovery key' }));
    await screen.findByRole('heading', { name: 'Set a new passphrase' });
    type('New passphrase', NEW_PASS);
    type('New passphrase again', NEW_PASS);
    fireEvent.click(screen.getByRole('button', { name: 'Set passphrase and unlock' }));
    await screen.findByText(/Unaccompanied child/);
  });

  it('a damaged key store says so and opens nothing', async () => {
    const storage = new MemoryVaultStorage();
    storage.record = { format: 1, nonsense: true };
    const { started } = setup({ storage });
    await screen.findByRole('heading', { name: 'The key store cannot be read' });
    expect(started).toHaveLength(0);
  });

  it('outside the gate the settings panel and the Lock now button render nothing', () => {
    const { container } = render(
      <div>
        <LockSettingsPanel />
        <LockNowButton />
      </div>,
    );
    expect(container.textContent).toBe('');
  });
});
