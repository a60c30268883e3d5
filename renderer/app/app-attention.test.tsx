// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeAttention, FakeSync, fakeServices, statusOf } from '../../test-support/renderer/fake-services';
import { App } from './app';
import { ServicesContext } from './services';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('the app shell and "Needs attention"', () => {
  it('has a nav entry that shows the count of refused changes when there are any, and routes to the screen', async () => {
    window.location.hash = '#/attention';
    const sync = new FakeSync(statusOf({ attention: 0 }));
    render(
      <ServicesContext.Provider value={fakeServices(sync, new FakeAttention([]))}>
        <App />
      </ServicesContext.Provider>,
    );
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const link = within(nav).getByRole('link', { name: 'Needs attention' });
    expect(link.getAttribute('href')).toBe('#/attention');
    expect(link.getAttribute('aria-current')).toBe('page');
    expect(await screen.findByTestId('attention-empty')).toBeTruthy();
    act(() => sync.emit({ attention: 3 }));
    expect(within(nav).getByRole('link', { name: 'Needs attention (3)' })).toBeTruthy();
  });
});
