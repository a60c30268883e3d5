import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../shared/observations/observation-schema';
import { PRESEVO, storedRecord } from '../../../test-support/renderer/record-fixtures';
import { fieldLabel, fieldValueText, recordSections } from './record-fields';

const ctx = { placesById: new Map([[PRESEVO.id, PRESEVO]]) };

const full: Observation = storedRecord({
  location: { lat: 42.309, lon: 21.649 },
  summary: 'Group of <b>20</b> walking north',
  reviewStatus: 'returned',
  movement: {
    direction: 'outgoing',
    fromPlaceId: 'rs-presevo',
    fromCountry: null,
    toPlaceId: null,
    toCountry: 'HR',
    intendedCountry: 'DE',
    transportModes: ['on_foot', 'bus'],
    crossingType: 'green_border',
    facilitator: 'suspected_smuggler',
  },
  counts: { men: 10, women: 4, boys: 4, girls: 2, unaccompaniedChildren: 2, separatedChildren: null, method: 'exact_count', min: null, max: null },
  nationalities: [{ code: 'AFG', count: 15, basis: 'declared' }],
  vulnerabilities: [{ code: 'pregnant_or_lactating', count: 1 }],
  traffickingIndicators: ['iom_forced_work'],
  source: { type: 'key_informant', name: 'Driver at the station', reliability: 'C', credibility: '3' },
  notes: 'Informant asked not to be named',
  classification: 'restricted',
  review: { reviewer: 'Sonja', reviewedAt: '2026-03-10T12:00:00.000Z', note: 'Count the children separately' },
  training: true,
});

const line = (path: string) => recordSections(full, ctx).flatMap((s) => s.lines).find((l) => l.path === path);

describe('the fields of a record, as labelled text', () => {
  it('shows every present field by its label, codelist values by label, places and countries by name', () => {
    expect(line('kind')).toMatchObject({ label: 'Kind', value: 'Group sighting' });
    expect(line('placeId')?.value).toBe('Presevo');
    expect(line('movement.fromPlaceId')?.value).toBe('Presevo');
    expect(line('movement.toCountry')?.value).toBe('Croatia');
    expect(line('movement.transportModes')?.value).toMatch(/, /);
    expect(line('counts.men')).toMatchObject({ label: 'Men', value: '10' });
    expect(line('nationalities.0')).toMatchObject({ label: 'Afghanistan', value: '15 (Declared by the person)' });
    expect(line('source.grade')?.value).toBe('C3');
    expect(line('reviewStatus')?.value).toBe('Returned');
    expect(line('review.note')?.value).toBe('Count the children separately');
    expect(line('training')?.value).toMatch(/never synced/);
    // Markup typed by a person is text.
    expect(line('summary')?.value).toBe('Group of <b>20</b> walking north');
  });

  it('leaves out what is not there', () => {
    const sections = recordSections({ ...full, movement: undefined, counts: undefined, incident: undefined, site: undefined }, ctx);
    const ids = sections.map((s) => s.id);
    expect(ids).not.toContain('movement');
    expect(ids).not.toContain('incident');
    expect(sections.flatMap((s) => s.lines).some((l) => l.path === 'counts.separatedChildren')).toBe(false);
    expect(sections.flatMap((s) => s.lines).some((l) => l.path === 'deleted')).toBe(false);
  });

  it('marks the sensitive fields, and only those', () => {
    const sensitive = recordSections(full, ctx)
      .flatMap((s) => s.lines)
      .filter((l) => l.sensitive)
      .map((l) => l.path);
    expect(sensitive.sort()).toEqual(['notes', 'source.name', 'traffickingIndicators']);
  });

  it('formats a changed field\'s value for the history as the detail view shows it', () => {
    expect(fieldValueText('reviewStatus', 'verified', ctx)).toBe('Verified');
    expect(fieldValueText('placeId', 'rs-presevo', ctx)).toBe('Presevo');
    expect(fieldValueText('review', full.review, ctx)).toMatch(/^Reviewer: Sonja; Reviewed at: .+; Review note: Count the children separately$/);
    expect(fieldValueText('source', { type: null, name: null, reliability: 'B', credibility: '2' }, ctx)).toMatch(/Admiralty grade: B2/);
    expect(fieldValueText('summary', '<img src=x onerror=alert(1)>', ctx)).toBe('<img src=x onerror=alert(1)>');
    expect(fieldValueText('deleted', true, ctx)).toBe('Yes');
    expect(fieldValueText('review', undefined, ctx)).toBe('—');
    // A field this version does not know: its JSON, as text.
    expect(fieldValueText('futureField', { a: 1 }, ctx)).toBe('{"a":1}');
    expect(fieldLabel('counts')).toBe('Persons');
    expect(fieldLabel('futureField')).toBe('futureField');
  });
});

describe('fields withheld from this device', () => {
  it('get a line that says so where the value would be, and only those named', () => {
    const lines = recordSections(storedRecord({ source: { type: 'ngo', name: null, reliability: 'B', credibility: '2' } }), ctx, ['notes', 'source.name']).flatMap((s) => s.lines);
    const byPath = new Map(lines.map((line) => [line.path, line]));
    expect(byPath.get('notes')).toEqual({ path: 'notes', label: 'Notes', value: 'Withheld for your role', sensitive: true, withheld: true });
    expect(byPath.get('source.name')).toMatchObject({ value: 'Withheld for your role', withheld: true });
    expect(byPath.get('source.type')?.withheld).toBeUndefined();
    expect(byPath.has('traffickingIndicators')).toBe(false);
  });

  it('read as withheld in a revision pulled here, inside a group too', () => {
    expect(fieldValueText('notes', null, ctx, ['notes'])).toBe('Withheld for your role');
    expect(fieldValueText('notes', null, ctx)).toBe('—');
    expect(fieldValueText('source', { type: 'ngo', name: null, reliability: 'B', credibility: '2' }, ctx, ['notes', 'source.name'])).toMatch(
      /^Source type: NGO; Source name: Withheld for your role; Source reliability: B.*; Admiralty grade: B2$/,
    );
  });
});
