/**
 * `npm run screenshots`: PNGs of the dashboard's main pages for README, taken in Debian's Chromium over
 * the small test province (a desktop width, and the overview on a phone's width), written to docs/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../test/support/chromium.ts';
import { startDashboard } from '../test/web/dashboard-harness.ts';

const OUT = join(import.meta.dirname, '..', 'docs');

const harness = await startDashboard();
const browser = await launchChromium();
try {
  mkdirSync(OUT, { recursive: true });
  const shoot = async (name: string, path: string, viewport: { width: number; height: number }, fullPage = true) => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(await harness.link(harness.contacts.province));
    await page.goto(`${harness.baseUrl}/bang-dieu-khien/${path}`);
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
    await context.close();
    process.stdout.write(`docs/${name}.png\n`);
  };
  await shoot('dashboard-overview', '', { width: 1280, height: 900 });
  await shoot('dashboard-units', 'don-vi', { width: 1280, height: 700 });
  await shoot('dashboard-unit', 'don-vi/2', { width: 1280, height: 900 });
  await shoot('dashboard-report', `bao-cao/${harness.revisedReportId}`, { width: 1280, height: 900 });
  await shoot('dashboard-phone', '', { width: 390, height: 844 }, false);
} finally {
  await browser.close();
  await harness.close();
}
process.exit(0);
