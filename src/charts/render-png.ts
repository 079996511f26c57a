/**
 * SVG to PNG with resvg (a prebuilt native module, no browser), using only the font shipped as a
 * registry package: system fonts are never loaded, so a chart made on a fresh server with no fonts
 * at all still shows Vietnamese diacritics, and looks the same on every machine. Be Vietnam Pro
 * was designed for Vietnamese and covers every precomposed letter (ở, ộ, ụ, Đ ...).
 */
import { createRequire } from 'node:module';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);

/** The family name inside the font files, as SVG `font-family` names it. */
export const CHART_FONT_FAMILY = 'Be Vietnam Pro';

/** Regular and bold faces, as file paths resvg can load. */
export const CHART_FONT_FILES: readonly string[] = [
  require.resolve('@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf'),
  require.resolve('@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf'),
];

/** Which fonts resvg may use; tests pass `[]` to see what the picture would be without ours. */
export interface PngOptions {
  fontFiles?: readonly string[];
  /** Output width in pixels; the SVG's own size by default. */
  width?: number;
}

/** resvg, loaded on first use: a native module only digests with charts need. */
let resvgClass: typeof ResvgClass | undefined;

/** Renders an SVG document to PNG bytes. */
export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  resvgClass ??= (require('@resvg/resvg-js') as { Resvg: typeof ResvgClass }).Resvg;
  const resvg = new resvgClass(svg, {
    font: { fontFiles: [...(options.fontFiles ?? CHART_FONT_FILES)], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
    fitTo: options.width ? { mode: 'width', value: options.width } : { mode: 'original' },
    background: '#ffffff',
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
