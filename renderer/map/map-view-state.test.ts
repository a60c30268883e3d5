import { describe, expect, it } from 'vitest';
import { DEFAULT_MAP_VIEW, readMapView } from './map-view-state';

describe('saved map view', () => {
  it('reads a saved view back', () => {
    const view = { display: 'heat', step: 'week', showFlows: true, flowThreshold: 25 };
    expect(readMapView(JSON.stringify(view))).toEqual(view);
  });

  it('falls back to the defaults, field by field, for anything missing or hostile', () => {
    expect(readMapView(null)).toEqual(DEFAULT_MAP_VIEW);
    expect(readMapView('not json')).toEqual(DEFAULT_MAP_VIEW);
    expect(readMapView('[1,2]')).toEqual(DEFAULT_MAP_VIEW);
    expect(readMapView(JSON.stringify({ display: '<script>', step: 'year', showFlows: 'yes', flowThreshold: -3 }))).toEqual(DEFAULT_MAP_VIEW);
    expect(readMapView(JSON.stringify({ step: 'day', flowThreshold: 1e12 }))).toEqual({ ...DEFAULT_MAP_VIEW, step: 'day' });
  });
});
