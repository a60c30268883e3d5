/**
 * The report document built from the figures: its sections in the outline's order, the
 * key figures' changes in words (never a made-up change where nothing was counted),
 * highlights as sentences with place names, border changes that are changes, official
 * figures beside the observed ones and never added, and tables whose figures are
 * numbers for the annexes. Fixtures computed by hand.
 */
import { describe, expect, it } from 'vitest';
import type { Place } from '../../../shared/places/place';
import type { ReportBlock, ReportDocument } from '../../../shared/reports/report-document';
import { cellText, cellValue } from '../../../shared/reports/report-document';
import { reportFiguresOf } from '../../../shared/reports/report-figures';
import { BELGRADE, borderStatus, incident, JULY_WEEK, moving, places, record, snapshot } from '../../../test-support/shared/report-test-records';
import type { Observation } from '../../../shared/observations/observation-schema';
import { withoutRecordIds } from '../../../shared/reports/figure';
import { buildReportDocument } from './build-report-document';
import { highlightSentence } from './highlight-sentences';

const gazetteer = new Map<string, Place>(
  [...places].map(([id, facts]) => [id, { id, name: id === 'rs-presevo' ? 'Preševo' : id === 'mk-tabanovce' ? 'Tabanovce' : id, kind: facts.kind, country: facts.country, lat: 42, lon: 21 } as Place]),
);

function build(records: Observation[], highlights: string[] = []): ReportDocument {
  // As the worker computes them: without record ids.
  const figures = withoutRecordIds(() =>
    reportFiguresOf(records, { period: JULY_WEEK, includeSubmitted: false, training: false, timeZone: BELGRADE, places, showSourceNames: true, scope: {} }),
  );
  return buildReportDocument(figures, {
    placesById: gazetteer,
    includeSubmitted: false,
    filterText: 'Jul 1 – Jul 7, 2026',
    period: JULY_WEEK,
    fromDate: '2026-07-01',
    toDate: '2026-07-07',
    timeZone: BELGRADE,
    asOf: new Date('2026-07-08T09:00:00Z'),
    office: 'HQ-VIE',
    classification: 'INTERNAL',
    paper: 'A4',
    training: false,
    highlights,
  });
}

function table(document: ReportDocument, key: string): Extract<ReportBlock, { kind: 'table' }> {
  for (const section of document.sections) for (const block of section.blocks) if (block.kind === 'table' && block.key === key) return block;
  throw new Error(`no table ${key}`);
}

describe('buildReportDocument', () => {
  it('lays the sections out in the outline’s order, and a draft says it has no number', () => {
    const document = build([]);
    expect(document.sections.map((s) => s.key)).toEqual(['highlights', 'key-figures', 'flow-map', 'movements', 'presence', 'demographics', 'incidents', 'official', 'methodology', 'annex']);
    expect(document.numberLine).toMatch(/^Draft: not issued/);
    expect(document.watermark).toBeNull();
    expect(document.headerLines).toContain('Next report on or around Jul 15, 2026');
    expect(document.headerLines.some((l) => l.includes('(7 days)'))).toBe(true);
  });

  it('gives each key figure its change against the week before, and says when there is nothing to compare with', () => {
    const records = [
      moving('incoming', { totalPersons: 150, placeId: 'rs-presevo' }),
      // The week before: 100 entries at the same point.
      moving('incoming', { totalPersons: 100, placeId: 'rs-presevo', observedStart: '2026-06-26T10:00:00.000Z' }),
    ];
    const tiles = build(records).sections.find((s) => s.key === 'key-figures')?.blocks.find((b) => b.kind === 'tiles');
    if (tiles?.kind !== 'tiles') throw new Error('no tiles');
    const entries = tiles.tiles[0];
    expect(entries?.label).toBe('Entries');
    expect(cellText(entries?.value ?? '')).toBe('150');
    expect(entries?.changes[0]).toBe('+50 % (+50) against Jun 24, 2026 – Jun 30, 2026');
    expect(entries?.changes[1]).toBe('Nothing counted Jul 1, 2025 – Jul 7, 2025 (a year before) to compare with');
    // No site counted in the period: no change is made up.
    expect(tiles.tiles[3]?.changes).toEqual(['No record of this measure in the period.']);
  });

  it('prints the analyst’s highlights as edited, and writes generated ones with place names', () => {
    const document = build([], ['  Edited by the analyst.  ', '']);
    expect(document.sections[0]?.blocks).toEqual([{ kind: 'bullets', items: ['Edited by the analyst.'] }]);
    expect(build([]).sections[0]?.blocks[0]).toMatchObject({ kind: 'paragraph', text: 'No highlights were written for this report.' });
    expect(highlightSentence({ key: 'borderClosed', values: { place: 'mk-tabanovce', country: 'MK', day: '2026-07-03', from: 'open', to: 'closed', nationalities: '', nationalityCount: 0 } }, { placesById: gazetteer })).toBe(
      'The border at Tabanovce was closed on Jul 3, 2026.',
    );
    expect(highlightSentence({ key: 'siteOverCapacity', values: { place: '', day: '2026-07-03', occupancy: 600, capacity: 500, rate: 1.2, sitesOverCapacity: 1 } }, { placesById: gazetteer })).toBe(
      'a place located by coordinates was over its capacity on Jul 3, 2026: 600 persons for 500 places (120 %).',
    );
  });

  it('lists border changes that are changes, and a first status only when it is not open', () => {
    const records = [
      borderStatus('rs-presevo', '2026-06-10T08:00:00.000Z', 'open'),
      borderStatus('rs-presevo', '2026-07-02T08:00:00.000Z', 'closed'),
      // First known, open: not a change.
      borderStatus('mk-tabanovce', '2026-07-03T08:00:00.000Z', 'open'),
    ];
    const rows = table(build(records), 'border-changes').rows.map((row) => row.map(cellText));
    expect(rows).toEqual([['Jul 2, 2026', 'Preševo', 'Serbia', 'Open', 'Closed', '1']]);
  });

  it('keeps official figures beside the observed ones, never added, and every one in Annex B', () => {
    const official = (persons: number, day: string) =>
      record({ kind: 'secondary_source', totalPersons: persons, observedStart: `${day}T08:00:00.000Z`, source: { type: 'authorities', name: 'Ministry', reliability: 'B', credibility: '2' } });
    const document = build([moving('incoming', { totalPersons: 40 }), official(5000, '2026-07-02'), official(5200, '2026-07-04')]);
    const latest = table(document, 'official-table');
    // The latest of the source at the place, and how many it published.
    expect(latest.rows.map((row) => row.map(cellText))).toEqual([['Authorities', 'Ministry', 'Preševo', 'Jul 4, 2026', '5,200', '2']]);
    expect(latest.total).toBeUndefined();
    expect(table(document, 'official-all').rows).toHaveLength(2);
    // The observed total is 40, not 40 + 5,200.
    expect(cellValue(table(document, 'by-place').total?.at(-1) ?? '')).toBe(40);
  });

  it('gives the annex its numbers: persons by day and country add up to the persons seen moving', () => {
    const records = [moving('incoming', { totalPersons: 30 }), moving('outgoing', { totalPersons: 12, observedStart: '2026-07-05T10:00:00.000Z' }), snapshot('rs-presevo', '2026-07-03T08:00:00.000Z', 300), incident('2026-07-03T09:00:00.000Z', { dead: 1 })];
    const document = build(records);
    const byDay = table(document, 'by-day');
    expect(byDay.rows).toHaveLength(7);
    expect(cellValue(byDay.total?.at(-1) ?? '')).toBe(42);
    expect(cellValue(table(document, 'by-place').total?.at(-1) ?? '')).toBe(42);
    // A site's count is presence, never added to the movements.
    expect(cellValue(table(document, 'sites').total?.[3] ?? '')).toBe(300);
  });

  it('prints at most the latest 300 official figures in Annex B and says how many there are', () => {
    const many = Array.from({ length: 301 }, (_, i) =>
      record({ kind: 'secondary_source', totalPersons: 1000 + i, observedStart: new Date(Date.parse('2026-07-01T08:00:00.000Z') + i * 60_000).toISOString(), source: { type: 'media', name: null, reliability: null, credibility: null } }),
    );
    const annex = table(build(many), 'official-all');
    expect(annex.rows).toHaveLength(300);
    expect(annex.caption).toBe('The 300 latest of the 301 official figures of the period. The tables (XLSX) exported from the report screen list every one.');
    // Latest first: the last one recorded heads the list.
    expect(cellValue(annex.rows[0]?.[4] ?? '')).toBe(1300);
  });
});
