// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ENROLMENT, FakeSync, fakeServices, statusOf } from '../../test-support/renderer/fake-services';
import { ServicesContext } from './services';
import { UserPanel } from './user-panel';

afterEach(cleanup);

async function setup(enrolment: Record<string, unknown> | null) {
  const services = fakeServices(new FakeSync(statusOf()));
  await services.store.setMeta('profile', { author: 'Typed name', office: 'MK-SKO' });
  if (enrolment !== null) await services.store.setMeta('enrolment', enrolment as never);
  render(
    <ServicesContext.Provider value={services}>
      <UserPanel />
    </ServicesContext.Provider>,
  );
  return services;
}

describe('Who uses this device', () => {
  it('shows the enrolled user and office as text: they cannot be typed', async () => {
    await setup({ ...ENROLMENT, userName: '<b>Ana</b> Petrović', role: 'supervisor' });
    expect((await screen.findByTestId('user-name')).textContent).toBe('<b>Ana</b> Petrović');
    expect(screen.getByTestId('user-office').textContent).toBe('RS-BEL');
    expect(screen.getByTestId('user-role').textContent).toBe('Role: Supervisor');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save name' })).toBeNull();
    expect(document.querySelector('b')).toBeNull();
  });

  it('keeps the name editable before enrolment, and saves it', async () => {
    const services = await setup(null);
    const name = await screen.findByLabelText<HTMLInputElement>('Your name');
    await waitFor(() => expect(name.value).toBe('Typed name'));
    fireEvent.change(name, { target: { value: 'Ana' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect((await screen.findByRole('status')).textContent).toBe('Name saved.');
    expect((await services.store.getMeta('profile'))?.author).toBe('Ana');
  });

  it('keeps a name over its limit whole, says so, and saves nothing until it is shortened', async () => {
    const services = await setup(null);
    const name = await screen.findByLabelText<HTMLInputElement>('Your name');
    await waitFor(() => expect(name.value).toBe('Typed name'));
    const long = 'N'.repeat(5000);
    fireEvent.change(name, { target: { value: long } });
    expect(name.value).toHaveLength(5000);
    expect(name.getAttribute('maxlength')).toBeNull();
    expect(screen.getByRole('alert').textContent).toBe('Your name is too long: 5,000 characters, at most 120. Nothing was cut: shorten it before submitting.');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    // Refused before any write (the check comes before the first await), so read at once.
    expect((await services.store.getMeta('profile'))?.author).toBe('Typed name');
    fireEvent.change(name, { target: { value: 'Ana' } });
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect((await screen.findByRole('status')).textContent).toBe('Name saved.');
    expect((await services.store.getMeta('profile'))?.author).toBe('Ana');
  });

  it('keeps the name editable on a device enrolled before codes named users', async () => {
    const { userName: _none, ...old } = ENROLMENT;
    await setup(old);
    expect(await screen.findByLabelText('Your name')).toBeTruthy();
  });
});
