// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ENROLMENT, FakeSync, fakeServices, statusOf } from '../../../test-support/renderer/fake-services';
import { ServicesContext } from '../../app/services';
import { deviceDisplay, RecordDevice } from './record-device';

afterEach(cleanup);

async function show(device: string, enrolment: Record<string, unknown> | null, names: { localId: string; name: string }[] = []) {
  const services = fakeServices(new FakeSync(statusOf()));
  await services.store.setMeta('identity', { localDeviceId: 'local-1' });
  if (names.length > 0) await services.store.setMeta('deviceNames', names);
  if (enrolment !== null) await services.store.setMeta('enrolment', enrolment as never);
  render(
    <ServicesContext.Provider value={services}>
      <RecordDevice device={device} />
    </ServicesContext.Provider>,
  );
  return (await screen.findByTestId('record-device')).textContent;
}

describe('the device a record was recorded on', () => {
  it('is this device by its name', async () => {
    expect(await show('local-1', ENROLMENT)).toBe('Laptop A (this device)');
  });

  it('is "this device" when the device has no name yet', async () => {
    expect(await show('local-1', null)).toBe('This device');
  });

  it('is another device by the name the server gave for its id', async () => {
    expect(await show('other-7', ENROLMENT, [{ localId: 'other-8', name: 'Tablet B' }, { localId: 'other-7', name: 'Laptop Preševo' }])).toBe('Laptop Preševo');
  });

  it('renders a hostile device name as text', async () => {
    expect(await show('other-7', ENROLMENT, [{ localId: 'other-7', name: '<img src=x onerror=alert(1)>' }])).toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
  });

  it('is "another device" with its id when the server named no device for it, never an invented name', async () => {
    expect(await show('other-7', ENROLMENT, [{ localId: 'other-8', name: 'Tablet B' }])).toBe('Another device id other-7');
    expect(screen.getByText('id other-7').className).toContain('small');
  });

  it('compares ids exactly', () => {
    expect(deviceDisplay('local-1', undefined, 'Laptop A')).toEqual({ kind: 'other', id: 'local-1' });
    expect(deviceDisplay('local-1', 'local-1', '  ')).toEqual({ kind: 'this', name: null });
    expect(deviceDisplay('Other-7', 'local-1', 'Laptop A', [{ localId: 'other-7', name: 'Tablet' }])).toEqual({ kind: 'other', id: 'Other-7' });
    expect(deviceDisplay('other-7', 'local-1', 'Laptop A', [{ localId: 'other-7', name: ' ' }])).toEqual({ kind: 'other', id: 'other-7' });
  });
});
