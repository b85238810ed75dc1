/**
 * The end-to-end harness: fixture pages served from 127.0.0.1 and helpers to ask the extension what it found.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { PageSummary } from '../../src/messaging/messages';
import { serveDirectory, type ExtensionBrowser, type FixtureServer } from '../../scripts/lib/chromium';

export { launchWithExtension, type ExtensionBrowser, type FixtureServer } from '../../scripts/lib/chromium';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../fixtures/articles');

export function serveFixtures(extra: Record<string, string> = {}): Promise<FixtureServer> {
  return serveDirectory(FIXTURES_DIR, extra);
}

/**
 * The id of the tab showing `page`. The extension has no `tabs` permission, so tab URLs are hidden from it: the
 * page is brought to the front and the active tab is asked for, as other tools do.
 */
export async function tabIdOf(browser: ExtensionBrowser, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await browser.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id ?? null;
  });
  if (id === null) throw new Error(`no active tab for ${page.url()}`);
  return id;
}

/** Sends the summary contract message to the page's top frame, exactly as other tools do. */
export async function requestSummary(browser: ExtensionBrowser, tabId: number): Promise<PageSummary> {
  return browser.worker.evaluate(
    (id) => chrome.tabs.sendMessage(id, { type: 'backstory:summary' }, { frameId: 0 }) as Promise<PageSummary>,
    tabId,
  );
}

/** Polls the summary until it is ready and has not changed for `stableMs`. */
export async function readySummary(browser: ExtensionBrowser, page: Page, { timeoutMs = 15_000, stableMs = 300 } = {}): Promise<PageSummary> {
  const tabId = await tabIdOf(browser, page);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let lastChange = Date.now();
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const summary = await requestSummary(browser, tabId);
      const text = JSON.stringify(summary);
      if (text !== last) {
        last = text;
        lastChange = Date.now();
      } else if (summary.status === 'ready' && Date.now() - lastChange >= stableMs) {
        return summary;
      }
    } catch (error) {
      lastError = error; // the content script may not have started yet
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`no ready summary for ${page.url()} within ${timeoutMs} ms; last answer: ${last || String(lastError)}`);
}

/** Counts per entity id, from a summary. */
export function countsOf(summary: PageSummary): Record<string, number> {
  return Object.fromEntries(summary.mentions.map((m) => [m.id, m.count]));
}

/**
 * Installed before any page script: counts every DOM mutation outside `<backstory-ui>`, and how many hosts were
 * added, so a test can prove the extension changed nothing else. Fixture pages have no scripts of their own, so
 * every such mutation is the extension's.
 */
export const MUTATION_RECORDER = `(() => {
  const state = { foreign: [], hostsAdded: 0 };
  window.__backstoryMutations = state;
  // From DOMContentLoaded on: before it, the parser is still building the page (the content script runs later).
  document.addEventListener('DOMContentLoaded', () => {
  const inHost = (n) => { for (let x = n; x; x = x.parentNode) if (x.nodeName === 'BACKSTORY-UI') return true; return false; };
  new MutationObserver((records) => {
    for (const r of records) {
      if (inHost(r.target)) continue;
      if (r.type === 'childList') {
        for (const n of r.addedNodes) n.nodeName === 'BACKSTORY-UI' ? state.hostsAdded++ : state.foreign.push('+' + n.nodeName + ' in ' + r.target.nodeName);
        for (const n of r.removedNodes) if (n.nodeName !== 'BACKSTORY-UI') state.foreign.push('-' + n.nodeName + ' from ' + r.target.nodeName);
      } else state.foreign.push(r.type + ' on ' + (r.target.nodeName || '?'));
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  }, { once: true });
})();`;

export async function readMutations(page: Page): Promise<{ foreign: string[]; hostsAdded: number }> {
  return page.evaluate(() => (window as unknown as { __backstoryMutations: { foreign: string[]; hostsAdded: number } }).__backstoryMutations);
}

/** Rectangles of the first occurrence of `text` in the page's visible text (main world, read-only). */
export async function rectOfText(page: Page, text: string, occurrence = 0): Promise<{ x: number; y: number; width: number; height: number }> {
  const rect = await page.evaluate(
    ({ text, occurrence }) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const data = (node as Text).data;
        let at = data.indexOf(text);
        while (at >= 0) {
          if (seen++ === occurrence) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + text.length);
            range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
            const r = range.getClientRects()[0];
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          }
          at = data.indexOf(text, at + 1);
        }
      }
      return null;
    },
    { text, occurrence },
  );
  if (!rect) throw new Error(`"${text}" not found on ${page.url()}`);
  return rect;
}

/** Polls `read` until `ok` holds, and fails with the last value read if it never does. */
export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 40));
    value = await read();
  }
  if (!ok(value)) throw new Error(`condition not met; last value ${JSON.stringify(value)}`);
  return value;
}
