// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { t } from '../i18n/i18n';
import { clusterListContent, clusterTooltipContent, pointDescriptionContent, pointTooltipContent } from './map-text';

const markup = '<img src=x onerror=alert(1)><b>bold</b>';

describe('observation popups and tooltips', () => {
  it('shows markup in the title (place name), time, summary and link of a point popup as text', () => {
    const el = pointDescriptionContent({
      id: markup,
      kind: 'incident',
      title: `Incident · ${markup} · 3`,
      subtitle: markup,
      summary: `${markup}\nsecond line`,
      href: `#/observation?id=${encodeURIComponent(markup)}`,
    });
    expect(el.querySelector('.rw-map-point-kind')?.textContent).toBe(t('codelist.kind.incident'));
    expect(el.querySelector('.rw-map-point-title')?.textContent).toBe(`Incident · ${markup} · 3`);
    expect(el.querySelector('.rw-map-point-subtitle')?.textContent).toBe(markup);
    expect(el.querySelector('.rw-map-point-summary')?.textContent).toBe(`${markup}\nsecond line`);
    expect(el.querySelector('a')?.getAttribute('href')).toBe(`#/observation?id=${encodeURIComponent(markup)}`);
    expect(el.querySelector('img, b')).toBeNull();
  });

  it('leaves out an empty time and summary', () => {
    const el = pointDescriptionContent({ id: 'x', kind: 'incident', title: 'T', subtitle: '', summary: '', href: '#/observation?id=x' });
    expect(el.querySelector('.rw-map-point-subtitle')).toBeNull();
    expect(el.querySelector('.rw-map-point-summary')).toBeNull();
  });

  it('words the tooltips with counted nouns', () => {
    expect(pointTooltipContent('group_sighting', 1).textContent).toBe('Group sighting · 1 person');
    const none = { moving: 0, movingRecords: 0, atSites: 0, sites: 0, incidents: 0, official: 0, other: 0 };
    const tooltip = clusterTooltipContent({ ...none, moving: 2001, movingRecords: 1 }, [{ kind: 'group_sighting', persons: 2001, records: 1 }]);
    expect(tooltip.querySelector('.rw-map-cluster-total')?.textContent).toBe('Persons seen moving: 2,001 (1 record)');
    // Each measure on its line, never added together.
    const mixed = clusterTooltipContent({ moving: 1237, movingRecords: 42, atSites: 300, sites: 2, incidents: 1, official: 3, other: 0 }, []);
    expect([...mixed.querySelectorAll('.rw-map-cluster-measure')].map((line) => line.textContent)).toEqual([
      'Persons seen moving: 1,237 (42 records)',
      'At sites: 300 (latest count of 2 sites)',
      '1 incident',
      '3 official figures (not added)',
    ]);
  });

  it('lists a cluster that cannot split with links to its records and the rest counted', () => {
    const el = clusterListContent([{ kind: 'point_count', persons: 12, time: markup, href: '#/observation?id=a' }], 2);
    expect(el.querySelector('a')?.textContent).toBe(`Point count · 12 · ${markup}`);
    expect(el.querySelector('.rw-map-cluster-more')?.textContent).toBe('and 1 more record');
    expect(el.querySelector('img, b')).toBeNull();
    expect(clusterListContent([], 0).querySelector('.rw-map-cluster-more')).toBeNull();
  });
});
