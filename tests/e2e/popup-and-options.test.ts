/**
 * The popup as a briefing (timeline, filter, jump to a mention, switches) and the options page (settings, importing
 * a valid and an invalid pack), in real Chromium.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { PageSummary } from '../../src/messaging/messages';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchWithExtension, readySummary, requestSummary, rectOfText, serveFixtures, tabIdOf, type ExtensionBrowser, type FixtureServer, until } from './harness';

let browser: ExtensionBrowser;
let server: FixtureServer;
// The live blog of the dynamic fixtures (pages with scripts), for the popup that follows it.
const extraPages: Record<string, string> = {
  '/live-blog.html': readFileSync(join(import.meta.dirname, '../fixtures/dynamic/live-blog.html'), 'utf8'),
  // Written for this test: one name on show, one only inside a closed "Background" box.
  '/background-box.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Calls for calm</title></head><body><article>
    <h1>Calls for calm after a week of strikes</h1>
    <p>Marco Rubio said on Saturday that he had spoken with officials in both capitals and urged them to talk.</p>
    <details><summary>Background</summary><p>S. Jaishankar has been India's external affairs minister since 2019.</p></details>
    </article></body></html>`,
};

beforeAll(async () => {
  browser = await launchWithExtension({ chromiumPath: inject('chromiumPath'), extensionDir: inject('extensionDir') });
  server = await serveFixtures(extraPages);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  await browser.worker.evaluate(() => chrome.storage.sync.remove('settings'));
});

/**
 * Records the page's Content Security Policy violations from its first script on (`window.cspViolations`): an
 * extension page refuses eval and foreign scripts, and reports each attempt.
 */
async function recordPolicyViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
}

const policyViolations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

async function openPopupFor(page: Page): Promise<Page> {
  const tabId = await tabIdOf(browser, page);
  const popup = await browser.context.newPage();
  await recordPolicyViolations(popup);
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.locator('.entity').first().waitFor();
  expect(await policyViolations(popup)).toEqual([]);
  return popup;
}

/** A page read to the end, and the popup opened on it. */
async function pageWithPopup(path: string): Promise<{ page: Page; popup: Page; summary: PageSummary }> {
  const page = await browser.context.newPage();
  await page.goto(server.url(path));
  const summary = await readySummary(browser, page);
  return { page, popup: await openPopupFor(page), summary };
}

describe('the popup', () => {
  it('gives a background timeline in date order, filters names, and jumps to a mention on the page', async () => {
    const { page, popup } = await pageWithPopup('demo-us-urges-restraint.html');

    const timeline = await popup.locator('.timeline li time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime')!));
    expect(timeline.length).toBeGreaterThan(0);
    expect([...timeline].sort()).toEqual(timeline);
    // The article is of 1 May 2025: its background reaches back to the attack, India's measures of 23 April,
    // Pakistan's reply of 24 April and the calls of 30 April, from the dated facts of what it mentions.
    const background = (await popup.locator('.timeline').textContent())!;
    for (const day of ['22 April 2025', '23 April 2025', '24 April 2025', '30 April 2025']) expect(background).toContain(day);
    expect(background).toMatch(/abeyance/);

    await popup.fill('#filter', 'rubio');
    await until(() => popup.locator('.entity').count(), (n) => n === 1);
    expect(await popup.locator('.entity').getAttribute('data-entity')).toBe('marco-rubio');

    // Jump to the mention: the page scrolls to it and flashes it.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await popup.locator('.entity button.reveal').click();
    const flashed = await until(
      () => page.evaluate(() => [...(CSS.highlights.get('backstory-active') ?? [])].map((r) => (r as Range).toString())),
      (texts) => texts.length === 1,
    );
    expect(['Rubio', 'Marco Rubio']).toContain(flashed[0]);
    // The page scrolls (smoothly) until the mention is on screen.
    await until(
      () =>
        page.evaluate(() => {
          const top = ([...CSS.highlights.get('backstory-active')!][0] as Range).getBoundingClientRect().top;
          return top >= 0 && top < window.innerHeight;
        }),
      (onScreen) => onScreen,
    );
    await popup.close();
    await page.close();
  });

  it('turns Backstory off for the site and back on with its switch, and sets first mention only', async () => {
    const { page, popup } = await pageWithPopup('demo-us-urges-restraint.html');
    const tabId = await tabIdOf(browser, page);

    const listed = await popup.locator('.entity').count();
    await popup.locator('#site-switch').uncheck();
    await until(() => requestSummary(browser, tabId), (s) => s.status === 'disabled');
    expect(await page.evaluate(() => CSS.highlights.get('backstory-mention')?.size ?? 0)).toBe(0);
    // The open popup follows: the page says it is off, and the popup asks again.
    await popup.getByText('Backstory is turned off for this page.').waitFor();
    expect(await popup.locator('.entity').count()).toBe(0);
    await popup.locator('#site-switch').check();
    await until(() => requestSummary(browser, tabId), (s) => s.status === 'ready' && s.mentions.length > 0);
    await until(() => popup.locator('.entity').count(), (n) => n === listed);

    await popup.locator('#first-mention').check();
    const stored = await browser.worker.evaluate(() => chrome.storage.sync.get('settings'));
    expect(stored.settings).toEqual({ firstMentionOnly: true });
    await popup.close();
    await page.close();
  });
});

describe('the popup while it is open', () => {
  /** The popup's list as entity ids and counts (`×N`). */
  const listedCounts = (popup: Page) =>
    popup.locator('.entity').evaluateAll((items) =>
      Object.fromEntries(items.map((item) => [item.getAttribute('data-entity')!, Number(item.querySelector('.times')!.textContent!.slice(1))])),
    );

  it('follows a live page: each update that names someone new appears in the list', async () => {
    const { page, popup, summary: before } = await pageWithPopup('/live-blog.html');
    expect(Object.keys(await listedCounts(popup)).sort()).toEqual(before.mentions.map((m) => m.id).sort());
    expect(await popup.locator('[data-entity="line-of-control"]').count()).toBe(0);

    await page.evaluate(() => (window as unknown as { startLiveUpdates(): void }).startLiveUpdates());
    // The last update names the Line of Control: once the popup lists it, every update has reached the popup.
    await popup.locator('[data-entity="line-of-control"]').waitFor({ timeout: 10_000 });
    const tabId = await tabIdOf(browser, page);
    const after = await requestSummary(browser, tabId);
    expect(await listedCounts(popup)).toEqual(Object.fromEntries(after.mentions.map((m) => [m.id, m.count])));
    expect(after.mentions.length).toBeGreaterThan(before.mentions.length);
    await popup.close();
    await page.close();
  });

  it('offers to resume when Backstory is paused everywhere, where a site switch could not turn it on', async () => {
    await browser.worker.evaluate(() => chrome.storage.sync.set({ settings: { enabled: false } }));
    const page = await browser.context.newPage();
    await page.goto(server.url('demo-us-urges-restraint.html'));
    const tabId = await tabIdOf(browser, page);
    await until(() => requestSummary(browser, tabId), (s) => s.status === 'disabled');
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await popup.getByText('Backstory is paused on every site.').waitFor();
    expect(await popup.locator('#site-switch').count()).toBe(0);
    await popup.locator('#resume').click();
    await popup.locator('[data-entity="marco-rubio"]').waitFor({ timeout: 10_000 });
    expect(await popup.locator('#site-switch').isChecked()).toBe(true);
    expect(await browser.worker.evaluate(() => chrome.storage.sync.get('settings'))).toEqual({ settings: {} });
    await popup.close();
    await page.close();
  });

  it('says so when a name is only in text the page hides, instead of seeming to do nothing', async () => {
    const { page, popup } = await pageWithPopup('/background-box.html');
    const note = (id: string) => popup.locator(`[data-entity="${id}"] .unseen`).textContent();
    await popup.locator('[data-entity="s-jaishankar"] button.reveal').click();
    await until(() => note('s-jaishankar'), (text) => !!text && text.includes('only in text it hides'));
    await popup.locator('[data-entity="marco-rubio"] button.reveal').click();
    await until(
      () => page.evaluate(() => [...(CSS.highlights.get('backstory-active') ?? [])].map((r) => (r as Range).toString())),
      (texts) => texts.length === 1 && texts[0] === 'Marco Rubio',
    );
    expect(await note('marco-rubio')).toBe('');
    await popup.close();
    await page.close();
  });

  it('says it is reading a page still loading, not that it cannot read it, and shows it once loaded', async () => {
    const page = await browser.context.newPage();
    const tabId = await tabIdOf(browser, page);
    // The article's response is held back: the tab is loading, and no content script runs in it yet.
    const url = server.url('demo-us-urges-restraint.html');
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let requested: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (requested = resolve));
    await browser.context.route(url, async (route) => {
      requested();
      await released;
      await route.continue();
    });
    const navigation = page.goto(url);
    const popup = await browser.context.newPage();
    try {
      await arrived;
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
      await popup.locator('main[aria-busy="true"]', { hasText: 'Reading this page' }).waitFor({ timeout: 5000 });
      await popup.waitForTimeout(700); // past a poll of the popup: the page is still loading, and it still says so
      expect(await popup.locator('.unsupported').count()).toBe(0);
      release();
      await navigation;
      await popup.locator('[data-entity="marco-rubio"]').waitFor({ timeout: 10_000 });
    } finally {
      release();
      await navigation.catch(() => undefined);
      await browser.context.unroute(url);
      await popup.close();
      await page.close();
    }
  });

  it('shows a page that finished loading after the popup opened', async () => {
    const page = await browser.context.newPage();
    const tabId = await tabIdOf(browser, page);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    // No content script in the tab yet: nothing answers for it.
    await popup.locator('.unsupported').waitFor();
    await page.goto(server.url('demo-us-urges-restraint.html'));
    await popup.locator('[data-entity="marco-rubio"]').waitFor({ timeout: 10_000 });
    expect(await popup.locator('header.page h1').textContent()).toContain('Rubio urges');
    const summary = await requestSummary(browser, tabId);
    expect(await listedCounts(popup)).toEqual(Object.fromEntries(summary.mentions.map((m) => [m.id, m.count])));
    await popup.close();
    await page.close();
  });
});

describe('the options page', () => {
  const validPack = {
    manifest: { id: 'test-newsroom', title: 'Test newsroom pack', version: '1.0.0', language: 'en', description: 'A pack for the tests.', reviewed: '2026-11-26' },
    entities: [
      {
        id: 'zorvath-institute',
        type: 'organization',
        name: 'Zorvath Institute',
        summary: 'An invented research body used only by the end-to-end tests of pack import.',
        facts: [
          { text: 'Invented for a test.', sources: ['s'] },
          { text: 'Has no real counterpart.', sources: ['s'] },
        ],
        sources: [{ id: 's', title: 'Test source', url: 'https://example.org/', publisher: 'Example', checked: '2026-11-26' }],
        relations: [{ type: 'related-to', target: 'line-of-control' }],
        reviewed: '2026-11-26',
      },
    ],
  };

  function packFile(name: string, content: unknown): string {
    const dir = mkdtempSync(join(tmpdir(), 'backstory-pack-'));
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  }

  async function openOptions(): Promise<Page> {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('h1').waitFor();
    return options;
  }

  it('refuses an invalid pack, listing problems by entry and field, and saves nothing', async () => {
    const options = await openOptions();
    const broken = structuredClone(validPack);
    (broken.entities[0] as Record<string, unknown>).summary = 'x'.repeat(300);
    broken.entities[0].sources[0].url = 'http://example.org/';
    await options.setInputFiles('#import', packFile('broken.json', broken));
    await options.locator('.import-result.error').waitFor();
    const problems = await options.locator('.problems li').allTextContents();
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringContaining('zorvath-institute → summary'), expect.stringContaining('zorvath-institute → sources.0.url')]),
    );
    expect(await browser.worker.evaluate(() => chrome.storage.local.get('userPacks'))).toEqual({});
    await options.setInputFiles('#import', packFile('garbage.json', '{ not json'));
    await options.locator('.import-result.error').filter({ hasText: 'garbage.json' }).waitFor();
    expect(await browser.worker.evaluate(() => chrome.storage.local.get('userPacks'))).toEqual({});
    await options.close();
  });

  it('imports a valid pack that pages then use, and removes it again', async () => {
    // No code made from strings: Manifest V3 forbids eval in extension pages, and any attempt (a library probing for
    // it, say) is reported as a violation of the page's Content Security Policy, from the page's first script on.
    const options = await browser.context.newPage();
    const consoleErrors: string[] = [];
    options.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    await recordPolicyViolations(options);
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('h1').waitFor();
    await options.setInputFiles('#import', packFile('pack.json', validPack));
    await options.locator('[data-pack="test-newsroom"]').waitFor();
    expect(await policyViolations(options)).toEqual([]);
    expect(consoleErrors).toEqual([]);

    extraPages['/zorvath.html'] = `<!doctype html><html><head><meta charset="utf-8"><title>Zorvath</title></head><body><article>
      <p>Researchers at the Zorvath Institute said on Monday that firing along the Line of Control had eased.</p>
      <p>Marco Rubio spoke to both governments.</p></article></body></html>`;
    const page = await browser.context.newPage();
    await page.goto(server.url('/zorvath.html'));
    const summary = await until(() => readySummary(browser, page), (s) => s.mentions.some((m) => m.id === 'zorvath-institute'), 10_000);
    expect(summary.mentions.find((m) => m.id === 'zorvath-institute')).toMatchObject({ name: 'Zorvath Institute', type: 'organization', count: 1 });
    const r = await rectOfText(page, 'Zorvath Institute');
    await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
    await until(
      () => page.evaluate(() => document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.name')?.textContent ?? null),
      (name) => name === 'Zorvath Institute',
    );
    // The popup knows the imported entity too: it gives its line, as it does for the bundled ones.
    const popup = await openPopupFor(page);
    expect(await popup.locator('[data-entity="zorvath-institute"] .one-line').textContent()).toBe(
      'An invented research body used only by the end-to-end tests of pack import.',
    );
    await popup.close();

    await options.locator('[data-pack="test-newsroom"] button', { hasText: 'Remove' }).click();
    await until(() => options.locator('[data-pack="test-newsroom"]').count(), (n) => n === 0);
    const tabId = await tabIdOf(browser, page);
    await until(() => requestSummary(browser, tabId), (s) => s.status === 'ready' && !s.mentions.some((m) => m.id === 'zorvath-institute'), 10_000);
    await page.close();
    await options.close();
  });

  it('shows the popup and itself in the reader’s theme, and both follow a change of it', async () => {
    // Headless Chromium asks for light: dark can only come from the setting.
    await browser.worker.evaluate(() => chrome.storage.sync.set({ settings: { theme: 'dark' } }));
    const background = (p: Page) => p.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const { page, popup } = await pageWithPopup('demo-us-urges-restraint.html');
    expect(await background(popup)).toBe('rgb(31, 36, 48)');
    const options = await openOptions();
    expect(await background(options)).toBe('rgb(31, 36, 48)');
    await options.selectOption('#theme', 'light');
    await until(() => background(popup), (colour) => colour === 'rgb(255, 255, 255)');
    expect(await background(options)).toBe('rgb(255, 255, 255)');
    await options.selectOption('#theme', 'system');
    await until(() => popup.evaluate(() => document.documentElement.dataset.theme ?? null), (theme) => theme === null);
    expect(await background(popup)).toBe('rgb(255, 255, 255)');
    await popup.close();
    await page.close();
    await options.close();
  });

  it('keeps every one of several changes made in quick succession', async () => {
    const options = await openOptions();
    // Three clicks in one task, before any write can finish: each change must be applied to what the one before it
    // wrote, not to the settings all three read.
    const names = ['Places', 'Organisations', 'Concepts'];
    const boxes = names.map((name) => options.getByRole('checkbox', { name, exact: true }));
    await options.evaluate((labels) => {
      for (const row of document.querySelectorAll('label.row')) if (labels.includes(row.textContent!.trim())) row.querySelector('input')!.click();
    }, names);
    const stored = await until(
      () => browser.worker.evaluate(() => chrome.storage.sync.get('settings')),
      (s) => (s.settings as { entityTypes?: string[] } | undefined)?.entityTypes?.length === 3,
    );
    expect(stored.settings).toEqual({ entityTypes: ['person', 'event', 'agreement'] });
    await until(() => Promise.all(boxes.map((box) => box.isChecked())), (checked) => checked.every((c) => !c));
    await options.reload();
    for (const box of boxes) expect(await box.isChecked()).toBe(false);
    await options.close();
  });

  it('keeps what the popup changed while it was open, and shows it', async () => {
    const options = await openOptions();
    const { page, popup } = await pageWithPopup('demo-us-urges-restraint.html');
    await popup.locator('#site-switch').uncheck();
    // The open settings page follows: the site the popup switched off is listed.
    await options.locator('.sites li', { hasText: '127.0.0.1' }).waitFor({ timeout: 5000 });
    // A change made there next is applied to the settings as they are now, not to the copy it loaded.
    await options.selectOption('#theme', 'dark');
    const stored = await until(
      () => browser.worker.evaluate(() => chrome.storage.sync.get('settings')),
      (s) => (s.settings as { theme?: string } | undefined)?.theme === 'dark',
    );
    expect(stored.settings).toEqual({ sites: ['127.0.0.1'], theme: 'dark' });
    // And the popup shows the site still off.
    expect(await popup.locator('#site-switch').isChecked()).toBe(false);
    await popup.close();
    await page.close();
    await options.close();
  });

  it('saves only settings that differ from the defaults, and resets them', async () => {
    const options = await openOptions();
    await options.selectOption('#style', 'tint');
    await until(() => browser.worker.evaluate(() => chrome.storage.sync.get('settings')), (s) => JSON.stringify(s.settings) === JSON.stringify({ highlightStyle: 'tint' }));
    await options.locator('button', { hasText: 'Reset settings to defaults' }).click();
    await until(() => browser.worker.evaluate(() => chrome.storage.sync.get('settings')), (s) => s.settings === undefined);
    expect(await options.locator('#style').inputValue()).toBe('underline');
    await options.close();
  });
});
