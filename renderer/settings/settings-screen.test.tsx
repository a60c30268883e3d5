// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncError } from '../../shared/sync/sync-engine';
import type { Platform } from '../platform/platform';
import { ServerSwitchError } from '../sync/sync-service';
import { ServicesContext } from '../app/services';
import type { AppServices } from '../app/services';
import { ENROLMENT, FakeAttention, FakeSync, fakeServices, statusOf } from '../../test-support/renderer/fake-services';
import { FilterProvider } from '../filter/filter-state';
import type { SyncStatus } from '../sync/sync-status';
import { SettingsScreen } from './settings-screen';

afterEach(() => {
  cleanup();
});

interface Host {
  /** Replaces the web platform's parts, as the desktop app's would. */
  platform?: Partial<Platform>;
  reloadPage?: () => void;
}

async function setup(patch: Partial<SyncStatus>, enrolment: Record<string, unknown> | null = ENROLMENT, host: Host = {}) {
  const sync = new FakeSync(statusOf(patch));
  const base: AppServices = fakeServices(sync, new FakeAttention([], []));
  const services: AppServices = { ...base, platform: { ...base.platform, ...host.platform } };
  if (enrolment !== null) await services.store.setMeta('enrolment', enrolment as never);
  const saved: string[] = [];
  render(
    <ServicesContext.Provider value={services}>
      <FilterProvider>
        <SettingsScreen save={(_blob, name) => saved.push(name)} reloadPage={host.reloadPage ?? (() => undefined)} />
      </FilterProvider>
    </ServicesContext.Provider>,
  );
  return { sync, services, saved };
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('Device & sync', () => {
  it('shows who and where an enrolled device is: user, office, role, server, device name', async () => {
    await setup({ lastSyncAt: '2026-12-04T09:00:00.000Z', pending: 2 });
    const details = await screen.findByTestId('enrolled');
    const row = (label: string) => within(details).getByText(label).nextElementSibling?.textContent;
    expect(row('User')).toBe('Ana Petrović');
    expect(row('Office')).toBe('RS-BEL');
    expect(row('Role')).toBe('Field monitor');
    expect(row('Server')).toBe('https://hq.example.org/');
    expect(row('Device name')).toBe('Laptop A');
    expect(row('Waiting to sync')).toBe('2 changes');
    expect(screen.queryByLabelText('Enrolment code')).toBeNull();
    expect(screen.queryByTestId('revoked-banner')).toBeNull();
  });

  it('says the device name was not recorded rather than invent one', async () => {
    const { deviceName: _omitted, ...withoutName } = ENROLMENT;
    await setup({}, withoutName);
    const details = await screen.findByTestId('enrolled');
    expect(within(details).getByText('Device name').nextElementSibling?.textContent).toBe('Not recorded (id dev-42)');
  });

  it('enrols an unenrolled device and says so', async () => {
    const { sync } = await setup({ enrolled: false, userName: null, office: null }, null);
    await screen.findByLabelText('Enrolment code');
    type('Server address', 'https://hq.example.org');
    type('Enrolment code', 'ABCD-EFGH-JKLM');
    type('Device name', 'Laptop A');
    sync.onEnrol = () => {
      sync.emit({ enrolled: true });
      return Promise.resolve();
    };
    fireEvent.click(screen.getByRole('button', { name: 'Enrol this device' }));
    expect((await screen.findByTestId('enrol-outcome')).textContent).toBe('This device is enrolled. Its changes now sync with headquarters.');
    expect(sync.calls.enrol).toEqual([['https://hq.example.org/', 'ABCD-EFGH-JKLM', 'Laptop A']]);
  });

  it('refuses a bad address or an empty code without calling the server', async () => {
    const { sync } = await setup({ enrolled: false }, null);
    await screen.findByLabelText('Enrolment code');
    type('Server address', 'not a url');
    fireEvent.click(screen.getByRole('button', { name: 'Enrol this device' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter a full server address, e.g. https://routewatch.example.org');
    type('Server address', 'https://hq.example.org');
    fireEvent.click(screen.getByRole('button', { name: 'Enrol this device' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter the enrolment code your administrator gave you.');
    expect(sync.calls.enrol).toEqual([]);
  });

  it('keeps a pasted code or device name over its limit whole, says so, and calls no server', async () => {
    const { sync } = await setup({ enrolled: false }, null);
    await screen.findByLabelText('Enrolment code');
    type('Server address', 'https://hq.example.org');
    type('Enrolment code', 'C'.repeat(500));
    type('Device name', 'D'.repeat(101));
    expect(screen.getByLabelText<HTMLInputElement>('Enrolment code').value).toHaveLength(500);
    const alerts = screen.getAllByRole('alert').map((alert) => alert.textContent);
    expect(alerts).toEqual([
      'Enrolment code is too long: 500 characters, at most 64. Nothing was cut: shorten it before submitting.',
      'Device name is too long: 101 characters, at most 100. Nothing was cut: shorten it before submitting.',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Enrol this device' }));
    // Refused before anything is awaited: no call is under way.
    expect(sync.calls.enrol).toEqual([]);
  });

  it('tells a revoked device so, keeps its changes exportable, and offers "Enrol again"', async () => {
    const { saved } = await setup({ revoked: true, pending: 3, attention: 1, error: 'device_revoked' }, { ...ENROLMENT, revokedAt: '2026-12-03T14:30:00.000Z' });
    const banner = await screen.findByTestId('revoked-banner');
    expect((await within(banner).findByText(/^This device was revoked by headquarters on Dec 3, 2026/)).textContent).toMatch(/; 4 changes are kept on this device\.$/);
    fireEvent.click(within(banner).getByRole('button', { name: 'Export waiting changes' }));
    expect(await within(banner).findByRole('status')).toBeTruthy();
    expect(saved).toEqual(['routewatch-waiting-changes-2026-12-04T23-40-12Z.json']);
    const form = screen.getByRole('form', { name: 'Enrol again' });
    expect(within(form).getByLabelText<HTMLInputElement>('Server address').value).toBe('https://hq.example.org/');
    expect(within(form).getByLabelText<HTMLInputElement>('Device name').value).toBe('Laptop A');
    // Said once by the banner, not again as an error.
    expect(screen.queryByTestId('settings-sync-error')).toBeNull();
  });

  it('re-enrols a revoked device and says the kept changes are being sent', async () => {
    const { sync } = await setup({ revoked: true, pending: 3 }, { ...ENROLMENT, revokedAt: '2026-12-03T14:30:00.000Z' });
    await screen.findByLabelText('Enrolment code');
    sync.onEnrol = () => {
      sync.emit({ revoked: false, error: null });
      return Promise.resolve();
    };
    type('Enrolment code', 'WXYZ-2345-6789');
    fireEvent.click(await screen.findByRole('button', { name: 'Enrol again' }));
    expect((await screen.findByTestId('enrol-outcome')).textContent).toBe('This device is enrolled again. The changes it kept now go to the server; the status bar shows what still waits.');
    expect(screen.queryByTestId('revoked-banner')).toBeNull();
    expect(screen.queryByRole('form', { name: 'Enrol again' })).toBeNull();
  });

  it('says why a re-enrolment failed: a code in words, or the refusal to change office', async () => {
    const { sync } = await setup({ revoked: true, pending: 3 });
    await screen.findByLabelText('Enrolment code');
    type('Enrolment code', 'WXYZ-2345-6789');
    sync.enrolFails = new SyncError('invalid_enrolment_code', 'used');
    fireEvent.click(await screen.findByRole('button', { name: 'Enrol again' }));
    expect((await screen.findByTestId('enrol-outcome')).textContent).toBe('This enrolment code is wrong, used or expired. Check it or ask for a new one.');
    sync.enrolFails = new Error('Re-enrolment into office MK-SKO is refused while 3 changes of RS-BEL wait.');
    fireEvent.click(screen.getByRole('button', { name: 'Enrol again' }));
    expect(await screen.findByText('Enrolment failed: Re-enrolment into office MK-SKO is refused while 3 changes of RS-BEL wait.', { selector: '[data-testid="enrol-outcome"]' })).toBeTruthy();
    expect(screen.getByTestId('revoked-banner')).toBeTruthy();
  });

  describe('moving to another sync server', () => {
    const revoked = { ...ENROLMENT, revokedAt: '2026-12-03T14:30:00.000Z' };

    it('says the app reloads to reach the new server, without claiming an enrolment or a restart, and reloads only once the sync round has ended', async () => {
      const events: string[] = [];
      // The desktop host: main holds the switch from before its answer (main/ipc/handlers/sync-server.ts).
      let mainSwitch: string | null = null;
      const { sync } = await setup({ revoked: true, pending: 3, syncing: true }, revoked, {
        platform: { syncServerSwitch: () => Promise.resolve(mainSwitch) },
        reloadPage: () => events.push(`reload, main knows of ${String(mainSwitch)}`),
      });
      await screen.findByLabelText('Enrolment code');
      type('Server address', 'https://hq2.example.org/sync/');
      type('Enrolment code', 'WXYZ-2345-6789');
      sync.enrolFails = new ServerSwitchError('https://hq2.example.org/sync/', 'reloading');
      mainSwitch = 'https://hq2.example.org/sync/';
      fireEvent.click(await screen.findByRole('button', { name: 'Enrol again' }));
      const outcome = await screen.findByTestId('enrol-outcome');
      expect(outcome.textContent).toBe('Routewatch is reloading to connect to https://hq2.example.org. Then enter your enrolment code again: it was not sent yet.');
      expect(outcome.textContent).not.toMatch(/restart|enrolled/i);
      // Busy until the reload: a second press would only ask again.
      expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Enrol again' }).disabled).toBe(true);
      // A round runs: the page does not reload under it.
      expect(events).toEqual([]);
      act(() => sync.emit({ syncing: false }));
      expect(events).toEqual(['reload, main knows of https://hq2.example.org/sync/']);
    });

    it('after the reload, says the app now connects to the new server (as main tells) and offers it in the form; enrolled, the note goes', async () => {
      const { sync } = await setup({ revoked: true, pending: 3 }, revoked, { platform: { syncServerSwitch: () => Promise.resolve('https://hq2.example.org/sync/') } });
      expect((await screen.findByTestId('server-switched')).textContent).toBe(
        'Routewatch now connects to https://hq2.example.org. Enter your enrolment code again to finish moving this device there.',
      );
      const form = screen.getByRole('form', { name: 'Enrol again' });
      expect(within(form).getByLabelText<HTMLInputElement>('Server address').value).toBe('https://hq2.example.org/sync/');
      sync.onEnrol = () => {
        sync.emit({ revoked: false, error: null });
        return Promise.resolve();
      };
      type('Enrolment code', 'WXYZ-2345-6789');
      fireEvent.click(within(form).getByRole('button', { name: 'Enrol again' }));
      expect((await screen.findByTestId('enrol-outcome')).textContent).toMatch(/^This device is enrolled again\./);
      expect(sync.calls.enrol[0]?.[0]).toBe('https://hq2.example.org/sync/');
      expect(screen.queryByTestId('server-switched')).toBeNull();
    });

    it('says plainly when the switch was not allowed, and that nothing was sent', async () => {
      const { sync } = await setup({ revoked: true, pending: 3 }, revoked);
      await screen.findByLabelText('Enrolment code');
      type('Server address', 'https://elsewhere.example.org/');
      type('Enrolment code', 'WXYZ-2345-6789');
      sync.enrolFails = new ServerSwitchError('https://elsewhere.example.org/', 'refused');
      fireEvent.click(await screen.findByRole('button', { name: 'Enrol again' }));
      expect((await screen.findByTestId('enrol-outcome')).textContent).toBe(
        'This device stays with its server: connecting to https://elsewhere.example.org was not allowed. Nothing was sent.',
      );
      expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Enrol again' }).disabled).toBe(false);
    });

    it('shows no switch notice where the host has no switch: web mode (whatever session storage holds), or a host that cannot say', async () => {
      // A note an older version left in session storage is not read.
      sessionStorage.setItem('routewatch.serverSwitch', JSON.stringify({ serverUrl: 'https://hq2.example.org/sync/' }));
      for (const host of [{}, { platform: { syncServerSwitch: () => Promise.reject(new Error('no bridge')) } }] satisfies Host[]) {
        await setup({ revoked: true, pending: 3 }, revoked, host);
        const form = await screen.findByRole('form', { name: 'Enrol again' });
        expect(screen.queryByTestId('server-switched')).toBeNull();
        expect(within(form).getByLabelText<HTMLInputElement>('Server address').value).toBe('https://hq.example.org/');
        cleanup();
      }
      sessionStorage.clear();
    });
  });

  it('holds a mass change with its figures: "Apply anyway" confirms it, "Leave it" changes nothing', async () => {
    const { sync } = await setup({ massChange: { deletes: 1200, overwrites: 30, held: 1500 }, error: 'mass_change' });
    const panel = await screen.findByTestId('mass-change');
    expect(panel.textContent).toContain('would delete 1,200 and overwrite 30 of the 1,500 records on this device');
    fireEvent.click(within(panel).getByRole('button', { name: 'Leave it' }));
    expect(within(panel).getByRole('status').textContent).toMatch(/^Left as it is/);
    expect(sync.calls.confirmMassChange).toBe(0);
    cleanup();
    const second = await setup({ massChange: { deletes: 1200, overwrites: 30, held: 1500 } });
    fireEvent.click(within(await screen.findByTestId('mass-change')).getByRole('button', { name: 'Apply anyway' }));
    expect(second.sync.calls.confirmMassChange).toBe(1);
    act(() => second.sync.emit({ massChange: null }));
    expect(screen.queryByTestId('mass-change')).toBeNull();
  });

  it('asks again when the confirmed round ends with the hold still standing', async () => {
    const { sync } = await setup({ massChange: { deletes: 1200, overwrites: 30, held: 1500 } });
    const apply = within(await screen.findByTestId('mass-change')).getByRole('button', { name: 'Apply anyway' });
    fireEvent.click(apply);
    expect(sync.calls.confirmMassChange).toBe(1);
    // The fake's round resolves and leaves the hold: the buttons do not stay disabled.
    await waitFor(() => {
      expect(apply.hasAttribute('disabled')).toBe(false);
    });
  });

  it("shows the device's and the server's time when the clocks are apart", async () => {
    await setup({ clockSkew: { deviceTime: '2026-12-05T11:00:00.000Z', serverTime: '2026-12-04T11:00:00.000Z' } });
    const panel = await screen.findByTestId('clock-skew');
    const times = [...panel.querySelectorAll('time')].map((el) => el.getAttribute('datetime'));
    expect(times).toEqual(['2026-12-05T11:00:00.000Z', '2026-12-04T11:00:00.000Z']);
    expect(within(panel).getByText('This device').nextElementSibling?.textContent).toMatch(/Dec 5, 2026/);
    expect(within(panel).getByText('Server').nextElementSibling?.textContent).toMatch(/Dec 4, 2026/);
  });

  it('shows a long first pull with its figures, or without a total when unknown, and that it resumes', async () => {
    const { sync } = await setup({ syncing: true, progress: { phase: 'pull', done: 12_000, remaining: 88_000 } });
    const panel = await screen.findByTestId('sync-progress');
    expect(panel.textContent).toContain('Receiving records: 12,000 of 100,000');
    expect(panel.textContent).toContain('resumes where it stopped');
    expect(panel.querySelector('progress')?.getAttribute('max')).toBe('100000');
    act(() => sync.emit({ progress: { phase: 'pull', done: 12_500, remaining: null } }));
    expect(screen.getByTestId('sync-progress').textContent).toContain('Receiving records: 12,500');
    expect(screen.getByTestId('sync-progress').querySelector('progress')?.hasAttribute('value')).toBe(false);
    act(() => sync.emit({ syncing: false, progress: null }));
    expect(screen.queryByTestId('sync-progress')).toBeNull();
  });

  it('says when offline that changes are kept, and leaves "Sync now" to the status bar', async () => {
    await setup({ online: false });
    expect(await screen.findByText('Offline: changes are kept and sync when the connection is back.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sync now' })).toBeNull();
  });
});

describe('Device & sync: enrolled again into another office while changes wait', () => {
  it('asks to export first, then enrols into the new office on confirmation', async () => {
    const { sync, saved } = await setup({ revoked: true, pending: 2, attention: 1 });
    let confirmed = 0;
    Object.assign(sync, {
      confirmOfficeChange: () => {
        confirmed += 1;
        sync.emit({ revoked: false, office: 'MK-SKO' });
        return Promise.resolve();
      },
    });
    const held = Object.assign(new Error('held'), { name: 'OfficeChangeError', currentOffice: 'RS-BEL', newOffice: 'MK-SKO', waiting: 3 });
    sync.enrolFails = held;
    await screen.findByLabelText('Enrolment code');
    type('Enrolment code', 'WXYZ-2345-6789');
    fireEvent.click(screen.getByRole('button', { name: 'Enrol again' }));
    const panel = await screen.findByTestId('office-change');
    expect(within(panel).getByRole('heading').textContent).toBe('Enrol into MK-SKO?');
    expect(panel.textContent).toContain('This device holds 3 changes for office RS-BEL that the server has not accepted. The new code is for MK-SKO');
    expect(screen.queryByTestId('enrol-outcome')).toBeNull();
    fireEvent.click(within(panel).getByRole('button', { name: 'Export waiting changes' }));
    await within(panel).findByRole('status');
    expect(saved).toHaveLength(1);
    fireEvent.click(within(panel).getByRole('button', { name: 'Enrol into MK-SKO' }));
    expect((await screen.findByTestId('enrol-outcome')).textContent).toBe('This device is enrolled. Its changes now sync with headquarters.');
    expect(confirmed).toBe(1);
  });
});
