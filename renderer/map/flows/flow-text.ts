/**
 * The text of the flows: the hover tooltip, the accessible name and the legend. Place
 * names come from the gazetteer and may be edited by users, so every name goes in through
 * `textContent` or an attribute's value, and Leaflet gets elements, never an HTML string.
 */
import type { Flow } from '../../../shared/flows/aggregate-flows';
import { formatNumber, t } from '../../i18n/i18n';
import type { TranslationKey } from '../../i18n/i18n';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Tooltip of one flow: from, to (names of places or countries), persons and records. */
export function flowTooltipContent(flow: Pick<Flow, 'persons' | 'records'>, fromName: string, toName: string): HTMLElement {
  const root = element('dl', 'rw-flow-tooltip');
  const row = (label: TranslationKey, value: string, className: string): void => {
    const term = element('dt', 'rw-flow-tooltip-label', t(label));
    const detail = element('dd', `rw-flow-tooltip-value ${className}`, value);
    // Names may be in any script or direction (Cyrillic, Greek, Arabic).
    detail.dir = 'auto';
    root.append(term, detail);
  };
  row('map.flows.tooltip.from', fromName, 'rw-flow-from');
  row('map.flows.tooltip.to', toName, 'rw-flow-to');
  row('map.flows.tooltip.persons', formatNumber(flow.persons), 'rw-flow-persons');
  row('map.flows.tooltip.records', formatNumber(flow.records), 'rw-flow-records');
  return root;
}

/**
 * The accessible name of one flow, e.g. "Tabanovce → Preševo: 1,234 persons in 56 records".
 * Plain text, for an attribute: a name with markup in it stays text.
 */
export function flowLabel(flow: Pick<Flow, 'persons' | 'records'>, fromName: string, toName: string): string {
  return t('map.flows.label', {
    from: fromName,
    to: toName,
    persons: t('map.flows.persons', { count: flow.persons }),
    records: t('map.flows.records', { count: flow.records }),
  });
}

export interface FlowLegendState {
  /** Persons of the sample widths, largest first, with their shaft widths in pixels. */
  samples: readonly { persons: number; width: number }[];
  threshold: number;
  shown: number;
  total: number;
  /** Flows over the threshold left out because they are too short on screen at this zoom. */
  short: number;
  colour: string;
  /** The legend's heading; the Map screen's "Flows (persons)" when absent (the report says which measure). */
  title?: string;
  /** The note on `short` flows; the Map screen's "… zoom in" when absent (a printed map cannot zoom). */
  shortNote?: string;
}

/** Fills the legend's element with the width samples and what the threshold hides. */
export function renderFlowLegend(root: HTMLElement, state: FlowLegendState): void {
  root.replaceChildren(element('h2', 'rw-flow-legend-title', state.title ?? t('map.flows.legend.title')));
  if (state.total === 0) {
    root.append(element('p', 'rw-flow-legend-note', t('map.flows.legend.none')));
    return;
  }
  const list = element('ul', 'rw-flow-legend-samples');
  for (const sample of state.samples) {
    const item = element('li', 'rw-flow-legend-sample');
    const line = element('span', 'rw-flow-legend-line');
    line.style.height = `${sample.width.toFixed(1)}px`;
    line.style.backgroundColor = state.colour;
    item.append(line, element('span', 'rw-flow-legend-persons', formatNumber(sample.persons)));
    list.append(item);
  }
  root.append(list);
  if (state.threshold > 0) {
    root.append(element('p', 'rw-flow-legend-note rw-flow-legend-hidden', t('map.flows.legend.hidden', { count: state.threshold })));
  }
  root.append(element('p', 'rw-flow-legend-note rw-flow-legend-shown', t('map.flows.legend.shown', { shown: state.shown, total: state.total })));
  if (state.short > 0) {
    root.append(element('p', 'rw-flow-legend-note rw-flow-legend-short', state.shortNote ?? t('map.flows.legend.short', { count: state.short })));
  }
}
