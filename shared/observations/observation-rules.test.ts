import { describe, expect, it } from 'vitest';
import { checkObservationInput, MAX_FUTURE_SKEW_MS } from './observation-rules';

const now = Date.parse('2026-03-10T12:00:00.000Z');
const valid = {
  kind: 'group_sighting',
  observedStart: '2026-03-10T11:00:00.000Z',
  placeId: 'rs-presevo',
  location: null,
  locationMethod: 'gazetteer',
  totalPersons: 42,
  summary: 'Group of 42 arriving on foot',
};

describe('checkObservationInput', () => {
  it('accepts a complete record', () => {
    expect(checkObservationInput(valid, now)).toEqual({ ok: true, value: valid, warnings: [] });
  });

  it('needs a place or a point', () => {
    const result = checkObservationInput({ ...valid, placeId: null }, now);
    expect(result).toEqual({ ok: false, issues: [{ field: 'placeId', message: 'validation.placeRequired' }], warnings: [] });
  });

  it('accepts a point without a gazetteer place', () => {
    expect(checkObservationInput({ ...valid, placeId: null, location: { lat: 42.3, lon: 21.7 }, locationMethod: 'map_click' }, now).ok).toBe(true);
  });

  it('refuses a time more than ten minutes ahead of the device clock', () => {
    const late = new Date(now + MAX_FUTURE_SKEW_MS + 1000).toISOString();
    expect(checkObservationInput({ ...valid, observedStart: late }, now)).toEqual({
      ok: false,
      issues: [{ field: 'observedStart', message: 'validation.inFuture' }],
      warnings: [],
    });
    const justAhead = new Date(now + MAX_FUTURE_SKEW_MS - 1000).toISOString();
    expect(checkObservationInput({ ...valid, observedStart: justAhead }, now).ok).toBe(true);
  });

  it.each([
    ['negative count', { totalPersons: -1 }, 'totalPersons'],
    ['fractional count', { totalPersons: 2.5 }, 'totalPersons'],
    ['unknown kind', { kind: 'picnic' }, 'kind'],
    ['summary over 2,000 characters', { summary: 'x'.repeat(2001) }, 'summary'],
    ['time that is not a time', { observedStart: 'yesterday' }, 'observedStart'],
    ['latitude off the globe', { location: { lat: 91, lon: 0 } }, 'location.lat'],
  ])('refuses a %s', (_name, patch, field) => {
    const result = checkObservationInput({ ...valid, ...patch }, now);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.field)).toContain(field);
  });

  it('keeps markup in the summary as plain text', () => {
    const summary = '<img src=x onerror=alert(1)>';
    const result = checkObservationInput({ ...valid, summary }, now);
    expect(result.ok && result.value.summary).toBe(summary);
  });
});

describe('every problem at once', () => {
  const NOW = Date.parse('2026-03-10T12:00:00Z');
  const base = {
    kind: 'incident',
    observedStart: '2026-03-10T11:00:00.000Z',
    placeId: null,
    location: null,
    locationMethod: 'gazetteer',
    summary: '',
  };

  it('a refused field does not hide what the rules find in the others', () => {
    const result = checkObservationInput({ ...base, totalPersons: -4 }, NOW);
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.issues.map((i) => `${i.field} ${i.message}`);
    expect(fields).toContain('placeId validation.placeRequired');
    expect(fields).toContain('incident.type validation.incidentTypeRequired');
    expect(fields.some((f) => f.startsWith('totalPersons '))).toBe(true);
  });

  it('rules do not judge a field the schema refused, and each finding appears once', () => {
    const result = checkObservationInput({ ...base, kind: 'group_sighting', placeId: 'rs-presevo', totalPersons: 'x', counts: { men: 'many' } }, NOW);
    const issues = result.ok ? [] : result.issues;
    const ruleKeys = ['validation.breakdownExceedsTotal', 'validation.breakdownMustEqualTotal', 'validation.uascExceedsChildren', 'validation.separatedExceedsChildren', 'validation.minAboveMax'];
    expect(issues.filter((i) => i.field.startsWith('counts'))).not.toEqual([]);
    expect(issues.filter((i) => i.field.startsWith('counts') && ruleKeys.includes(i.message))).toEqual([]);
    expect(new Set(issues.map((i) => `${i.field} ${i.message}`)).size).toBe(issues.length);
  });

  it('garbage candidates are refused without a throw', () => {
    for (const junk of [null, 7, 'x', [], { kind: { toString: null } }]) expect(checkObservationInput(junk, NOW).ok).toBe(false);
  });
});
