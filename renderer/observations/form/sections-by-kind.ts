/**
 * Which parts of the capture form a kind of observation shows. One table, so that the
 * form, the draft-to-record conversion and the tests agree on it.
 *
 * Time, place, total persons, summary, source, classification and notes belong to
 * every kind and are not listed.
 */
import type { ObservationKind } from '../../../shared/observations/codelists';

export const FORM_SECTIONS = ['movement', 'counts', 'nationalities', 'vulnerabilities', 'incident', 'site', 'borderStatus', 'trafficking'] as const;
export type FormSection = (typeof FORM_SECTIONS)[number];

const SECTIONS: Record<ObservationKind, readonly FormSection[]> = {
  // A group seen on the move: who, how many, from where to where, how.
  group_sighting: ['movement', 'counts', 'nationalities', 'vulnerabilities', 'trafficking'],
  // Registry-style count at a monitoring point: the breakdown matters most.
  point_count: ['counts', 'movement', 'nationalities', 'vulnerabilities'],
  // A centre's capacity and who is in it now.
  site_snapshot: ['site', 'counts', 'nationalities', 'vulnerabilities'],
  // What happened, by whom, to how many.
  incident: ['incident', 'counts', 'movement', 'nationalities', 'vulnerabilities', 'trafficking'],
  // Open, restricted (for whom) or closed; how many are waiting.
  border_status: ['borderStatus', 'counts'],
  // A key informant's account of a route.
  route_report: ['movement', 'counts', 'nationalities', 'trafficking'],
  // An official or agency figure.
  secondary_source: ['counts', 'nationalities'],
};

/**
 * The sections a kind needs open: shown in the form's first screen, beside the fields
 * every kind has. The kind's other sections wait, collapsed, below it, each saying how
 * many of its fields are filled; what the kind is about is never behind a click.
 */
const OPEN: Record<ObservationKind, readonly FormSection[]> = {
  group_sighting: ['counts', 'nationalities'],
  point_count: ['counts', 'nationalities'],
  site_snapshot: ['site', 'counts', 'nationalities'],
  incident: ['incident', 'counts'],
  border_status: ['borderStatus'],
  route_report: ['movement'],
  secondary_source: ['counts', 'nationalities'],
};

export function openSectionsFor(kind: ObservationKind): ReadonlySet<FormSection> {
  return new Set(OPEN[kind]);
}

export function sectionsFor(kind: ObservationKind): ReadonlySet<FormSection> {
  return new Set(SECTIONS[kind]);
}

/** The sections of a kind, then the extra ones, in the order the form shows them. */
export function orderedSections(kind: ObservationKind, extra: readonly FormSection[]): readonly FormSection[] {
  const own = SECTIONS[kind];
  return [...own, ...FORM_SECTIONS.filter((s) => extra.includes(s) && !own.includes(s))];
}
