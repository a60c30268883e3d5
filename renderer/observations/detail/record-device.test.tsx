// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ENROLMENT, FakeSync, fakeServices, statusOf } from '../../attention/fake-services';
import { ServicesContext } from '../../app/services';
import { deviceDisplay, RecordDevice } from './record-device';

afterEach(cleanup);

async function show(device: string, enrolment: Record<string, unknown> | null) {
  const services = fakeServices(new FakeSync(statusOf()));
  await services.store.setMeta('identity', { localDeviceId: 'local-1' });
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

  it('is "another device" with its id, never an invented name', async () => {
    expect(await show('other-7', ENROLMENT)).toBe('Another device id other-7');
    expect(screen.getByText('id other-7').className).toContain('small');
  });

  it('compares ids exactly', () => {
    expect(deviceDisplay('local-1', undefined, 'Laptop A')).toEqual({ kind: 'other', id: 'local-1' });
    expect(deviceDisplay('local-1', 'local-1', '  ')).toEqual({ kind: 'this', name: null });
  });
});
