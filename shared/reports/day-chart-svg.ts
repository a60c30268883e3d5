/**
 * "Persons by day" as an SVG line chart, one line per series (a country), drawn as text
 * so that the same picture is sharp in the preview and the printed PDF and can be
 * turned into a PNG for the DOCX. Pure: the caller passes the words and the number and
 * day formats of the user's language; every piece of text is escaped, so a label that
 * looks like markup is drawn as text.
 */

export interface ChartSeries {
  label: string;
  /** One value per day, in the order of `days`. */
  values: readonly number[];
}

export interface DayChartInput {
  /** Local days `YYYY-MM-DD`, ascending. */
  days: readonly string[];
  series: readonly ChartSeries[];
  formatNumber: (value: number) => string;
  /** A short day label for the axis ("3 Oct"). */
  formatDay: (day: string) => string;
  /** The chart's accessible title. */
  title: string;
  width?: number;
  height?: number;
}

/**
 * Colours told apart by people with the common colour-vision deficiencies (Okabe & Ito's
 * palette), in the order series are drawn; a ninth series reuses the first with dashes.
 */
export const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'] as const;

const FONT = 'font-family="Arial, Helvetica, sans-serif"';

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** A round step for the value axis: 1, 2 or 5 times a power of ten, giving at most `ticks` steps. */
export function niceStep(max: number, ticks: number): number {
  if (max <= 0) return 1;
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return Math.max(1, step);
}

/** Which day labels fit: every n-th day so that labels keep `minGap` pixels apart. */
function dayLabelEvery(days: number, plotWidth: number, minGap: number): number {
  if (days <= 1) return 1;
  return Math.max(1, Math.ceil((minGap * (days - 1)) / plotWidth));
}

export function dayChartSvg(input: DayChartInput): string {
  const width = input.width ?? 720;
  const legendRows = Math.ceil(input.series.length / 4);
  const height = input.height ?? 260 + legendRows * 18;
  const margin = { top: 16, right: 16, bottom: 40 + legendRows * 18, left: 64 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const max = Math.max(0, ...input.series.flatMap((s) => s.values));
  const step = niceStep(max, 5);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const n = input.days.length;
  const x = (i: number) => margin.left + (n <= 1 ? plotWidth / 2 : (i * plotWidth) / (n - 1));
  const y = (v: number) => margin.top + plotHeight - (v / top) * plotHeight;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(width)}" height="${String(height)}" viewBox="0 0 ${String(width)} ${String(height)}" role="img">`,
    `<title>${escapeXml(input.title)}</title>`,
    `<rect width="${String(width)}" height="${String(height)}" fill="#ffffff"/>`,
  );
  // Value axis: grid lines and labels.
  for (let v = 0; v <= top; v += step) {
    const yy = y(v).toFixed(1);
    parts.push(
      `<line x1="${String(margin.left)}" x2="${String(width - margin.right)}" y1="${yy}" y2="${yy}" stroke="${v === 0 ? '#555555' : '#dddddd'}" stroke-width="1"/>`,
      `<text x="${String(margin.left - 6)}" y="${yy}" dy="4" text-anchor="end" font-size="11" fill="#333333" ${FONT}>${escapeXml(input.formatNumber(v))}</text>`,
    );
  }
  // Day axis: labels that fit.
  const every = dayLabelEvery(n, plotWidth, 56);
  input.days.forEach((day, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    if (i === n - 1 && i % every !== 0 && n > 1 && x(i) - x(i - (i % every)) < 48) return;
    parts.push(
      `<text x="${x(i).toFixed(1)}" y="${String(margin.top + plotHeight + 16)}" text-anchor="middle" font-size="11" fill="#333333" ${FONT}>${escapeXml(input.formatDay(day))}</text>`,
    );
  });
  // The lines, then the legend.
  input.series.forEach((series, s) => {
    const colour = SERIES_COLOURS[s % SERIES_COLOURS.length] ?? '#000000';
    const dash = s >= SERIES_COLOURS.length ? ' stroke-dasharray="6 3"' : '';
    const points = series.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    if (n === 1) {
      parts.push(`<circle cx="${x(0).toFixed(1)}" cy="${y(series.values[0] ?? 0).toFixed(1)}" r="3.5" fill="${colour}"/>`);
    } else {
      parts.push(`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2"${dash} stroke-linejoin="round"/>`);
    }
    const lx = margin.left + (s % 4) * (plotWidth / 4);
    const ly = margin.top + plotHeight + 34 + Math.floor(s / 4) * 18;
    parts.push(
      `<line x1="${lx.toFixed(1)}" x2="${(lx + 18).toFixed(1)}" y1="${String(ly - 4)}" y2="${String(ly - 4)}" stroke="${colour}" stroke-width="3"${dash}/>`,
      `<text x="${(lx + 24).toFixed(1)}" y="${String(ly)}" font-size="11" fill="#222222" ${FONT}>${escapeXml(series.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
