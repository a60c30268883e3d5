import { describe, expect, it } from 'vitest';
import { emptyDraft } from './observation-draft';
import { filledCount, panelOfPath, panelsWithErrors } from './form-panels';
import { FORM_SECTIONS, openSectionsFor, sectionsFor } from './sections-by-kind';
import { OBSERVATION_KINDS } from '../../../shared/observations/codelists';

const draft = emptyDraft(new Date('2026-03-10T10:00:00Z'));

describe('collapsed panels say how much they hold', () => {
  it('a fresh draft fills no panel (the defaults are not "filled")', () => {
    for (const panel of [...FORM_SECTIONS, 'timePlace', 'record'] as const) expect(filledCount(panel, draft)).toBe(0);
  });

  it('counts each filled box and each ticked choice', () => {
    expect(filledCount('vulnerabilities', { ...draft, vulnerabilities: { disability: '1', older_person: '2', lgbtiq: ' ' } })).toBe(2);
    expect(filledCount('trafficking', { ...draft, traffickingIndicators: ['iom_job_offer', 'ilo_deceptive_recruitment'] })).toBe(2);
    expect(filledCount('movement', { ...draft, movement: { ...draft.movement, direction: 'incoming', transportModes: ['bus', 'train'] } })).toBe(3);
    expect(filledCount('timePlace', { ...draft, timePrecision: 'day', location: { placeId: null, point: { lat: 42, lon: 21 }, method: 'typed' } })).toBe(2);
    expect(filledCount('record', { ...draft, classification: 'restricted', notes: 'x' })).toBe(2);
  });

  it('finds the panel of a message, so that a section with an error opens', () => {
    expect(panelOfPath('vulnerabilities')).toBe('vulnerabilities');
    expect(panelOfPath('traffickingIndicators')).toBe('trafficking');
    expect(panelOfPath('counts.men')).toBe('counts');
    expect(panelOfPath('observedEnd')).toBe('timePlace');
    expect(panelOfPath('notes')).toBe('record');
    // Fields of the first screen are in no panel.
    expect(panelOfPath('totalPersons')).toBeUndefined();
    expect(panelOfPath('placeId')).toBeUndefined();
    expect([...panelsWithErrors(['incident.type', 'summary', 'movement.fromPlaceId'])].sort()).toEqual(['incident', 'movement']);
  });
});

describe('a kind opens the sections it needs', () => {
  it('only among its own sections, and never the long sensitive lists', () => {
    for (const kind of OBSERVATION_KINDS) {
      const own = sectionsFor(kind);
      for (const section of openSectionsFor(kind)) expect(own.has(section)).toBe(true);
      expect(openSectionsFor(kind).has('vulnerabilities')).toBe(false);
      expect(openSectionsFor(kind).has('trafficking')).toBe(false);
    }
    expect([...openSectionsFor('incident')]).toContain('incident');
    expect([...openSectionsFor('site_snapshot')]).toContain('site');
    expect([...openSectionsFor('border_status')]).toContain('borderStatus');
  });
});
