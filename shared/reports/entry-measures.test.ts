import { describe, expect, it } from 'vitest';
import { OBSERVATION_KINDS } from '../observations/codelists';
import type { ObservationKind } from '../observations/codelists';
import { entryMeasures, MEASURES, range } from './entry-measures';

function columns(entries: { kind: ObservationKind; persons: number; time: number; site: string }[], measure?: number[]) {
  return {
    cols: {
      kind: entries.map((e) => OBSERVATION_KINDS.indexOf(e.kind)),
      persons: entries.map((e) => e.persons),
      time: entries.map((e) => e.time),
      ...(measure ? { measure } : {}),
    },
    siteOf: (i: number) => entries[i]?.site ?? '',
  };
}

describe('entryMeasures: the screens\' totals', () => {
  it('keeps persons moving, persons at sites (latest count) and the rest apart', () => {
    const { cols, siteOf } = columns([
      { kind: 'group_sighting', persons: 50, time: 1, site: 'a' },
      { kind: 'point_count', persons: 70, time: 2, site: 'b' },
      // A site counted on three days holding about 300: 300 at the end, not 900.
      { kind: 'site_snapshot', persons: 290, time: 1, site: 'c' },
      { kind: 'site_snapshot', persons: 310, time: 2, site: 'c' },
      { kind: 'site_snapshot', persons: 300, time: 3, site: 'c' },
      { kind: 'site_snapshot', persons: 40, time: 2, site: 'd' },
      { kind: 'incident', persons: 12, time: 1, site: 'a' },
      { kind: 'secondary_source', persons: 9000, time: 1, site: 'e' },
      { kind: 'border_status', persons: 0, time: 1, site: 'a' },
    ]);
    expect(entryMeasures(cols, range(0, 9), siteOf)).toEqual({
      records: 9,
      moving: { persons: 120, records: 2 },
      atSites: { persons: 340, sites: 2, records: 4 },
      incidents: 1,
      official: 1,
      other: 1,
    });
  });

  it('counts only the positions given, and an entry toward the measure its columns give', () => {
    const { cols, siteOf } = columns(
      [
        { kind: 'point_count', persons: 70, time: 2, site: 'b' },
        { kind: 'point_count', persons: 4000, time: 2, site: 'b' },
        { kind: 'group_sighting', persons: 5, time: 3, site: 'b' },
      ],
      [MEASURES.indexOf('movements'), MEASURES.indexOf('official'), MEASURES.indexOf('movements')],
    );
    const m = entryMeasures(cols, [0, 1], siteOf);
    expect(m.moving).toEqual({ persons: 70, records: 1 });
    expect(m.official).toBe(1);
    expect(m.records).toBe(2);
  });

  it('gives zeros for no entries', () => {
    const { cols, siteOf } = columns([]);
    expect(entryMeasures(cols, [], siteOf).atSites).toEqual({ persons: 0, sites: 0, records: 0 });
  });
});
