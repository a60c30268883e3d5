import { describe, expect, it } from 'vitest';
import type { Place } from '../../shared/places/place';
import { defaultFilter } from '../filter/filter-state';
import { describeFilter, figureFilter, kindsOf } from './report-filter';

const places = new Map([['rs-presevo', { id: 'rs-presevo', name: 'Presevo' } as Place]]);
const base = { ...defaultFilter(new Date('2015-10-31T12:00:00')), fromDate: '2015-10-01', toDate: '2015-10-31' };

describe('the report\'s filter', () => {
  it('names the period and what narrows it, or says nothing does', () => {
    expect(describeFilter(base, places)).toMatch(/^Oct 1, 2015 – Oct 31, 2015; all missions, places and kinds$/);
    expect(describeFilter({ ...base, missions: ['RS'], placeIds: ['rs-presevo', 'gone'], kinds: ['incident'] }, places)).toMatch(
      /; missions: Serbia; places: Presevo, gone; kinds: Incident$/,
    );
  });

  it('opens a figure\'s records with the states the report counted, the figure\'s kinds and place, and no words', () => {
    expect(figureFilter({ ...base, text: 'presevo' }, false, kindsOf('movements'), 'rs-presevo')).toEqual({
      statuses: ['verified'],
      kinds: ['group_sighting', 'point_count'],
      text: '',
      placeIds: ['rs-presevo'],
    });
    // Submitted included; the filter's own kinds still narrow; no place keeps the filter's places.
    expect(figureFilter({ ...base, kinds: ['point_count', 'incident'] }, true, kindsOf('movements'))).toEqual({
      statuses: ['submitted', 'verified'],
      kinds: ['point_count'],
      text: '',
    });
  });
});
