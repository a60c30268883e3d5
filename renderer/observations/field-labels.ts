/**
 * The label of each field of the record, by the dotted path the shared rules report
 * (`counts.men`, `nationalities.2.code`): the words the form shows beside the field,
 * so that a message names the field the person sees. Rows are numbered from 1 as on screen.
 */
import { t } from '../i18n/i18n';
import type { TranslationKey } from '../i18n/i18n';

const LABELS: Readonly<Record<string, TranslationKey>> = {
  form: 'field.record',
  author: 'form.author',
  office: 'form.office',
  kind: 'form.kind',
  observedStart: 'form.observedStart',
  observedEnd: 'form.observedEnd',
  timePrecision: 'form.timePrecision',
  placeId: 'form.place',
  location: 'form.place',
  'location.lat': 'field.latitude',
  'location.lon': 'field.longitude',
  locationMethod: 'field.locationMethod',
  locationPrecision: 'form.locationPrecision',
  country: 'field.country',
  totalPersons: 'form.totalPersons',
  movement: 'form.movementSection',
  'movement.direction': 'form.direction',
  'movement.fromPlaceId': 'form.fromPlace',
  'movement.fromCountry': 'form.fromCountry',
  'movement.toPlaceId': 'form.toPlace',
  'movement.toCountry': 'form.toCountry',
  'movement.intendedCountry': 'form.intendedCountry',
  'movement.transportModes': 'form.transportModes',
  'movement.crossingType': 'form.crossingType',
  'movement.facilitator': 'form.facilitator',
  counts: 'form.section.counts',
  'counts.men': 'form.men',
  'counts.women': 'form.women',
  'counts.boys': 'form.boys',
  'counts.girls': 'form.girls',
  'counts.unaccompaniedChildren': 'form.unaccompanied',
  'counts.separatedChildren': 'form.separated',
  'counts.method': 'form.countMethod',
  'counts.min': 'form.estimateMin',
  'counts.max': 'form.estimateMax',
  nationalities: 'form.nationalitiesSection',
  vulnerabilities: 'form.section.vulnerabilities',
  site: 'form.siteSection',
  'site.capacity': 'form.capacity',
  'site.occupancy': 'form.occupancy',
  borderStatus: 'form.borderSection',
  'borderStatus.status': 'form.borderStatus',
  'borderStatus.nationalityFilter': 'form.nationalityFilter',
  incident: 'form.incidentSection',
  'incident.type': 'form.incidentType',
  'incident.actor': 'form.incidentActor',
  'incident.dead': 'form.dead',
  'incident.injured': 'form.injured',
  'incident.missing': 'form.missing',
  traffickingIndicators: 'form.traffickingSection',
  source: 'form.sourceSection',
  'source.type': 'form.sourceType',
  'source.name': 'form.sourceName',
  'source.reliability': 'form.reliability',
  'source.credibility': 'form.credibility',
  summary: 'form.summary',
  summaryLanguage: 'form.summaryLanguage',
  notes: 'form.notes',
  classification: 'form.classification',
  review: 'field.reviewer',
  'review.reviewer': 'field.reviewer',
  'review.reviewedAt': 'field.reviewedAt',
  'review.note': 'field.reviewNote',
};

/** Nationality rows are labelled by their number on screen ("Persons of nationality 2"). */
const NATIONALITY_ROW: Readonly<Record<string, TranslationKey>> = {
  code: 'form.nationalityN',
  count: 'form.nationalityCount',
  basis: 'form.nationalityBasis',
};

/** Whether a path has a label of its own (not the "Field “x”" fallback). */
export function hasFieldLabel(path: string): boolean {
  return fieldLabelKey(path) !== null;
}

function fieldLabelKey(path: string): { key: TranslationKey; n?: number } | null {
  const own = LABELS[path];
  if (own) return { key: own };
  const row = /^nationalities\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (row) {
    const key = NATIONALITY_ROW[row[2] ?? 'code'];
    return key ? { key, n: Number(row[1]) + 1 } : null;
  }
  // A member of a list shown as one group (vulnerabilities, transport, indicators, the nationality filter).
  const member = /^(vulnerabilities|movement\.transportModes|traffickingIndicators|borderStatus\.nationalityFilter)\.\d+(?:\.\w+)?$/.exec(path);
  if (member?.[1]) return fieldLabelKey(member[1]);
  return null;
}

/** The label of the field at a path, in the UI language. */
export function fieldLabel(path: string): string {
  const found = fieldLabelKey(path);
  if (!found) return t('field.other', { path });
  return found.n === undefined ? t(found.key) : t(found.key, { n: found.n });
}
