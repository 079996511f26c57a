import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { indicatorChartSvg, scaleEnd } from '../../src/charts/indicator-chart-svg.ts';
import { CHART_FONT_FAMILY, CHART_FONT_FILES, svgToPng } from '../../src/charts/render-png.ts';
import { wrapText } from '../../src/charts/svg-text.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Pixels darker than mid-grey in an SVG rendered with the given fonts (no system fonts ever). */
function ink(svg: string, fontFiles: readonly string[]): { pixels: number; top: number } {
  const image = new Resvg(svg, { font: { fontFiles: [...fontFiles], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY }, background: '#ffffff' }).render();
  const { pixels, width } = image;
  let count = 0;
  let top = Number.POSITIVE_INFINITY;
  for (let i = 0; i < pixels.length; i += 4) {
    if ((pixels[i] as number) < 128) {
      count += 1;
      top = Math.min(top, Math.floor(i / 4 / width));
    }
  }
  return { pixels: count, top };
}

const label = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="80"><text x="10" y="55" font-size="32" font-family="${CHART_FONT_FAMILY}" fill="#000">${text}</text></svg>`;

describe('the digest chart', () => {
  const model = {
    title: 'Các chỉ tiêu của Kế hoạch 26-KH/BCSĐ — Sở Nội vụ',
    subtitle: 'Số liệu đến ngày 30/11/2026',
    bars: [
      { label: 'Tỷ lệ đảng viên được đánh giá từ hoàn thành tốt nhiệm vụ trở lên', value: 0.955, target: 0.9, status: 'met' as const, valueText: '95,5 %', scaleEndText: () => '100 %' },
      { label: 'Tỷ lệ kết nạp đảng viên mới', value: 0.0215, target: 0.03, status: 'behind' as const, valueText: '2,2 %', scaleEndText: () => '6 %' },
      { label: 'Trưởng thôn là đảng viên', value: null, target: 1, status: 'no_data' as const, valueText: 'chưa có số liệu', scaleEndText: () => '100 %' },
    ],
    stacks: [{ label: 'Báo cáo tuần 48/2026', onTime: 3, late: 1, missing: 2 }],
  };

  it('should render a PNG of a sensible size', () => {
    const png = svgToPng(indicatorChartSvg(model));
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const { width, height } = pngSize(png);
    expect(width).toBe(1000);
    expect(height).toBeGreaterThan(300);
    expect(height).toBeLessThan(1000);
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('should escape text and scale small targets so they stay visible', () => {
    const svg = indicatorChartSvg({ ...model, title: 'A < B & "C"' });
    expect(svg).toContain('A &lt; B &amp; &quot;C&quot;');
    expect(scaleEnd({ value: 0.0215, target: 0.03 })).toBeCloseTo(0.06);
    expect(scaleEnd({ value: 0.95, target: 0.9 })).toBe(1);
    expect(wrapText('một hai ba bốn năm sáu bảy tám chín mười', 100, 16, 2)).toHaveLength(2);
  });

  // What this proves: the text is drawn only by the bundled font (with no font files resvg draws no
  // text at all, since system fonts are never loaded), and the diacritics add ink above the letters
  // that carry them ("Sở Nội vụ" is taller and darker than "So Noi vu"), so they are real glyphs and
  // not dropped or boxed. It does not compare against a reference image of each glyph.
  it('should lay out Vietnamese text with the bundled font, diacritics included, on a machine without fonts', () => {
    const withFont = ink(label('Sở Nội vụ – Đảng viên'), CHART_FONT_FILES);
    const withoutFont = ink(label('Sở Nội vụ – Đảng viên'), []);
    expect(withoutFont.pixels).toBe(0);
    expect(withFont.pixels).toBeGreaterThan(1500);
    const plain = ink(label('So Noi vu – Dang vien'), CHART_FONT_FILES);
    expect(withFont.pixels).toBeGreaterThan(plain.pixels);
    expect(withFont.top).toBeLessThan(plain.top);
    for (const [accented, base] of [['ở', 'o'], ['ộ', 'o'], ['ụ', 'u'], ['Đ', 'D'], ['ả', 'a'], ['ế', 'e'], ['ữ', 'u']]) {
      expect({ letter: accented, more: ink(label(accented as string), CHART_FONT_FILES).pixels > ink(label(base as string), CHART_FONT_FILES).pixels }).toEqual({ letter: accented, more: true });
    }
  });
});
