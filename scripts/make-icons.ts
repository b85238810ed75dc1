/**
 * `npm run icons`: renders assets/icon.svg to the PNG sizes the stores ask for (public/icon/<size>.png, which WXT
 * puts in the manifest). Run it after changing the source image, and commit the PNGs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from './lib/find-chromium';
import { OFFLINE_ARGS } from './lib/chromium';

const ROOT = resolve(import.meta.dirname, '..');
/** Toolbar (16, 32), extensions page (48), Firefox add-ons (96), Chrome Web Store and install dialog (128). */
const SIZES = [16, 32, 48, 96, 128];

const svg = readFileSync(resolve(ROOT, 'assets/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: findChromium(), args: OFFLINE_ARGS });
for (const size of SIZES) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: resolve(ROOT, `public/icon/${size}.png`), omitBackground: true });
  await page.close();
  console.log(`public/icon/${size}.png`);
}
await browser.close();
