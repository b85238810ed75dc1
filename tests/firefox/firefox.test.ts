/**
 * The Firefox build in Debian's Firefox ESR: highlights painted over the page's own text nodes and the card on hover.
 * (WebDriver BiDi may not navigate a tab to the add-on's own pages, so the summary message is checked in Chromium
 * only.) Runs when Firefox is present (`.ci/run` installs it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixtures, type FixtureServer } from '../e2e/harness';
import { findFirefox, FirefoxBidi } from './firefox-bidi';

const ROOT = resolve(import.meta.dirname, '../..');
const ADDON_DIR = resolve(ROOT, '.output/firefox-mv2');
const firefoxPath = findFirefox();
if (!firefoxPath) {
  console.warn('Firefox tests skipped: no firefox-esr or firefox on the PATH (Debian: apt-get install firefox-esr; or set FIREFOX_PATH).');
}

describe.skipIf(!firefoxPath)('Backstory in Firefox ESR', () => {
  let firefox: FirefoxBidi;
  let server: FixtureServer;
  let tab: string;

  beforeAll(async () => {
    if (process.env.BACKSTORY_E2E_SKIP_BUILD !== '1' || !existsSync(ADDON_DIR)) {
      execFileSync(process.execPath, [resolve(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', 'firefox'], { cwd: ROOT, stdio: 'pipe' });
    }
    server = await serveFixtures();
    firefox = await FirefoxBidi.launch(firefoxPath!);
    await firefox.installAddon(ADDON_DIR);
    tab = await firefox.newTab();
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

  it('leaves the page’s DOM alone apart from the one host element', async () => {
    const hosts = await firefox.evaluate<number>(tab, `document.querySelectorAll('backstory-ui').length`);
    expect(hosts).toBe(1);
    const painted = await firefox.evaluate<boolean>(
      tab,
      `[...CSS.highlights.get('backstory-mention')].every((r) => r.startContainer.nodeType === 3 && r.startContainer.isConnected)`,
    );
    expect(painted).toBe(true);
  });
});
