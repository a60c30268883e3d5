/**
 * Official figures: head counts published by an authority or agency (see
 * measure-kinds.ts). Each is listed with its source and as-of date beside the observed
 * figures, never added to them nor to one another (two agencies' counts of the same
 * people are two counts, not one larger one).
 */
import { startOf } from './report-record';
import type { SourceType } from '../observations/codelists';
import type { ObservationKind } from '../observations/codelists';
import type { ReportRecord } from './report-record';
import type { Figure } from './figure';
import { addTo, emptyFigure } from './figure';
import { measureOf } from './measure-kinds';

export interface OfficialFigure {
  kind: ObservationKind;
  placeId: string | null;
  country: string | null;
  sourceType: SourceType | null;
  /** The source's name, when the viewer may see it (a sensitive field); else null. */
  sourceName: string | null;
  /** The figure's as-of period. */
  observedStart: string;
  observedEnd: string | null;
  /** The figure as published, with its record. */
  figure: Figure;
}

/** Latest first. */
export function officialFiguresOf(records: readonly ReportRecord[], showSourceNames: boolean): OfficialFigure[] {
  const out: { o: OfficialFigure; at: number; id: string }[] = [];
  for (const record of records) {
    if (measureOf(record) !== 'official') continue;
    const figure = emptyFigure('official');
    addTo(figure, record, record.totalPersons);
    const o: OfficialFigure = {
      kind: record.kind,
      placeId: record.placeId,
      country: record.country ?? null,
      sourceType: record.source?.type ?? null,
      sourceName: showSourceNames ? (record.source?.name ?? null) : null,
      observedStart: record.observedStart,
      observedEnd: record.observedEnd ?? null,
      figure,
    };
    out.push({ o, at: startOf(record), id: record.id });
  }
  // Each time read once, not at every comparison (25,000 official figures in a year of training data).
  return out
    .sort((a, b) => b.at - a.at || a.id.localeCompare(b.id))
    .map(({ o }) => o);
}
