/**
 * What every section builder needs besides its figures: the gazetteer, whether
 * submitted records count, and the filter line that ends each section.
 */
import type { Place } from '../../../shared/places/place';
import type { TranslationKey } from '../../i18n/i18n';
import { t } from '../../i18n/i18n';

export interface ReportContext {
  placesById: ReadonlyMap<string, Place>;
  includeSubmitted: boolean;
  /** The shared filter in words (report-filter.ts describeFilter). */
  filterText: string;
}

/** "Filter: 1 Oct – 31 Oct 2015; all missions… · 1,234 records counted". */
export function sectionFooter(context: ReportContext, records: number): string {
  return t('report.sectionFooter', { filter: context.filterText, count: records });
}

export function placeName(context: ReportContext, placeId: string | null): string {
  if (placeId === null) return t('report.unplaced');
  return context.placesById.get(placeId)?.name ?? placeId;
}

export function placeCountry(context: ReportContext, placeId: string | null): string {
  const place = placeId === null ? undefined : context.placesById.get(placeId);
  return place ? countryLabel(place.country) : '';
}

export function countryLabel(code: string): string {
  return t(`codelist.country.${code}` as TranslationKey);
}
