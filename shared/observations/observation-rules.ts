/**
 * Validation shared by the form, the import and the server: the schema, then the
 * cross-field rules of PRODUCT.md, one function each. Messages are i18n keys
 * (`validation.*`), with the values they name in `params`; `field` is the dotted path of
 * the field to show the message at (the screen names the field by its label).
 * Errors block submitting; warnings are shown and let the record through.
 */
import type { Mission } from './codelists';
import { insideMissionArea } from './mission-areas';
import { observationInputSchema } from './observation-schema';
import type { Observation, ObservationInput } from './observation-schema';
import { issueOfSchema } from './schema-issue-messages';
import type { ValidationIssue } from './validation-issue';

export type { IssueParams, ValidationIssue } from './validation-issue';

/** Device clocks run a little fast; a time further ahead than this is a typo. */
export const MAX_FUTURE_SKEW_MS = 10 * 60 * 1000;

/** What the rules look at: the edited fields, and on stored records who wrote and reviewed them. */
export type RuleSubject = ObservationInput & Partial<Pick<Observation, 'author' | 'mission' | 'reviewStatus' | 'review'>>;

export interface RuleContext {
  nowMs: number;
}

type Rule = (subject: RuleSubject, context: RuleContext) => ValidationIssue[];

const sum = (values: readonly (number | null | undefined)[]): number => values.reduce<number>((a, v) => a + (v ?? 0), 0);
const given = (v: number | null | undefined): v is number => typeof v === 'number';

/** men + women + boys + girls <= total, and = total when all four are given with an exact count. */
export const sexAgeBreakdownRule: Rule = ({ counts, totalPersons }) => {
  if (!counts) return [];
  const parts = [counts.men, counts.women, counts.boys, counts.girls];
  const partSum = sum(parts);
  if (partSum > totalPersons) return [{ field: 'counts', message: 'validation.breakdownExceedsTotal' }];
  if (parts.every(given) && counts.method === 'exact_count' && partSum !== totalPersons) {
    return [{ field: 'counts', message: 'validation.breakdownMustEqualTotal' }];
  }
  return [];
};

/** Unaccompanied (and separated) children are children: no more of them than boys + girls. */
export const childrenRule: Rule = ({ counts }) => {
  if (!counts || (!given(counts.boys) && !given(counts.girls))) return [];
  const children = sum([counts.boys, counts.girls]);
  const issues: ValidationIssue[] = [];
  if ((counts.unaccompaniedChildren ?? 0) > children) {
    issues.push({ field: 'counts.unaccompaniedChildren', message: 'validation.uascExceedsChildren' });
  }
  if ((counts.separatedChildren ?? 0) > children) {
    issues.push({ field: 'counts.separatedChildren', message: 'validation.separatedExceedsChildren' });
  }
  return issues;
};

/** Nationality counts add up to no more than the total. */
export const nationalitySumRule: Rule = ({ nationalities, totalPersons }) =>
  nationalities && sum(nationalities.map((n) => n.count)) > totalPersons
    ? [{ field: 'nationalities', message: 'validation.nationalitiesExceedTotal' }]
    : [];

/** An estimate's range contains the total. */
export const estimateRangeRule: Rule = ({ counts, totalPersons }) => {
  if (!counts) return [];
  const { min, max } = counts;
  if (given(min) && given(max) && min > max) return [{ field: 'counts.min', message: 'validation.minAboveMax' }];
  if ((given(min) && totalPersons < min) || (given(max) && totalPersons > max)) {
    return [{ field: 'totalPersons', message: 'validation.totalOutsideRange' }];
  }
  return [];
};

/** The end of an observation is not before its start. */
export const endAfterStartRule: Rule = ({ observedStart, observedEnd }) =>
  observedEnd && Date.parse(observedEnd) < Date.parse(observedStart)
    ? [{ field: 'observedEnd', message: 'validation.endBeforeStart' }]
    : [];

/** No time more than ten minutes in the future (device clock skew allowed). */
export const notInFutureRule: Rule = ({ observedStart, observedEnd }, { nowMs }) => {
  const issues: ValidationIssue[] = [];
  if (Date.parse(observedStart) > nowMs + MAX_FUTURE_SKEW_MS) issues.push({ field: 'observedStart', message: 'validation.inFuture' });
  if (observedEnd && Date.parse(observedEnd) > nowMs + MAX_FUTURE_SKEW_MS) {
    issues.push({ field: 'observedEnd', message: 'validation.inFuture' });
  }
  return issues;
};

/** A movement goes somewhere else: from-place differs from to-place. */
export const fromDiffersFromToRule: Rule = ({ movement }) =>
  movement?.fromPlaceId && movement.fromPlaceId === movement.toPlaceId
    ? [{ field: 'movement.toPlaceId', message: 'validation.fromEqualsTo' }]
    : [];

/** An incident needs its type. */
export const incidentTypeRule: Rule = ({ kind, incident }) =>
  kind === 'incident' && !incident?.type ? [{ field: 'incident.type', message: 'validation.incidentTypeRequired' }] : [];

/** Verified needs both Admiralty grades and a reviewer who is not the author. */
export const verifiedRule: Rule = ({ reviewStatus, source, review, author }) => {
  if (reviewStatus !== 'verified') return [];
  const issues: ValidationIssue[] = [];
  if (!source?.reliability) issues.push({ field: 'source.reliability', message: 'validation.gradeRequired' });
  if (!source?.credibility) issues.push({ field: 'source.credibility', message: 'validation.gradeRequired' });
  if (!review?.reviewer) issues.push({ field: 'review.reviewer', message: 'validation.reviewerRequired' });
  else if (review.reviewer === author) issues.push({ field: 'review.reviewer', message: 'validation.selfVerification' });
  return issues;
};

/** The rules whose findings block a record. */
export const ERROR_RULES: readonly Rule[] = [
  sexAgeBreakdownRule,
  childrenRule,
  nationalitySumRule,
  estimateRangeRule,
  endAfterStartRule,
  notInFutureRule,
  fromDiffersFromToRule,
  incidentTypeRule,
  verifiedRule,
];

/** A point outside the mission's area: unusual, so worth a second look, but allowed. */
export function outsideMissionWarning(subject: { location: { lat: number; lon: number } | null }, mission: Mission | undefined): ValidationIssue[] {
  if (!mission || !subject.location || insideMissionArea(mission, subject.location)) return [];
  return [{ field: 'location', message: 'validation.outsideMission' }];
}

/** Occupancy above capacity: a finding to flag. */
export function overCapacityWarning(subject: Pick<ObservationInput, 'site'>): ValidationIssue[] {
  const site = subject.site;
  return site && given(site.capacity) && given(site.occupancy) && site.occupancy > site.capacity
    ? [{ field: 'site.occupancy', message: 'validation.overCapacity' }]
    : [];
}

export type InputCheck =
  | { ok: true; value: ObservationInput; warnings: ValidationIssue[] }
  | { ok: false; issues: ValidationIssue[]; warnings: ValidationIssue[] };

/** Apply the cross-field rules to a subject that already passed the schema. */
export function checkRules(subject: RuleSubject, nowMs: number): { issues: ValidationIssue[]; warnings: ValidationIssue[] } {
  const issues = ERROR_RULES.flatMap((rule) => rule(subject, { nowMs }));
  const warnings = [...outsideMissionWarning(subject, subject.mission), ...overCapacityWarning(subject)];
  return { issues, warnings };
}

/** A record must say where: a gazetteer place or a point (the schema's refinement, as a rule). */
const locatedRule: Rule = (subject) => {
  // Over a partly refused candidate the fields may be missing, whatever the type says.
  const { placeId, location }: Partial<RuleSubject> = subject;
  return !placeId && !location ? [{ field: 'placeId', message: 'validation.placeRequired' }] : [];
};

/**
 * When the schema refuses a candidate, the rules still judge the fields that are fine,
 * so that a person sees every problem at once rather than one per attempt. Fields the
 * schema refused are left out (each rule skips what is absent); a rule that cannot make
 * sense of the rest finds nothing. Only ever adds findings to a refusal.
 */
function rulesOverValidParts(candidate: unknown, schemaIssues: readonly ValidationIssue[], nowMs: number): ValidationIssue[] {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return [];
  const refused = new Set(schemaIssues.map((issue) => issue.field.split('.')[0]));
  const subject = Object.fromEntries(Object.entries(candidate).filter(([field]) => !refused.has(field))) as RuleSubject;
  const seen = new Set(schemaIssues.map((issue) => `${issue.field} ${issue.message}`));
  const found: ValidationIssue[] = [];
  for (const rule of [locatedRule, ...ERROR_RULES]) {
    let issues: ValidationIssue[];
    try {
      issues = rule(subject, { nowMs });
    } catch {
      continue;
    }
    for (const issue of issues) {
      const key = `${issue.field} ${issue.message}`;
      if (refused.has(issue.field.split('.')[0]) || seen.has(key)) continue;
      seen.add(key);
      found.push(issue);
    }
  }
  return found;
}

/** Schema, then rules, for what a person typed (or an import row), with the writer's mission for the area warning. */
export function checkObservationInput(candidate: unknown, nowMs: number, mission?: Mission): InputCheck {
  const parsed = observationInputSchema.safeParse(candidate);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => issueOfSchema(issue, candidate));
    return { ok: false, issues: [...issues, ...rulesOverValidParts(candidate, issues, nowMs)], warnings: [] };
  }
  const { issues, warnings } = checkRules(mission ? { ...parsed.data, mission } : parsed.data, nowMs);
  return issues.length > 0 ? { ok: false, issues, warnings } : { ok: true, value: parsed.data, warnings };
}
