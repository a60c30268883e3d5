// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import gazetteerCsv from '../../assets/places/route-places.csv?raw';
import { parseGazetteerCsv } from '../../shared/places/gazetteer-csv';
import type { Place } from '../../shared/places/place';
import { PlaceCombobox } from './place-combobox';

const { places } = parseGazetteerCsv(gazetteerCsv);

afterEach(cleanup);

/** The combobox as a form holds it: the value lives in the parent. */
function Harness({ initial = null, onChange, list = places }: { initial?: string | null; onChange?: (id: string | null) => void; list?: readonly Place[] }) {
  const [value, setValue] = useState<string | null>(initial);
  return (
    <>
      <PlaceCombobox
        label="Place"
        places={list}
        value={value}
        onChange={(id) => {
          setValue(id);
          onChange?.(id);
        }}
        describedBy="outside-message"
      />
      <output data-testid="value">{value ?? ''}</output>
      <button type="button" onClick={() => setValue('rs-sid')}>
        set from outside
      </button>
    </>
  );
}

function input(): HTMLInputElement {
  return screen.getByRole('combobox', { name: 'Place' });
}

function type(text: string): void {
  fireEvent.change(input(), { target: { value: text } });
}

function key(name: string, init: Partial<KeyboardEventInit> = {}): boolean {
  return fireEvent.keyDown(input(), { key: name, ...init });
}

describe('PlaceCombobox', () => {
  it('is a labelled, collapsed combobox that controls its listbox', () => {
    render(<Harness />);
    const box = input();
    expect(box.getAttribute('aria-expanded')).toBe('false');
    const listbox = document.getElementById(box.getAttribute('aria-controls') ?? '');
    expect(listbox?.getAttribute('role')).toBe('listbox');
    expect(box.getAttribute('aria-describedby')).toContain('outside-message');
    expect(box.getAttribute('aria-activedescendant')).toBeNull();
  });

  it('typing "Presevo" offers Preševo with its local name, kind and country', () => {
    render(<Harness />);
    type('Presevo');
    expect(input().getAttribute('aria-expanded')).toBe('true');
    const options = screen.getAllByRole('option');
    expect(options[0]?.textContent).toContain('Presevo');
    expect(options[0]?.textContent).toContain('Прешево');
    expect(options[0]?.textContent).toContain('Reception centre');
    expect(options[0]?.textContent).toContain('Serbia');
  });

  it.each(['Прешево', 'preševo', 'PRESEVO'])('typing "%s" also offers Preševo first', (query) => {
    render(<Harness />);
    type(query);
    expect(screen.getAllByRole('option')[0]?.textContent).toContain('Presevo');
  });

  it('shows the other name a place was found by', () => {
    render(<Harness />);
    type('Đevđelija');
    expect(screen.getAllByRole('option')[0]?.textContent).toContain('Gevgelija');
    expect(screen.getAllByRole('option')[0]?.textContent).toContain('also Đevđelija');
  });

  it('Down highlights an option through aria-activedescendant and Enter chooses it', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    type('Presevo');
    key('ArrowDown');
    const activeId = input().getAttribute('aria-activedescendant');
    expect(activeId).toBeTruthy();
    const active = document.getElementById(activeId ?? '');
    expect(active?.getAttribute('aria-selected')).toBe('true');
    expect(active?.textContent).toContain('Presevo');
    const submitted = !key('Enter');
    expect(submitted).toBe(true); // default prevented: Enter does not submit a surrounding form
    expect(onChange).toHaveBeenCalledWith('rs-presevo');
    expect(screen.getByTestId('value').textContent).toBe('rs-presevo');
    expect(input().value).toBe('Presevo');
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByText(/Прешево · Reception centre · Serbia/)).toBeTruthy();
  });

  it('Up and Down move through the options and wrap around', () => {
    render(<Harness />);
    type('ovac');
    const count = screen.getAllByRole('option').length;
    expect(count).toBeGreaterThan(1);
    key('ArrowDown');
    key('ArrowDown');
    expect(input().getAttribute('aria-activedescendant')).toMatch(/option-1$/);
    key('ArrowUp');
    key('ArrowUp');
    expect(input().getAttribute('aria-activedescendant')).toMatch(new RegExp(`option-${count - 1}$`));
  });

  it('Escape closes the list, and a second Escape clears the field', () => {
    const onChange = vi.fn();
    render(<Harness initial="rs-presevo" onChange={onChange} />);
    expect(input().value).toBe('Presevo');
    type('Tabanovce');
    expect(input().getAttribute('aria-expanded')).toBe('true');
    key('Escape');
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryAllByRole('option')).toHaveLength(0);
    expect(onChange).not.toHaveBeenCalled();
    key('Escape');
    expect(input().value).toBe('');
    expect(onChange).toHaveBeenCalledWith(null);
  });

  it('a mouse click on an option chooses it', () => {
    render(<Harness />);
    type('Табановце');
    const option = screen.getAllByRole('option')[0];
    if (!option) throw new Error('no option');
    fireEvent.mouseDown(option);
    fireEvent.click(option);
    expect(screen.getByTestId('value').textContent).toBe('mk-tabanovce');
    expect(input().value).toBe('Tabanovce');
  });

  it('Enter with nothing highlighted chooses only an exact name', () => {
    render(<Harness />);
    type('Tabanovce');
    key('Enter');
    expect(screen.getByTestId('value').textContent).toBe('mk-tabanovce');
    type('Taban');
    key('Enter');
    expect(screen.getByTestId('value').textContent).toBe('mk-tabanovce');
    expect(input().getAttribute('aria-expanded')).toBe('true');
  });

  it('leaving with half-typed text goes back to the chosen place; an exact name is chosen', () => {
    render(<Harness initial="rs-presevo" />);
    type('Tab');
    fireEvent.blur(input());
    expect(input().value).toBe('Presevo');
    expect(screen.getByTestId('value').textContent).toBe('rs-presevo');
    type('Гевгелија');
    fireEvent.blur(input());
    expect(screen.getByTestId('value').textContent).toBe('mk-gevgelija');
    expect(input().value).toBe('Gevgelija');
    type('');
    fireEvent.blur(input());
    expect(screen.getByTestId('value').textContent).toBe('');
  });

  it('says so when nothing matches, and shows the query as text', () => {
    render(<Harness />);
    type('<img src=x onerror=alert(1)>');
    expect(screen.queryAllByRole('option')).toHaveLength(0);
    expect(screen.getByText('No place matches “<img src=x onerror=alert(1)>”.')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });

  it('Down on an empty field lists places by name', () => {
    render(<Harness />);
    key('ArrowDown');
    const names = screen.getAllByRole('option').map((o) => o.querySelector('.place-option-name')?.textContent ?? '');
    expect(names.length).toBe(places.length);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('shows the name of a value set from outside', () => {
    render(<Harness initial="rs-presevo" />);
    fireEvent.click(screen.getByText('set from outside'));
    expect(input().value).toBe('Sid');
  });

  it('renders place names as text, never as markup', () => {
    const base = places[0];
    if (!base) throw new Error('empty gazetteer');
    const hostile: Place = { ...base, id: 'rs-hostile', name: '<b>Bold</b>', nameLocal: '<script>x</script>' };
    render(<Harness list={[hostile]} />);
    type('bold');
    expect(screen.getAllByRole('option')[0]?.textContent).toContain('<b>Bold</b>');
    expect(document.querySelector('b, script')).toBeNull();
  });

  it('the Clear button empties the field and the value', () => {
    render(<Harness initial="rs-presevo" />);
    fireEvent.click(screen.getByRole('button', { name: 'Clear the place' }));
    expect(input().value).toBe('');
    expect(screen.getByTestId('value').textContent).toBe('');
  });
});
