import { describe, expect, it } from 'vitest';
import { dayChartSvg, niceStep } from './day-chart-svg';

const base = {
  formatNumber: (v: number) => v.toLocaleString('en-GB'),
  formatDay: (d: string) => d.slice(5),
  title: 'Persons seen moving by day',
};

describe('dayChartSvg', () => {
  it('draws one line per series and labels each in the legend', () => {
    const svg = dayChartSvg({
      ...base,
      days: ['2015-10-01', '2015-10-02', '2015-10-03'],
      series: [
        { label: 'Serbia', values: [100, 250, 50] },
        { label: 'North Macedonia', values: [0, 10, 20] },
      ],
    });
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg).toContain('>Serbia</text>');
    expect(svg).toContain('>North Macedonia</text>');
    expect(svg).toContain('<title>Persons seen moving by day</title>');
    // The highest value sits under the axis top: 250 → steps of 50 up to 250.
    expect(svg).toContain('>250</text>');
  });

  it('draws a point, not a line, for a one-day period', () => {
    const svg = dayChartSvg({ ...base, days: ['2015-10-01'], series: [{ label: 'Serbia', values: [7] }] });
    expect(svg).not.toContain('<polyline');
    expect(svg).toContain('<circle');
  });

  it('draws text that looks like markup as text', () => {
    const svg = dayChartSvg({ ...base, days: ['2015-10-01', '2015-10-02'], series: [{ label: '<script>alert(1)</script>&', values: [1, 2] }] });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;');
  });

  it('keeps day labels apart on a long period', () => {
    const days = Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(2015, 0, 1 + i)).toISOString().slice(0, 10));
    const svg = dayChartSvg({ ...base, days, series: [{ label: 'Serbia', values: days.map((_, i) => i) }] });
    const labels = [...svg.matchAll(/<text x="([\d.]+)" y="\d+" text-anchor="middle"/g)].map((m) => Number(m[1]));
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.length).toBeLessThan(20);
    for (let i = 1; i < labels.length; i++) expect((labels[i] ?? 0) - (labels[i - 1] ?? 0)).toBeGreaterThanOrEqual(48);
  });
});

describe('niceStep', () => {
  it('chooses 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(250, 5)).toBe(50);
    expect(niceStep(1_237_927, 5)).toBe(500_000);
    expect(niceStep(3, 5)).toBe(1);
    expect(niceStep(0, 5)).toBe(1);
  });
});
