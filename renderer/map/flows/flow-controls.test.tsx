// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FlowThresholdControl, parseThreshold } from './flow-controls';

afterEach(() => {
  cleanup();
});

describe('FlowThresholdControl', () => {
  it('is one labelled number box that passes on each whole number typed', () => {
    const onChange = vi.fn();
    render(<FlowThresholdControl threshold={0} onThresholdChange={onChange} />);
    const input = screen.getByRole('spinbutton', { name: /Hide flows under.*persons/ });
    fireEvent.change(input, { target: { value: '25' } });
    expect(onChange).toHaveBeenLastCalledWith(25);
    fireEvent.change(input, { target: { value: '' } });
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('shows a threshold set from outside, and restores it after an empty box loses focus', () => {
    const onChange = vi.fn();
    const { rerender } = render(<FlowThresholdControl threshold={10} onThresholdChange={onChange} />);
    const input = screen.getByRole<HTMLInputElement>('spinbutton');
    expect(input.value).toBe('10');
    rerender(<FlowThresholdControl threshold={50} onThresholdChange={onChange} />);
    expect(input.value).toBe('50');
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.blur(input);
    expect(input.value).toBe('50');
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('parseThreshold', () => {
  it('takes whole numbers of 0 or more only', () => {
    expect(['0', ' 12 ', '007', '', '-3', '1.5', '1e3', 'abc'].map(parseThreshold)).toEqual([0, 12, 7, null, null, null, null, null]);
  });
});
