/**
 * The Firefox build in Debian's Firefox ESR: highlights painted over the page's own text nodes, the card on hover,
 * and the page summary message (read through the popup, opened by the browser window in a background tab, which asks
 * the active tab with that message), and the popup kept current by the page's notices. Fails with instructions when
 * Firefox is missing (`.ci/run` installs it).
 */
import { existsSync } from 'node:fs';
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
    server = await serveFixtures();
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

  // Last: switching off removes the host element the DOM test above counts.
  it('keeps the open popup current: the site switched off and on in it empties and refills its list', async () => {
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
