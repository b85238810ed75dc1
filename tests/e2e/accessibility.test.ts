/**
 * An accessibility scan (axe-core) of the card, the popup and the options page: no serious or critical violation.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchWithExtension, readySummary, rectOfText, serveFixtures, tabIdOf, type ExtensionBrowser, type FixtureServer } from './harness';

const AXE = readFileSync(resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

let browser: ExtensionBrowser;
let server: FixtureServer;

beforeAll(async () => {
  browser = await launchWithExtension({ chromiumPath: inject('chromiumPath'), extensionDir: inject('extensionDir') });
  server = await serveFixtures();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown }>;
}

/** Serious and critical violations within `include` (a CSS selector, or a shadow-DOM path of selectors). */
async function seriousViolations(page: Page, include: string | string[]): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async (context) => {
    const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const target = Array.isArray(context) ? { fromShadowDom: context } : context;
    const result = await axe.run({ include: [target] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return {
      // Rules that found something to check there: proof the scan reached the content.
      examined: (result as unknown as { passes: unknown[] }).passes.length,
      list: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) })),
    };
  }, include);
  expect(violations.examined).toBeGreaterThan(3);
  return violations.list.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(', ')}`);
}

it('finds no serious or critical violation in the card, light and dark', async () => {
  for (const theme of ['light', 'dark']) {
    await browser.worker.evaluate((t) => chrome.storage.sync.set({ settings: { theme: t } }), theme);
    const page = await browser.context.newPage();
    await page.goto(server.url('demo-us-urges-restraint.html'));
    await readySummary(browser, page);
    const r = await rectOfText(page, 'Tammy Bruce');
    await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
    await page.waitForFunction(() => !!document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.tooltip:not([hidden]) .name'));
    expect(await seriousViolations(page, ['backstory-ui', '.tooltip'])).toEqual([]);
    await page.close();
  }
  await browser.worker.evaluate(() => chrome.storage.sync.remove('settings'));
});

it('finds no serious or critical violation in the popup, light and dark', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url('demo-us-urges-restraint.html'));
  await readySummary(browser, page);
  const tabId = await tabIdOf(browser, page);
  for (const theme of ['light', 'dark']) {
    await browser.worker.evaluate((t) => chrome.storage.sync.set({ settings: { theme: t } }), theme);
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await popup.locator('.entity').first().waitFor();
    expect(await popup.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
    expect(await seriousViolations(popup, 'main')).toEqual([]);
    await popup.close();
  }
  await browser.worker.evaluate(() => chrome.storage.sync.remove('settings'));
  await page.close();
});

it('finds no serious or critical violation in the options page', async () => {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.locator('h1').waitFor();
  expect(await seriousViolations(options, 'main')).toEqual([]);
  await options.close();
});
