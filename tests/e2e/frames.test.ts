/**
 * An embedded post from another site: a cross-site frame, which the browser runs in another process, as social
 * networks' embeds are on news pages. The frame gets its own highlights; the badge and the popup count it with the
 * page; the popup's "Show on the page" reaches into it; the site switches follow the page the reader is on, not
 * the embed's site; an embed the page takes out, or that navigates to a page with nothing to read, stops counting;
 * a closed tab leaves no record.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { CROSS_SITE_HOST } from '../../scripts/lib/chromium';
import { launchWithExtension, readySummary, serveFixtures, tabIdOf, until, type ExtensionBrowser, type FixtureServer } from './harness';

let browser: ExtensionBrowser;
let server: FixtureServer;

/** The embed: a post written for this test, naming two people the page itself does not name. */
const EMBED = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Post</title>
<style>body{margin:0;padding:0.6rem;font:16px/1.5 sans-serif}</style></head>
<body><p>Watching the talks closely today. Shehbaz Sharif and S. Jaishankar both spoke of restraint this morning.</p></body></html>`;

/** The page: an article naming one person, then (far below) the embed, from the other host of the same server. */
const PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Reactions | The Evening Almanac</title>
<style>body{margin:0;font:17px/1.6 Georgia,serif} article{max-width:40rem;margin:1rem auto;padding:0 1rem 900px} .spacer{height:1500px} iframe{width:100%;height:10rem;border:1px solid #ccc}</style></head>
<body><article><h1>Reactions to the ceasefire</h1>
<p>Marco Rubio welcomed the agreement on Saturday and said talks would continue.</p>
<div class="spacer"></div>
<iframe title="Embedded post"></iframe>
<script>document.querySelector('iframe').src = 'http://${CROSS_SITE_HOST}:' + location.port + '/embed.html';</script>
</article></body></html>`;

/** What an ad slot shows: too little text for Backstory to be set up in the frame at all. */
const AD = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ad</title></head><body><p>Advertisement</p></body></html>`;

beforeAll(async () => {
  browser = await launchWithExtension({ chromiumPath: inject('chromiumPath'), extensionDir: inject('extensionDir') });
  server = await serveFixtures({ '/embed.html': EMBED, '/reactions.html': PAGE, '/ad.html': AD });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('reads a cross-site embed, counts it with the page, reveals in it, switches it off with the page’s site, and stops counting it once taken out', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url('/reactions.html'));
  const frame = await until(async () => page.frames().find((f) => f.url().includes(CROSS_SITE_HOST)) ?? null, (f) => f !== null);
  const painted = () => frame!.evaluate(() => [...(CSS.highlights.get('backstory-mention') ?? [])].map((r) => (r as Range).toString()));
  // Painted near the viewport only: scroll the embed into view first.
  await page.evaluate(() => document.querySelector('iframe')!.scrollIntoView());
  expect((await until(painted, (texts) => texts.length === 2, 8000)).sort()).toEqual(['S. Jaishankar', 'Shehbaz Sharif']);
  // It really is another site, in another process: the page cannot reach into it.
  expect(await page.evaluate(() => { try { return document.querySelector('iframe')!.contentDocument === null; } catch { return true; } })).toBe(true);

  expect((await readySummary(browser, page)).mentions.map((m) => m.id)).toEqual(['marco-rubio']);
  const tabId = await tabIdOf(browser, page);
  const badge = () => browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  await until(badge, (text) => text === '3', 5000);

  await page.evaluate(() => window.scrollTo(0, 0));
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  const listed = () => popup.locator('.entity').evaluateAll((entries) => entries.map((e) => e.getAttribute('data-entity')));
  expect(await until(listed, (list) => list.length === 3, 5000)).toEqual(['marco-rubio', 'shehbaz-sharif', 's-jaishankar']);
  await popup.locator('.entity[data-entity="s-jaishankar"] button.reveal').click();
  const flashed = () => frame!.evaluate(() => [...(CSS.highlights.get('backstory-active') ?? [])].map((r) => (r as Range).toString()));
  expect(await until(flashed, (texts) => texts.length === 1, 3000)).toEqual(['S. Jaishankar']);
  await until(() => page.evaluate(() => document.querySelector('iframe')!.getBoundingClientRect().top), (top) => top >= 0 && top < 900, 3000);
  await popup.close();

  // Off for the site the reader is on (127.0.0.1): the embed, from another site, is switched off with it.
  await browser.worker.evaluate(() => chrome.storage.sync.set({ settings: { sites: ['127.0.0.1'] } }));
  await until(painted, (texts) => texts.length === 0, 3000);
  await until(badge, (text) => text === '', 3000);
  await browser.worker.evaluate(() => chrome.storage.sync.remove('settings'));
  await until(painted, (texts) => texts.length === 2, 5000);
  await until(badge, (text) => text === '3', 5000);

  // The page takes the embed out (a live blog dropping a post). The page's own text still names only Marco Rubio,
  // and the frame that is gone cannot speak: the badge must not go on counting what the embed named.
  await page.evaluate(() => document.querySelector('iframe')!.remove());
  await until(badge, (text) => text === '1', 5000);
  await page.close();
});

it('stops counting an embed once it navigates to a page with nothing to read', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url('/reactions.html'));
  const tabId = await tabIdOf(browser, page);
  const badge = () => browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  await until(badge, (text) => text === '3', 8000);
  // The page rotates what the slot shows (its `src` is not watched: lazy images change theirs all the time). The ad
  // is too short for Backstory to be set up in the frame, so the new page never speaks: the old one takes its
  // names back as it goes.
  await page.evaluate((host) => {
    document.querySelector('iframe')!.src = `http://${host}:${location.port}/ad.html`;
  }, CROSS_SITE_HOST);
  await until(badge, (text) => text === '1', 5000);
  await page.close();
});

it('keeps no record of a tab once it is closed', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url('/reactions.html'));
  const tabId = await tabIdOf(browser, page);
  const record = () => browser.worker.evaluate((key) => chrome.storage.session.get(key).then((stored) => stored[key] ?? null), `tab-frames:${tabId}`);
  // The embed is on record, which is what the badge counts and the popup asks.
  await until(record, (held) => (held as { frames?: unknown[] } | null)?.frames?.length === 1, 8000);
  await page.close();
  await until(record, (held) => held === null, 5000);
});
