// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { keepInSnapshot, SNAPSHOT_EXCLUDE_ATTRIBUTE } from './map-snapshot';

function element(className: string, attributes: Record<string, string> = {}): HTMLElement {
  const el = document.createElement('div');
  el.className = className;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

describe('what goes into the map picture', () => {
  it.each([
    'leaflet-control-zoom leaflet-bar leaflet-control',
    'leaflet-control-layers leaflet-control',
    'leaflet-popup-close-button',
    'rw-save-area leaflet-bar leaflet-control',
  ])('leaves out the controls that make no sense in a picture: %s', (className) => {
    expect(keepInSnapshot(element(className))).toBe(false);
  });

  it('leaves out anything marked to be left out (the copy button, a play button)', () => {
    expect(keepInSnapshot(element('rw-copy-map', { [SNAPSHOT_EXCLUDE_ATTRIBUTE]: '' }))).toBe(false);
  });

  it.each([
    'rw-map-legend leaflet-bar',
    'leaflet-control-scale leaflet-control',
    'rw-map-footnote leaflet-control-attribution',
    'leaflet-pane leaflet-overlay-pane',
    'leaflet-tile-container',
    'rw-map-country-label',
  ])('keeps the map, its legend, scale bar and footnote: %s', (className) => {
    expect(keepInSnapshot(element(className))).toBe(true);
  });

  it('keeps text and SVG nodes', () => {
    expect(keepInSnapshot(document.createTextNode('Kosovo*'))).toBe(true);
    expect(keepInSnapshot(document.createElementNS('http://www.w3.org/2000/svg', 'path'))).toBe(true);
  });
});
