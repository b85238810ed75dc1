/**
 * The Firefox build in Debian's Firefox ESR: highlights painted over the page's own text nodes, the card on hover,
 * and the page summary message (read through the popup, opened by the browser window in a background tab, which asks
 * the active tab with that message); the pages that move (a live blog appending updates, a single-page app swapping
 * its story, a `srcdoc` frame counted with its page in the popup and the badge until the page takes it out, a page far
 * longer than an article read in parts), and the popup kept current by the page's notices. Fails with instructions when Firefox is missing (`.ci/run` installs it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from '../../scripts/lib/build-extension';
import { serveFixtures, type FixtureServer } from '../e2e/harness';
import { ADDON_UUID, findFirefox, FirefoxBidi } from './firefox-bidi';

const ROOT = resolve(import.meta.dirname, '../..');
const ADDON_DIR = resolve(ROOT, '.output/firefox-mv2');
/** A missing Firefox fails the run with instructions, as a missing Chromium does: it is never a silent skip. */
const MISSING_FIREFOX =
  'No firefox-esr or firefox on the PATH: the Firefox tests need it (Debian: sudo apt-get install firefox-esr; or set FIREFOX_PATH). ' +
  '.ci/run installs it. To run the other layers without it: npm run test:unit, test:dom, test:e2e.';

describe('Backstory in Firefox ESR', () => {
  let firefox: FirefoxBidi;
  let server: FixtureServer;
  let tab: string;

  beforeAll(async () => {
    const firefoxPath = findFirefox();
    if (!firefoxPath) throw new Error(MISSING_FIREFOX);
    if (process.env.BACKSTORY_E2E_SKIP_BUILD !== '1' || !existsSync(ADDON_DIR)) {
      buildExtension(ROOT, 'firefox');
    }
    // The live, single-page-app and framed pages the Chromium suite uses, written for these tests.
    const dynamic = (name: string) => readFileSync(resolve(ROOT, 'tests/fixtures/dynamic', name), 'utf8');
    server = await serveFixtures(Object.fromEntries(['live-blog.html', 'spa.html', 'framed-live.html', 'long-transcript.html'].map((name) => [`/${name}`, dynamic(name)])));
    firefox = await FirefoxBidi.launch(firefoxPath);
    await firefox.installAddon(ADDON_DIR);
    // The first tab: it stays the active one, so the add-on's popup (opened in a background tab) reads it.
    tab = ((await firefox.send('browsingContext.getTree', {})) as { contexts: Array<{ context: string }> }).contexts[0].context;
    await firefox.navigate(tab, server.url('demo-us-urges-restraint.html'));
  }, 120_000);

  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('paints the article’s mentions with the CSS Custom Highlight API', async () => {
    const painted = await firefox.waitFor<string[]>(
      tab,
      `[...(CSS.highlights.get('backstory-mention') ?? [])].map((r) => r.toString())`,
      (texts) => texts.includes('Marco Rubio'),
    );
    expect(painted).toEqual(expect.arrayContaining(['Marco Rubio', 'Pahalgam']));
  });

  it('opens the card when the pointer rests on a mention', async () => {
    const point = await firefox.evaluate<{ x: number; y: number }>(
      tab,
      `(() => {
        const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.data.indexOf('Tammy Bruce');
          if (at < 0) continue;
          node.parentElement.scrollIntoView({ block: 'center' });
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 11);
          const r = range.getClientRects()[0];
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        }
        return null;
      })()`,
    );
    await firefox.movePointer(tab, point.x, point.y);
    const name = await firefox.waitFor<string | null>(
      tab,
      `document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.tooltip:not([hidden]) .name')?.textContent ?? null`,
      (value) => value === 'Tammy Bruce',
    );
    expect(name).toBe('Tammy Bruce');
  });

  it('answers the page summary message: the popup, which asks the page with it, lists the article’s entities', async () => {
    const popup = await firefox.openAddonPage(`moz-extension://${ADDON_UUID}/popup.html`);
    const ids = await firefox.waitFor<string[]>(popup, `[...document.querySelectorAll('.entity')].map((li) => li.dataset.entity)`, (list) => list.length > 5);
    expect(ids).toEqual(expect.arrayContaining(['marco-rubio', 's-jaishankar', 'shehbaz-sharif', 'tammy-bruce', 'line-of-control', 'indus-waters-treaty']));
    const title = await firefox.evaluate<string>(popup, `document.querySelector('header.page h1').textContent`);
    expect(title).toContain('Rubio urges India and Pakistan');
  });

  it('leaves the page’s DOM alone apart from the one host element', async () => {
    const hosts = await firefox.evaluate<number>(tab, `document.querySelectorAll('backstory-ui').length`);
    expect(hosts).toBe(1);
    const painted = await firefox.evaluate<boolean>(
      tab,
      `[...CSS.highlights.get('backstory-mention')].every((r) => r.startContainer.nodeType === 3 && r.startContainer.isConnected)`,
    );
    expect(painted).toBe(true);
  });

  /** What the page (or a frame of it, by index) has painted: the text of each highlighted range. */
  const painted = (frame = -1) =>
    `[...((${frame} < 0 ? window : window.frames[${frame}]).CSS.highlights.get('backstory-mention') ?? [])].map((r) => r.toString())`;

  /** The entities the popup lists for the active tab, once the list holds every one of `awaited`. */
  async function popupLists(awaited: string[]): Promise<string[]> {
    const popup = await firefox.openAddonPage(`moz-extension://${ADDON_UUID}/popup.html`);
    const listed = `[...document.querySelectorAll('.entity')].map((li) => li.dataset.entity)`;
    return firefox.waitFor<string[]>(popup, listed, (list) => awaited.every((id) => list.includes(id)));
  }

  it('follows a live blog: each update it appends is painted and counted', async () => {
    await firefox.navigate(tab, server.url('/live-blog.html'));
    await firefox.waitFor<string[]>(tab, painted(), (texts) => texts.includes('Indus Waters Treaty'));
    expect(await firefox.evaluate<string[]>(tab, painted())).not.toContain('Shehbaz Sharif');
    await firefox.evaluate(tab, `(window.startLiveUpdates(), true)`);
    await firefox.waitFor<boolean>(tab, `window.__live.done`, (done) => done);
    const texts = await firefox.waitFor<string[]>(tab, painted(), (list) => list.includes('Line of Control'));
    expect(texts.filter((t) => t === 'Shehbaz Sharif')).toHaveLength(2);
    // Named only in the updates: Shehbaz Sharif, Islamabad, Wagah, the Line of Control.
    const listed = await popupLists(['shehbaz-sharif', 'islamabad', 'wagah', 'line-of-control']);
    expect(listed).toEqual(expect.arrayContaining(['indus-waters-treaty', '2025-pahalgam-attack', 'new-delhi']));
    expect(listed).toHaveLength(12);
  });

  it('reads a single-page app’s next story, and paints none of the story it left', async () => {
    await firefox.navigate(tab, server.url('/spa.html'));
    await firefox.waitFor<string[]>(tab, painted(), (texts) => texts.includes('Asim Munir'));
    await firefox.evaluate(tab, `(document.getElementById('next').click(), true)`);
    const texts = await firefox.waitFor<string[]>(tab, painted(), (list) => list.includes('Vikram Misri'));
    expect(texts.sort()).toEqual(['Amritsar', 'Integrated Check Post Attari', 'Vikram Misri']);
    expect((await popupLists(['vikram-misri'])).sort()).toEqual(['amritsar', 'integrated-check-post-attari', 'vikram-misri']);
  });

  it('reads a srcdoc frame: its own highlights, and its names in the popup with the page’s', async () => {
    await firefox.navigate(tab, server.url('/framed-live.html'));
    await firefox.evaluate(tab, `(document.querySelector('iframe').scrollIntoView(), true)`);
    const inFrame = await firefox.waitFor<string[]>(tab, painted(0), (texts) => texts.length === 3);
    expect(inFrame.sort()).toEqual(['Marco Rubio', 'S. Jaishankar', 'Shehbaz Sharif']);
    expect(await popupLists(['shehbaz-sharif', 's-jaishankar'])).toEqual(['marco-rubio', 'shehbaz-sharif', 's-jaishankar']);
    // The toolbar badge counts the page and its frame together (Firefox names no documents: frames are asked by id).
    const page = await firefox.openAddonPage(`moz-extension://${ADDON_UUID}/popup.html`);
    const badge = `browser.tabs.query({ active: true, currentWindow: true }).then(([t]) => browser.browserAction.getBadgeText({ tabId: t.id }))`;
    expect(await firefox.waitFor<string>(page, badge, (text) => text === '3')).toBe('3');
    // The page takes the frame out: the badge goes back to the page's own one name.
    await firefox.evaluate(tab, `(document.querySelector('iframe').remove(), true)`);
    expect(await firefox.waitFor<string>(page, badge, (text) => text === '1')).toBe('1');
  });

  it('reads a page far longer than an article in parts: "2+" on the badge, and the rest as the reader scrolls there', async () => {
    await firefox.navigate(tab, server.url('/long-transcript.html'));
    const page = await firefox.openAddonPage(`moz-extension://${ADDON_UUID}/popup.html`);
    const badge = `browser.tabs.query({ active: true, currentWindow: true }).then(([t]) => browser.browserAction.getBadgeText({ tabId: t.id }))`;
    expect(await firefox.waitFor<string>(page, badge, (text) => text === '2+')).toBe('2+');
    await firefox.evaluate(tab, `(window.scrollTo(0, document.documentElement.scrollHeight), true)`);
    expect(await firefox.waitFor<string>(page, badge, (text) => text === '3')).toBe('3');
    const tinted = `[...(CSS.highlights.get('backstory-mention-tint') ?? [])].map((r) => r.toString())`;
    expect(await firefox.waitFor<string[]>(tab, tinted, (texts) => texts.includes('Shehbaz Sharif'))).toContain('Shehbaz Sharif');
  });

  // Last: switching off removes the host element the DOM test above counts, on the demo article.

  it('keeps the open popup current: the site switched off and on in it empties and refills its list', async () => {
    await firefox.navigate(tab, server.url('demo-us-urges-restraint.html'));
    const popup = await firefox.openAddonPage(`moz-extension://${ADDON_UUID}/popup.html`);
    const listed = `document.querySelectorAll('.entity').length`;
    const count = await firefox.waitFor<number>(popup, listed, (n) => n > 5);
    await firefox.evaluate(popup, `(document.querySelector('#site-switch').click(), true)`);
    // The page tells the extension it is off; Firefox hands the popup that message too, and it asks again.
    await firefox.waitFor<string>(popup, `document.querySelector('main').textContent`, (text) => text.includes('Backstory is turned off for this page.'));
    await firefox.waitFor<number>(tab, `CSS.highlights.get('backstory-mention')?.size ?? 0`, (n) => n === 0);
    await firefox.evaluate(popup, `(document.querySelector('#site-switch').click(), true)`);
    expect(await firefox.waitFor<number>(popup, listed, (n) => n === count)).toBe(count);
  });
});
