// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Place } from '../../shared/places/place';
import { ActiveFilters, activeFilters } from './active-filters';
import { ChoiceDisclosure } from './choice-disclosure';
import { defaultFilter } from './filter-state';

afterEach(cleanup);

const COLOURS = [
  { value: 'r', label: 'Red' },
  { value: 'g', label: 'Green' },
  { value: 'b', label: 'Blue' },
];

function Harness({ initial = [] as string[] }) {
  const [selected, setSelected] = useState(initial);
  return (
    <>
      <ChoiceDisclosure
        label="Colours"
        groups={[{ key: 'all', legend: null, options: COLOURS }]}
        selected={selected}
        onChange={setSelected}
        clearLabel="Any colour"
        labelOf={(v) => COLOURS.find((c) => c.value === v)?.label ?? v}
      />
      <output data-testid="chosen">{selected.join(',')}</output>
      <button type="button">elsewhere</button>
    </>
  );
}

describe('ChoiceDisclosure', () => {
  it('is a labelled button saying what is chosen, opening a panel of checkboxes', () => {
    render(<Harness />);
    const button = screen.getByRole('button', { name: 'Colours All' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('checkbox')).toBeNull();
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('group', { name: 'Colours' });
    expect(panel.id).toBe(button.getAttribute('aria-controls'));
    // Focus goes into the panel, on its first control.
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'Red' }));

    fireEvent.click(screen.getByRole('checkbox', { name: 'Green' }));
    expect(screen.getByTestId('chosen').textContent).toBe('g');
    expect(button.textContent).toContain('Green');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Blue' }));
    expect(screen.getByTestId('chosen').textContent).toBe('g,b');
    expect(button.textContent).toContain('2 chosen');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Green' }));
    expect(screen.getByTestId('chosen').textContent).toBe('b');
  });

  it('closes on Escape and on Done, giving focus back to its button; empties on "Any colour"', () => {
    render(<Harness initial={['r', 'b']} />);
    const button = screen.getByRole('button', { name: /^Colours/ });
    fireEvent.click(button);
    fireEvent.keyDown(screen.getByRole('checkbox', { name: 'Red' }), { key: 'Escape' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);

    fireEvent.click(button);
    fireEvent.click(screen.getByRole('button', { name: 'Any colour' }));
    expect(screen.getByTestId('chosen').textContent).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
  });

  it('closes when focus or a click goes elsewhere', () => {
    render(<Harness />);
    const button = screen.getByRole('button', { name: /^Colours/ });
    fireEvent.click(button);
    fireEvent.blur(screen.getByRole('checkbox', { name: 'Red' }), { relatedTarget: screen.getByRole('button', { name: 'elsewhere' }) });
    expect(button.getAttribute('aria-expanded')).toBe('false');

    fireEvent.click(button);
    act(() => {
      screen.getByRole('button', { name: 'elsewhere' }).dispatchEvent(new Event('pointerdown', { bubbles: true }));
    });
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });
});

describe('activeFilters', () => {
  it('lists each narrowing choice with the filter that removes it, user text as given', () => {
    const sid = { id: 'rs-sid', name: 'Sid' } as Place;
    const filter = { ...defaultFilter(new Date(2026, 0, 10)), text: ' <b>žena</b> ', placeIds: ['rs-sid', 'xx-gone'], kinds: ['incident' as const], missions: ['RS' as const] };
    const items = activeFilters(filter, new Map([[sid.id, sid]]));
    expect(items.map((i) => i.label)).toEqual(['Words: “<b>žena</b>”', 'Place: Sid', 'Place: xx-gone', 'Kind: Incident', 'Mission: Serbia']);
    expect(items.map((i) => i.without)).toEqual([{ text: '' }, { placeIds: ['xx-gone'] }, { placeIds: ['rs-sid'] }, { kinds: [] }, { missions: [] }]);
    expect(activeFilters({ ...filter, text: ' ,, ', placeIds: [], kinds: [], missions: [] }, new Map())).toEqual([]);
  });

  it('keeps its line, saying nothing narrows, only where asked (the map keeps its height)', () => {
    const filter = defaultFilter(new Date(2026, 0, 10));
    const setFilter = (): void => undefined;
    const { container, rerender } = render(<ActiveFilters filter={filter} placesById={new Map()} setFilter={setFilter} />);
    expect(container.textContent).toBe('');
    rerender(<ActiveFilters filter={filter} placesById={new Map()} setFilter={setFilter} keepLine />);
    expect(container.querySelector('.active-filters-none')?.textContent).toBe('Every kind, status, mission and place of the period');
    rerender(<ActiveFilters filter={{ ...filter, kinds: ['incident'] }} placesById={new Map()} setFilter={setFilter} keepLine />);
    expect(container.querySelector('.active-filters-none')).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove filter Kind: Incident' })).toBeTruthy();
  });
});
