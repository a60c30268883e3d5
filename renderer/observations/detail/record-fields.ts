/**
 * Every field of an observation that holds a value, as labelled lines of text grouped
 * in sections: codelist values by their labels, places by name, countries and
 * nationalities by name, numbers and times formatted. The detail view draws these; the
 * revision history formats a changed field's old and new values with the same lines,
 * so a value reads the same in both.
 *
 * Text only: the screens render it as React text, never as HTML.
 */
import type { Observation } from '../../../shared/observations/observation-schema';
import { observationSchema } from '../../../shared/observations/observation-schema';
import { SENSITIVE_FIELD_PATHS } from '../../../shared/observations/sensitive-fields';
import type { Place } from '../../../shared/places/place';
import { codelistLabel, countryName, nationalityName } from '../../i18n/codelist-label';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n';
import type { TranslationKey } from '../../i18n/i18n';

export interface FieldLine {
  /** Dotted path of the field (`counts.men`, `nationalities.0`): stable for tests and styling. */
  path: string;
  label: string;
  value: string;
  /** Sensitive (shared/observations/sensitive-fields.ts): the server sends them only to the roles allowed to see them. Encryption at rest is issue 12. */
  sensitive: boolean;
  /**
   * The server withheld this field from this device and the record holds no value for
   * it: `value` is the words saying so, never a value (renderer/store/withheld-fields.ts).
   */
  withheld?: true;
}

export const SECTION_IDS = [
  'record',
  'when',
  'where',
  'movement',
  'counts',
  'nationalities',
  'vulnerabilities',
  'site',
  'border',
  'incident',
  'trafficking',
  'source',
  'summary',
  'notes',
  'review',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface FieldSection {
  id: SectionId;
  title: string;
  lines: FieldLine[];
}

export interface FieldContext {
  placesById: ReadonlyMap<string, Place>;
}

export function isSensitivePath(path: string): boolean {
  return SENSITIVE_FIELD_PATHS.some((sensitive) => path === sensitive || path.startsWith(`${sensitive}.`));
}

function placeName(id: string, ctx: FieldContext): string {
  return ctx.placesById.get(id)?.name ?? id;
}

/** Collects the lines of one section, skipping absent values but those withheld. */
class Lines {
  readonly lines: FieldLine[] = [];

  constructor(private readonly withheld: ReadonlySet<string>) {}

  /** A line labelled by the catalogue key `detail.field.<path>`. */
  add(path: string, label: TranslationKey, value: string | null | undefined): void {
    this.addLabelled(path, t(label), value);
  }

  addLabelled(path: string, label: string, value: string | null | undefined): void {
    if (value === null || value === undefined || value === '') {
      // Not empty: the server holds a value, or none, that this device was not given.
      if (this.withheld.has(path)) this.lines.push({ path, label, value: t('detail.withheld'), sensitive: isSensitivePath(path), withheld: true });
      return;
    }
    this.lines.push({ path, label, value, sensitive: isSensitivePath(path) });
  }
}

const num = (value: number | null | undefined): string | null => (value === null || value === undefined ? null : formatNumber(value));

/**
 * The lines of every field present in `r`, by section. A partial record gives the lines
 * of its fields only. `withheld`: paths the server withheld that `r` holds no value for
 * (blindWithheld): each gets a line that says so, where its value would be.
 */
export function recordSections(r: Partial<Observation>, ctx: FieldContext, withheld: readonly string[] = []): FieldSection[] {
  const held = new Set(withheld);
  const sections: Record<SectionId, Lines> = Object.fromEntries(SECTION_IDS.map((id) => [id, new Lines(held)])) as Record<SectionId, Lines>;

  const record = sections.record;
  record.add('kind', 'detail.field.kind', r.kind && codelistLabel('kind', r.kind));
  record.add('mission', 'detail.field.mission', r.mission && codelistLabel('mission', r.mission));
  record.add('office', 'detail.field.office', r.office);
  record.add('author', 'detail.field.author', r.author);
  record.add('device', 'detail.field.device', r.device);
  record.add('reportedAt', 'detail.field.reportedAt', r.reportedAt && formatDateTime(r.reportedAt));
  record.add('classification', 'detail.field.classification', r.classification && codelistLabel('classification', r.classification));
  record.add('training', 'detail.field.training', r.training === true ? t('detail.trainingValue') : null);
  record.add('deleted', 'detail.field.deleted', r.deleted === true ? t('detail.yes') : null);
  record.add('id', 'detail.field.id', r.id);

  const when = sections.when;
  when.add('observedStart', 'detail.field.observedStart', r.observedStart && formatDateTime(r.observedStart));
  when.add('observedEnd', 'detail.field.observedEnd', r.observedEnd && formatDateTime(r.observedEnd));
  when.add('timePrecision', 'detail.field.timePrecision', r.timePrecision && codelistLabel('timePrecision', r.timePrecision));

  const where = sections.where;
  where.add('placeId', 'detail.field.placeId', r.placeId && placeName(r.placeId, ctx));
  where.add('location', 'detail.field.location', r.location && `${r.location.lat.toFixed(5)}, ${r.location.lon.toFixed(5)}`);
  where.add('locationMethod', 'detail.field.locationMethod', r.locationMethod && codelistLabel('locationMethod', r.locationMethod));
  where.add('locationPrecision', 'detail.field.locationPrecision', r.locationPrecision && codelistLabel('locationPrecision', r.locationPrecision));
  where.add('country', 'detail.field.country', r.country && countryName(r.country));

  const m = r.movement;
  if (m) {
    const movement = sections.movement;
    movement.add('movement.direction', 'detail.field.movement.direction', m.direction && codelistLabel('direction', m.direction));
    movement.add('movement.fromPlaceId', 'detail.field.movement.fromPlaceId', m.fromPlaceId && placeName(m.fromPlaceId, ctx));
    movement.add('movement.fromCountry', 'detail.field.movement.fromCountry', m.fromCountry && countryName(m.fromCountry));
    movement.add('movement.toPlaceId', 'detail.field.movement.toPlaceId', m.toPlaceId && placeName(m.toPlaceId, ctx));
    movement.add('movement.toCountry', 'detail.field.movement.toCountry', m.toCountry && countryName(m.toCountry));
    movement.add('movement.intendedCountry', 'detail.field.movement.intendedCountry', m.intendedCountry && countryName(m.intendedCountry));
    movement.add('movement.transportModes', 'detail.field.movement.transportModes', m.transportModes.map((mode) => codelistLabel('transportMode', mode)).join(', '));
    movement.add('movement.crossingType', 'detail.field.movement.crossingType', m.crossingType && codelistLabel('crossingType', m.crossingType));
    movement.add('movement.facilitator', 'detail.field.movement.facilitator', m.facilitator && codelistLabel('facilitator', m.facilitator));
  }

  const counts = sections.counts;
  counts.add('totalPersons', 'detail.field.totalPersons', num(r.totalPersons));
  const c = r.counts;
  if (c) {
    counts.add('counts.men', 'detail.field.counts.men', num(c.men));
    counts.add('counts.women', 'detail.field.counts.women', num(c.women));
    counts.add('counts.boys', 'detail.field.counts.boys', num(c.boys));
    counts.add('counts.girls', 'detail.field.counts.girls', num(c.girls));
    counts.add('counts.unaccompaniedChildren', 'detail.field.counts.unaccompaniedChildren', num(c.unaccompaniedChildren));
    counts.add('counts.separatedChildren', 'detail.field.counts.separatedChildren', num(c.separatedChildren));
    counts.add('counts.method', 'detail.field.counts.method', c.method && codelistLabel('countMethod', c.method));
    counts.add('counts.min', 'detail.field.counts.min', num(c.min));
    counts.add('counts.max', 'detail.field.counts.max', num(c.max));
  }

  r.nationalities?.forEach((n, i) => {
    sections.nationalities.addLabelled(
      `nationalities.${i}`,
      nationalityName(n.code),
      t('detail.nationalityValue', { count: formatNumber(n.count), basis: codelistLabel('nationalityBasis', n.basis) }),
    );
  });
  r.vulnerabilities?.forEach((v, i) => {
    sections.vulnerabilities.addLabelled(`vulnerabilities.${i}`, codelistLabel('vulnerability', v.code), formatNumber(v.count));
  });

  if (r.site) {
    sections.site.add('site.capacity', 'detail.field.site.capacity', num(r.site.capacity));
    sections.site.add('site.occupancy', 'detail.field.site.occupancy', num(r.site.occupancy));
    const { capacity, occupancy } = r.site;
    if (capacity !== null && occupancy !== null && occupancy > capacity) sections.site.add('site.overCapacity', 'detail.field.site.overCapacity', t('detail.overCapacityValue'));
  }

  if (r.borderStatus) {
    sections.border.add('borderStatus.status', 'detail.field.borderStatus.status', codelistLabel('borderStatus', r.borderStatus.status));
    sections.border.add('borderStatus.nationalityFilter', 'detail.field.borderStatus.nationalityFilter', r.borderStatus.nationalityFilter.map(nationalityName).join(', '));
  }

  if (r.incident) {
    const i = r.incident;
    sections.incident.add('incident.type', 'detail.field.incident.type', i.type && codelistLabel('incidentType', i.type));
    sections.incident.add('incident.actor', 'detail.field.incident.actor', i.actor && codelistLabel('incidentActor', i.actor));
    sections.incident.add('incident.dead', 'detail.field.incident.dead', num(i.dead));
    sections.incident.add('incident.injured', 'detail.field.incident.injured', num(i.injured));
    sections.incident.add('incident.missing', 'detail.field.incident.missing', num(i.missing));
  }

  if ((r.traffickingIndicators && r.traffickingIndicators.length > 0) || held.has('traffickingIndicators')) {
    sections.trafficking.add(
      'traffickingIndicators',
      'detail.field.traffickingIndicators',
      r.traffickingIndicators?.map((code) => codelistLabel('traffickingIndicator', code)).join('; '),
    );
  }

  if (r.source) {
    const s = r.source;
    sections.source.add('source.type', 'detail.field.source.type', s.type && codelistLabel('sourceType', s.type));
    sections.source.add('source.name', 'detail.field.source.name', s.name);
    sections.source.add('source.reliability', 'detail.field.source.reliability', s.reliability && codelistLabel('sourceReliability', s.reliability));
    sections.source.add('source.credibility', 'detail.field.source.credibility', s.credibility && codelistLabel('informationCredibility', s.credibility));
    sections.source.add('source.grade', 'detail.field.source.grade', s.reliability && s.credibility ? `${s.reliability}${s.credibility}` : null);
  }

  sections.summary.add('summary', 'detail.field.summary', r.summary);
  sections.summary.add('summaryLanguage', 'detail.field.summaryLanguage', r.summaryLanguage && codelistLabel('summaryLanguage', r.summaryLanguage));
  sections.notes.add('notes', 'detail.field.notes', r.notes);

  sections.review.add('reviewStatus', 'detail.field.reviewStatus', r.reviewStatus && codelistLabel('reviewStatus', r.reviewStatus));
  if (r.review) {
    sections.review.add('review.reviewer', 'detail.field.review.reviewer', r.review.reviewer);
    sections.review.add('review.reviewedAt', 'detail.field.review.reviewedAt', r.review.reviewedAt && formatDateTime(r.review.reviewedAt));
    sections.review.add('review.note', 'detail.field.review.note', r.review.note);
  }

  return SECTION_IDS.map((id) => ({ id, title: t(`detail.section.${id}`), lines: sections[id].lines })).filter((s) => s.lines.length > 0);
}

/**
 * The label of each top-level field, for the revision history (which names the fields
 * that changed). The mapped type makes a new field of the record a compile error here
 * until it has a label.
 */
const TOP_LEVEL_LABELS: { readonly [F in keyof Observation]-?: TranslationKey } = {
  id: 'detail.field.id',
  kind: 'detail.field.kind',
  mission: 'detail.field.mission',
  office: 'detail.field.office',
  author: 'detail.field.author',
  device: 'detail.field.device',
  observedStart: 'detail.field.observedStart',
  observedEnd: 'detail.field.observedEnd',
  timePrecision: 'detail.field.timePrecision',
  reportedAt: 'detail.field.reportedAt',
  placeId: 'detail.field.placeId',
  location: 'detail.field.location',
  locationMethod: 'detail.field.locationMethod',
  locationPrecision: 'detail.field.locationPrecision',
  country: 'detail.field.country',
  totalPersons: 'detail.field.totalPersons',
  summary: 'detail.field.summary',
  summaryLanguage: 'detail.field.summaryLanguage',
  reviewStatus: 'detail.field.reviewStatus',
  deleted: 'detail.field.deleted',
  hlc: 'detail.field.hlc',
  fieldClocks: 'detail.field.fieldClocks',
  fieldBases: 'detail.field.fieldBases',
  movement: 'detail.section.movement',
  counts: 'detail.section.counts',
  nationalities: 'detail.section.nationalities',
  vulnerabilities: 'detail.section.vulnerabilities',
  site: 'detail.section.site',
  borderStatus: 'detail.section.border',
  incident: 'detail.section.incident',
  traffickingIndicators: 'detail.field.traffickingIndicators',
  source: 'detail.section.source',
  notes: 'detail.field.notes',
  classification: 'detail.field.classification',
  review: 'detail.section.review',
  training: 'detail.field.training',
};

/** The label of a top-level field; a field this version does not know, by its stored name. */
export function fieldLabel(field: string): string {
  const key = (TOP_LEVEL_LABELS as Readonly<Record<string, TranslationKey | undefined>>)[field];
  return key === undefined ? field : t(key);
}

const partialRecordSchema = observationSchema.partial();

/**
 * One field's value as text, the way the detail view shows it: a group's lines joined
 * ("Men: 8; Women: 4"), a single value as itself, nothing as an em dash. A value the
 * schema does not know (a field of a newer version) is shown as its JSON text.
 * `withheld`: paths the server withholds from this device; a revision pulled here holds
 * null for them (server/domain/revisions-repo.ts), which says so rather than "—".
 */
export function fieldValueText(field: string, value: unknown, ctx: FieldContext, withheld: readonly string[] = []): string {
  if (value === null || value === undefined) return withheld.includes(field) ? t('detail.withheld') : '—';
  if (typeof value === 'boolean') return value ? t('detail.yes') : t('detail.no');
  const parsed = partialRecordSchema.safeParse({ [field]: value });
  const lines = parsed.success && field in parsed.data ? recordSections(
          parsed.data,
          ctx,
          // Only those inside this field (`source.name` in `source`): the others are not its lines.
          withheld.filter((path) => path.startsWith(`${field}.`)),
        ).flatMap((s) => s.lines)
      : [];
  if (lines.length === 0) return typeof value === 'string' ? value : JSON.stringify(value);
  if (lines.length === 1 && lines[0]?.path === field) return lines[0].value;
  return lines.map((l) => `${l.label}: ${l.value}`).join('; ');
}
