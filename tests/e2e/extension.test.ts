/**
 * The built extension in real Chromium, on fixture articles served from 127.0.0.1: highlights, the summary
 * contract, the card on hover, the popup, the badge, and a page DOM left untouched.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CARD_CLOSE_GRACE_MS, CARD_OPEN_DELAY_MS } from '../../src/timing';
import {
  FIXTURES_DIR,
  MUTATION_RECORDER,
  countsOf,
  launchWithExtension,
  readMutations,
  readySummary,
  rectOfText,
  serveFixtures,
  tabIdOf,
  until,
  type ExtensionBrowser,
  type FixtureServer,
} from './harness';
import { seedArticleHtml } from './seed-page';

const DEMO = 'demo-us-urges-restraint.html';

/** The entities the demo article and the seed article must yield: every one the first issue names. */
const SEED_ENTITIES = [
  'pahalgam',
  '2025-pahalgam-attack',
  'line-of-control',
  'jammu-and-kashmir-union-territory',
  'marco-rubio',
  's-jaishankar',
  'shehbaz-sharif',
  'tammy-bruce',
  'narendra-modi',
  'indus-waters-treaty',
  'integrated-check-post-attari',
  'united-states-department-of-state',
  // Not the Ministry of External Affairs: the seed names it only in the minister's title ("External Affairs
  // Minister Dr S. Jaishankar"), which belongs to the person, as news annotators read it.
];

let browser: ExtensionBrowser;
let server: FixtureServer;
/** Pages made at test time, served beside the fixtures (read at request time). */
const extraPages: Record<string, string> = {};

beforeAll(async () => {
  browser = await launchWithExtension({ chromiumPath: inject('chromiumPath'), extensionDir: inject('extensionDir') });
  await browser.context.addInitScript({ content: MUTATION_RECORDER });
  server = await serveFixtures(extraPages);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(server.url(path));
  return page;
}

async function highlightedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const highlight = CSS.highlights.get('backstory-mention');
    return highlight ? [...highlight].map((range) => (range as Range).toString()) : [];
  });
}

/** The card's name, or null when no card is shown. */
async function cardName(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.querySelector('backstory-ui')?.shadowRoot;
    const tooltip = root?.querySelector<HTMLElement>('.tooltip');
    if (!tooltip || tooltip.hidden) return null;
    return tooltip.querySelector('.name')?.textContent ?? null;
  });
}

async function waitForCard(page: Page, expected: string | null, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await cardName(page);
    if (last === expected) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`card shows ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`);
}

async function hover(page: Page, text: string, occurrence = 0): Promise<void> {
  const r = await rectOfText(page, text, occurrence);
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
}

describe('on the demo article', () => {
  let page: Page;
  beforeAll(async () => {
    page = await open(DEMO);
  });

  it('answers the summary message with every entity the article names', async () => {
    const summary = await readySummary(browser, page);
    expect(summary.url).toBe(server.url(DEMO));
    expect(summary.title).toContain('Rubio urges India and Pakistan');
    expect(summary.publishedAt).toBe('2025-05-01T08:30:00+05:30');
    expect(summary.status).toBe('ready');
    expect(summary.mentions.map((m) => m.id)).toEqual(expect.arrayContaining(SEED_ENTITIES));
    for (const mention of summary.mentions) {
      expect(mention).toEqual({ id: expect.any(String), name: expect.any(String), type: expect.any(String), count: expect.any(Number), surfaces: expect.any(Array) });
      expect(mention.count).toBeGreaterThan(0);
      // Each way the page names the entity, once: "Shehbaz Sharif" and "Sharif", not one entry per mention.
      expect(new Set(mention.surfaces).size).toBe(mention.surfaces.length);
      expect(mention.surfaces.length).toBeGreaterThan(0);
      expect(mention.surfaces.length).toBeLessThanOrEqual(mention.count);
    }
    expect(summary.mentions.some((m) => m.surfaces.length > 1 && m.surfaces.length < m.count)).toBe(true);
  });

  it('paints the summarised mentions near the viewport with the CSS Custom Highlight API, the rest as the reader scrolls', async () => {
    const summary = await readySummary(browser, page);
    const total = summary.mentions.reduce((n, m) => n + m.count, 0);
    const surfaces = new Set(summary.mentions.flatMap((m) => m.surfaces));
    // Scroll through the page a viewport at a time, collecting every painted range (by text and page position).
    const seen = new Set<string>();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0; y < height; y += 600) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(150);
      const painted = await page.evaluate(() =>
        [...(CSS.highlights.get('backstory-mention') ?? [])].map((r) => {
          const range = r as Range;
          return `${range.toString()}@${Math.round(range.getBoundingClientRect().top + window.scrollY)}:${Math.round(range.getBoundingClientRect().left)}`;
        }),
      );
      expect(painted.length).toBeGreaterThan(0);
      expect(painted.length).toBeLessThanOrEqual(total);
      for (const key of painted) {
        expect(surfaces).toContain(key.slice(0, key.lastIndexOf('@')));
        seen.add(key);
      }
    }
    expect(seen.size).toBe(total);
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('leaves its highlights and an open card out of print: a printed or saved article carries nothing of ours', async () => {
    await readySummary(browser, page);
    const r = await rectOfText(page, 'Tammy Bruce');
    await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
    const style = () =>
      page.evaluate(() => {
        const first = [...(CSS.highlights.get('backstory-mention') ?? [])][0] as Range;
        const element = first.startContainer.parentElement!;
        const css = getComputedStyle(element, '::highlight(backstory-mention)');
        const card = document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.tooltip');
        return { line: css.textDecorationLine, background: css.backgroundColor, card: card ? getComputedStyle(card).display : null };
      });
    await until(style, (s) => s.card !== null && s.card !== 'none');
    expect((await style()).line).toBe('underline');
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await style()).toEqual({ line: 'none', background: 'rgba(0, 0, 0, 0)', card: 'none' });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    expect((await style()).line).toBe('underline');
    await page.keyboard.press('Escape');
  });

  it('shows the toolbar badge with the number of entities', async () => {
    const summary = await readySummary(browser, page);
    const tabId = await tabIdOf(browser, page);
    const badge = await browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    expect(badge).toBe(String(summary.mentions.length));
  });

  it('opens a card after the pointer rests on a mention, and Esc closes it', async () => {
    await page.mouse.move(1, 1);
    await waitForCard(page, null);
    await hover(page, 'Marco Rubio');
    await waitForCard(page, 'Marco Rubio');
    const text = await page.evaluate(() => document.querySelector('backstory-ui')!.shadowRoot!.querySelector('.card')!.textContent);
    expect(text).toMatch(/Person/);
    expect(text).toMatch(/Mentioned \d+ times on this page/);
    await page.keyboard.press('Escape');
    await waitForCard(page, null, 500);
  });

  it('does not open a card when the pointer only sweeps across a mention', async () => {
    await page.mouse.move(1, 1);
    await waitForCard(page, null);
    const r = await rectOfText(page, 'Marco Rubio');
    const y = r.y + r.height / 2;
    await page.mouse.move(r.x - 40, y);
    await page.mouse.move(r.x + r.width + 200, y, { steps: 4 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(CARD_OPEN_DELAY_MS + 200);
    expect(await cardName(page)).toBeNull();
  });

  it('closes the card after the pointer moves away, once the grace period is over', async () => {
    await hover(page, 'Tammy Bruce');
    await waitForCard(page, 'Tammy Bruce');
    // The card says what she was on the article's date (read from the page's metadata).
    const role = await page.evaluate(() => document.querySelector('backstory-ui')!.shadowRoot!.querySelector('.role')?.textContent);
    expect(role).toMatch(/Spokesperson.*\(at the time of this article, 1 May 2025\)/i);
    const r = await rectOfText(page, 'Tammy Bruce');
    await page.mouse.move(r.x + r.width / 2, r.y - 200);
    await page.waitForTimeout(CARD_CLOSE_GRACE_MS / 2);
    expect(await cardName(page)).toBe('Tammy Bruce');
    await waitForCard(page, null, CARD_CLOSE_GRACE_MS + 1000);
  });

  it('keeps the card open while the pointer moves into it', async () => {
    await hover(page, 'Tammy Bruce');
    await waitForCard(page, 'Tammy Bruce');
    const box = await page.evaluate(() => {
      const r = document.querySelector('backstory-ui')!.shadowRoot!.querySelector('.tooltip')!.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    await page.waitForTimeout(CARD_CLOSE_GRACE_MS + 300);
    expect(await cardName(page)).toBe('Tammy Bruce');
    await page.keyboard.press('Escape');
    await waitForCard(page, null, 500);
  });

  it('changes nothing in the page but adding one <backstory-ui> host', async () => {
    const mutations = await readMutations(page);
    expect(mutations.foreign).toEqual([]);
    expect(mutations.hostsAdded).toBe(1);
    expect(await page.evaluate(() => document.querySelectorAll('backstory-ui').length)).toBe(1);
  });

  it('lists the page’s entities in the popup, grouped by type with counts', async () => {
    const summary = await readySummary(browser, page);
    const tabId = await tabIdOf(browser, page);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await popup.locator('.entity').first().waitFor();
    const listed = await popup.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.entity')].map((li) => ({
        id: li.dataset.entity,
        group: li.closest('section')!.querySelector('h2')!.textContent,
        text: li.textContent,
      })),
    );
    expect(listed.map((l) => l.id).sort()).toEqual(summary.mentions.map((m) => m.id).sort());
    const rubio = listed.find((l) => l.id === 'marco-rubio')!;
    expect(rubio.group).toMatch(/^People/);
    expect(rubio.text).toContain(`×${countsOf(summary)['marco-rubio']}`);
    expect(await popup.locator('header.page h1').textContent()).toContain('Rubio urges');
    await popup.close();
  });
});

describe('the seed article, served as a page', () => {
  it('yields every entity the product was conceived to explain', async () => {
    extraPages['/seed.html'] = seedArticleHtml();
    const page = await open('/seed.html');
    const summary = await readySummary(browser, page);
    expect(summary.mentions.map((m) => m.id).sort()).toEqual(expect.arrayContaining([...SEED_ENTITIES].sort()));
    expect((await readMutations(page)).foreign).toEqual([]);
    await page.close();
  });
});

describe('the popup on pages it cannot read', () => {
  it('says so instead of showing an empty list', async () => {
    const page = await browser.context.newPage();
    await page.goto('about:blank');
    const tabId = await tabIdOf(browser, page);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await popup.locator('.unsupported').waitFor();
    expect(await popup.locator('.unsupported h1').textContent()).toMatch(/can’t read this page/);
    await popup.close();
    await page.close();
  });

  it('shows a clear empty state on a page with nothing to explain', async () => {
    const page = await open('negative-software.html');
    await readySummary(browser, page);
    const tabId = await tabIdOf(browser, page);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await popup.locator('.empty').waitFor();
    expect(await popup.locator('.empty').textContent()).toMatch(/Nothing on this page/);
    await popup.close();
    await page.close();
  });
});

describe('fixture articles', () => {
  const fixtures = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.expected.json'));

  it('has fixtures to check', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  for (const file of fixtures) {
    it(`finds exactly the expected mentions on ${file.replace('.expected.json', '.html')}`, async () => {
      const expected = JSON.parse(readFileSync(`${FIXTURES_DIR}/${file}`, 'utf8')) as {
        publishedAt: string | null;
        mentions: Record<string, number>;
        absent: string[];
      };
      const page = await open(file.replace('.expected.json', '.html'));
      const summary = await readySummary(browser, page);
      const counts = countsOf(summary);
      for (const [id, count] of Object.entries(expected.mentions)) expect({ id, count: counts[id] ?? 0 }).toEqual({ id, count });
      for (const id of expected.absent) expect(counts[id], `${id} must not be found`).toBeUndefined();
      expect(summary.publishedAt).toBe(expected.publishedAt);
      expect((await readMutations(page)).foreign).toEqual([]);
      await page.close();
    });
  }
});

describe('shadow roots and frames', () => {
  it('paints mentions inside an open shadow root and opens their card on hover', async () => {
    const page = await open('shadow-root.html');
    await readySummary(browser, page);
    const painted = await highlightedTexts(page);
    expect(painted).toContain('Marco Rubio');
    // Hover the name inside the shadow root: the caret is found through the shadow root.
    const r = await page.evaluate(() => {
      const root = document.querySelector('story-section')!.shadowRoot!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf('Marco Rubio');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 11);
        (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
        const b = range.getClientRects()[0];
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
      return null;
    });
    expect(r).not.toBeNull();
    await page.mouse.move(r!.x, r!.y);
    await waitForCard(page, 'Marco Rubio');
    await page.close();
  });

  it('gives a srcdoc iframe its own highlights', async () => {
    const page = await open('shadow-root.html');
    await readySummary(browser, page);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(frame).toBeDefined();
    const deadline = Date.now() + 5000;
    let texts: string[] = [];
    while (Date.now() < deadline) {
      texts = await frame.evaluate(() => [...(CSS.highlights.get('backstory-mention') ?? [])].map((r) => (r as Range).toString()));
      if (texts.length) break;
      await page.waitForTimeout(100);
    }
    expect(texts).toContain('Shehbaz Sharif');
    expect((await readMutations(page)).foreign).toEqual([]);
    await page.close();
  });
});
