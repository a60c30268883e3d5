/** Each cross-field rule of PRODUCT.md, one by one, on both sides of its line. */
import { describe, expect, it } from 'vitest';
import type { Counts } from './observation-detail-schemas';
import { checkObservationInput, checkRules, MAX_FUTURE_SKEW_MS } from './observation-rules';
import type { RuleSubject } from './observation-rules';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const base: RuleSubject = {
  kind: 'group_sighting',
  observedStart: '2026-03-10T11:00:00.000Z',
  placeId: 'rs-presevo',
  location: null,
  locationMethod: 'gazetteer',
  totalPersons: 20,
  summary: '',
};
const counts = (c: Partial<Counts>): Counts => ({
  men: null,
  women: null,
  boys: null,
  girls: null,
  unaccompaniedChildren: null,
  separatedChildren: null,
  method: null,
  min: null,
  max: null,
  ...c,
});
const errors = (s: Partial<RuleSubject>) => checkRules({ ...base, ...s }, NOW).issues.map((i) => i.message);
const warnings = (s: Partial<RuleSubject>) => checkRules({ ...base, ...s }, NOW).warnings.map((i) => i.message);

describe('men + women + boys + girls', () => {
  it('may not exceed the total', () => {
    expect(errors({ counts: counts({ men: 10, women: 11 }) })).toEqual(['validation.breakdownExceedsTotal']);
    expect(errors({ counts: counts({ men: 10, women: 10 }) })).toEqual([]);
  });
  it('must equal the total when all four are given with an exact count', () => {
    const all = { men: 5, women: 5, boys: 5, girls: 4 };
    expect(errors({ counts: counts({ ...all, method: 'exact_count' }) })).toEqual(['validation.breakdownMustEqualTotal']);
    expect(errors({ counts: counts({ ...all, girls: 5, method: 'exact_count' }) })).toEqual([]);
    // An estimate's parts need not add up exactly.
    expect(errors({ counts: counts({ ...all, method: 'estimate' }) })).toEqual([]);
  });
});

describe('unaccompanied and separated children', () => {
  it('are no more than boys + girls', () => {
    expect(errors({ counts: counts({ boys: 2, girls: 1, unaccompaniedChildren: 4 }) })).toEqual(['validation.uascExceedsChildren']);
    expect(errors({ counts: counts({ boys: 2, girls: 1, unaccompaniedChildren: 3 }) })).toEqual([]);
    expect(errors({ counts: counts({ boys: 1, separatedChildren: 2 }) })).toEqual(['validation.separatedExceedsChildren']);
  });
  it('are not checked when no child count is given', () => {
    expect(errors({ counts: counts({ unaccompaniedChildren: 4 }) })).toEqual([]);
  });
});

describe('nationality counts', () => {
  it('add up to no more than the total', () => {
    const n = (code: string, count: number) => ({ code, count, basis: 'declared' as const });
    expect(errors({ nationalities: [n('AFG', 15), n('SYR', 6)] })).toEqual(['validation.nationalitiesExceedTotal']);
    expect(errors({ nationalities: [n('AFG', 15), n('SYR', 5)] })).toEqual([]);
  });
});

describe('estimate range', () => {
  it('contains the total, and min is not above max', () => {
    expect(errors({ counts: counts({ method: 'estimate', min: 25, max: 40 }) })).toEqual(['validation.totalOutsideRange']);
    expect(errors({ counts: counts({ method: 'estimate', min: 10, max: 30 }) })).toEqual([]);
    expect(errors({ counts: counts({ method: 'estimate', min: 30, max: 10 }) })).toEqual(['validation.minAboveMax']);
  });
});

describe('times', () => {
  it('end is not before start', () => {
    expect(errors({ observedEnd: '2026-03-10T10:59:59.000Z' })).toEqual(['validation.endBeforeStart']);
    expect(errors({ observedEnd: '2026-03-10T11:00:00.000Z' })).toEqual([]);
  });
  it('no time more than ten minutes in the future', () => {
    const ahead = (ms: number) => new Date(NOW + ms).toISOString();
    expect(errors({ observedStart: ahead(MAX_FUTURE_SKEW_MS + 1000) })).toEqual(['validation.inFuture']);
    expect(errors({ observedStart: ahead(MAX_FUTURE_SKEW_MS - 1000) })).toEqual([]);
    expect(errors({ observedEnd: ahead(MAX_FUTURE_SKEW_MS + 1000) })).toEqual(['validation.inFuture']);
  });
});

describe('movement', () => {
  const movement = (fromPlaceId: string | null, toPlaceId: string | null) => ({
    direction: 'transit' as const,
    fromPlaceId,
    fromCountry: null,
    toPlaceId,
    toCountry: null,
    intendedCountry: null,
    transportModes: [],
    crossingType: null,
    facilitator: null,
  });
  it('from-place differs from to-place', () => {
    expect(errors({ movement: movement('mk-tabanovce', 'mk-tabanovce') })).toEqual(['validation.fromEqualsTo']);
    expect(errors({ movement: movement('mk-tabanovce', 'rs-presevo') })).toEqual([]);
    expect(errors({ movement: movement(null, null) })).toEqual([]);
  });
});

describe('incident', () => {
  it('needs an incident type', () => {
    expect(errors({ kind: 'incident' })).toEqual(['validation.incidentTypeRequired']);
    expect(errors({ kind: 'incident', incident: { type: 'pushback', actor: 'state', dead: null, injured: null, missing: null } })).toEqual([]);
  });
});

describe('verified', () => {
  const graded = { type: 'direct_observation' as const, name: null, reliability: 'B' as const, credibility: '2' as const };
  const review = (reviewer: string) => ({ reviewer, reviewedAt: '2026-03-10T12:00:00.000Z', note: null });
  it('needs both Admiralty grades', () => {
    expect(errors({ reviewStatus: 'verified', author: 'ana', review: review('boris'), source: { ...graded, credibility: null } })).toEqual([
      'validation.gradeRequired',
    ]);
  });
  it('needs a reviewer other than the author', () => {
    expect(errors({ reviewStatus: 'verified', author: 'ana', review: review('ana'), source: graded })).toEqual(['validation.selfVerification']);
    expect(errors({ reviewStatus: 'verified', author: 'ana', source: graded })).toEqual(['validation.reviewerRequired']);
    expect(errors({ reviewStatus: 'verified', author: 'ana', review: review('boris'), source: graded })).toEqual([]);
  });
  it('does not apply to records not verified', () => {
    expect(errors({ reviewStatus: 'submitted', author: 'ana' })).toEqual([]);
  });
});

describe('warnings, not errors', () => {
  it('a point outside the mission area', () => {
    const skopje = { lat: 41.9981, lon: 21.4254 };
    const result = checkObservationInput({ ...base, placeId: null, location: skopje, locationMethod: 'map_click' }, NOW, 'RS');
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.message)).toEqual(['validation.outsideMission']);
    expect(warnings({ mission: 'MK', location: skopje })).toEqual([]);
    expect(warnings({ mission: 'HQ', location: skopje })).toEqual([]);
  });
  it('occupancy above capacity', () => {
    expect(warnings({ kind: 'site_snapshot', site: { capacity: 100, occupancy: 140 } })).toEqual(['validation.overCapacity']);
    expect(errors({ kind: 'site_snapshot', site: { capacity: 100, occupancy: 140 } })).toEqual([]);
    expect(warnings({ kind: 'site_snapshot', site: { capacity: 100, occupancy: 100 } })).toEqual([]);
  });
});

describe('the schema around the rules', () => {
  it('refuses a nationality that is not an ISO 3166-1 alpha-3 code', () => {
    const result = checkObservationInput({ ...base, nationalities: [{ code: 'ZZZ', count: 1, basis: 'declared' }] }, NOW);
    expect(result.ok).toBe(false);
  });
  it('accepts a full record of every group', () => {
    const full = {
      ...base,
      observedEnd: '2026-03-10T11:30:00.000Z',
      timePrecision: 'exact',
      locationPrecision: 'settlement',
      country: 'RS',
      movement: { direction: 'incoming', fromPlaceId: 'mk-tabanovce', fromCountry: 'MK', toPlaceId: 'rs-presevo', toCountry: 'RS', intendedCountry: 'DE', transportModes: ['on_foot'], crossingType: 'green_border', facilitator: 'suspected_smuggler' },
      counts: counts({ men: 10, women: 4, boys: 4, girls: 2, unaccompaniedChildren: 2, method: 'exact_count' }),
      nationalities: [{ code: 'AFG', count: 12, basis: 'declared' }, { code: 'XKX', count: 1, basis: 'documented' }],
      vulnerabilities: [{ code: 'pregnant_or_lactating', count: 1 }],
      traffickingIndicators: ['iom_job_offer'],
      source: { type: 'direct_observation', name: 'Team 2', reliability: 'B', credibility: '2' },
      summaryLanguage: 'en',
      notes: 'confidential',
      classification: 'restricted',
    };
    const result = checkObservationInput(full, NOW, 'RS');
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });
});
