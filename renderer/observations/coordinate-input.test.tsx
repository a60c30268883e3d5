// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoordinateInput } from './coordinate-input';

afterEach(cleanup);

function setup() {
  const onApply = vi.fn<(point: { lat: number; lon: number }) => void>();
  render(<CoordinateInput label="Coordinates" onApply={onApply} />);
  const field = screen.getByLabelText('Coordinates');
  const type = (text: string) => fireEvent.change(field, { target: { value: text } });
  const button = screen.getByRole('button', { name: 'Use these coordinates' });
  return { onApply, field, type, button };
}

describe('CoordinateInput', () => {
  it('shows the range error next to the field for "91 0" and applies nothing', () => {
    const { onApply, field, type, button } = setup();
    type('91 0');
    fireEvent.click(button);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('The latitude must be between 90° south and 90° north (−90 to 90).');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(alert.id);
    expect(onApply).not.toHaveBeenCalled();
  });

  it('applies "42°20′10″N 21°54′13″E" with the button and shows it in decimal and DMS', () => {
    const { onApply, type, button } = setup();
    type('42°20′10″N 21°54′13″E');
    expect(screen.getByText('Reads as 42.33611, 21.90361 (42°20′10.0″N 21°54′13.0″E)')).toBeTruthy();
    fireEvent.click(button);
    expect(onApply).toHaveBeenCalledTimes(1);
    const point = onApply.mock.calls[0]?.[0];
    expect(point?.lat).toBeCloseTo(42 + 20 / 60 + 10 / 3600, 9);
    expect(point?.lon).toBeCloseTo(21 + 54 / 60 + 13 / 3600, 9);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('applies on Enter without letting Enter submit a surrounding form', () => {
    const { onApply, field, type } = setup();
    type('21.9037E 42.3361N');
    const notPrevented = fireEvent.keyDown(field, { key: 'Enter' });
    expect(notPrevented).toBe(false);
    expect(onApply).toHaveBeenCalledWith({ lat: 42.3361, lon: 21.9037 });
  });

  it('applies a readable point on leaving the field, once', () => {
    const { onApply, field, type } = setup();
    type('42,3361; 21,9037');
    fireEvent.blur(field);
    fireEvent.blur(field);
    expect(onApply).toHaveBeenCalledTimes(1);
    expect(onApply).toHaveBeenCalledWith({ lat: 42.3361, lon: 21.9037 });
  });

  it('on leaving, shows the error of unreadable text but says nothing about an empty field', () => {
    const { onApply, field, type } = setup();
    fireEvent.blur(field);
    expect(screen.queryByRole('alert')).toBeNull();
    type('42 61 N 21 E');
    fireEvent.blur(field);
    expect(screen.getByRole('alert').textContent).toBe('Minutes must be less than 60.');
    type('42 6');
    expect(screen.queryByRole('alert')).toBeNull(); // typing again clears the message until the next try
    expect(onApply).not.toHaveBeenCalled();
  });

  it('asks for coordinates when the button is pressed on an empty field', () => {
    const { button } = setup();
    fireEvent.click(button);
    expect(screen.getByRole('alert').textContent).toContain('Type the coordinates');
  });

  it('renders typed text as text', () => {
    const { field, type, button } = setup();
    type('<img src=x onerror=alert(1)>');
    fireEvent.click(button);
    expect((field as HTMLInputElement).value).toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('cannot be read');
  });
});
