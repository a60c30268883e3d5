/**
 * The form's collapsible panels: the kind's sections it does not need open, and two
 * groups of fields every kind has but few records use (the end and precision of the
 * time, coordinates and the place's precision; the summary's language, classification
 * and notes). A collapsed panel says how many of its fields are filled, so that nothing
 * typed is hidden without a word; one holding a message is always open.
 *
 * Pure functions over the draft, no React: tested without a browser.
 */
import { VULNERABILITIES } from '../../../shared/observations/codelists';
import type { ObservationDraft } from './observation-draft';
import type { FormSection } from './sections-by-kind';

export type FormPanel = FormSection | 'timePlace' | 'record';

const filled = (values: readonly (string | null | undefined)[]): number => values.filter((v) => v !== null && v !== undefined && v.trim() !== '').length;

/** How many fields of a panel hold something (a ticked box of a group counts one each). */
export function filledCount(panel: FormPanel, draft: ObservationDraft): number {
  switch (panel) {
    case 'timePlace':
      return (
        filled([draft.observedEnd, draft.locationPrecision]) + (draft.timePrecision !== 'exact' ? 1 : 0) + (draft.location?.point ? 1 : 0)
      );
    case 'record':
      return filled([draft.summaryLanguage, draft.notes]) + (draft.classification !== 'internal' ? 1 : 0);
    case 'movement': {
      const m = draft.movement;
      return filled([m.direction, m.fromPlaceId, m.fromCountry, m.toPlaceId, m.toCountry, m.intendedCountry, m.crossingType, m.facilitator]) + m.transportModes.length;
    }
    case 'counts': {
      const c = draft.counts;
      return filled([c.men, c.women, c.boys, c.girls, c.unaccompaniedChildren, c.separatedChildren, c.method, c.min, c.max]);
    }
    case 'nationalities':
      return draft.nationalities.reduce((sum, n) => sum + filled([n.code, n.count]), 0);
    case 'vulnerabilities':
      return filled(VULNERABILITIES.map((code) => draft.vulnerabilities[code]));
    case 'incident': {
      const i = draft.incident;
      return filled([i.type, i.actor, i.dead, i.injured, i.missing]);
    }
    case 'site':
      return filled([draft.site.capacity, draft.site.occupancy]);
    case 'borderStatus':
      return filled([draft.borderStatus.status]) + draft.borderStatus.nationalityFilter.length;
    case 'trafficking':
      return draft.traffickingIndicators.length;
  }
}

const TOP_LEVEL: Record<string, FormPanel> = {
  observedEnd: 'timePlace',
  timePrecision: 'timePlace',
  location: 'timePlace',
  locationMethod: 'timePlace',
  locationPrecision: 'timePlace',
  summaryLanguage: 'record',
  classification: 'record',
  notes: 'record',
  counts: 'counts',
  movement: 'movement',
  nationalities: 'nationalities',
  vulnerabilities: 'vulnerabilities',
  incident: 'incident',
  site: 'site',
  borderStatus: 'borderStatus',
  traffickingIndicators: 'trafficking',
};

/** The panel a message's field path is shown in, if it is in one (`counts.men` -> counts). */
export function panelOfPath(path: string): FormPanel | undefined {
  return TOP_LEVEL[path.split('.')[0] ?? ''];
}

/** The panels holding a message. */
export function panelsWithErrors(paths: Iterable<string>): ReadonlySet<FormPanel> {
  const found = new Set<FormPanel>();
  for (const path of paths) {
    const panel = panelOfPath(path);
    if (panel) found.add(panel);
  }
  return found;
}
