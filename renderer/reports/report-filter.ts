/**
 * The shared filter as the report reads and names it, and the filter that opens the
 * records behind a figure in the Observations list. The list cannot be addressed by
 * record ids yet, so a figure opens the list with the report's filter narrowed to the
 * figure's kinds and place and to the review states the report counted.
 */
import type { ObservationKind, ReviewStatus } from '../../shared/observations/codelists';
import { OBSERVATION_KINDS } from '../../shared/observations/codelists';
import type { Place } from '../../shared/places/place';
import type { Measure } from '../../shared/reports/measure-kinds';
import { measureOf } from '../../shared/reports/measure-kinds';
import type { FilterState } from '../filter/filter-state';
import { codelistLabel } from '../i18n/codelist-label';
import { formatDate, t } from '../i18n/i18n';

/** "1 Oct 2015 – 31 Oct 2015; missions: Serbia; places: Presevo; kinds: all". */
export function describeFilter(filter: FilterState, placesById: ReadonlyMap<string, Place>): string {
  const parts = [t('report.filter.period', { from: formatDate(`${filter.fromDate}T12:00:00`), to: formatDate(`${filter.toDate}T12:00:00`) })];
  if (filter.missions.length > 0) parts.push(t('report.filter.missions', { value: filter.missions.map((m) => codelistLabel('mission', m)).join(', ') }));
  if (filter.placeIds.length > 0) parts.push(t('report.filter.places', { value: filter.placeIds.map((id) => placesById.get(id)?.name ?? id).join(', ') }));
  if (filter.kinds.length > 0) parts.push(t('report.filter.kinds', { value: filter.kinds.map((k) => codelistLabel('kind', k)).join(', ') }));
  if (parts.length === 1) parts.push(t('report.filter.all'));
  return parts.join('; ');
}

/** The kinds whose records count toward a measure (by kind; an official figure may come from any kind). */
export function kindsOf(measure: Measure): ObservationKind[] {
  return OBSERVATION_KINDS.filter((kind) => measureOf({ kind }) === measure);
}

/** The list's filter for the records behind a figure. */
export function figureFilter(
  filter: FilterState,
  includeSubmitted: boolean,
  kinds: readonly ObservationKind[],
  placeId?: string | null,
): Partial<FilterState> {
  const statuses: ReviewStatus[] = includeSubmitted ? ['submitted', 'verified'] : ['verified'];
  const narrowedKinds = filter.kinds.length > 0 ? kinds.filter((k) => filter.kinds.includes(k)) : [...kinds];
  return {
    statuses,
    kinds: narrowedKinds,
    text: '',
    ...(placeId ? { placeIds: [placeId] } : {}),
  };
}
