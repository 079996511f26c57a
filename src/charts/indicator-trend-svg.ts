/**
 * An indicator over time as hand-written SVG for the dashboard: one line through the values, the
 * target as a dashed line, each point labelled. The text comes already translated; no script, no
 * style attribute, so the page's Content Security Policy needs no exception.
 */
import { escapeXml } from './svg-text.ts';

/** One point: its axis label ("T10/2026", "2025"), the value as a ratio (null: no data) and its text. */
export interface TrendChartPoint {
  label: string;
  value: number | null;
  valueText: string;
}

/** Everything the chart shows. */
export interface TrendChartModel {
  /** Read by screen readers (the chart's title element). */
  title: string;
  target: number;
  targetText: string;
  points: TrendChartPoint[];
  /** Shown instead of a line when there is no point at all. */
  emptyText: string;
  /** The bottom of the scale as text ("80 %"), written at the bottom left. */
  bottomText?: (bottom: number) => string;
}

const WIDTH = 420;
const HEIGHT = 210;
const LEFT = 16;
const RIGHT = 16;
const TOP = 28;
const BOTTOM = 40;

/** The value at the top of the chart: above the target and every value, with some air. */
export function trendScaleTop(model: Pick<TrendChartModel, 'target' | 'points'>): number {
  const highest = Math.max(model.target, ...model.points.map((p) => p.value ?? 0));
  if (model.target >= 0.5) return Math.max(1, highest);
  return Math.max(highest * 1.25, 0.01);
}

/**
 * The value at the bottom: 0 for small targets; for high ones (90 %) a round tenth below the target
 * and every value, so that a move of a few points shows. The axis names it.
 */
export function trendScaleBottom(model: Pick<TrendChartModel, 'target' | 'points'>): number {
  if (model.target < 0.5) return 0;
  const lowest = Math.min(model.target, ...model.points.flatMap((p) => (p.value === null ? [] : [p.value])));
  return Math.max(0, Math.floor((lowest - 0.05) * 10) / 10);
}

/** The chart as an SVG element, sized by its viewBox so it scales to the page. */
export function indicatorTrendSvg(model: TrendChartModel): string {
  const parts: string[] = [];
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const top = trendScaleTop(model);
  const bottom = trendScaleBottom(model);
  const y = (value: number) => TOP + plotHeight - ((Math.min(Math.max(value, bottom), top) - bottom) / (top - bottom)) * plotHeight;
  parts.push(`<rect x="${LEFT}" y="${TOP}" width="${plotWidth}" height="${plotHeight}" fill="#f7f8fa" stroke="#d0d4dc"/>`);
  const targetY = y(model.target).toFixed(1);
  parts.push(`<line x1="${LEFT}" y1="${targetY}" x2="${LEFT + plotWidth}" y2="${targetY}" stroke="#c62828" stroke-width="2" stroke-dasharray="6 4"/>`);
  parts.push(`<text x="${LEFT + plotWidth - 4}" y="${(Number(targetY) - 6).toFixed(1)}" font-size="13" text-anchor="end" fill="#c62828">${escapeXml(model.targetText)}</text>`);
  if (model.bottomText) parts.push(`<text x="${LEFT + 4}" y="${TOP + plotHeight - 4}" font-size="11" fill="#777777">${escapeXml(model.bottomText(bottom))}</text>`);
  const count = model.points.length;
  if (count === 0) {
    parts.push(`<text x="${WIDTH / 2}" y="${TOP + plotHeight / 2}" font-size="15" text-anchor="middle" fill="#666666">${escapeXml(model.emptyText)}</text>`);
  }
  const x = (index: number) => LEFT + (count === 1 ? plotWidth / 2 : 24 + (index * (plotWidth - 48)) / (count - 1));
  const segments: string[][] = [[]];
  model.points.forEach((point, index) => {
    if (point.value === null) segments.push([]);
    else segments[segments.length - 1]?.push(`${x(index).toFixed(1)},${y(point.value).toFixed(1)}`);
  });
  for (const segment of segments) if (segment.length > 1) parts.push(`<polyline points="${segment.join(' ')}" fill="none" stroke="#1a4fa0" stroke-width="3"/>`);
  const every = Math.max(1, Math.ceil(count / 6));
  model.points.forEach((point, index) => {
    const px = x(index).toFixed(1);
    if (index % every === 0 || index === count - 1) {
      parts.push(`<text x="${px}" y="${HEIGHT - BOTTOM + 20}" font-size="12" text-anchor="middle" fill="#444444">${escapeXml(point.label)}</text>`);
    }
    if (point.value === null) return;
    const py = y(point.value);
    parts.push(`<circle cx="${px}" cy="${py.toFixed(1)}" r="4.5" fill="#1a4fa0"><title>${escapeXml(`${point.label}: ${point.valueText}`)}</title></circle>`);
    if (count <= 6 || index === count - 1) parts.push(`<text x="${px}" y="${(py - 10).toFixed(1)}" font-size="12" text-anchor="middle" fill="#1a237e">${escapeXml(point.valueText)}</text>`);
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" class="trend-chart" font-family="Be Vietnam Pro, system-ui, sans-serif">`,
    `<title>${escapeXml(model.title)}</title>`,
    ...parts,
    '</svg>',
  ].join('');
}
