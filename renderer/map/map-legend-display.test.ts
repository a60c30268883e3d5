// @vitest-environment jsdom
import L from 'leaflet';
import { describe, expect, it } from 'vitest';
import { t } from '../i18n/i18n';
import { legendControl } from './map-controls';

describe('legend entries of the observation display', () => {
  it('explains the cluster badge and the density ramp in words, from low to high', () => {
    const element = document.createElement('div');
    document.body.append(element);
    const map = L.map(element).setView([42, 21], 6);
    legendControl(true).addTo(map);
    const legend = element.querySelector('.rw-map-legend');
    expect(legend?.querySelector('.rw-map-legend-clusters')?.textContent).toBe(`120${t('map.legend.clusters')}`);
    const heat = legend?.querySelector('.rw-map-legend-heat-row');
    expect(heat?.textContent).toBe(`${t('map.legend.heat')}${t('map.legend.heatLow')}${t('map.legend.heatHigh')}`);
    // The sample badge and the ramp are pictures of what the words say.
    expect(legend?.querySelector('.rw-map-legend-badge')?.getAttribute('aria-hidden')).toBe('true');
    expect(legend?.querySelector('.rw-map-legend-ramp')?.getAttribute('aria-hidden')).toBe('true');
    map.remove();
  });
});
