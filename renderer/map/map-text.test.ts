// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { placeTooltipContent, pointPopupContent } from './map-text';
import { POINT_RADIUS_MAX, POINT_RADIUS_MIN, pointRadius } from './points/point-layer';

const markup = '<img src=x onerror=alert(1)>';

describe('tooltip and popup content', () => {
  it('shows a place name and local name as text, never as HTML', () => {
    const el = placeTooltipContent({ name: markup, nameLocal: `${markup}<b>x</b>` });
    expect(el.querySelector('.rw-map-place-name')?.textContent).toBe(markup);
    expect(el.querySelector('.rw-map-place-local')?.textContent).toBe(`${markup}<b>x</b>`);
    expect(el.querySelector('img, b')).toBeNull();
  });

  it('leaves out a local name that is empty or the same as the name', () => {
    expect(placeTooltipContent({ name: 'Tompa', nameLocal: 'Tompa' }).querySelector('.rw-map-place-local')).toBeNull();
    expect(placeTooltipContent({ name: 'Tompa', nameLocal: ' ' }).querySelector('.rw-map-place-local')).toBeNull();
    expect(placeTooltipContent({ name: 'Presevo', nameLocal: 'Прешево' }).textContent).toBe('PresevoПрешево');
  });

  it('shows a point title and subtitle as text, never as HTML', () => {
    const el = pointPopupContent({ title: markup, subtitle: `line 1\n${markup}` });
    expect(el.querySelector('.rw-map-point-title')?.textContent).toBe(markup);
    expect(el.querySelector('.rw-map-point-subtitle')?.textContent).toBe(`line 1\n${markup}`);
    expect(el.querySelector('img')).toBeNull();
  });
});

describe('point radius', () => {
  it('grows with the square root of persons and is capped', () => {
    expect(pointRadius(0)).toBe(POINT_RADIUS_MIN);
    expect(pointRadius(-5)).toBe(POINT_RADIUS_MIN);
    expect(pointRadius(Number.NaN)).toBe(POINT_RADIUS_MIN);
    expect(pointRadius(100) - POINT_RADIUS_MIN).toBeCloseTo(2 * (pointRadius(25) - POINT_RADIUS_MIN));
    expect(pointRadius(1_000_000)).toBe(POINT_RADIUS_MAX);
  });
});
