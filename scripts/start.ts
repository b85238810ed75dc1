/**
 * `npm start`: build the extension and open Chromium with it on the bundled demo article.
 *
 * With a display, the browser opens for real use and this command waits until it is closed. Without one (a
 * server, a container, CI) it runs headless, opens a card and the popup, and writes screenshots of both so a
 * newcomer can see it work.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { findChromium } from './lib/find-chromium';
import { launchWithExtension, serveDirectory } from './lib/chromium';

const ROOT = resolve(import.meta.dirname, '..');
const EXTENSION_DIR = resolve(ROOT, '.output/chrome-mv3');
const DEMO_DIR = resolve(ROOT, 'tests/fixtures/articles');
const DEMO_PAGE = 'demo-us-urges-restraint.html';
const SCREENSHOT_DIR = resolve(ROOT, process.env.BACKSTORY_SCREENSHOTS ?? 'screenshots');
/** The mention the headless run hovers for its screenshot. */
const DEMO_MENTION = 'Marco Rubio';

function build(): void {
  console.log('Building the extension…');
  execFileSync(process.execPath, [resolve(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build'], { cwd: ROOT, stdio: 'inherit' });
}

async function main(): Promise<void> {
  const chromiumPath = findChromium();
  build();
  const server = await serveDirectory(DEMO_DIR);
  const hasDisplay = !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && process.env.BACKSTORY_HEADLESS !== '1';
  const browser = await launchWithExtension({ chromiumPath, extensionDir: EXTENSION_DIR, headless: !hasDisplay, viewport: hasDisplay ? null : { width: 1200, height: 820 } });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(server.url(DEMO_PAGE));

  if (hasDisplay) {
    console.log(`Backstory is loaded. Demo article: ${server.url(DEMO_PAGE)}\nClose the browser window to stop.`);
    await new Promise<void>((done) => browser.context.on('close', () => done()));
    await server.close();
    return;
  }

  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Wait until the page is annotated, then rest the pointer on a mention until its card opens.
  await page.waitForFunction(() => (CSS.highlights.get('backstory-mention')?.size ?? 0) > 0, undefined, { timeout: 15_000 });
  const rect = await page.evaluate((text) => {
    const walker = document.createTreeWalker(document.querySelector('article') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node as Text).data.indexOf(text);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const r = range.getClientRects()[0];
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }
    return null;
  }, DEMO_MENTION);
  if (!rect) throw new Error(`"${DEMO_MENTION}" is not on the demo page`);
  await page.mouse.move(rect.x, rect.y);
  await page.waitForFunction(() => {
    const tooltip = document.querySelector('backstory-ui')?.shadowRoot?.querySelector<HTMLElement>('.tooltip');
    return !!tooltip && !tooltip.hidden;
  });
  await page.waitForTimeout(150); // let the card settle into its computed position
  const cardShot = resolve(SCREENSHOT_DIR, 'card.png');
  await page.screenshot({ path: cardShot });

  // The same card in the dark theme (the reader's setting), pinned by a click.
  await browser.worker.evaluate(() => chrome.storage.sync.set({ settings: { theme: 'dark' } }));
  await page.keyboard.press('Escape');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.mouse.click(rect.x, rect.y);
  await page.waitForFunction(() => document.querySelector('backstory-ui')?.shadowRoot?.querySelector<HTMLElement>('.tooltip')?.dataset.theme === 'dark');
  await page.waitForTimeout(150);
  const darkShot = resolve(SCREENSHOT_DIR, 'card-dark.png');
  await page.screenshot({ path: darkShot });
  await page.emulateMedia({ colorScheme: 'light' });
  await browser.worker.evaluate(() => chrome.storage.sync.remove('settings'));
  await page.keyboard.press('Escape');

  await page.bringToFront();
  const tabId = await browser.worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.locator('.entity').first().waitFor();
  const popupShot = resolve(SCREENSHOT_DIR, 'popup.png');
  await popup.screenshot({ path: popupShot, fullPage: true });

  const options = await browser.context.newPage();
  await options.setViewportSize({ width: 900, height: 1100 });
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.locator('h1').waitFor();
  const optionsShot = resolve(SCREENSHOT_DIR, 'options.png');
  await options.screenshot({ path: optionsShot, fullPage: true });

  await browser.close();
  await server.close();
  console.log(`No display found, so Backstory ran headless. Screenshots written to ${SCREENSHOT_DIR}:\n  ${[cardShot, darkShot, popupShot, optionsShot].join('\n  ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
