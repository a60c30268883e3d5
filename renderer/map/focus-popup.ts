/** The popup of a record opened from elsewhere ("Show on map"), built from DOM text only. */
import { t } from '../i18n/i18n';
import type { PointDescription } from './map-selection';

function text(tag: 'div' | 'strong' | 'p', className: string, value: string): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  element.dir = 'auto';
  element.textContent = value;
  return element;
}

export function focusPopupContent(description: PointDescription): HTMLElement {
  const root = document.createElement('div');
  root.className = 'rw-map-point-popup';
  root.append(text('strong', 'rw-map-point-title', description.title), text('div', 'rw-map-point-subtitle', description.subtitle));
  if (description.summary !== '') root.append(text('p', 'rw-map-point-summary', description.summary));
  const link = document.createElement('a');
  link.className = 'rw-map-point-open';
  link.href = description.href;
  link.textContent = t('mapScreen.openRecord');
  root.append(link);
  return root;
}
