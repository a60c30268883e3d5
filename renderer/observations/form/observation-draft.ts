/**
 * What the capture form holds while someone types: every field as the text or choice
 * on screen, valid or not. A draft is saved as it is (drafts are never refused), and
 * turned into a record candidate only on "Submit", where the shared schema and rules
 * judge it.
 *
 * Pure functions, no React: the draft's round trip (record -> draft -> candidate) is
 * what editing relies on, and it is tested without a browser.
 */
import type {
  BorderStatusValue,
  Classification,
  CountMethod,
  CrossingType,
  Direction,
  Facilitator,
  IncidentActor,
  IncidentType,
  InformationCredibility,
  LocationMethod,
  LocationPrecision,
  NationalityBasis,
  ObservationKind,
  SourceReliability,
  SourceType,
  SummaryLanguage,
  TimePrecision,
  TraffickingIndicator,
  TransportMode,
  Vulnerability,
} from '../../../shared/observations/codelists';
import { VULNERABILITIES } from '../../../shared/observations/codelists';
import type { Observation, ObservationInput } from '../../../shared/observations/observation-schema';
import { fromLocalInputValue, toLocalInputValue } from '../local-datetime';
import { sectionsFor } from './sections-by-kind';
import type { FormSection } from './sections-by-kind';

/** Where the record is: a gazetteer place and/or a point clicked, typed or from GPS. */
export interface DraftLocation {
  placeId: string | null;
  point: { lat: number; lon: number } | null;
  method: LocationMethod;
}

export interface DraftCounts {
  men: string;
  women: string;
  boys: string;
  girls: string;
  unaccompaniedChildren: string;
  separatedChildren: string;
  method: CountMethod | '';
  min: string;
  max: string;
}

export interface DraftMovement {
  direction: Direction | '';
  fromPlaceId: string | null;
  fromCountry: string;
  toPlaceId: string | null;
  toCountry: string;
  intendedCountry: string;
  transportModes: TransportMode[];
  crossingType: CrossingType | '';
  facilitator: Facilitator | '';
}

export interface DraftNationality {
  code: string;
  count: string;
  basis: NationalityBasis;
}

export interface ObservationDraft {
  kind: ObservationKind;
  /**
   * Sections shown beyond the kind's own (sections-by-kind.ts): added by the person, or
   * carried by a record being edited (e.g. an official figure that gives a site's
   * capacity). What a record holds is always editable, never dropped.
   */
  extraSections: FormSection[];
  /** `datetime-local` values (local wall time). */
  observedStart: string;
  observedEnd: string;
  timePrecision: TimePrecision;
  location: DraftLocation | null;
  locationPrecision: LocationPrecision | '';
  totalPersons: string;
  counts: DraftCounts;
  movement: DraftMovement;
  nationalities: DraftNationality[];
  /** Count per vulnerability; '' = not recorded. */
  vulnerabilities: Partial<Record<Vulnerability, string>>;
  incident: { type: IncidentType | ''; actor: IncidentActor | ''; dead: string; injured: string; missing: string };
  site: { capacity: string; occupancy: string };
  borderStatus: { status: BorderStatusValue | ''; nationalityFilter: string[] };
  traffickingIndicators: TraffickingIndicator[];
  source: { type: SourceType | ''; name: string; reliability: SourceReliability | ''; credibility: InformationCredibility | '' };
  summary: string;
  summaryLanguage: SummaryLanguage | '';
  notes: string;
  classification: Classification;
}

export const EMPTY_COUNTS: DraftCounts = {
  men: '',
  women: '',
  boys: '',
  girls: '',
  unaccompaniedChildren: '',
  separatedChildren: '',
  method: '',
  min: '',
  max: '',
};

export const EMPTY_MOVEMENT: DraftMovement = {
  direction: '',
  fromPlaceId: null,
  fromCountry: '',
  toPlaceId: null,
  toCountry: '',
  intendedCountry: '',
  transportModes: [],
  crossingType: '',
  facilitator: '',
};

/** A fresh draft: now, nothing else chosen. */
export function emptyDraft(now: Date): ObservationDraft {
  return {
    kind: 'group_sighting',
    extraSections: [],
    observedStart: toLocalInputValue(now),
    observedEnd: '',
    timePrecision: 'exact',
    location: null,
    locationPrecision: '',
    totalPersons: '',
    counts: EMPTY_COUNTS,
    movement: EMPTY_MOVEMENT,
    nationalities: [],
    vulnerabilities: {},
    incident: { type: '', actor: '', dead: '', injured: '', missing: '' },
    site: { capacity: '', occupancy: '' },
    borderStatus: { status: '', nationalityFilter: [] },
    traffickingIndicators: [],
    source: { type: '', name: '', reliability: '', credibility: '' },
    summary: '',
    summaryLanguage: '',
    notes: '',
    classification: 'internal',
  };
}

/**
 * A number typed in a count field: '' is "not given" (null). Anything else is passed
 * on as a number (NaN for "abc") so that the schema names the field that is wrong,
 * rather than the form quietly dropping it.
 */
export function countOf(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}

/** Vulnerabilities the breakdown asks for (unaccompanied and separated children): never asked twice. */
export const ASKED_IN_BREAKDOWN: ReadonlySet<Vulnerability> = new Set<Vulnerability>(['unaccompanied_child', 'separated_child']);

/** The breakdown's children on their own, as the vulnerability counts they also are. */
function breakdownVulnerabilities(c: DraftCounts): Partial<Record<Vulnerability, string>> {
  return { unaccompanied_child: c.unaccompaniedChildren.trim(), separated_child: c.separatedChildren.trim() };
}

/**
 * A record's vulnerability counts as the draft holds them. A count of a child on their
 * own equal to the breakdown's is the breakdown's (the form asks it there, and writes it
 * to both). One that differs, or is missing beside a breakdown that has it (records
 * stored before the form asked it once), stays the record's own ('' = not recorded), so
 * that an edit never changes or loses it; the vulnerabilities section shows its box.
 */
function vulnerabilitiesOfRecord(record: Observation | ObservationInput): Partial<Record<Vulnerability, string>> {
  const fromCounts: Partial<Record<Vulnerability, number | null | undefined>> = {
    unaccompanied_child: record.counts?.unaccompaniedChildren,
    separated_child: record.counts?.separatedChildren,
  };
  const stored = new Map((record.vulnerabilities ?? []).map((v) => [v.code, v.count]));
  const own: Partial<Record<Vulnerability, string>> = {};
  for (const code of VULNERABILITIES) {
    const count = stored.get(code);
    const breakdown = fromCounts[code];
    if (!ASKED_IN_BREAKDOWN.has(code)) {
      if (count !== undefined) own[code] = String(count);
    } else if (count !== undefined && count !== breakdown) own[code] = String(count);
    else if (count === undefined && breakdown !== null && breakdown !== undefined) own[code] = '';
  }
  return own;
}

/** Whether the form offers (and sends) a min-max range for a count method. */
export const hasRange = (method: CountMethod | ''): boolean => method !== 'exact_count';

const textOf = (value: number | null | undefined): string => (value === null || value === undefined ? '' : String(value));
const orNull = <T extends string>(value: T | ''): T | null => (value === '' ? null : value);
const trimmedOrNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

function countsCandidate(c: DraftCounts): Record<keyof DraftCounts, unknown> {
  // A range means something for every method but an exact count; a hidden range is not sent.
  const ranged = hasRange(c.method);
  return {
    men: countOf(c.men),
    women: countOf(c.women),
    boys: countOf(c.boys),
    girls: countOf(c.girls),
    unaccompaniedChildren: countOf(c.unaccompaniedChildren),
    separatedChildren: countOf(c.separatedChildren),
    method: orNull(c.method),
    min: ranged ? countOf(c.min) : null,
    max: ranged ? countOf(c.max) : null,
  };
}

const isBlankCounts = (c: DraftCounts): boolean =>
  c.method === '' && [c.men, c.women, c.boys, c.girls, c.unaccompaniedChildren, c.separatedChildren, c.min, c.max].every((v) => v.trim() === '');

const isBlankMovement = (m: DraftMovement): boolean =>
  m.direction === '' &&
  m.fromPlaceId === null &&
  m.fromCountry === '' &&
  m.toPlaceId === null &&
  m.toCountry === '' &&
  m.intendedCountry === '' &&
  m.transportModes.length === 0 &&
  m.crossingType === '' &&
  m.facilitator === '';

/**
 * The record candidate a draft stands for, to be judged by `checkObservationInput`.
 * Only the sections of the draft's kind are included: what a person typed in a section
 * they then hid by changing the kind stays in the draft but is not submitted. Empty
 * optional groups are left out, so that a record carries only what was observed.
 */
export function draftToCandidate(draft: ObservationDraft): Record<string, unknown> {
  const sections = shownSections(draft);
  const loc = draft.location;
  const candidate: Record<string, unknown> = {
    kind: draft.kind,
    observedStart: fromLocalInputValue(draft.observedStart),
    observedEnd: draft.observedEnd.trim() === '' ? null : fromLocalInputValue(draft.observedEnd),
    timePrecision: draft.timePrecision,
    placeId: loc?.placeId ?? null,
    location: loc?.point ?? null,
    locationMethod: loc?.method ?? 'gazetteer',
    totalPersons: countOf(draft.totalPersons) ?? Number.NaN,
    summary: draft.summary,
    classification: draft.classification,
  };
  if (draft.locationPrecision !== '') candidate.locationPrecision = draft.locationPrecision;
  if (draft.summaryLanguage !== '') candidate.summaryLanguage = draft.summaryLanguage;
  if (draft.notes.trim() !== '') candidate.notes = draft.notes;
  if (sections.has('counts') && !isBlankCounts(draft.counts)) candidate.counts = countsCandidate(draft.counts);
  if (sections.has('movement') && !isBlankMovement(draft.movement)) {
    const m = draft.movement;
    candidate.movement = {
      direction: orNull(m.direction),
      fromPlaceId: m.fromPlaceId,
      fromCountry: orNull(m.fromCountry),
      toPlaceId: m.toPlaceId,
      toCountry: orNull(m.toCountry),
      intendedCountry: orNull(m.intendedCountry),
      transportModes: m.transportModes,
      crossingType: orNull(m.crossingType),
      facilitator: orNull(m.facilitator),
    };
  }
  if (sections.has('nationalities')) {
    // Every row is sent, blank ones too, so that a message's path (`nationalities.2.code`)
    // names the row on screen; a row added and left empty is a mistake to point out.
    const rows = draft.nationalities;
    if (rows.length > 0) candidate.nationalities = rows.map((n) => ({ code: n.code, count: countOf(n.count) ?? Number.NaN, basis: n.basis }));
  }
  if (sections.has('vulnerabilities')) {
    // In codelist order, so that the same counts always make the same record. The
    // children asked in the breakdown are vulnerabilities too (reports count them under
    // both): taken from the breakdown, unless the draft holds a value of its own for them
    // (a record stored with a different count, or with none, keeps what it had).
    const breakdown = sections.has('counts') ? breakdownVulnerabilities(draft.counts) : {};
    const rows = VULNERABILITIES.flatMap((code) => {
      const own = draft.vulnerabilities[code];
      const count = own !== undefined ? own.trim() : (breakdown[code] ?? '');
      return count === '' ? [] : [{ code, count: countOf(count) }];
    });
    if (rows.length > 0) candidate.vulnerabilities = rows;
  }
  if (sections.has('incident')) {
    const i = draft.incident;
    candidate.incident = { type: orNull(i.type), actor: orNull(i.actor), dead: countOf(i.dead), injured: countOf(i.injured), missing: countOf(i.missing) };
  }
  if (sections.has('site')) candidate.site = { capacity: countOf(draft.site.capacity), occupancy: countOf(draft.site.occupancy) };
  if (sections.has('borderStatus') && draft.borderStatus.status !== '') {
    candidate.borderStatus = { status: draft.borderStatus.status, nationalityFilter: draft.borderStatus.nationalityFilter };
  }
  if (sections.has('trafficking') && draft.traffickingIndicators.length > 0) candidate.traffickingIndicators = draft.traffickingIndicators;
  const s = draft.source;
  if (s.type !== '' || s.name.trim() !== '' || s.reliability !== '' || s.credibility !== '') {
    candidate.source = { type: orNull(s.type), name: trimmedOrNull(s.name), reliability: orNull(s.reliability), credibility: orNull(s.credibility) };
  }
  return candidate;
}

/** The sections a draft shows: its kind's, then any extra ones. */
export function shownSections(draft: Pick<ObservationDraft, 'kind' | 'extraSections'>): ReadonlySet<FormSection> {
  return new Set([...sectionsFor(draft.kind), ...draft.extraSections]);
}

/** The sections whose groups a record carries. */
function sectionsOfRecord(record: Observation | ObservationInput): FormSection[] {
  const present: [FormSection, boolean][] = [
    ['movement', record.movement !== undefined],
    ['counts', record.counts !== undefined],
    ['nationalities', (record.nationalities?.length ?? 0) > 0],
    ['vulnerabilities', (record.vulnerabilities?.length ?? 0) > 0],
    ['incident', record.incident !== undefined],
    ['site', record.site !== undefined],
    ['borderStatus', record.borderStatus !== undefined],
    ['trafficking', (record.traffickingIndicators?.length ?? 0) > 0],
  ];
  const own = sectionsFor(record.kind);
  return present.filter(([section, has]) => has && !own.has(section)).map(([section]) => section);
}

/** The draft that edits an existing record: every field as the form shows it. */
export function draftFromObservation(record: Observation | ObservationInput): ObservationDraft {
  const base = emptyDraft(new Date(record.observedStart));
  const c = record.counts;
  const m = record.movement;
  return {
    ...base,
    kind: record.kind,
    extraSections: sectionsOfRecord(record),
    observedEnd: record.observedEnd ? toLocalInputValue(new Date(record.observedEnd)) : '',
    timePrecision: record.timePrecision ?? 'exact',
    location:
      record.placeId !== null || record.location !== null
        ? { placeId: record.placeId, point: record.location ? { ...record.location } : null, method: record.locationMethod }
        : null,
    locationPrecision: record.locationPrecision ?? '',
    totalPersons: String(record.totalPersons),
    counts: c
      ? {
          men: textOf(c.men),
          women: textOf(c.women),
          boys: textOf(c.boys),
          girls: textOf(c.girls),
          unaccompaniedChildren: textOf(c.unaccompaniedChildren),
          separatedChildren: textOf(c.separatedChildren),
          method: c.method ?? '',
          min: textOf(c.min),
          max: textOf(c.max),
        }
      : EMPTY_COUNTS,
    movement: m
      ? {
          direction: m.direction ?? '',
          fromPlaceId: m.fromPlaceId,
          fromCountry: m.fromCountry ?? '',
          toPlaceId: m.toPlaceId,
          toCountry: m.toCountry ?? '',
          intendedCountry: m.intendedCountry ?? '',
          transportModes: [...m.transportModes],
          crossingType: m.crossingType ?? '',
          facilitator: m.facilitator ?? '',
        }
      : EMPTY_MOVEMENT,
    nationalities: (record.nationalities ?? []).map((n) => ({ code: n.code, count: String(n.count), basis: n.basis })),
    vulnerabilities: vulnerabilitiesOfRecord(record),
    incident: record.incident
      ? {
          type: record.incident.type ?? '',
          actor: record.incident.actor ?? '',
          dead: textOf(record.incident.dead),
          injured: textOf(record.incident.injured),
          missing: textOf(record.incident.missing),
        }
      : base.incident,
    site: record.site ? { capacity: textOf(record.site.capacity), occupancy: textOf(record.site.occupancy) } : base.site,
    borderStatus: record.borderStatus
      ? { status: record.borderStatus.status, nationalityFilter: [...record.borderStatus.nationalityFilter] }
      : base.borderStatus,
    traffickingIndicators: [...(record.traffickingIndicators ?? [])],
    source: record.source
      ? {
          type: record.source.type ?? '',
          name: record.source.name ?? '',
          reliability: record.source.reliability ?? '',
          credibility: record.source.credibility ?? '',
        }
      : base.source,
    summary: record.summary,
    summaryLanguage: record.summaryLanguage ?? '',
    notes: record.notes ?? '',
    classification: record.classification ?? 'internal',
  };
}
