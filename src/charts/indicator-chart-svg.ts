/**
 * The digest's chart as hand-written SVG: one horizontal bar per indicator with its target marked,
 * coloured by status, and one stacked bar per form for reports filed on time, late and missing.
 * A few dozen shapes need no chart library; the text comes already translated.
 */
import { CHART_FONT_FAMILY } from './render-png.ts';
import { escapeXml, wrapText } from './svg-text.ts';

/** An indicator's status, as the colour of its bar. */
export type BarStatus = 'met' | 'on_pace' | 'behind' | 'no_data';

/** One indicator bar. Values are ratios (0.925 = 92.5 %). */
export interface ChartBar {
  label: string;
  value: number | null;
  target: number;
  status: BarStatus;
  /** "92,5 %" or "chưa có số liệu", in the reader's language. */
  valueText: string;
  /** "0" and the scale's end, formatted, e.g. "100 %". */
  scaleEndText: (scaleEnd: number) => string;
}

/** One stacked completeness bar: counts on time, late and missing. */
export interface ChartStack {
  label: string;
  onTime: number;
  late: number;
  missing: number;
}

/** Everything the chart shows. */
export interface IndicatorChartModel {
  title: string;
  subtitle: string;
  bars: ChartBar[];
  stacks: ChartStack[];
}

const WIDTH = 1000;
const MARGIN = 40;
const TRACK = WIDTH - 2 * MARGIN - 120;
const COLORS: Record<BarStatus, string> = { met: '#2e7d32', on_pace: '#f9a825', behind: '#c62828', no_data: '#9e9e9e' };
const STACK_COLORS = ['#2e7d32', '#f9a825', '#c62828'] as const;

/** The end of a bar's scale: 100 % for high targets, twice the target (or the value) for small ones. */
export function scaleEnd(bar: Pick<ChartBar, 'value' | 'target'>): number {
  if (bar.target >= 0.5) return Math.max(1, bar.value ?? 0);
  return Math.max(bar.target * 2, (bar.value ?? 0) * 1.1, 0.01);
}

function text(x: number, y: number, content: string, size: number, extra = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size}" ${extra}>${escapeXml(content)}</text>`;
}

/** The chart as an SVG document. */
export function indicatorChartSvg(model: IndicatorChartModel): string {
  const parts: string[] = [];
  let y = 50;
  parts.push(text(MARGIN, y, model.title, 24, 'font-weight="700" fill="#1a237e"'));
  y += 28;
  parts.push(text(MARGIN, y, model.subtitle, 14, 'fill="#555555"'));
  y += 30;
  for (const bar of model.bars) {
    for (const line of wrapText(bar.label, WIDTH - 2 * MARGIN, 16)) {
      y += 20;
      parts.push(text(MARGIN, y, line, 16, 'fill="#212121"'));
    }
    y += 10;
    const end = scaleEnd(bar);
    const filled = bar.value === null ? 0 : Math.min(1, bar.value / end) * TRACK;
    const targetX = MARGIN + Math.min(1, bar.target / end) * TRACK;
    parts.push(`<rect x="${MARGIN}" y="${y}" width="${TRACK}" height="22" rx="3" fill="#eeeeee"/>`);
    if (filled > 0) parts.push(`<rect x="${MARGIN}" y="${y}" width="${filled.toFixed(1)}" height="22" rx="3" fill="${COLORS[bar.status]}"/>`);
    parts.push(`<rect x="${(targetX - 1.5).toFixed(1)}" y="${y - 5}" width="3" height="32" fill="#d32f2f"/>`);
    parts.push(text(MARGIN + TRACK + 12, y + 17, bar.valueText, 16, `font-weight="700" fill="${COLORS[bar.status]}"`));
    parts.push(text(MARGIN, y + 38, '0', 11, 'fill="#777777"'));
    parts.push(text(MARGIN + TRACK, y + 38, bar.scaleEndText(end), 11, 'fill="#777777" text-anchor="end"'));
    y += 56;
  }
  if (model.stacks.length) y += 12;
  for (const stack of model.stacks) {
    y += 18;
    parts.push(text(MARGIN, y, stack.label, 14, 'fill="#212121"'));
    y += 8;
    const total = stack.onTime + stack.late + stack.missing;
    let x = MARGIN;
    [stack.onTime, stack.late, stack.missing].forEach((count, index) => {
      if (total === 0 || count === 0) return;
      const width = (count / total) * (WIDTH - 2 * MARGIN);
      parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="16" fill="${STACK_COLORS[index]}"/>`);
      x += width;
    });
    if (total === 0) parts.push(`<rect x="${MARGIN}" y="${y}" width="${WIDTH - 2 * MARGIN}" height="16" fill="#eeeeee"/>`);
    y += 24;
  }
  const height = Math.ceil(y + 24);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
