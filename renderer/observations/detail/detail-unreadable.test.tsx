// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { observationInput, renderWith, signIn, testServices } from '../../../test-support/renderer/test-services';
import { ObservationDetailScreen } from './observation-detail-screen';

afterEach(cleanup);

describe('the detail view of a record whose encrypted fields are damaged', () => {
  it('says its protected fields could not be read, shows none of them, and offers no change', async () => {
    const services = testServices();
    const [record] = await services.store.createObservations(
      [observationInput({ notes: 'CANARY informant', source: { type: 'key_informant', name: 'CANARY driver', reliability: 'C', credibility: '3' } })],
      { author: 'Ana', office: 'RS-BEL' },
    );
    if (!record) throw new Error('not created');
    const row = await services.store.db.observations.get(record.id);
    if (!row?.sealed) throw new Error('no envelope');
    const damaged = row.sealed.slice();
    damaged[damaged.length - 1] = (damaged[damaged.length - 1] ?? 0) ^ 0xff;
    await services.store.db.observations.put({ ...row, sealed: damaged });
    await signIn(services, 'Ana', 'field_monitor');
    renderWith(services, <ObservationDetailScreen recordId={record.id} onDeleted={() => undefined} />);
    expect((await screen.findByTestId('protected-unreadable')).textContent).toBe(
      'The protected fields of this record could not be read on this device: their encrypted copy is damaged. None of them is shown.',
    );
    expect(document.body.textContent).not.toContain('CANARY');
    expect(document.querySelector('[data-path="summary"] dd')?.textContent).toBe('Twelve walking <b>north</b>');
    expect(screen.getByRole('button', { name: 'Delete' }).hasAttribute('disabled')).toBe(true);
  });
});
