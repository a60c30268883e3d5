import type { Observation } from '../../shared/observations/observation-schema';
import type { Place } from '../../shared/places/place';
import { codelistLabel } from '../i18n/codelist-label';
import { formatDateTime } from '../i18n/i18n';
import { locationLabel } from '../observations/observation-labels';

/** A record named in one line, for notices and dialog headings: kind, place, time. */
export function recordTitle(record: Observation, placesById: ReadonlyMap<string, Place>): string {
  return [codelistLabel('kind', record.kind), locationLabel(record, placesById), formatDateTime(record.observedStart)]
    .filter((part) => part !== '')
    .join(', ');
}
