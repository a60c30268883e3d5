// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeAttention, FakeSync, fakeServices, statusOf } from '../../test-support/renderer/fake-services';
import { App } from './app';
import { NotFoundScreen } from './not-found-screen';
import { ServicesContext } from './services';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

function renderApp() {
  render(
    <ServicesContext.Provider value={fakeServices(new FakeSync(statusOf()), new FakeAttention([]))}>
      <App />
    </ServicesContext.Provider>,
  );
}

describe('an address that names no screen', () => {
  it('shows "Page not found" with the address and the ways back, not the map', () => {
    window.location.hash = '#/nonsense';
    renderApp();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Page not found');
    expect(screen.getByTestId('not-found-address').textContent).toBe('#/nonsense');
    expect(screen.getByRole('link', { name: 'Go to the map' }).getAttribute('href')).toBe('#/map');
    expect(screen.getByRole('link', { name: 'Go to the observations' }).getAttribute('href')).toBe('#/observations');
    expect(document.querySelector('.main-map')).toBeNull();
    // No entry of the main navigation claims to be the page shown.
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryAllByRole('link').filter((link) => link.getAttribute('aria-current') === 'page')).toEqual([]);
  });

  it('shows the address as text, cut short when it is long', () => {
    const address = `#/<img src=x onerror="alert(1)">${'x'.repeat(5000)}`;
    render(<NotFoundScreen address={address} pathname="/" />);
    const shown = screen.getByTestId('not-found-address');
    expect(shown.textContent).toBe(`${address.slice(0, 160)}…`);
    expect(shown.querySelector('img')).toBeNull();
  });

  it('leads back to the app\'s own page from another path', () => {
    render(<NotFoundScreen address="/nonsense" pathname="/nonsense" />);
    expect(screen.getByRole('link', { name: 'Go to the map' }).getAttribute('href')).toBe('./#/map');
  });
});
