/**
 * The card: pinned by a click, related entities with a way back, keyboard stepping, placement at every viewport
 * edge and under zoom (never taller than its cap), and the reader's theme.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { CARD_CLOSE_GRACE_MS } from '../../src/timing';
import { CARD_MAX_HEIGHT_PX } from '../../src/ui/tooltip/tooltip-host';
import { launchWithExtension, readySummary, rectOfText, serveFixtures, type ExtensionBrowser, type FixtureServer, until } from './harness';

let browser: ExtensionBrowser;
let server: FixtureServer;

/** A page with a mention in each corner of the viewport. */
const CORNERS = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Corners</title>
<style>body{margin:0} p{position:fixed;margin:0;font:16px/1.4 serif;width:220px} .tl{top:4px;left:4px} .tr{top:4px;right:4px;text-align:right}
.bl{bottom:4px;left:4px} .br{bottom:4px;right:4px;text-align:right} .mid{top:45%;left:40%}</style></head><body><article>
<p class="tl">Shehbaz Sharif spoke.</p><p class="tr">Marco Rubio called.</p><p class="bl">Near Pahalgam today.</p>
<p class="br">The Line of Control.</p><p class="mid">S. Jaishankar replied.</p></article></body></html>`;

/** A long article on a page that scrolls smoothly, naming one person far below the first screen. */
const SMOOTH = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Smooth</title>
<style>html{scroll-behavior:smooth} body{font:18px/1.7 Georgia,serif;max-width:40rem;margin:0 auto}</style></head><body><article>
${'<p>Traders said business had been slow all week, with fewer buyers and late deliveries on the main road.</p>'.repeat(60)}
<p>In the evening Tammy Bruce, the State Department's spokesperson, said the United States welcomed the calm.</p>
${'<p>Local officials said schools would stay open and buses would run on their usual timetable.</p>'.repeat(20)}
</article></body></html>`;

/** An article with a comment form: a text area, a text input and an editable div. */
const COMMENT_BOX = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Comments</title></head><body><article>
<p>Marco Rubio spoke with S. Jaishankar and Shehbaz Sharif on the same day.</p></article>
<form><textarea rows="3" cols="40">A first line
a second line</textarea><input value="a reply"><div contenteditable="true">An editable note</div></form></body></html>`;

beforeAll(async () => {
  browser = await launchWithExtension({ chromiumPath: inject('chromiumPath'), extensionDir: inject('extensionDir') });
  server = await serveFixtures({ '/corners.html': CORNERS, '/comment-box.html': COMMENT_BOX, '/smooth.html': SMOOTH });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  await browser.worker.evaluate(() => chrome.storage.sync.remove('settings'));
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function card(page: Page): Promise<{ name: string | null; box: Box | null; focused: string | null; theme: string | null }> {
  return page.evaluate(() => {
    const root = document.querySelector('backstory-ui')?.shadowRoot;
    const tooltip = root?.querySelector<HTMLElement>('.tooltip');
    if (!tooltip || tooltip.hidden) return { name: null, box: null, focused: null, theme: null };
    const r = tooltip.getBoundingClientRect();
    return {
      name: tooltip.querySelector('.name')?.textContent ?? null,
      box: { x: r.x, y: r.y, width: r.width, height: r.height },
      focused: root!.activeElement?.className ?? null,
      theme: tooltip.dataset.theme ?? null,
    };
  });
}

async function openDemo(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(server.url('demo-us-urges-restraint.html'));
  await readySummary(browser, page);
  return page;
}

describe('a pinned card', () => {
  it('opens on click, stays when the pointer leaves, and closes on a click elsewhere', async () => {
    const page = await openDemo();
    const r = await rectOfText(page, 'Tammy Bruce');
    await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
    await until(() => card(page), (c) => c.name === 'Tammy Bruce');
    await page.mouse.move(5, 5);
    await page.waitForTimeout(CARD_CLOSE_GRACE_MS + 300);
    expect((await card(page)).name).toBe('Tammy Bruce');
    await page.mouse.click(5, 5);
    await until(() => card(page), (c) => c.name === null);
    await page.close();
  });

  it('is not pinned by a reader selecting text that ends on a mention', async () => {
    const page = await openDemo();
    const r = await rectOfText(page, 'Tammy Bruce');
    const line = await page.evaluate((y) => {
      // Where the mention's paragraph begins on the mention's line: the start of the selection.
      const p = [...document.querySelectorAll('p')].find((e) => e.textContent!.includes('Tammy Bruce'))!;
      return { left: p.getBoundingClientRect().left, y };
    }, r.y + r.height / 2);
    await page.mouse.move(line.left + 1, line.y);
    await page.mouse.down();
    await page.mouse.move(r.x + r.width / 2, line.y, { steps: 8 });
    await page.mouse.up();
    expect(await page.evaluate(() => getSelection()!.toString())).toMatch(/Tammy/);
    await page.mouse.move(5, 5);
    await page.waitForTimeout(CARD_CLOSE_GRACE_MS + 300);
    expect((await card(page)).name).toBeNull();
    // A plain click, with the selection gone, still pins.
    await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
    await until(() => card(page), (c) => c.name === 'Tammy Bruce');
    await page.close();
  });

  it('opens a related entity inside the card, with a way back', async () => {
    const page = await openDemo();
    const r = await rectOfText(page, 'Tammy Bruce');
    await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
    await until(() => card(page), (c) => c.name === 'Tammy Bruce');
    const related = await page.evaluate(() =>
      [...document.querySelector('backstory-ui')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('.related button')].map((b) => b.textContent),
    );
    expect(related).toContain('United States Department of State');
    await page.evaluate(() =>
      [...document.querySelector('backstory-ui')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('.related button')]
        .find((b) => b.textContent === 'United States Department of State')!
        .click(),
    );
    await until(() => card(page), (c) => c.name === 'United States Department of State');
    await page.evaluate(() => document.querySelector('backstory-ui')!.shadowRoot!.querySelector<HTMLButtonElement>('.back')!.click());
    await until(() => card(page), (c) => c.name === 'Tammy Bruce');
    await page.keyboard.press('Escape');
    await until(() => card(page), (c) => c.name === null);
    await page.close();
  });
});

describe('keyboard stepping', () => {
  it('moves a focus highlight from mention to mention, opening each card with focus in it; Esc ends', async () => {
    const page = await openDemo();
    const summary = await readySummary(browser, page);
    const focusText = () => page.evaluate(() => [...(CSS.highlights.get('backstory-focus') ?? [])].map((r) => (r as Range).toString()));
    await page.keyboard.press('Alt+Shift+ArrowDown');
    const first = await until(() => card(page), (c) => c.name !== null);
    expect(first.focused).toContain('name');
    const firstFocus = await focusText();
    expect(firstFocus).toHaveLength(1);
    await page.keyboard.press('Alt+Shift+ArrowDown');
    await until(focusText, (t) => t.length === 1 && JSON.stringify(t) !== JSON.stringify(firstFocus));
    await page.keyboard.press('Alt+Shift+ArrowUp');
    await until(focusText, (t) => JSON.stringify(t) === JSON.stringify(firstFocus));
    // The focused mention is on screen and the card names it.
    const onScreen = await page.evaluate(() => {
      const r = ([...CSS.highlights.get('backstory-focus')!][0] as Range).getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(onScreen).toBe(true);
    expect(summary.mentions.map((m) => m.name)).toContain((await card(page)).name);
    await page.keyboard.press('Escape');
    await until(() => card(page), (c) => c.name === null);
    expect(await focusText()).toEqual([]);
    await page.close();
  });

  it('on a page that scrolls smoothly, puts the card beside the mention once the page has scrolled to it', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/smooth.html'));
    await readySummary(browser, page);
    await page.keyboard.press('Alt+Shift+ArrowDown');
    await until(() => card(page), (c) => c.name === 'Tammy Bruce');
    const beside = async () => {
      const { box } = await card(page);
      const mention = await page.evaluate(() => {
        const range = [...CSS.highlights.get('backstory-focus')!][0] as Range;
        const r = range.getClientRects()[0];
        return { top: r.top, bottom: r.bottom };
      });
      return !!box && mention.top >= 0 && (Math.abs(box.y + box.height - mention.top) <= 16 || Math.abs(box.y - mention.bottom) <= 16);
    };
    await until(beside, (ok) => ok, 3000);
    await page.close();
  });

  it('leaves the keys to a text field the reader is typing in', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/comment-box.html'));
    await readySummary(browser, page);
    for (const field of ['textarea', 'input', '[contenteditable]']) {
      await page.click(field);
      // The page sees the keys it is typed with, as it would without Backstory.
      await page.evaluate((selector) => {
        const keys: string[] = [];
        (window as unknown as { keys: string[] }).keys = keys;
        document.querySelector(selector)!.addEventListener('keydown', (e) => {
          const { key } = e as KeyboardEvent;
          if (key.startsWith('Arrow')) keys.push(key);
        });
      }, field);
      await page.keyboard.press('Alt+Shift+ArrowDown');
      await page.keyboard.press('Alt+Shift+ArrowUp');
      await page.waitForTimeout(300);
      expect({ field, card: (await card(page)).name }).toEqual({ field, card: null });
      expect(await page.evaluate(() => (window as unknown as { keys: string[] }).keys)).toEqual(['ArrowDown', 'ArrowUp']);
      expect(await page.evaluate(() => CSS.highlights.get('backstory-focus')?.size ?? 0)).toBe(0);
    }
    await page.close();
  });
});

describe('placement', () => {
  for (const zoom of ['1', '2', '0.5']) {
    it(`keeps the card inside the viewport at every edge (CSS zoom ${zoom}) without covering the mention`, async () => {
      const page = await browser.context.newPage();
      await page.goto(server.url('/corners.html'));
      await page.evaluate((z) => (document.documentElement.style.zoom = z), zoom);
      await readySummary(browser, page);
      const viewport = page.viewportSize()!;
      for (const name of ['Shehbaz Sharif', 'Marco Rubio', 'Pahalgam', 'Line of Control']) {
        const r = await rectOfText(page, name);
        await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
        const shown = await until(() => card(page), (c) => c.box !== null && c.name !== null);
        const box = shown.box!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 0.5);
        expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 0.5);
        // Room to grow is no reason to: a long entry scrolls inside a card of at most this height.
        expect(box.height).toBeLessThanOrEqual(CARD_MAX_HEIGHT_PX + 0.5);
        const overlapsVertically = box.y < r.y + r.height - 1 && box.y + box.height > r.y + 1;
        const overlapsHorizontally = box.x < r.x + r.width - 1 && box.x + box.width > r.x + 1;
        expect(overlapsVertically && overlapsHorizontally, `the card covers "${name}"`).toBe(false);
        await page.keyboard.press('Escape');
        await until(() => card(page), (c) => c.name === null);
      }
      await page.close();
    });
  }
});

describe('theme', () => {
  it('follows the reader’s theme setting', async () => {
    await browser.worker.evaluate(() => chrome.storage.sync.set({ settings: { theme: 'dark' } }));
    const page = await openDemo();
    const r = await rectOfText(page, 'Marco Rubio');
    await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
    const shown = await until(() => card(page), (c) => c.name !== null);
    expect(shown.theme).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('backstory-ui')!.shadowRoot!.querySelector('.tooltip')!).backgroundColor);
    expect(background).toBe('rgb(31, 36, 48)');
    await page.close();
  });
});
