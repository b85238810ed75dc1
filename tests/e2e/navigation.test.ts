/**
 * Pages the browser shows again without loading them: Back and Forward restore a page from the back/forward cache,
 * and a prerendered page is shown when the reader follows the link. Our script does not run again then, but the
 * browser clears the toolbar button's badge and title at each navigation: the page must tell the background again.
 * Playwright turns the back/forward cache off by default; this browser keeps it on, as a reader's does.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchWithExtension, readySummary, requestSummary, serveFixtures, tabIdOf, until, type ExtensionBrowser, type FixtureServer } from './harness';

let browser: ExtensionBrowser;
let server: FixtureServer;

beforeAll(async () => {
  browser = await launchWithExtension({ chromiumPath: inject('chromiumPath'), extensionDir: inject('extensionDir'), backForwardCache: true });
  server = await serveFixtures();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function toolbarButton(tabId: number) {
  return browser.worker.evaluate(
    async (id) => ({ badge: await chrome.action.getBadgeText({ tabId: id }), title: await chrome.action.getTitle({ tabId: id }) }),
    tabId,
  );
}

it('shows the badge again on a page brought back from the back/forward cache', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url('demo-us-urges-restraint.html'));
  const summary = await readySummary(browser, page);
  const tabId = await tabIdOf(browser, page);
  const shown = { badge: String(summary.mentions.length), title: `Backstory: ${summary.mentions.length} names explained on this page` };
  expect(await until(() => toolbarButton(tabId), (b) => b.badge !== '')).toEqual(shown);
  await page.evaluate(() => addEventListener('pageshow', (event) => document.documentElement.setAttribute('data-restored', String(event.persisted))));

  await page.goto(server.url('site-chrome.html'));
  await until(() => toolbarButton(tabId), (b) => b.badge !== shown.badge && b.badge !== '');
  // A page restored from the cache fires no load event.
  await page.goBack({ waitUntil: 'commit' });
  // The page really came from the cache (else our script ran again, and this test would prove nothing).
  await until(() => page.evaluate(() => document.documentElement.getAttribute('data-restored')), (v) => v === 'true');
  expect(await until(() => toolbarButton(tabId), (b) => b.badge === shown.badge, 3000)).toEqual(shown);
  // The page still answers the popup, with the same mentions.
  expect((await requestSummary(browser, tabId)).mentions.length).toBe(summary.mentions.length);
  await page.close();
});

it('shows the badge again when a prerendered page is shown', async () => {
  // Headless Chromium does not prerender: the browser's part is stood in for by the event it fires on activation.
  const page = await browser.context.newPage();
  await page.goto(server.url('demo-us-urges-restraint.html'));
  const summary = await readySummary(browser, page);
  const tabId = await tabIdOf(browser, page);
  await until(() => toolbarButton(tabId), (b) => b.badge === String(summary.mentions.length));
  await browser.worker.evaluate((id) => Promise.all([chrome.action.setBadgeText({ tabId: id, text: '' }), chrome.action.setTitle({ tabId: id, title: '' })]), tabId);
  await page.evaluate(() => document.dispatchEvent(new Event('prerenderingchange')));
  expect((await until(() => toolbarButton(tabId), (b) => b.badge !== '', 3000)).badge).toBe(String(summary.mentions.length));
  await page.close();
});
