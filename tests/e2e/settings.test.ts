/**
 * Settings reach open pages at once: turning Backstory off for a site (or everywhere) removes every highlight and
 * the host element without a reload; turning it on restores them; display settings repaint.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { countsOf, launchWithExtension, readySummary, requestSummary, rectOfText, serveFixtures, tabIdOf, type ExtensionBrowser, type FixtureServer, until } from './harness';

let browser: ExtensionBrowser;
let server: FixtureServer;
let page: Page;

async function setStoredSettings(value: Record<string, unknown> | null): Promise<void> {
  await browser.worker.evaluate(async (v) => {
    if (v === null) await chrome.storage.sync.remove('settings');
    else await chrome.storage.sync.set({ settings: v });
  }, value);
}

async function pageState(p: Page | Frame) {
  return p.evaluate(() => ({
    underline: CSS.highlights.get('backstory-mention')?.size ?? 0,
    tint: CSS.highlights.get('backstory-mention-tint')?.size ?? 0,
    hosts: document.querySelectorAll('backstory-ui').length,
  }));
}

beforeAll(async () => {
  browser = await launchWithExtension({ chromiumPath: inject('chromiumPath'), extensionDir: inject('extensionDir') });
  server = await serveFixtures();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  await setStoredSettings(null);
  await page?.close();
  page = await browser.context.newPage();
  await page.goto(server.url('demo-us-urges-restraint.html'));
  await readySummary(browser, page);
});

describe('turning Backstory off and on', () => {
  it('for this site removes every highlight and the host element at once, and restores them without a reload', async () => {
    const before = await readySummary(browser, page);
    // Open a card so the host element exists.
    const r = await rectOfText(page, 'Marco Rubio');
    await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
    await until(() => pageState(page), (s) => s.hosts === 1);

    await setStoredSettings({ sites: ['127.0.0.1'] });
    await until(() => pageState(page), (s) => s.underline === 0 && s.hosts === 0);
    const tabId = await tabIdOf(browser, page);
    const off = await until(() => requestSummary(browser, tabId), (s) => s.status === 'disabled');
    expect(off.mentions).toEqual([]);
    expect(await browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('');

    await setStoredSettings(null);
    const on = await until(() => requestSummary(browser, tabId), (s) => s.status === 'ready' && s.mentions.length > 0);
    expect(countsOf(on)).toEqual(countsOf(before));
    await until(() => pageState(page), (s) => s.underline > 0);
  });

  it('everywhere, and in "only these sites" mode for sites not on the list', async () => {
    await setStoredSettings({ enabled: false });
    await until(() => pageState(page), (s) => s.underline === 0);
    await setStoredSettings({ siteMode: 'only', sites: ['example.org'] });
    await until(() => pageState(page), (s) => s.underline === 0);
    await setStoredSettings({ siteMode: 'only', sites: ['127.0.0.1'] });
    await until(() => pageState(page), (s) => s.underline > 0);
  });
});

describe('a page where Backstory is off', () => {
  /**
   * The types of the event listeners on the window that Backstory's content script added: asked in its isolated world
   * (the protocol shows a world's own listeners only).
   */
  async function ourWindowListenerTypes(p: Page): Promise<string[]> {
    const cdp = await p.context().newCDPSession(p);
    try {
      const worlds: { id: number; origin: string; auxData?: { type?: string; isDefault?: boolean; frameId?: string } }[] = [];
      cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context as (typeof worlds)[number]));
      await cdp.send('Runtime.enable');
      const ours = worlds.find((w) => w.auxData?.type === 'isolated' && w.origin.startsWith('chrome-extension://'));
      if (!ours) throw new Error(`no isolated world of the extension among ${JSON.stringify(worlds)}`);
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'window', contextId: ours.id });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
      return listeners.map((l) => l.type).sort();
    } finally {
      await cdp.detach();
    }
  }

  it('runs nothing of ours on the reader’s pointer moves, keys, clicks and scrolls, until it is switched on', async () => {
    await setStoredSettings({ enabled: false });
    await page.goto(server.url('demo-us-urges-restraint.html'));
    const tabId = await tabIdOf(browser, page);
    await until(() => requestSummary(browser, tabId), (s) => s.status === 'disabled');
    const off = await ourWindowListenerTypes(page);
    for (const type of ['pointermove', 'keydown', 'click', 'scroll']) expect(off).not.toContain(type);

    await setStoredSettings(null);
    await until(() => pageState(page), (s) => s.underline > 0);
    const on = await ourWindowListenerTypes(page);
    for (const type of ['pointermove', 'keydown', 'click', 'scroll']) expect(on).toContain(type);
    // Switched on, the card still opens on hover.
    const r = await rectOfText(page, 'Marco Rubio');
    await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
    await until(() => pageState(page), (s) => s.hosts === 1);
  });
});

describe('the site switches in frames', () => {
  it('follow the site of the page the reader is on, not the frame’s own (a srcdoc frame has no host)', async () => {
    await page.goto(server.url('shadow-root.html'));
    await readySummary(browser, page);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    const painted = () => Promise.all([pageState(page), pageState(frame)]);
    await until(painted, ([top, inFrame]) => top.underline > 0 && inFrame.underline > 0);
    // Off for this site: the frame's highlights go too.
    await setStoredSettings({ sites: ['127.0.0.1'] });
    await until(painted, ([top, inFrame]) => top.underline === 0 && inFrame.underline === 0);
    // On only for this site: the frame is annotated too.
    await setStoredSettings({ siteMode: 'only', sites: ['127.0.0.1'] });
    await until(painted, ([top, inFrame]) => top.underline > 0 && inFrame.underline > 0);
    // On only for another site: neither is.
    await setStoredSettings({ siteMode: 'only', sites: ['example.org'] });
    await until(painted, ([top, inFrame]) => top.underline === 0 && inFrame.underline === 0);
  });
});

describe('display settings', () => {
  it('first mention only paints one occurrence per entity, while the summary still counts them all', async () => {
    const before = await readySummary(browser, page);
    const underlinedBefore = (await pageState(page)).underline;
    await setStoredSettings({ firstMentionOnly: true });
    await until(() => pageState(page), (s) => s.underline > 0 && s.underline < underlinedBefore);
    // Each painted range is the first occurrence of its entity: no entity is painted twice.
    const entityOf = new Map(before.mentions.flatMap((m) => m.surfaces.map((surface) => [surface, m.id] as const)));
    const painted = await page.evaluate(() => [...(CSS.highlights.get('backstory-mention') ?? [])].map((r) => (r as Range).toString()));
    const entities = painted.map((text) => entityOf.get(text));
    expect(new Set(entities).size).toBe(entities.length);
    const tabId = await tabIdOf(browser, page);
    expect(countsOf(await requestSummary(browser, tabId))).toEqual(countsOf(before));
  });

  it('switches between underline, tint and no highlight', async () => {
    await setStoredSettings({ highlightStyle: 'tint' });
    const tinted = await until(() => pageState(page), (s) => s.tint > 0);
    expect(tinted.underline).toBe(0);
    await setStoredSettings({ highlightStyle: 'none' });
    await until(() => pageState(page), (s) => s.tint === 0 && s.underline === 0);
  });

  it('leaves out entity types the reader does not want', async () => {
    await setStoredSettings({ entityTypes: ['person'] });
    const tabId = await tabIdOf(browser, page);
    const people = await until(() => requestSummary(browser, tabId), (s) => s.mentions.length > 0 && s.mentions.every((m) => m.type === 'person'));
    expect(people.mentions.map((m) => m.id)).toContain('marco-rubio');
  });
});
