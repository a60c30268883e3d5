import { describe, expect, it } from 'vitest';
import { OBSERVATION_KINDS } from '../observations/codelists';
import { measureOf } from './measure-kinds';

describe('the measure a record counts toward', () => {
  it('is one per kind, and never adds a site, an incident or an official figure to the persons moving', () => {
    const byKind = Object.fromEntries(OBSERVATION_KINDS.map((kind) => [kind, measureOf({ kind })]));
    expect(byKind).toEqual({
      group_sighting: 'movements',
      point_count: 'movements',
      site_snapshot: 'presence',
      incident: 'incidents',
      border_status: 'none',
      route_report: 'none',
      secondary_source: 'official',
    });
  });

  it('is the official figures for a head count given as an official figure, whatever the kind', () => {
    expect(measureOf({ kind: 'point_count', counts: { method: 'official_figure' } })).toBe('official');
    expect(measureOf({ kind: 'point_count', counts: { method: 'exact_count' } })).toBe('movements');
    expect(measureOf({ kind: 'site_snapshot', counts: { method: null } })).toBe('presence');
  });
});
