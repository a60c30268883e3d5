import { describe, expect, it } from 'vitest';
import type { User } from '../access/roles';
import { observationsGeoJson, roundCoordinate } from './observations-geojson';
import { PLACES, exportRecord } from '../../test-support/shared/export-test-fixtures';

const analyst: User = { name: 'Hana', role: 'hq_analyst', office: 'HQ-VIE' };
const plain = { user: analyst, includeSensitive: false, includeTraining: false };

describe('observationsGeoJson', () => {
  it('puts each record at its own point, else its place, longitude first, rounded to 6 decimals', () => {
    const own = exportRecord({ location: { lat: 45.12345678, lon: -19.87654321 }, locationMethod: 'gps' });
    const atPlace = exportRecord();
    const out = observationsGeoJson([own, atPlace], plain, PLACES);
    const parsed = JSON.parse(out.text) as typeof out.collection;
    expect(parsed.type).toBe('FeatureCollection');
    expect(parsed).not.toHaveProperty('crs');
    expect(parsed.features.map((f) => f.geometry.coordinates)).toEqual([
      [-19.876543, 45.123457],
      [19.226123, 45.128346],
    ]);
    expect(parsed.features[0]?.id).toBe(own.id);
    expect(parsed.features[0]?.properties.location_source).toBe('record');
    expect(parsed.features[1]?.properties.location_source).toBe('place');
    expect(parsed.features[1]?.properties.latitude).toBe(45.128346);
  });

  it('carries the CSV columns as properties, numbers as numbers, text as written (Cyrillic intact)', () => {
    const out = observationsGeoJson([exportRecord({ summary: '=1+1 Шид' })], plain, PLACES);
    const properties = out.collection.features[0]?.properties;
    expect(properties).toMatchObject({ total_persons: 20, men: 8, separated_children: null, nationalities: 'SYR:12;AFG:3', source_grade: 'B2', summary: '=1+1 Шид', place_name_local: 'Шид' });
    expect(properties).not.toHaveProperty('notes');
  });

  it('counts and leaves out records with neither a point nor a known place', () => {
    const lost = exportRecord({ placeId: 'rs-unknown-place', location: null });
    const out = observationsGeoJson([lost, exportRecord()], plain, PLACES);
    expect(out.rows).toBe(1);
    expect(out.withoutLocation).toBe(1);
  });

  it('applies the same selection as the CSV: no deleted, no training unless asked, sensitive only if asked and allowed', () => {
    const out = observationsGeoJson(
      [exportRecord({ deleted: true }), exportRecord({ training: true }), exportRecord({ classification: 'restricted' }), exportRecord()],
      { user: analyst, includeSensitive: true, includeTraining: false },
      PLACES,
    );
    expect(out.rows).toBe(2);
    expect(out.leftOut).toMatchObject({ deleted: 1, training: 1, sensitiveWithheld: 1 });
    expect(out.collection.features.map((f) => f.properties.notes)).toEqual([null, 'Met at the station']);
  });

  it('rounds coordinates without a negative zero', () => {
    expect(roundCoordinate(-0.0000001)).toBe(0);
    expect(Object.is(roundCoordinate(-0.0000001), -0)).toBe(false);
    expect(roundCoordinate(179.9999999)).toBe(180);
  });
});
