import { describe, expect, it } from 'vitest';
import gazetteer from '../../../assets/places/route-places.csv?raw';
import { OBSERVATION_KINDS } from '../../../shared/observations/codelists';
import { checkObservationInput } from '../../../shared/observations/observation-rules';
import { parseGazetteerCsv } from '../../../shared/places/gazetteer-csv';
import { generateTrainingObservations } from '../../training/training-data';
import { draftFromObservation, draftToCandidate, emptyDraft } from './observation-draft';
import type { ObservationDraft } from './observation-draft';
import { readSavedForm } from './observation-draft-row';
import { sectionsFor } from './sections-by-kind';

const NOW = new Date('2026-03-10T12:00:00Z');

function fullDraft(patch: Partial<ObservationDraft> = {}): ObservationDraft {
  return {
    ...emptyDraft(new Date('2026-03-10T10:00:00Z')),
    location: { placeId: 'rs-presevo', point: null, method: 'gazetteer' },
    totalPersons: '40',
    counts: { men: '20', women: '10', boys: '6', girls: '4', unaccompaniedChildren: '2', separatedChildren: '1', method: 'exact_count', min: '', max: '' },
    movement: {
      direction: 'incoming',
      fromPlaceId: 'mk-tabanovce',
      fromCountry: 'MK',
      toPlaceId: 'rs-presevo',
      toCountry: 'RS',
      intendedCountry: 'DE',
      transportModes: ['on_foot', 'bus'],
      crossingType: 'green_border',
      facilitator: 'suspected_smuggler',
    },
    nationalities: [
      { code: 'SYR', count: '25', basis: 'declared' },
      { code: 'AFG', count: '15', basis: 'perceived' },
    ],
    vulnerabilities: { pregnant_or_lactating: '1', disability: '' },
    traffickingIndicators: ['iom_job_offer'],
    source: { type: 'direct_observation', name: 'Officer on duty', reliability: 'B', credibility: '2' },
    summary: 'Group of 40 crossing on foot',
    summaryLanguage: 'en',
    notes: 'sensitive note',
    classification: 'restricted',
    ...patch,
  };
}

describe('draft to record candidate', () => {
  it('a full group sighting draft passes the shared schema and rules', () => {
    const check = checkObservationInput(draftToCandidate(fullDraft()), NOW.getTime());
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.value.counts?.men).toBe(20);
    expect(check.value.nationalities).toEqual([
      { code: 'SYR', count: 25, basis: 'declared' },
      { code: 'AFG', count: 15, basis: 'perceived' },
    ]);
    // An empty vulnerability box is "not recorded", not zero; the breakdown's children on
    // their own are vulnerabilities too, taken from the breakdown (asked there only).
    expect(check.value.vulnerabilities).toEqual([
      { code: 'unaccompanied_child', count: 2 },
      { code: 'separated_child', count: 1 },
      { code: 'pregnant_or_lactating', count: 1 },
    ]);
    expect(check.value.source).toEqual({ type: 'direct_observation', name: 'Officer on duty', reliability: 'B', credibility: '2' });
    expect(check.value.movement?.transportModes).toEqual(['on_foot', 'bus']);
  });

  it('sends only the sections of the kind: a site snapshot drops movement and trafficking typed before the kind changed', () => {
    const candidate = draftToCandidate(fullDraft({ kind: 'site_snapshot', site: { capacity: '100', occupancy: '140' } }));
    expect(candidate.movement).toBeUndefined();
    expect(candidate.traffickingIndicators).toBeUndefined();
    expect(candidate.site).toEqual({ capacity: 100, occupancy: 140 });
    expect(sectionsFor('site_snapshot').has('movement')).toBe(false);
  });

  it('an empty draft of every kind is refused, naming the total; with a total, naming the place', () => {
    for (const kind of OBSERVATION_KINDS) {
      const empty = checkObservationInput(draftToCandidate({ ...emptyDraft(NOW), kind }), NOW.getTime());
      expect(empty.ok ? [] : empty.issues.map((i) => i.field)).toContain('totalPersons');
      const counted = checkObservationInput(draftToCandidate({ ...emptyDraft(NOW), kind, totalPersons: '3' }), NOW.getTime());
      expect(counted.ok ? [] : counted.issues.map((i) => i.field)).toContain('placeId');
    }
  });

  it('a count typed as text is passed on so that the schema names its field', () => {
    const check = checkObservationInput(draftToCandidate(fullDraft({ counts: { ...fullDraft().counts, men: 'abc' } })), NOW.getTime());
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.issues.map((i) => i.field)).toContain('counts.men');
  });

  it('a blank nationality row is reported at its own row', () => {
    const check = checkObservationInput(
      draftToCandidate(fullDraft({ nationalities: [{ code: 'SYR', count: '5', basis: 'declared' }, { code: '', count: '', basis: 'declared' }] })),
      NOW.getTime(),
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.issues.map((i) => i.field).some((f) => f.startsWith('nationalities.1'))).toBe(true);
  });

  it('the range is sent for every method but an exact count', () => {
    const draft = fullDraft({ counts: { ...fullDraft().counts, method: 'exact_count', min: '5', max: '9' } });
    expect(draftToCandidate(draft).counts).toMatchObject({ min: null, max: null });
    const informant = fullDraft({ counts: { ...fullDraft().counts, method: 'key_informant', min: '30', max: '50' } });
    expect(draftToCandidate(informant).counts).toMatchObject({ min: 30, max: 50 });
    const estimate = fullDraft({ counts: { ...fullDraft().counts, method: 'estimate', min: '30', max: '50' } });
    expect(draftToCandidate(estimate).counts).toMatchObject({ min: 30, max: 50 });
  });
});

describe('record to draft and back', () => {
  it('a generated record of each kind survives the round trip unchanged', () => {
    const { places } = parseGazetteerCsv(gazetteer);
    const records = [...generateTrainingObservations({ places, count: 300, seed: 7, start: new Date('2026-01-01T00:00:00Z'), end: NOW })];
    const seen = new Set<string>();
    for (const { input } of records) {
      const check = checkObservationInput(input, NOW.getTime());
      if (!check.ok) throw new Error('generator made an invalid record');
      const original = check.value;
      const again = checkObservationInput(draftToCandidate(draftFromObservation(original)), NOW.getTime());
      expect(again.ok).toBe(true);
      if (!again.ok) continue;
      seen.add(original.kind);
      // Time is kept to the minute by the datetime-local control.
      expect(Date.parse(again.value.observedStart)).toBe(Math.floor(Date.parse(original.observedStart) / 60_000) * 60_000);
      for (const key of ['kind', 'placeId', 'location', 'totalPersons', 'summary', 'counts', 'nationalities', 'incident', 'site', 'source'] as const) {
        if (original[key] !== undefined) expect(again.value[key]).toEqual(original[key]);
      }
      // Every vulnerability count comes back, children on their own among them (the form writes them in codelist order).
      const byCode = (list: typeof original.vulnerabilities) => [...(list ?? [])].sort((a, b) => a.code.localeCompare(b.code));
      if (original.vulnerabilities !== undefined) expect(byCode(again.value.vulnerabilities)).toEqual(byCode(original.vulnerabilities));
    }
    expect(seen.size).toBeGreaterThan(3);
  });

  it('asks children on their own once: a record whose vulnerabilities repeat the breakdown shows them in the breakdown only', () => {
    const stored = checkOk(draftToCandidate(fullDraft()));
    const draft = draftFromObservation(stored);
    expect(draft.counts.unaccompaniedChildren).toBe('2');
    expect(draft.vulnerabilities).toEqual({ pregnant_or_lactating: '1' });
    expect(checkOk(draftToCandidate(draft)).vulnerabilities).toEqual(stored.vulnerabilities);
  });

  it('keeps a vulnerability count of children that differs from the breakdown, or that has no breakdown, as it was stored', () => {
    const base = checkOk(draftToCandidate(fullDraft()));
    const differing = { ...base, vulnerabilities: [{ code: 'unaccompanied_child' as const, count: 3 }, { code: 'separated_child' as const, count: 1 }] };
    const draft = draftFromObservation(differing);
    // Shown as the record's own (the vulnerabilities section shows a box for it), never overwritten.
    expect(draft.vulnerabilities).toEqual({ unaccompanied_child: '3' });
    expect(draft.counts.unaccompaniedChildren).toBe('2');
    expect(checkOk(draftToCandidate(draft)).vulnerabilities).toEqual(differing.vulnerabilities);

    // A breakdown's children the stored vulnerabilities left out stay left out.
    const { vulnerabilities: _left, ...unlisted } = base;
    const kept = draftFromObservation(unlisted);
    expect(kept.vulnerabilities).toEqual({ unaccompanied_child: '', separated_child: '' });
    expect(checkOk(draftToCandidate(kept)).vulnerabilities).toBeUndefined();

    const { counts: _none, ...noBreakdown } = base;
    const older = { ...noBreakdown, vulnerabilities: [{ code: 'separated_child' as const, count: 2 }] };
    const again = draftToCandidate(draftFromObservation(older));
    expect(checkOk(again).vulnerabilities).toEqual([{ code: 'separated_child', count: 2 }]);
    expect(again.counts).toBeUndefined();
  });

  it('keeps both a place and a point when a record has both', () => {
    const draft = draftFromObservation({
      ...checkOk(draftToCandidate(fullDraft())),
      location: { lat: 42.31, lon: 21.65 },
    });
    expect(draft.location).toEqual({ placeId: 'rs-presevo', point: { lat: 42.31, lon: 21.65 }, method: 'gazetteer' });
    expect(draftToCandidate(draft)).toMatchObject({ placeId: 'rs-presevo', location: { lat: 42.31, lon: 21.65 } });
  });
});

function checkOk(candidate: unknown) {
  const check = checkObservationInput(candidate, NOW.getTime());
  if (!check.ok) throw new Error(JSON.stringify(check.issues));
  return check.value;
}

describe('reading a saved draft back', () => {
  const fallback = { draft: emptyDraft(NOW), author: 'Ana', office: 'RS-BEL' };

  it('returns what was saved', () => {
    const saved = { draft: fullDraft(), author: 'Marko', office: 'MK-GEV' };
    expect(readSavedForm(structuredClone(saved), fallback)).toEqual(saved);
  });

  it('fills fields an older draft lacks, and keeps a place cleared on purpose', () => {
    const { counts: _dropped, ...older } = fullDraft({ location: null });
    const read = readSavedForm({ draft: { ...older, incident: { type: 'pushback' } }, author: 'Marko', office: 'MK-GEV' }, fallback);
    expect(read.draft.counts).toEqual(fallback.draft.counts);
    expect(read.draft.incident).toEqual({ ...fallback.draft.incident, type: 'pushback' });
    expect(read.draft.location).toBeNull();
  });

  it('garbage falls back to a fresh form', () => {
    for (const junk of [null, 42, 'x', [], { draft: 'x' }]) expect(readSavedForm(junk, fallback)).toEqual(fallback);
  });
});
