/**
 * Pages that do not sit still, and pages that fight back: a live blog that appends updates, a framework-style page
 * that re-renders its text, a single-page app that swaps its article, hostile CSS and geometry, right-to-left text,
 * huge and deep DOMs, a page that replaces its <body>, a page whose own MutationObserver throws, a page that listens
 * to every message and impersonates our script, a page with a strict Content Security Policy, a page that stops its
 * pointer, click and key events from propagating, an article that scrolls inside its own container, an embed that
 * renders its text after loading, an article cut short behind "Continue reading", a newsletter dialog that hides the
 * page from screen readers, a drop cap, web components with slots, a
 * fullscreen reader, and the network across all of them.
 * Fixtures: tests/fixtures/dynamic/ (synthetic pages with scripts).
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { chromium, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PageSummary } from '../../src/messaging/messages';
import { OFFLINE_ARGS, serveDirectory } from '../../scripts/lib/chromium';
import { CARD_CLOSE_GRACE_MS, CARD_OPEN_DELAY_MS, READ_AHEAD_CHARS, RESCAN_DEBOUNCE_MS, RESCAN_MAX_WAIT_MS, TINT_LONG_PAGES_FROM_CHARS } from '../../src/timing';
import {
  MUTATION_RECORDER,
  countsOf,
  launchWithExtension,
  readMutations,
  readySummary,
  requestSummary,
  tabIdOf,
  type ExtensionBrowser,
  type FixtureServer,
} from './harness';

const DYNAMIC_DIR = resolve(import.meta.dirname, '../fixtures/dynamic');

/** Longest a page's changes may take to reach the summary: a burst's max wait, the quiet time, and a scan. */
const SETTLE_MS = RESCAN_MAX_WAIT_MS + RESCAN_DEBOUNCE_MS + 3000;

let browser: ExtensionBrowser;
let server: FixtureServer;

/** Every request the extension's browser made, as seen when it was issued. */
interface SeenRequest {
  url: string;
  resourceType: string;
  navigation: boolean;
  frameUrl: string | null;
  serviceWorkerUrl: string | null;
}
const requests: SeenRequest[] = [];
/** Resource Timing entries of every fixture page, read just before the page closed. */
const pageResources: { page: string; resources: string[] }[] = [];

function describeRequest(request: Request): SeenRequest {
  let frameUrl: string | null = null;
  try {
    frameUrl = request.frame().url();
  } catch {
    // Requests of a service worker have no frame.
  }
  return {
    url: request.url(),
    resourceType: request.resourceType(),
    navigation: (() => {
      try {
        return request.isNavigationRequest();
      } catch {
        return false;
      }
    })(),
    frameUrl,
    serviceWorkerUrl: request.serviceWorker()?.url() ?? null,
  };
}

beforeAll(async () => {
  browser = await launchWithExtension({ chromiumPath: inject('chromiumPath'), extensionDir: inject('extensionDir') });
  browser.context.on('request', (request) => requests.push(describeRequest(request)));
  await browser.context.addInitScript({ content: MUTATION_RECORDER });
  server = await serveDirectory(DYNAMIC_DIR);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Opened {
  page: Page;
  /** Uncaught page errors and console errors, in the order they happened. */
  errors: string[];
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

async function open(file: string): Promise<Opened> {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url(file));
  return { page, errors };
}

/** Opens a fixture with the main thread measured from before navigation (see `measureMainThread`). */
async function openProfiled(file: string): Promise<Opened & { stopProfile: (url: string) => Promise<MainThreadFigures> }> {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  const stopProfile = await measureMainThread(page);
  await page.goto(server.url(file));
  return { page, errors, stopProfile };
}

async function close(page: Page): Promise<void> {
  const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)).catch(() => ['<unreadable>']);
  pageResources.push({ page: page.url(), resources });
  await page.close();
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  if (!ok(value)) throw new Error(`${what} not met within ${timeoutMs} ms; last value ${JSON.stringify(value)?.slice(0, 2000)}`);
  return value;
}

/** Waits for a ready summary that satisfies `ok`, then for it to be stable, and checks it still does. */
async function summaryWhere(page: Page, ok: (s: PageSummary) => boolean, timeoutMs = SETTLE_MS): Promise<PageSummary> {
  const tabId = await tabIdOf(browser, page);
  await until(
    () => requestSummary(browser, tabId).catch(() => null),
    (s) => !!s && s.status === 'ready' && ok(s),
    timeoutMs,
    'summary',
  );
  const stable = await readySummary(browser, page, { timeoutMs });
  expect(ok(stable), `stable summary still matches: ${JSON.stringify(stable)}`).toBe(true);
  return stable;
}

const ids = (summary: PageSummary) => summary.mentions.map((m) => m.id);

/** How many ranges each mention style has registered, and how much text the page holds. */
const mentionStyles = (page: Page) =>
  page.evaluate(() => ({
    underlined: CSS.highlights.get('backstory-mention')?.size ?? 0,
    tinted: CSS.highlights.get('backstory-mention-tint')?.size ?? 0,
    chars: document.body.textContent!.length,
  }));

/**
 * Finds occurrence `occurrence` of `text` inside one text node, brings it near the middle of the viewport (the
 * painter only paints text near the viewport), waits for painting, and says where it is and whether exactly
 * that range is registered as a mention (underlined, or tinted on a very long page).
 */
async function showText(page: Page, text: string, occurrence = 0): Promise<{ rect: { x: number; y: number; width: number; height: number }; painted: boolean }> {
  const step = (mode: 'scroll' | 'measure') =>
    page.evaluate(
      ({ text, occurrence, mode }) => {
        // The page's text, not the source of its scripts (fixtures that write their paragraphs hold the names there).
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
          acceptNode: (n) => (n.parentElement?.closest('script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
        });
        let seen = 0;
        let range: Range | null = null;
        for (let node = walker.nextNode(); node && !range; node = walker.nextNode()) {
          const data = (node as Text).data;
          for (let at = data.indexOf(text); at >= 0; at = data.indexOf(text, at + 1)) {
            if (seen++ !== occurrence) continue;
            range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + text.length);
            break;
          }
        }
        if (!range) return null;
        const inView = (r: DOMRect) => r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
        if (mode === 'scroll') {
          (range.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
          const r = range.getBoundingClientRect();
          // A paragraph taller than the viewport: centre the words themselves.
          if (!inView(r)) window.scrollBy(0, r.top - innerHeight / 2);
          return null;
        }
        const rect = range.getClientRects()[0];
        const highlight = CSS.highlights.get('backstory-mention') ?? CSS.highlights.get('backstory-mention-tint');
        const painted = !!highlight && [...highlight].some((h) => {
          const r = h as Range;
          return r.startContainer === range.startContainer && r.startOffset === range.startOffset && r.endContainer === range.endContainer && r.endOffset === range.endOffset;
        });
        return { rect: { x: rect.x, y: rect.y, width: rect.width, height: rect.height }, painted, inView: inView(rect) };
      },
      { text, occurrence, mode },
    );
  await step('scroll');
  let found: Awaited<ReturnType<typeof step>> = null;
  // Painting follows an IntersectionObserver callback and an animation frame.
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(100);
    found = await step('measure');
    if (!found) throw new Error(`"${text}" (#${occurrence}) not found on ${page.url()}`);
    if (found.painted) break;
  }
  if (!found!.inView) throw new Error(`"${text}" could not be brought into view on ${page.url()}: ${JSON.stringify(found)}`);
  return found!;
}

interface CardState {
  name: string | null;
  zIndex: string;
  visibility: string;
  display: string;
  opacity: string;
  hostDisplay: string;
  hostParent: string;
  rect: { x: number; y: number; width: number; height: number };
  viewport: { width: number; height: number };
}

/** The open card, with what decides whether a reader can see it; null when no card is shown. */
async function cardState(page: Page): Promise<CardState | null> {
  return page.evaluate(() => {
    const host = document.querySelector('backstory-ui');
    const tooltip = host?.shadowRoot?.querySelector<HTMLElement>('.tooltip');
    if (!host || !tooltip || tooltip.hidden) return null;
    const style = getComputedStyle(tooltip);
    const r = tooltip.getBoundingClientRect();
    return {
      name: tooltip.querySelector('.name')?.textContent ?? null,
      zIndex: style.zIndex,
      visibility: style.visibility,
      display: style.display,
      opacity: style.opacity,
      hostDisplay: getComputedStyle(host).display,
      hostParent: host.parentElement ? host.parentElement.id || host.parentElement.tagName : '(none)',
      rect: { x: r.x, y: r.y, width: r.width, height: r.height },
      viewport: { width: innerWidth, height: innerHeight },
    };
  });
}

async function waitForCard(page: Page, name: string, timeoutMs = 3000): Promise<CardState> {
  const deadline = Date.now() + timeoutMs;
  let state: CardState | null = null;
  while (Date.now() < deadline) {
    state = await cardState(page);
    if (state?.name === name) return state;
    await page.waitForTimeout(50);
  }
  throw new Error(`card shows ${JSON.stringify(state)}, expected "${name}"`);
}

/**
 * The colour of one screen pixel. A 1×1 PNG has no row above and no pixel to its left, so every PNG filter
 * predicts zero there and the first inflated bytes after the filter byte are the pixel itself.
 */
async function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 } });
  let offset = 8;
  let colorType = -1;
  let bitDepth = -1;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const chunk = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      bitDepth = chunk[8];
      colorType = chunk[9];
    } else if (type === 'IDAT') data.push(chunk);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (bitDepth !== 8 || (colorType !== 2 && colorType !== 6)) throw new Error(`unexpected PNG format: depth ${bitDepth}, colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(data));
  return [raw[1], raw[2], raw[3]];
}

/**
 * Hovers `text` and checks that the card for `cardName` opens and that a reader can see it: displayed, visible,
 * opaque, on screen, with the top z-index, and its own white background actually on the screen at a point of its
 * left padding (a page layer painted over it would tint that pixel).
 */
async function hoverAndSeeCard(page: Page, text: string, cardName: string, occurrence = 0): Promise<CardState> {
  // Close any card left open (it could cover the next mention) before moving on. Only then: Esc would also leave
  // fullscreen.
  await page.mouse.move(1, 1);
  if (await cardState(page)) await page.keyboard.press('Escape');
  const { rect, painted } = await showText(page, text, occurrence);
  expect(painted, `"${text}" is painted once in view`).toBe(true);
  await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
  const card = await waitForCard(page, cardName, CARD_OPEN_DELAY_MS + 3000);
  expect(card).toMatchObject({ zIndex: '2147483647', visibility: 'visible', opacity: '1' });
  expect(card.display).not.toBe('none');
  expect(card.hostDisplay).not.toBe('none');
  expect(card.rect.width).toBeGreaterThan(100);
  expect(card.rect.height).toBeGreaterThan(40);
  const cx = card.rect.x + card.rect.width / 2;
  const cy = card.rect.y + card.rect.height / 2;
  expect(cx > 0 && cx < card.viewport.width && cy > 0 && cy < card.viewport.height, `card centre on screen: ${JSON.stringify(card)}`).toBe(true);
  const [r, g, b] = await pixelAt(page, card.rect.x + 6, card.rect.y + card.rect.height / 2);
  expect({ r, g, b, onTop: r > 235 && g > 235 && b > 235 }).toMatchObject({ onTop: true });
  return card;
}

interface MainThreadFigures {
  /** The task on the page's main thread in which the extension's JavaScript ran longest: its length, and our share. */
  heaviestTaskMs: number;
  oursInHeaviestTaskMs: number;
  /** All the extension's JavaScript on the page's main thread while measured. */
  oursTotalMs: number;
}

/**
 * Measures the page's main thread from before navigation: a trace gives the tasks (top-level slices of the renderer
 * main thread that parsed the page), a CPU profile on the same clock says which samples ran the extension's code (a
 * chrome-extension:// frame on the stack; content scripts share the page's thread, in their own world). A page's
 * PerformanceObserver cannot tell whose a long task is; this can.
 */
async function measureMainThread(page: Page): Promise<(url: string) => Promise<MainThreadFigures>> {
  const cdp = await browser.context.newCDPSession(page);
  const events: { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { beginData?: { url?: string } } }[] = [];
  cdp.on('Tracing.dataCollected', (data) => {
    for (const event of data.value as unknown as typeof events) events.push(event);
  });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline', transferMode: 'ReportEvents' });
  return async (url) => {
    const { profile } = await cdp.send('Profiler.stop');
    const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
    // Samples whose stack holds our code, as times on the trace clock.
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const ours = new Set<number>();
    for (const node of profile.nodes) {
      for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
        if (byId.get(id)!.callFrame.url.startsWith('chrome-extension://')) {
          ours.add(node.id);
          break;
        }
      }
    }
    const samples: { at: number; ms: number }[] = [];
    const deltas = profile.timeDeltas ?? [];
    let at = profile.startTime;
    (profile.samples ?? []).forEach((id, i) => {
      at += deltas[i] ?? 0;
      if (ours.has(id)) samples.push({ at, ms: (deltas[i + 1] ?? 0) / 1000 });
    });
    // The page's main thread is the one that parsed it; its tasks are the slices no other slice contains.
    const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === url);
    expect(parse, 'the trace shows the page being parsed').toBeDefined();
    const slices = events.filter((e) => e.pid === parse!.pid && e.tid === parse!.tid && e.ph === 'X' && (e.dur ?? 0) > 0).sort((a, b) => a.ts - b.ts);
    const tasks: { ts: number; end: number; ours: number }[] = [];
    for (const slice of slices) {
      const last = tasks[tasks.length - 1];
      if (!last || slice.ts >= last.end) tasks.push({ ts: slice.ts, end: slice.ts + slice.dur!, ours: 0 });
    }
    let k = 0;
    for (const sample of samples) {
      while (k < tasks.length && tasks[k].end < sample.at) k++;
      if (k < tasks.length && tasks[k].ts <= sample.at) tasks[k].ours += sample.ms;
    }
    const heaviest = tasks.reduce<(typeof tasks)[number] | null>((best, t) => (t.ours > (best?.ours ?? 0) ? t : best), null);
    return {
      heaviestTaskMs: Math.round(heaviest ? (heaviest.end - heaviest.ts) / 1000 : 0),
      oursInHeaviestTaskMs: Math.round(heaviest?.ours ?? 0),
      oursTotalMs: Math.round(samples.reduce((n, s) => n + s.ms, 0)),
    };
  };
}

/** What the page's own PerformanceObserver('longtask') saw, next to what the trace attributes to us. */
async function responsiveness(page: Page, stop: (url: string) => Promise<MainThreadFigures>): Promise<string> {
  const observed = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] | null }).__longTasks);
  expect(observed, 'PerformanceObserver supports longtask').not.toBeNull();
  const figures = await stop(page.url());
  // The scan ran while measured: the profile saw our code (or the figures would mean nothing).
  expect(figures.oursTotalMs, 'the CPU profile covers the extension\'s scan').toBeGreaterThan(0);
  return (
    `page's PerformanceObserver('longtask'): longest ${Math.max(0, ...observed!.map((t) => t.duration))} ms (${observed!.length} entries, not attributed); ` +
    `trace + CPU profile: the extension's heaviest task ${figures.heaviestTaskMs} ms long (${figures.oursInHeaviestTaskMs} ms of it extension JS), extension JS ${figures.oursTotalMs} ms in all`
  );
}

/** Every range registered in our highlights, with what it covers now. */
async function highlightRanges(page: Page): Promise<{ text: string; connected: boolean; collapsed: boolean }[]> {
  return page.evaluate(() =>
    ['backstory-mention', 'backstory-mention-tint', 'backstory-active'].flatMap((name) =>
      [...(CSS.highlights.get(name) ?? [])].map((r) => {
        const range = r as Range;
        return { text: range.toString(), connected: range.startContainer.isConnected && range.endContainer.isConnected, collapsed: range.collapsed };
      }),
    ),
  );
}

/** No painted range sits on removed or replaced text: each is attached and covers a surface the summary lists. */
async function expectRangesMatch(page: Page, summary: PageSummary): Promise<void> {
  const surfaces = new Set(summary.mentions.flatMap((m) => m.surfaces));
  const ranges = await highlightRanges(page);
  expect(ranges.length).toBeGreaterThan(0);
  for (const range of ranges) expect({ ...range, known: surfaces.has(range.text) }).toEqual({ text: range.text, connected: true, collapsed: false, known: true });
}

/** The page's visible text contains every surface the summary lists (the summary follows the current text). */
async function expectSurfacesOnPage(page: Page, summary: PageSummary): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  for (const surface of summary.mentions.flatMap((m) => m.surfaces)) expect(text).toContain(surface);
}

// ------------------------------------------------------------------------------------------------------------------

/**
 * DOM nodes and event listeners alive in the page's renderer after full garbage collections (twice: one freed object
 * may hold the last reference to another). Anything Backstory kept of a page's past would show here.
 */
async function liveCounts(page: Page): Promise<{ nodes: number; jsEventListeners: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  await cdp.detach();
  return { nodes, jsEventListeners };
}

type LiveCounts = Awaited<ReturnType<typeof liveCounts>>;

/** Fewer than `nodeSlack` more DOM nodes alive than before, and no more event listeners. */
function expectNothingKept(before: LiveCounts, after: LiveCounts, nodeSlack: number): void {
  expect(after.nodes - before.nodes).toBeLessThan(nodeSlack);
  expect(after.jsEventListeners).toBeLessThanOrEqual(before.jsEventListeners);
}

describe('a live blog', () => {
  const INITIAL = {
    '2025-pahalgam-attack': 2,
    'cabinet-committee-on-security': 1,
    'new-delhi': 1,
    'indus-waters-treaty': 1,
    'held-in-abeyance': 1,
  };
  const FINAL = {
    ...INITIAL,
    '2025-pahalgam-attack': 3,
    'new-delhi': 2,
    'national-security-committee-pakistan': 1,
    islamabad: 1,
    'shehbaz-sharif': 2,
    wagah: 1,
    'saarc-visa-exemption-scheme': 1,
    'ministry-of-external-affairs-india': 1,
    'line-of-control': 1,
  };

  /**
   * The page mutates its own DOM, so "no foreign mutation" cannot mean "no mutation". The same page, driven the
   * same way, is run in a plain Chromium without the extension (a separate browser: the extension's persistent
   * context has no browser object to open a clean context from), with the same recorder. The page's changes are
   * deterministic (five list items, five counter rewrites), so with the extension the recorder must see exactly
   * the same multiset of records: anything more is ours.
   */
  async function baselineMutations(): Promise<string[]> {
    const plain = await chromium.launch({ executablePath: inject('chromiumPath'), args: OFFLINE_ARGS, headless: true });
    try {
      const context = await plain.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript({ content: MUTATION_RECORDER });
      const page = await context.newPage();
      await page.goto(server.url('live-blog.html'));
      await page.evaluate(() => (window as unknown as { startLiveUpdates(): void }).startLiveUpdates());
      await page.waitForFunction(() => (window as unknown as { __live: { done: boolean } }).__live.done);
      await page.waitForTimeout(100);
      return (await readMutations(page)).foreign;
    } finally {
      await plain.close();
    }
  }

  it('counts and paints each update as it arrives, reads only the update, and adds no DOM change of its own', async () => {
    const baseline = await baselineMutations();
    expect(baseline.filter((m) => m === '+LI in OL')).toHaveLength(5);

    const { page, errors } = await open('live-blog.html');
    const before = await readySummary(browser, page);
    expect(countsOf(before)).toEqual(INITIAL);
    const tabId = await tabIdOf(browser, page);
    const badge = () => browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    await until(badge, (text) => text === String(Object.keys(INITIAL).length), 5000, 'the badge counting the first entities');

    // The first update's painted ranges, kept in the page's world to be compared by identity: each new update is read
    // alone, so the list it joins is not read again, and the first update keeps its ranges (reading it again would
    // make new ones).
    type Kept = { __firstUpdate: Range[] };
    const kept = await page.evaluate(() => {
      const first = document.querySelector('#updates li')!;
      const ranges = [...(CSS.highlights.get('backstory-mention') ?? [])].filter((r) => first.contains((r as Range).startContainer)) as Range[];
      (window as unknown as Kept).__firstUpdate = ranges;
      return ranges.length;
    });
    expect(kept).toBe(4);

    await page.evaluate(() => (window as unknown as { startLiveUpdates(): void }).startLiveUpdates());
    // The last update names the Line of Control: once it is counted, every update has been read.
    const after = await summaryWhere(page, (s) => (countsOf(s)['line-of-control'] ?? 0) > 0);
    const stillPainted = await page.evaluate(() => {
      const now = new Set(CSS.highlights.get('backstory-mention') ?? []);
      return (window as unknown as Kept).__firstUpdate.every((range) => now.has(range));
    });
    expect(stillPainted).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __live: { done: boolean } }).__live.done)).toBe(true);
    expect(countsOf(after)).toEqual(FINAL);
    // In order of first appearance: the new entities come after the old ones, in the order the updates arrived.
    expect(ids(after)).toEqual(Object.keys(FINAL));
    // The badge follows the updates too: each rescan that changes what the page mentions tells the background.
    await until(badge, (text) => text === String(Object.keys(FINAL).length), 5000, 'the badge counting every entity');

    for (const text of ['Shehbaz Sharif', 'Wagah', 'SAARC Visa Exemption Scheme', 'Ministry of External Affairs', 'Line of Control']) {
      expect({ text, painted: (await showText(page, text)).painted }).toEqual({ text, painted: true });
    }
    await expectRangesMatch(page, after);

    const mutations = await readMutations(page);
    expect(mutations.hostsAdded).toBe(0);
    expect([...mutations.foreign].sort()).toEqual([...baseline].sort());
    expect(errors).toEqual([]);
    await close(page);
  });

  it('keeps a pinned card open while a timestamp ticks in the same paragraph as its mention', async () => {
    const { page, errors } = await open('ticking-time.html');
    try {
      await readySummary(browser, page);
      const { rect } = await showText(page, 'Shehbaz Sharif');
      await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
      await waitForCard(page, 'Shehbaz Sharif');
      await page.mouse.move(1, 1);
      const ticksBefore = await page.evaluate(() => (window as unknown as { __ticks: number }).__ticks);
      // Long enough for several rescans of the paragraph (each after a burst's quiet time, or its longest wait).
      await page.waitForTimeout(RESCAN_MAX_WAIT_MS + RESCAN_DEBOUNCE_MS + 1000);
      expect(await page.evaluate(() => (window as unknown as { __ticks: number }).__ticks)).toBeGreaterThan(ticksBefore + 5);
      expect((await cardState(page))?.name).toBe('Shehbaz Sharif');
      // The name is still painted, and still one mention.
      expect((await showText(page, 'Shehbaz Sharif')).painted).toBe(true);
      expect(countsOf(await readySummary(browser, page))).toEqual({ 'shehbaz-sharif': 1, 's-jaishankar': 1 });
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });

  /**
   * Live blogs often keep the update in view in the address (`#update-3`) as the reader scrolls. A new address seen
   * with a change to the page is how a single-page app's navigation is noticed; a new fragment is not one (it names
   * a place in the same page), so the pinned card stays and only the updates are read.
   */
  it('keeps a pinned card open while the address follows the reader (#fragment) and updates arrive', async () => {
    const { page, errors } = await open('live-blog.html');
    try {
      await readySummary(browser, page);
      const { rect } = await showText(page, 'Cabinet Committee on Security');
      await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
      await waitForCard(page, 'Cabinet Committee on Security');
      await page.evaluate(() => {
        history.replaceState(null, '', '#update-2');
        (window as unknown as { startLiveUpdates(): void }).startLiveUpdates();
      });
      const after = await summaryWhere(page, (s) => (countsOf(s)['line-of-control'] ?? 0) > 0);
      expect(countsOf(after)).toEqual(FINAL);
      expect((await cardState(page))?.name).toBe('Cabinet Committee on Security');
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });
});

describe('a page that re-renders its text', () => {
  type Rerender = { rerender: { flip(n: number): Promise<number>; version: number } };

  it('follows the current text and leaves no highlight on replaced or removed text', async () => {
    const { page, errors } = await open('rerender.html');
    const first = await readySummary(browser, page);
    expect(countsOf(first)).toEqual({ 'marco-rubio': 1, '2025-pahalgam-attack': 1, 'ishaq-dar': 1 });
    await expectRangesMatch(page, first);

    // Five re-renders 400 ms apart (as long as the rescan's quiet time): the lede ends on the Tammy Bruce version.
    expect(await page.evaluate(() => (window as unknown as Rerender).rerender.flip(5))).toBe(1);
    const second = await summaryWhere(page, (s) => ids(s).includes('tammy-bruce') && !ids(s).includes('marco-rubio'));
    expect(countsOf(second)).toEqual({ 'tammy-bruce': 1, '2025-pahalgam-attack': 1, 'ishaq-dar': 1 });
    await expectSurfacesOnPage(page, second);
    expect((await showText(page, 'Tammy Bruce')).painted).toBe(true);
    await expectRangesMatch(page, second);

    // Five more: the sixth re-render also unmounts the paragraph naming Ishaq Dar; the lede ends on Marco Rubio.
    expect(await page.evaluate(() => (window as unknown as Rerender).rerender.flip(5))).toBe(0);
    expect(await page.evaluate(() => document.getElementById('doomed'))).toBeNull();
    const third = await summaryWhere(page, (s) => ids(s).includes('marco-rubio') && !ids(s).includes('tammy-bruce') && !ids(s).includes('ishaq-dar'));
    expect(countsOf(third)).toEqual({ 'marco-rubio': 1, '2025-pahalgam-attack': 1 });
    await expectSurfacesOnPage(page, third);
    expect((await showText(page, 'Marco Rubio')).painted).toBe(true);
    await expectRangesMatch(page, third);
    expect((await highlightRanges(page)).map((r) => r.text).sort()).toEqual(['Marco Rubio', 'Pahalgam attack']);

    // The card still opens on the re-rendered text.
    await hoverAndSeeCard(page, 'Marco Rubio', 'Marco Rubio');
    expect(errors).toEqual([]);
    await close(page);
  });
});

describe('a page left open that keeps rebuilding its story', () => {
  type Churn = { churn: { run(n: number, ms: number): Promise<number>; nodesPerRender: number } };

  it('keeps no node of the old renders alive, and its highlights on the current one', async () => {
    const { page, errors } = await open('churn.html');
    const first = await readySummary(browser, page);
    expect(ids(first)).toEqual(expect.arrayContaining(['marco-rubio', 'shehbaz-sharif', '2025-pahalgam-attack']));
    /** Rebuilds the story `n` times, `ms` apart, then lets Backstory read the last one. */
    const churn = async (n: number, ms: number) => {
      await page.evaluate(([n, ms]) => (window as unknown as Churn).churn.run(n, ms), [n, ms]);
      await page.waitForTimeout(RESCAN_DEBOUNCE_MS + 1500);
      const summary = await readySummary(browser, page);
      expect(countsOf(summary)).toEqual(countsOf(first));
      await expectRangesMatch(page, summary);
    };
    await churn(5, 100);
    const before = await liveCounts(page);
    // Faster than the rescan's quiet time (read at most every RESCAN_MAX_WAIT_MS), then slower (every render read).
    await churn(30, 100);
    await churn(10, RESCAN_DEBOUNCE_MS + 200);
    const after = await liveCounts(page);
    const perRender = await page.evaluate(() => (window as unknown as Churn).churn.nodesPerRender);
    // Keeping each render read would keep about 13 × perRender nodes alive; keeping even one old render, perRender.
    expectNothingKept(before, after, perRender);
    expect(errors).toEqual([]);
    await close(page);
  });
});

describe('a reader who keeps reading', () => {
  it('leaves nothing behind as cards open and close and Backstory goes off and on', async () => {
    const { page, errors } = await open('churn.html');
    await readySummary(browser, page);
    const tabId = await tabIdOf(browser, page);
    const setEnabled = (on: boolean) =>
      browser.worker.evaluate((on) => (on ? chrome.storage.sync.remove('settings') : chrome.storage.sync.set({ settings: { enabled: false } })), on);
    /** Two cards, the pointer wandering over the page, then Backstory off and on again. */
    const read = async () => {
      for (const name of ['Marco Rubio', 'Shehbaz Sharif']) {
        await hoverAndSeeCard(page, name, name);
        for (let step = 0; step < 20; step++) await page.mouse.move(40 + step * 25, 120 + (step % 5) * 30);
        await page.keyboard.press('Escape');
      }
      await setEnabled(false);
      await until(() => requestSummary(browser, tabId), (s) => s.status === 'disabled', 5000, 'Backstory off');
      await setEnabled(true);
      await readySummary(browser, page);
    };
    try {
      await read();
      const before = await liveCounts(page);
      for (let round = 0; round < 4; round++) await read();
      const after = await liveCounts(page);
      // Nothing per round (a few nodes of slack for the browser's own bookkeeping).
      expectNothingKept(before, after, 10);
    } finally {
      await setEnabled(true);
    }
    expect(errors).toEqual([]);
    await close(page);
  });
});

describe('a web component that re-renders inside its open shadow root', () => {
  type Rerender = { rerender: { flip(n: number): Promise<number> } };

  it('is read at load (the precondition of the next test)', async () => {
    const { page, errors } = await open('rerender-shadow.html');
    try {
      const summary = await readySummary(browser, page);
      expect(countsOf(summary)).toEqual({ 'marco-rubio': 1, '2025-pahalgam-attack': 1 });
      expect((await highlightRanges(page)).map((r) => r.text).sort()).toEqual(['Marco Rubio', 'Pahalgam attack']);
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });

  /*
   * Mutation observers do not see into shadow trees: a component that re-renders text inside its open shadow root
   * (Lit, Stencil, most design-system web components) is only followed because the content script also observes
   * every shadow root whose text it read.
   */
  it('follows a re-render inside the shadow root, and leaves no highlight on the replaced text', async () => {
    const { page, errors } = await open('rerender-shadow.html');
    try {
      const first = await readySummary(browser, page);
      expect(ids(first)).toContain('marco-rubio');
      expect(await page.evaluate(() => (window as unknown as Rerender).rerender.flip(1))).toBe(1);
      const second = await summaryWhere(page, (s) => ids(s).includes('tammy-bruce') && !ids(s).includes('marco-rubio'), 4000);
      expect(countsOf(second)).toEqual({ 'tammy-bruce': 1, '2025-pahalgam-attack': 1 });
      await expectRangesMatch(page, second);
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });
});

describe('a single-page app', () => {
  it('reads the new article, and only it, after a pushState swap, and the first again after going back', async () => {
    const { page, errors } = await open('spa.html');
    const first = await readySummary(browser, page);
    expect(first.url).toBe(server.url('spa.html'));
    expect(countsOf(first)).toEqual({ 'asim-munir': 1, 'pakistan-army': 1, rawalpindi: 1 });

    await page.click('#next');
    expect(page.url()).toBe(server.url('spa-story-2'));
    const second = await summaryWhere(page, (s) => s.url === server.url('spa-story-2') && ids(s).includes('vikram-misri'));
    expect(second.url).toBe(server.url('spa-story-2'));
    expect(second.title).toBe('The ceasefire announcement | Northgate Wire');
    expect(countsOf(second)).toEqual({ 'vikram-misri': 1, 'integrated-check-post-attari': 1, amritsar: 1 });
    expect((await showText(page, 'Vikram Misri')).painted).toBe(true);
    await expectRangesMatch(page, second);
    await hoverAndSeeCard(page, 'Vikram Misri', 'Vikram Misri');

    await page.evaluate(() => history.back());
    const third = await summaryWhere(page, (s) => s.url === server.url('spa.html') && ids(s).includes('asim-munir'));
    expect(countsOf(third)).toEqual(countsOf(first));
    await expectRangesMatch(page, third);
    expect(errors).toEqual([]);
    await close(page);
  });

  it('keeps nothing of the stories it left, over eight round trips', async () => {
    const { page, errors } = await open('spa.html');
    const first = await readySummary(browser, page);
    const roundTrip = async () => {
      await page.click('#next');
      await summaryWhere(page, (s) => s.url === server.url('spa-story-2') && ids(s).includes('vikram-misri'));
      await page.evaluate(() => history.back());
      const back = await summaryWhere(page, (s) => s.url === server.url('spa.html') && ids(s).includes('asim-munir'));
      expect(countsOf(back)).toEqual(countsOf(first));
    };
    await roundTrip();
    const before = await liveCounts(page);
    for (let trip = 0; trip < 7; trip++) await roundTrip();
    const after = await liveCounts(page);
    // Each story is a new <main>: keeping the readings of those left behind kept 84 more nodes over seven trips.
    expectNothingKept(before, after, 10);
    expect(errors).toEqual([]);
    await close(page);
  });
});

describe('a single-page app navigating on its own', () => {
  it('closes a pinned card and reads the page from scratch when the address changes with the content', async () => {
    const { page, errors } = await open('spa.html');
    await readySummary(browser, page);
    const { rect } = await showText(page, 'Asim Munir');
    await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
    await waitForCard(page, 'Asim Munir');
    // The app navigates by itself (no click of ours that could close the card): pushState, then new content.
    await page.evaluate(() => {
      history.pushState({ story: 2 }, '', 'spa-story-2');
      dispatchEvent(new PopStateEvent('popstate', { state: { story: 2 } }));
    });
    const second = await summaryWhere(page, (s) => s.url === server.url('spa-story-2') && ids(s).includes('vikram-misri'));
    expect(countsOf(second)).toEqual({ 'vikram-misri': 1, 'integrated-check-post-attari': 1, amritsar: 1 });
    expect(await cardState(page)).toBeNull();
    // An address change alone (no new content) leaves the page as read.
    await page.evaluate(() => history.replaceState({ story: 2 }, '', 'spa-story-2?utm=1'));
    await page.waitForTimeout(SETTLE_MS / 2);
    expect(countsOf(await readySummary(browser, page))).toEqual(countsOf(second));
    expect(errors).toEqual([]);
    await close(page);
  });
});

describe('a long page', () => {
  it('paints the mentions near the viewport wherever the reader scrolls, never the whole page, and each on the way', async () => {
    const { page, errors } = await open('long-report.html');
    expect(await page.evaluate(() => (window as unknown as { __generated: object }).__generated)).toEqual({ paragraphs: 616, rubio: 600, dar: 216 });
    const summary = await readySummary(browser, page);
    expect(countsOf(summary)).toEqual({ 'marco-rubio': 600, 'ishaq-dar': 216 });
    // Long, but not so long that the reader's underline gives way to a tint (see (d) and (f) below).
    expect((await mentionStyles(page)).chars).toBeLessThan(TINT_LONG_PAGES_FROM_CHARS);
    const { viewport, height } = await page.evaluate(() => ({ viewport: innerHeight, height: document.documentElement.scrollHeight }));
    expect(height).toBeGreaterThan(30 * viewport);
    const seen = new Set<string>();
    let most = 0;
    for (let y = 0; y < height; y += viewport) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      // Painting follows an IntersectionObserver callback and an animation frame.
      let state = { painted: [] as { key: string; top: number }[], visible: [] as string[] };
      for (let i = 0; i < 20; i++) {
        await page.waitForTimeout(50);
        state = await page.evaluate(() => {
          const painted = [...(CSS.highlights.get('backstory-mention') ?? [])].map((r) => {
            const range = r as Range;
            return { key: `${range.startContainer.parentElement!.dataset.hour}:${range.toString()}`, top: range.getBoundingClientRect().top };
          });
          // What a reader sees now: every name in a paragraph on screen.
          const visible = [...document.querySelectorAll<HTMLElement>('p[data-hour]')]
            .filter((p) => p.getBoundingClientRect().bottom > 0 && p.getBoundingClientRect().top < innerHeight)
            .flatMap((p) => ['Marco Rubio', 'Ishaq Dar'].filter((name) => p.textContent!.includes(name)).map((name) => `${p.dataset.hour}:${name}`));
          return { painted, visible };
        });
        const keys = new Set(state.painted.map((p) => p.key));
        if (state.visible.every((k) => keys.has(k))) break;
      }
      const keys = new Set(state.painted.map((p) => p.key));
      expect(state.visible.filter((k) => !keys.has(k)), `unpainted on screen at scroll ${y}`).toEqual([]);
      // Painted: what is on screen and near it (a viewport's margin, and the rest of a run of paragraphs), nothing far.
      // A run of the tall paragraphs at the end is painted whole, so it reaches further.
      for (const { key, top } of state.painted) {
        if (Number(key.split(':')[0]) <= 600) expect(Math.abs(top), `${key} painted ${Math.round(top)} px away at scroll ${y}`).toBeLessThan(3 * viewport);
      }
      most = Math.max(most, state.painted.length);
      for (const key of keys) seen.add(key);
    }
    expect(seen.size).toBe(816);
    expect(most).toBeLessThan(816 / 5);
    expect(errors).toEqual([]);
    await close(page);
  });
});

describe('a page far longer than any article (read in parts as the reader goes)', () => {
  interface Transcript {
    paragraphs: number;
    dar: number;
    rubio: number;
    sharif: number;
    chars: number;
  }
  const WHOLE = { 'ishaq-dar': 2400, 'marco-rubio': 240, 'shehbaz-sharif': 1 };

  /** Opens the transcript and waits for the badge of its first part: Shehbaz Sharif, named only at its end, is not in it. */
  async function openTranscript(file = 'long-transcript.html'): Promise<Opened & { tabId: number; badge: () => Promise<string>; title: () => Promise<string> }> {
    const opened = await open(file);
    const generated = await opened.page.evaluate(() => (window as unknown as { __generated: Transcript }).__generated);
    expect(generated).toMatchObject({ paragraphs: 2400, dar: WHOLE['ishaq-dar'], rubio: WHOLE['marco-rubio'], sharif: 1 });
    expect(generated.chars).toBeGreaterThan(3 * READ_AHEAD_CHARS);
    const tabId = await tabIdOf(browser, opened.page);
    const badge = () => browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    const title = () => browser.worker.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
    expect(await until(badge, (text) => text === '2+', 15_000, 'the badge of the first part')).toBe('2+');
    return { ...opened, tabId, badge, title };
  }

  const paintedTexts = (page: Page) =>
    page.evaluate(() => [...(CSS.highlights.get('backstory-mention-tint') ?? [])].map((range) => (range as Range).toString()));

  it('reads the first part at once, says so on the badge, and reads on as the reader scrolls towards the rest', async () => {
    const { page, errors, badge, title } = await openTranscript();
    expect(await title()).toBe('Backstory: 2 names explained so far on this long page (more as you read on)');
    // Painted in the frame after the observer's first report, which may come after the badge.
    expect(await until(() => paintedTexts(page), (texts) => texts.includes('Ishaq Dar'), 5000, 'the first part painted')).toContain('Ishaq Dar');
    // Nobody asked for more: the reader is still at the top, so the first part is all that is read.
    await page.waitForTimeout(1000);
    expect(await badge()).toBe('2+');
    // The reader drags the scroll bar to the end: Backstory reads on, part by part, until it gets there.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await until(badge, (text) => text === '3', 15_000, 'the badge of the whole page')).toBe('3');
    expect(await title()).toBe('Backstory: 3 names explained on this page');
    await until(() => paintedTexts(page), (texts) => texts.includes('Shehbaz Sharif'), 5000, 'the last paragraph painted');
    expect(errors).toEqual([]);
    await close(page);
  });

  it('reads on past a part that ends in text the page shows collapsed, which no scrolling ever reaches', async () => {
    const { page, errors, badge } = await openTranscript('long-transcript.html?collapsed');
    // The first part's end falls in the collapsed minutes (601-900): they hold the text from below to above the mark.
    const [before, through] = await page.evaluate(() => {
      const upTo = (minute: number) =>
        [...document.querySelectorAll<HTMLElement>('p[data-minute]')].filter((p) => Number(p.dataset.minute) <= minute).reduce((sum, p) => sum + p.textContent!.length, 0);
      return [upTo(600), upTo(900)];
    });
    expect(before).toBeLessThan(READ_AHEAD_CHARS);
    // (The walk looks at how far it has read every 128 nodes, which here is under 64 paragraphs of 500 characters.)
    expect(through).toBeGreaterThan(READ_AHEAD_CHARS + 64 * 500);
    // Read on at once to the next part, whose end the reader can reach: still not the whole page.
    await page.waitForTimeout(1000);
    expect(await badge()).toBe('2+');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await until(badge, (text) => text === '3', 15_000, 'the badge of the whole page')).toBe('3');
    // The collapsed minutes are counted like the rest (text a page holds hidden is read).
    expect(countsOf(await readySummary(browser, page))).toEqual(WHOLE);
    expect(errors).toEqual([]);
    await close(page);
  });

  it('paints ahead and reads on in a page whose content pane scrolls instead of the window', async () => {
    const { page, errors, badge } = await openTranscript('long-transcript.html?shell');
    const pane = () => page.evaluate(() => ({ scrolls: getComputedStyle(document.querySelector('main')!).overflowY, windowScrolls: document.documentElement.scrollHeight > innerHeight }));
    expect(await pane()).toEqual({ scrolls: 'auto', windowScrolls: false });
    // Text just below the pane's visible part is painted before the reader scrolls to it, as in a page the window
    // scrolls: the pane clips it, and the painter's margin reaches into the pane.
    const paintedBelow = () =>
      page.evaluate(() =>
        [...(CSS.highlights.get('backstory-mention-tint') ?? [])].filter((range) => (range as Range).getBoundingClientRect().top > innerHeight).length,
      );
    expect(await until(paintedBelow, (count) => count > 0, 5000, 'a mention below the pane\'s visible part painted')).toBeGreaterThan(0);
    // The reader jumps to the end of the pane: no viewport-sized area lies between, and Backstory still reads on.
    await page.waitForTimeout(500);
    expect(await badge()).toBe('2+');
    await page.evaluate(() => document.querySelector('main')!.scrollTo(0, document.querySelector('main')!.scrollHeight));
    expect(await until(badge, (text) => text === '3', 15_000, 'the badge of the whole page')).toBe('3');
    await until(() => paintedTexts(page), (texts) => texts.includes('Shehbaz Sharif'), 5000, 'the last paragraph painted');
    expect(errors).toEqual([]);
    await close(page);
  });

  it('reads the rest when the page\'s summary is asked for, and a card counts the whole page', async () => {
    const first = await openTranscript();
    const partly = await requestSummary(browser, first.tabId);
    expect(partly.status).toBe('scanning');
    expect(countsOf(partly)['ishaq-dar']).toBeLessThan(WHOLE['ishaq-dar']);
    expect(countsOf(await readySummary(browser, first.page))).toEqual(WHOLE);
    expect(await first.badge()).toBe('3');
    await close(first.page);

    // A card opened on a page read in part gives the whole page's count.
    const second = await openTranscript();
    await hoverAndSeeCard(second.page, 'Ishaq Dar', 'Ishaq Dar');
    const said = await second.page.evaluate(() => document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.tooltip')?.textContent ?? '');
    expect(said).toContain(`Mentioned ${WHOLE['ishaq-dar']} times on this page`);
    expect(first.errors.concat(second.errors)).toEqual([]);
    await close(second.page);
  });

  it('reads a change in the part read at once, and a change past it once it is reached', async () => {
    const { page, errors, badge } = await openTranscript();
    await page.evaluate(() => {
      const before = document.createElement('p');
      before.textContent = 'Before the session opened, Asim Munir met the delegates.';
      document.getElementById('record')!.prepend(before);
    });
    expect(await until(badge, (text) => text === '3+', SETTLE_MS, 'a new name in the part read')).toBe('3+');
    await page.evaluate(() => {
      const after = document.createElement('p');
      after.textContent = 'After the session, Ajit Doval spoke to reporters.';
      document.getElementById('record')!.append(after);
    });
    await page.waitForTimeout(SETTLE_MS);
    expect(await badge()).toBe('3+');
    expect(countsOf(await readySummary(browser, page))).toEqual({ ...WHOLE, 'asim-munir': 1, 'ajit-doval': 1 });
    expect(await badge()).toBe('5');
    expect(errors).toEqual([]);
    await close(page);
  });
});

describe('an article built from web components', () => {
  it('reads slotted text once, where the component shows it, and its own shadow text; slotted names open cards', async () => {
    const { page, errors } = await open('web-component.html');
    try {
      const summary = await readySummary(browser, page);
      expect(countsOf(summary)).toEqual({ 'shehbaz-sharif': 1, 'ishaq-dar': 1 });
      // Slotted text is the page's own (light DOM), shown inside the component: painted and hovered there. (A card
      // from inside a shadow root is tested in extension.test.ts.)
      await hoverAndSeeCard(page, 'Shehbaz Sharif', 'Shehbaz Sharif');
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });
});

describe('a long read whose sections are rendered only near the screen (content-visibility: auto)', () => {
  it('counts the name from the start, and paints it and opens its card once the reader gets there', async () => {
    const { page, errors } = await open('content-visibility.html');
    try {
      expect(countsOf(await readySummary(browser, page))).toEqual({ 'ishaq-dar': 1 });
      await hoverAndSeeCard(page, 'Ishaq Dar', 'Ishaq Dar');
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });
});

describe('a feature set with a drop cap', () => {
  it('paints a name that begins with the drop cap, and opens its card from either part', async () => {
    const { page, errors } = await open('drop-cap.html');
    try {
      const summary = await readySummary(browser, page);
      expect(countsOf(summary)).toMatchObject({ 'shehbaz-sharif': 1, 's-jaishankar': 1 });
      // The big initial, then the rest of the name on the first line.
      const boxes = await page.evaluate(() => {
        const range = [...(CSS.highlights.get('backstory-mention') ?? [])].find((r) => (r as Range).toString() === 'Shehbaz Sharif') as Range;
        return [...range.getClientRects()].map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2, width: r.width }));
      });
      const parts = boxes.filter((b) => b.width > 4);
      expect(parts.length).toBeGreaterThanOrEqual(2);
      for (const box of parts) {
        await page.mouse.move(1, 1);
        await page.keyboard.press('Escape');
        await page.mouse.move(box.x, box.y);
        expect((await waitForCard(page, 'Shehbaz Sharif', CARD_OPEN_DELAY_MS + 3000)).name).toBe('Shehbaz Sharif');
      }
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });
});

describe('an article cut short behind "Continue reading"', () => {
  it('reads the rest of the story once the button reveals it', async () => {
    const { page, errors } = await open('read-more.html');
    try {
      const first = await readySummary(browser, page);
      // Hidden text is not read: the reader cannot see it.
      expect(ids(first)).toEqual(['marco-rubio']);
      await page.click('#more-button');
      const after = await summaryWhere(page, (s) => ids(s).includes('s-jaishankar'));
      expect(countsOf(after)).toEqual({ 'marco-rubio': 1, 'shehbaz-sharif': 1, 's-jaishankar': 1 });
      await hoverAndSeeCard(page, 'Shehbaz Sharif', 'Shehbaz Sharif');
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });
});

describe('an article behind a dialog that hides the page from screen readers', () => {
  it('is read with the dialog open, and opening or closing the dialog reads none of the article again', async () => {
    const { page, errors } = await open('dialog.html#signup');
    try {
      // Open at load, as a first-visit prompt is, with aria-hidden on the page beside it: the article is read all the
      // same. The pull quote, aria-hidden within the article as a copy for the eye, is not.
      expect(countsOf(await readySummary(browser, page))).toEqual({ 'marco-rubio': 1, 'shehbaz-sharif': 1 });
      // The painted ranges, kept in the page's world to be compared by identity: reading a region again makes new ones.
      type Kept = { __painted: unknown[] };
      const painted = await page.evaluate(() => ((window as unknown as Kept).__painted = [...(CSS.highlights.get('backstory-mention') ?? [])]).length);
      expect(painted).toBe(2);
      const unchanged = () =>
        page.evaluate(() => {
          const now = [...(CSS.highlights.get('backstory-mention') ?? [])];
          const before = (window as unknown as Kept).__painted;
          return now.length === before.length && now.every((range, i) => range === before[i]);
        });
      await page.click('#close');
      await page.waitForTimeout(RESCAN_DEBOUNCE_MS + 1500);
      expect(await unchanged()).toBe(true);
      await page.evaluate(() => (window as unknown as { dialog: { open(): void } }).dialog.open());
      await page.waitForTimeout(RESCAN_DEBOUNCE_MS + 1500);
      expect(await unchanged()).toBe(true);
      expect(countsOf(await readySummary(browser, page))).toEqual({ 'marco-rubio': 1, 'shehbaz-sharif': 1 });
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });
});

describe('a page whose article scrolls inside its own container', () => {
  it('paints the text just below what the container shows, as it would below the window, and none further', async () => {
    const { page, errors } = await open('inner-scroller.html?sections');
    try {
      await readySummary(browser, page);
      const topOf = (text: string) =>
        page.evaluate((t) => [...document.querySelectorAll('p')].find((p) => p.textContent!.includes(t))!.getBoundingClientRect().top / innerHeight, text);
      // Ishaq Dar and Marco Rubio are under a screen below what the container shows (the painter's margin);
      // S. Jaishankar, screens below.
      expect(await topOf('Ishaq Dar')).toBeGreaterThan(1);
      expect(await topOf('Marco Rubio')).toBeLessThan(1.9);
      expect(await topOf('S. Jaishankar')).toBeGreaterThan(2.1);
      const painted = () => page.evaluate(() => [...(CSS.highlights.get('backstory-mention') ?? [])].map((range) => (range as Range).toString()));
      // Past the observer's first report, which placed each section against the container's clip.
      await page.waitForTimeout(600);
      expect(await painted()).toEqual(['Shehbaz Sharif', 'Ishaq Dar', 'Marco Rubio']);
      await page.evaluate(() => document.getElementById('scroller')!.scrollBy(0, innerHeight * 2));
      expect(await until(painted, (texts) => texts.includes('S. Jaishankar'), 2000, 'S. Jaishankar painted once near')).toContain('S. Jaishankar');
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });

  it('paints as far ahead of a window made taller as of one opened that tall', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    try {
      await page.setViewportSize({ width: 1280, height: 400 });
      await page.goto(server.url('inner-scroller.html?sections'));
      await readySummary(browser, page);
      const painted = () => page.evaluate(() => [...(CSS.highlights.get('backstory-mention') ?? [])].map((range) => (range as Range).toString()));
      const topOf = (text: string) =>
        page.evaluate((t) => [...document.querySelectorAll('p')].find((p) => p.textContent!.includes(t))!.getBoundingClientRect().top / innerHeight, text);
      await page.waitForTimeout(600);
      expect(await painted()).not.toContain('S. Jaishankar');
      // The reader maximises the window: S. Jaishankar is now within a screen below what the container shows, though
      // further than the 400 pixels a screen was.
      await page.setViewportSize({ width: 1280, height: 1200 });
      const top = await topOf('S. Jaishankar');
      expect(top).toBeGreaterThan(1 + 400 / 1200);
      expect(top).toBeLessThan(1.9);
      expect(await until(painted, (texts) => texts.includes('S. Jaishankar'), 2000, 'S. Jaishankar painted')).toContain('S. Jaishankar');
      expect(await painted()).not.toContain('Line of Control');
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });

  it('paints the mentions the reader scrolls to, and a pinned card goes with its mention', async () => {
    const { page, errors } = await open('inner-scroller.html');
    try {
      await readySummary(browser, page);
      expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= innerHeight)).toBe(true);
      // Far below the first screen: painted once scrolled to, inside the container.
      await hoverAndSeeCard(page, 'Line of Control', 'Line of Control');
      expect(await page.evaluate(() => document.getElementById('scroller')!.scrollTop)).toBeGreaterThan(1000);
      await page.mouse.move(1, 1);
      await page.keyboard.press('Escape');
      const { rect } = await showText(page, 'S. Jaishankar');
      await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
      await waitForCard(page, 'S. Jaishankar');
      await page.mouse.move(1, 1);
      const mentionTop = () =>
        page.evaluate(() => {
          const range = [...(CSS.highlights.get('backstory-mention') ?? [])].find((r) => (r as Range).toString() === 'S. Jaishankar') as Range;
          return range.getBoundingClientRect().top;
        });
      const before = await mentionTop();
      await page.evaluate(() => document.getElementById('scroller')!.scrollBy(0, 120));
      expect(before - (await mentionTop())).toBeCloseTo(120, 0);
      // The card stays beside its mention, just above or just below it, as the container scrolls.
      const beside = (c: CardState | null, top: number) => !!c && (Math.abs(c.rect.y + c.rect.height - top) <= 16 || Math.abs(c.rect.y - (top + 20)) <= 16);
      const top = await mentionTop();
      const moved = await until(() => cardState(page), (c) => beside(c, top), 2000, 'the card beside its mention');
      expect(moved!.name).toBe('S. Jaishankar');
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });
});

describe('hostile pages', () => {
  it('(a) `* { all: unset !important }` and a top-most full-screen overlay: the card still shows on top', async () => {
    const { page, errors } = await open('hostile-unset.html');
    const summary = await readySummary(browser, page);
    expect(countsOf(summary)).toEqual({
      'vikram-misri': 1,
      'new-delhi': 1,
      'operation-sindoor': 1,
      'sofiya-qureshi': 1,
      'indian-army': 1,
      'vyomika-singh': 1,
      'indian-air-force': 1,
    });
    // The overlay really covers the page (tinted pixels) and really is top-most.
    const veil = await page.evaluate(() => {
      const s = getComputedStyle(document.getElementById('veil')!);
      return { position: s.position, zIndex: s.zIndex, pointerEvents: s.pointerEvents };
    });
    expect(veil).toEqual({ position: 'fixed', zIndex: '2147483647', pointerEvents: 'none' });
    const [, g] = await pixelAt(page, 3, 3);
    expect(g).toBeLessThan(200);
    await hoverAndSeeCard(page, 'Vikram Misri', 'Vikram Misri');
    const mutations = await readMutations(page);
    expect(mutations).toEqual({ foreign: [], hostsAdded: 1 });
    expect(errors).toEqual([]);
    await close(page);
  });

  it('(b) `html { zoom: 1.5 }` and a scaled, rotated article: hit-testing and the card agree with the geometry', async () => {
    const { page, errors } = await open('hostile-zoom.html');
    const summary = await readySummary(browser, page);
    expect(countsOf(summary)).toEqual({ 'indus-waters-treaty': 2, 'world-bank': 1, 'held-in-abeyance': 1 });
    await hoverAndSeeCard(page, 'World Bank', 'World Bank');
    expect((await readMutations(page)).foreign).toEqual([]);
    expect(errors).toEqual([]);
    await close(page);
  });

  it('(b2) a filter on the root element (a page in grey for a day of mourning): the card stays beside its mention', async () => {
    const { page, errors } = await open('hostile-filter.html');
    try {
      await readySummary(browser, page);
      const card = await hoverAndSeeCard(page, 'Shehbaz Sharif', 'Shehbaz Sharif');
      expect(await page.evaluate(() => scrollY)).toBeGreaterThan(1000);
      const { rect } = await showText(page, 'Shehbaz Sharif');
      const beside = Math.abs(card.rect.y + card.rect.height - rect.y) <= 16 || Math.abs(card.rect.y - (rect.y + rect.height)) <= 16;
      expect({ card: card.rect, mention: rect, beside }).toMatchObject({ beside: true });
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });

  it('(c) a right-to-left Urdu page naming entities in English', async () => {
    const { page, errors } = await open('hostile-rtl.html');
    const summary = await readySummary(browser, page);
    expect(countsOf(summary)).toEqual({ 'shehbaz-sharif': 1, islamabad: 1, wagah: 1, 'line-of-control': 1 });
    await hoverAndSeeCard(page, 'Shehbaz Sharif', 'Shehbaz Sharif');
    await hoverAndSeeCard(page, 'Line of Control', 'Line of Control');
    expect((await readMutations(page)).foreign).toEqual([]);
    expect(errors).toEqual([]);
    await close(page);
  });

  it('(d) 100,000 text nodes: ready within 15 s, every sprinkled name counted, names split across nodes found', async () => {
    const started = Date.now();
    const { page, errors, stopProfile } = await openProfiled('hostile-100k-nodes.html');
    const generated = await page.evaluate(() => (window as unknown as { __generated: { textNodes: number; sharif: number; modi: number } }).__generated);
    expect(generated).toMatchObject({ textNodes: 100_000, sharif: 20, modi: 10 });
    const summary = await readySummary(browser, page, { timeoutMs: 15_000 });
    const readyAfter = Date.now() - started;
    console.log(`[100k text nodes] summary ready ${readyAfter} ms after navigation; ${await responsiveness(page, stopProfile)}`);
    expect(readyAfter).toBeLessThan(15_000);
    expect(countsOf(summary)).toEqual({ 'shehbaz-sharif': 20, 'narendra-modi': 10 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(200);
    // A page this long is tinted, not underlined: an underline makes Chrome update the whole page at every repaint.
    const styles = await mentionStyles(page);
    expect(styles.chars).toBeGreaterThan(TINT_LONG_PAGES_FROM_CHARS);
    expect(styles.underlined).toBe(0);
    expect(styles.tinted).toBeGreaterThan(0);
    const splitPainted = await page.evaluate(() =>
      [...(CSS.highlights.get('backstory-mention-tint') ?? [])].some((r) => {
        const range = r as Range;
        return range.toString() === 'Shehbaz Sharif' && range.startContainer !== range.endContainer;
      }),
    );
    expect(splitPainted).toBe(true);
    await hoverAndSeeCard(page, 'Narendra Modi', 'Narendra Modi');
    expect((await readMutations(page)).foreign).toEqual([]);
    expect(errors).toEqual([]);
    await close(page);
  });

  it('(e) a DOM nested 5,000 levels deep with a name at the bottom', async () => {
    const { page, errors } = await open('hostile-deep-nesting.html');
    expect(await page.evaluate(() => (window as unknown as { __depth: number }).__depth)).toBe(5000);
    const summary = await readySummary(browser, page);
    expect(countsOf(summary)).toEqual({ islamabad: 1, 'asif-ali-zardari': 1 });
    await hoverAndSeeCard(page, 'Asif Ali Zardari', 'Asif Ali Zardari');
    expect((await readMutations(page)).foreign).toEqual([]);
    expect(errors).toEqual([]);
    await close(page);
  });

  it('(f) one 5 MB text node: ready, every name counted', async () => {
    const started = Date.now();
    const { page, errors, stopProfile } = await openProfiled('hostile-5mb-text.html');
    const generated = await page.evaluate(() => (window as unknown as { __generated: { length: number; doval: number; munir: number } }).__generated);
    expect(generated.length).toBeGreaterThanOrEqual(5 * 1024 * 1024);
    expect(generated.doval).toBeGreaterThanOrEqual(50);
    expect(await page.evaluate(() => [...document.getElementById('wall')!.childNodes].map((n) => n.nodeType))).toEqual([3]);
    const summary = await readySummary(browser, page, { timeoutMs: 15_000 });
    const readyAfter = Date.now() - started;
    console.log(`[5 MB text node] summary ready ${readyAfter} ms after navigation; ${await responsiveness(page, stopProfile)}`);
    expect(readyAfter).toBeLessThan(15_000);
    expect(countsOf(summary)).toEqual({ 'ajit-doval': generated.doval, 'asim-munir': generated.munir });
    await hoverAndSeeCard(page, 'Ajit Doval', 'Ajit Doval');
    const styles = await mentionStyles(page);
    expect(styles.underlined).toBe(0);
    expect(styles.tinted).toBeGreaterThan(0);
    expect((await readMutations(page)).foreign).toEqual([]);
    expect(errors).toEqual([]);
    await close(page);
  });

  it('(g) a page that replaces document.body after load: the new body is read, the old one forgotten', async () => {
    const { page, errors } = await open('hostile-body-swap.html');
    const early = await readySummary(browser, page);
    if (!(await page.evaluate(() => (window as unknown as { __swapped: boolean }).__swapped))) expect(ids(early)).toEqual(['amit-shah']);
    await page.waitForFunction(() => (window as unknown as { __swapped: boolean }).__swapped);
    const summary = await summaryWhere(page, (s) => ids(s).includes('omar-abdullah'));
    expect(countsOf(summary)).toEqual({ 'omar-abdullah': 1, 'jammu-and-kashmir-union-territory': 1, srinagar: 1 });
    await expectRangesMatch(page, summary);
    await hoverAndSeeCard(page, 'Omar Abdullah', 'Omar Abdullah');
    const mutations = await readMutations(page);
    expect([...mutations.foreign].sort()).toEqual(['+BODY in HTML', '-BODY from HTML']);
    expect(mutations.hostsAdded).toBe(1);
    expect(errors).toEqual([]);
    await close(page);
  });

  /*
   * A page that replaces its root element (document.replaceChild(newHtml, document.documentElement), or rewrites
   * itself with document.open()/write()/close() after load) is followed because the observer watches the document
   * itself, not its root element.
   */
  it('(g2) a page that replaces its whole document element after load: the new root is read', async () => {
    const { page, errors } = await open('hostile-root-swap.html');
    try {
      const early = await readySummary(browser, page);
      if (!(await page.evaluate(() => (window as unknown as { __swapped: boolean }).__swapped))) expect(ids(early)).toEqual(['amit-shah']);
      await page.waitForFunction(() => (window as unknown as { __swapped: boolean }).__swapped);
      const summary = await summaryWhere(page, (s) => ids(s).includes('omar-abdullah'), 4000);
      expect(countsOf(summary)).toEqual({ 'omar-abdullah': 1, 'jammu-and-kashmir-union-territory': 1, srinagar: 1 });
      await hoverAndSeeCard(page, 'Omar Abdullah', 'Omar Abdullah');
      // Chromium itself asks for /favicon.ico when the root element is replaced; the fixture server has none.
      expect(errors.filter((e) => !/Failed to load resource: .*404/.test(e))).toEqual([]);
    } finally {
      await close(page);
    }
  });

  it('(h) a page whose own MutationObserver throws on every mutation: ours still sees the changes', async () => {
    const { page, errors } = await open('hostile-throwing-observer.html');
    await page.waitForFunction(() => (window as unknown as { __appended: boolean }).__appended);
    const summary = await summaryWhere(page, (s) => ids(s).includes('khawaja-asif'));
    expect(countsOf(summary)).toEqual({ 'bilawal-bhutto-zardari': 1, 'khawaja-asif': 1 });
    await hoverAndSeeCard(page, 'Khawaja Asif', 'Khawaja Asif');
    const throws = await page.evaluate(() => (window as unknown as { __observerThrows: number }).__observerThrows);
    expect(throws).toBeGreaterThanOrEqual(2); // the page's paragraph, and our host element when the card opened
    // Every error on the page is the page's own observer refusing a mutation.
    expect(errors.length).toBeGreaterThanOrEqual(1);
    for (const error of errors) expect(error).toMatch(/hostile-page: observer refuses/);
    const mutations = await readMutations(page);
    expect(mutations.foreign).toEqual(['+P in ARTICLE']);
    expect(mutations.hostsAdded).toBe(1);
    await close(page);
  });

  it('(k) a page that stops pointer, mouse and key events from propagating: cards still open, pin and step', async () => {
    const { page, errors } = await open('hostile-stop-propagation.html');
    try {
      await readySummary(browser, page);
      await hoverAndSeeCard(page, 'Marco Rubio', 'Marco Rubio');
      // A click pins the other name's card, which then stays when the pointer leaves the article.
      await page.mouse.move(1, 1);
      await page.keyboard.press('Escape');
      const { rect } = await showText(page, 'Shehbaz Sharif');
      await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
      await waitForCard(page, 'Shehbaz Sharif');
      await page.mouse.move(1, 1);
      await page.waitForTimeout(CARD_CLOSE_GRACE_MS + 300);
      expect((await cardState(page))?.name).toBe('Shehbaz Sharif');
      // The keyboard steps through the mentions too.
      await page.mouse.click(1, 1);
      await page.keyboard.press('Alt+Shift+ArrowDown');
      expect((await waitForCard(page, 'Marco Rubio')).name).toBe('Marco Rubio');
      expect(await page.evaluate(() => (window as unknown as { __stopped: number }).__stopped)).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });

  /**
   * The card's styles are a `<style>` in its shadow root, written from the content script's isolated world, which
   * Chrome exempts from the page's policy; this keeps it so (a style the page's policy governs would leave the card
   * unstyled, and `hoverAndSeeCard` checks its computed z-index, visibility and colours).
   */
  it('(j) a page whose Content Security Policy allows no inline style: the card is still styled', async () => {
    const { page, errors } = await open('hostile-csp.html');
    try {
      // The policy is in force: the page's own inline style was refused.
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('article')!).outlineStyle)).toBe('none');
      const summary = await readySummary(browser, page);
      expect(ids(summary)).toContain('s-jaishankar');
      await hoverAndSeeCard(page, 'S. Jaishankar', 'S. Jaishankar');
      // The only error is the browser refusing the page's own inline style.
      expect(errors.length).toBe(1);
      expect(errors[0]).toMatch(/inline style violates the following Content Security Policy directive 'style-src 'self''/);
    } finally {
      await close(page);
    }
  });

  /**
   * WXT's content-script context announces each start to the page twice: a `window.postMessage` carrying a type that
   * holds the extension's id, and a DOM event of that name on `document`, on which an older copy of the script
   * retires. The message reaches every `message` listener of the page (and tells it the extension's id); the event
   * a page can dispatch itself, once it knows the id, to switch Backstory off on it.
   */
  it('(i) a page that listens to every message and impersonates a newer copy of our script: told nothing, still read', async () => {
    const { page, errors } = await open('hostile-listener.html');
    try {
      const first = await readySummary(browser, page);
      expect(ids(first)).toContain('marco-rubio');
      expect(await page.evaluate(() => (window as unknown as { __messages: string[] }).__messages)).toEqual([]);
      expect(errors).toEqual([]);
      // What a newer copy of our content script dispatches when it starts in the same page.
      const retire = `${browser.extensionId}:content:wxt:content-script-started`;
      await page.evaluate((type) => {
        document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'content', messageId: 'from-the-page' } }));
        (window as unknown as { __appendSecond: () => void }).__appendSecond();
      }, retire);
      const summary = await summaryWhere(page, (s) => ids(s).includes('shehbaz-sharif'));
      expect(countsOf(summary)).toMatchObject({ 'marco-rubio': 1, 'shehbaz-sharif': 1 });
      await hoverAndSeeCard(page, 'Shehbaz Sharif', 'Shehbaz Sharif');
      expect(await page.evaluate(() => (window as unknown as { __messages: string[] }).__messages)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });
});

describe('documents that are not HTML pages', () => {
  /**
   * The browser asks for /favicon.ico for a document that names no icon of its own (a .txt, a feed), and the fixture
   * server has none: that 404 is the test's, not Backstory's.
   */
  const withoutMissingIcon = (errors: string[]) => errors.filter((e) => !e.includes('Failed to load resource'));
  /** The document's painted mentions, from the page's highlight registry. */
  const paintedTexts = (page: Page) => page.evaluate(() => [...(CSS.highlights.get('backstory-mention') ?? [])].map((r) => (r as Range).toString()));

  it('reads a transcript published as plain text, which the browser shows as one <pre>', async () => {
    const { page, errors } = await open('transcript.txt');
    try {
      const summary = await readySummary(browser, page);
      expect(countsOf(summary)).toEqual({ 'marco-rubio': 1, 'shehbaz-sharif': 1 });
      expect((await paintedTexts(page)).sort()).toEqual(['Marco Rubio', 'Shehbaz Sharif']);
      await hoverAndSeeCard(page, 'Shehbaz Sharif', 'Shehbaz Sharif');
      expect(withoutMissingIcon(errors)).toEqual([]);
    } finally {
      await close(page);
    }
  });

  it('reads a news feed as Chrome shows it, once: not also the source copy its XML viewer keeps hidden', async () => {
    const { page, errors } = await open('feed.xml');
    try {
      const summary = await readySummary(browser, page);
      // The feed names Marco Rubio twice and the Line of Control twice, each once in a title and once in a description.
      expect(countsOf(summary)).toMatchObject({ 'marco-rubio': 2, 'line-of-control': 2 });
      expect((await paintedTexts(page)).filter((text) => text === 'Marco Rubio')).toHaveLength(2);
      expect(withoutMissingIcon(errors)).toEqual([]);
    } finally {
      await close(page);
    }
  });

  it('reads a map opened as an SVG image, its labels painted, without an error', async () => {
    const { page, errors } = await open('map.svg');
    try {
      const summary = await readySummary(browser, page);
      expect(ids(summary)).toEqual(expect.arrayContaining(['baisaran-valley', 'line-of-control', 'muzaffarabad', 'pahalgam']));
      expect(await paintedTexts(page)).toEqual(expect.arrayContaining(['Line of Control', 'Pahalgam']));
      expect(withoutMissingIcon(errors)).toEqual([]);
    } finally {
      await close(page);
    }
  });
});

describe('a page that clears the highlight registry it shares with Backstory', () => {
  it('gets the highlights back as soon as the reader moves the pointer or scrolls', async () => {
    const { page, errors } = await open('hostile-listener.html');
    const painted = () => page.evaluate(() => CSS.highlights.get('backstory-mention')?.size ?? 0);
    try {
      await readySummary(browser, page);
      const before = await until(painted, (n) => n > 0);
      // What a page's own find feature, or another extension, may do with the registry.
      await page.evaluate(() => CSS.highlights.clear());
      expect(await painted()).toBe(0);
      await page.mouse.move(40, 40);
      await page.mouse.move(60, 60);
      expect(await until(painted, (n) => n > 0, 3000, 'the highlights back after a pointer move')).toBe(before);
      // Room to scroll (a style attribute: nothing Backstory reads changes).
      await page.evaluate(() => {
        document.body.style.minHeight = '3000px';
        CSS.highlights.clear();
      });
      await page.mouse.wheel(0, 40);
      expect(await until(painted, (n) => n > 0, 3000, 'the highlights back after a scroll')).toBe(before);
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });
});

describe('a page that claims the host element’s name for itself', () => {
  it('keeps reading and painting the page, opens no card of the page’s making, and throws nothing', async () => {
    const { page, errors } = await open('hostile-impostor-host.html');
    try {
      const summary = await readySummary(browser, page);
      expect(ids(summary)).toEqual(expect.arrayContaining(['marco-rubio', 'shehbaz-sharif', 'line-of-control']));
      const { rect, painted } = await showText(page, 'Marco Rubio');
      expect(painted).toBe(true);
      await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
      await page.waitForTimeout(CARD_OPEN_DELAY_MS + 500);
      // No element of that name is left in the page by Backstory: it cannot have a shadow root of ours.
      expect(await page.evaluate(() => document.querySelectorAll('backstory-ui').length)).toBe(0);
      // Hovering again, and a click that would pin a card, change nothing either.
      await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => document.querySelectorAll('backstory-ui').length)).toBe(0);
      // Still reading: a paragraph added later is read and painted.
      await page.evaluate(() => {
        const p = document.createElement('p');
        p.textContent = 'Tammy Bruce took questions at the State Department.';
        document.querySelector('article')!.append(p);
      });
      await summaryWhere(page, (s) => ids(s).includes('tammy-bruce'));
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });
});

describe('a page full of small frames', () => {
  /** Per frame of the page: its text, the names painted in it, and how its first painted name is styled. */
  const paintedInFrames = (page: Page) =>
    Promise.all(
      page.frames().filter((f) => f !== page.mainFrame()).map((frame) =>
        frame.evaluate(() => {
          const ranges = [...(CSS.highlights.get('backstory-mention') ?? [])] as Range[];
          const first = ranges[0]?.startContainer.parentElement;
          return {
            text: document.body?.textContent?.trim() ?? '',
            painted: ranges.map((r) => r.toString()),
            decoration: first ? getComputedStyle(first, '::highlight(backstory-mention)').textDecorationLine : null,
          };
        }),
      ),
    );

  it('reads a frame with text, styled, and leaves the ad frames alone', async () => {
    const { page, errors } = await open('ad-frames.html');
    await readySummary(browser, page);
    const frames = await until(() => paintedInFrames(page), (all) => all.some((f) => f.painted.length > 0), 5000, 'a frame painted');
    expect(frames).toHaveLength(9);
    const statement = frames.find((f) => f.text.includes('summary of the day'))!;
    expect(statement.painted).toEqual(['Marco Rubio']);
    // The highlight colours reach the frame too.
    expect(statement.decoration).toBe('underline');
    const ads = frames.filter((f) => f !== statement);
    expect(ads.map((f) => f.painted)).toEqual(ads.map(() => []));
    expect(ads.some((f) => f.text.includes('Shehbaz Sharif'))).toBe(true);
    expect((await readMutations(page)).foreign).toEqual([]);
    expect(errors).toEqual([]);
    await close(page);
  });
});

describe('an embed that renders its text after loading', () => {
  it('is read once its text arrives, though its frame was empty when the page loaded', async () => {
    const { page, errors } = await open('late-embed.html');
    try {
      await readySummary(browser, page);
      const frames = page.frames().filter((f) => f !== page.mainFrame());
      expect(frames).toHaveLength(2);
      const painted = () =>
        Promise.all(frames.map((frame) => frame.evaluate(() => [...(CSS.highlights.get('backstory-mention') ?? [])].map((r) => (r as Range).toString()))));
      // Painted in the embed once it has rendered, and nothing in the ad beside it.
      const all = await until(painted, (lists) => lists.some((l) => l.includes('Shehbaz Sharif')), SETTLE_MS, 'the embed painted');
      expect(all.flat()).toEqual(['Shehbaz Sharif']);
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });
});

describe('fullscreen', () => {
  it('shows the card for a mention inside the fullscreen element, in its top layer', async () => {
    const { page, errors } = await open('fullscreen.html');
    const summary = await readySummary(browser, page);
    expect(countsOf(summary)).toEqual({ 'operation-sindoor': 1, 'azad-kashmir': 1, bahawalpur: 1, muridke: 1 });
    // A real click is the user gesture requestFullscreen() needs.
    await page.click('#go-fullscreen');
    await until(
      () => page.evaluate(() => document.fullscreenElement?.id ?? (window as unknown as { __fullscreenError?: string }).__fullscreenError ?? null),
      (v) => v === 'stage',
      3000,
      'fullscreen',
    );
    await page.waitForTimeout(300);
    const card = await hoverAndSeeCard(page, 'Bahawalpur', 'Bahawalpur');
    // Only the fullscreen element's subtree is rendered: the host must be inside it, and we are still fullscreen.
    expect(card.hostParent).toBe('stage');
    expect(await page.evaluate(() => document.fullscreenElement?.id)).toBe('stage');
    await page.evaluate(() => document.exitFullscreen());
    expect(errors).toEqual([]);
    await close(page);
  });
});

describe('text the page holds but does not show', () => {
  /** Which element each of the page's painted, flashed or focused mentions sits in, and whether the reader sees it. */
  const highlighted = (page: Page, name: string) =>
    page.evaluate(
      (name) =>
        [...(CSS.highlights.get(name) ?? [])].map((r) => {
          const element = (r as Range).startContainer.parentElement!;
          return { text: (r as Range).toString(), id: element.id, shown: element.checkVisibility({ visibilityProperty: true }) };
        }),
      name,
    );

  it('takes the reader only to mentions they can see, and paints a first mention they can see', async () => {
    const { page, errors } = await open('hidden-copies.html');
    try {
      const summary = await readySummary(browser, page);
      expect(ids(summary).sort()).toEqual(['marco-rubio', 's-jaishankar', 'shehbaz-sharif']);
      const tabId = await tabIdOf(browser, page);

      // The popup's "Show on the page": each name's first copy is hidden (CSS display:none, visibility:hidden, a closed
      // <details>); the page scrolls to the visible one.
      for (const [entity, id] of [['shehbaz-sharif', 'headline'], ['marco-rubio', 'rubio'], ['s-jaishankar', 'jaishankar']]) {
        await page.evaluate(() => window.scrollTo(0, 0));
        const revealed = await browser.worker.evaluate(([tab, entityId]) => chrome.tabs.sendMessage(tab, { type: 'backstory:reveal', id: entityId }, { frameId: 0 }), [tabId, entity] as const);
        expect(revealed).toBe(true);
        expect(await highlighted(page, 'backstory-active')).toMatchObject([{ id, shown: true }]);
        await until(() => page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, id), (top) => top >= 0 && top < 900, 3000, `#${id} scrolled into view`);
      }

      // Keyboard stepping visits the three visible mentions, in order, and round again.
      await page.evaluate(() => window.scrollTo(0, 0));
      const stepped: string[] = [];
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press('Alt+Shift+ArrowDown');
        const [focused] = await until(() => highlighted(page, 'backstory-focus'), (h) => h.length === 1 && !stepped.includes(`${i}:${h[0].id}`), 3000, 'a focused mention');
        expect(focused.shown).toBe(true);
        stepped.push(focused.id);
      }
      expect(stepped).toEqual(['headline', 'rubio', 'jaishankar', 'headline']);
      await page.keyboard.press('Escape');

      // Only first mentions painted: the first the reader can see, not the hidden copy before it.
      await browser.worker.evaluate(() => chrome.storage.sync.set({ settings: { firstMentionOnly: true } }));
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const painted = await until(() => highlighted(page, 'backstory-mention'), (h) => h.length === 3, 3000, 'three painted mentions');
      expect(painted.map((h) => h.id).sort()).toEqual(['headline', 'jaishankar', 'rubio']);
      expect(painted.every((h) => h.shown)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await browser.worker.evaluate(() => chrome.storage.sync.remove('settings'));
      await close(page);
    }
  });
});

describe('a page whose live coverage is in a frame', () => {
  const badge = (tabId: number) => browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);

  it('counts the frame in the badge and the popup, shows a mention inside it, and drops it once removed', async () => {
    const { page, errors } = await open('framed-live.html');
    try {
      // The top frame's own summary names only what its own text does.
      expect(ids(await readySummary(browser, page))).toEqual(['marco-rubio']);
      const tabId = await tabIdOf(browser, page);
      await until(() => badge(tabId), (text) => text === '3', 5000, 'the badge counting the frame too');

      const popup = await browser.context.newPage();
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
      const listed = () => popup.locator('.entity').evaluateAll((entries) => entries.map((e) => e.getAttribute('data-entity')));
      expect(await until(listed, (list) => list.length === 3, 5000, 'three entities in the popup')).toEqual(['marco-rubio', 'shehbaz-sharif', 's-jaishankar']);

      // "Show on the page" for a name only the frame holds: the frame is scrolled into view and the name flashed in it.
      await popup.locator('.entity[data-entity="shehbaz-sharif"] button.reveal').click();
      const frame = page.frames().find((f) => f !== page.mainFrame())!;
      const flashed = () => frame.evaluate(() => [...(CSS.highlights.get('backstory-active') ?? [])].map((r) => (r as Range).toString()));
      expect(await until(flashed, (texts) => texts.length === 1, 3000, 'the flashed mention in the frame')).toEqual(['Shehbaz Sharif']);
      await until(() => page.evaluate(() => document.querySelector('iframe')!.getBoundingClientRect().top), (top) => top >= 0 && top < 900, 3000, 'the frame scrolled into view');

      // The frame goes: the popup opened again leaves it out, and the badge follows.
      await page.evaluate(() => document.querySelector('iframe')!.remove());
      await popup.reload();
      expect(await until(listed, (list) => list.length === 1, 5000, 'one entity in the popup')).toEqual(['marco-rubio']);
      await until(() => badge(tabId), (text) => text === '1', 3000, 'the badge without the frame');
      await popup.close();
      expect(errors).toEqual([]);
    } finally {
      await close(page);
    }
  });
});

describe('the network', () => {
  it('sees no request from the extension while every fixture page above loaded', async () => {
    const seen = [...requests];
    // Every fixture page in the folder was loaded by the tests above.
    const loaded = new Set(seen.filter((r) => r.url.startsWith(`${server.origin}/`)).map((r) => new URL(r.url).pathname.slice(1)));
    for (const file of readdirSync(DYNAMIC_DIR).filter((f) => f.endsWith('.html'))) expect(loaded).toContain(file);

    const allowedScheme = (url: string) => /^(chrome-extension|data|about|blob):/.test(url);
    // Fixture pages have no subresources: the only requests to the fixture server are the tests' navigations.
    // Anything else there (a fetch by a content script, say) is not theirs.
    const offending = seen.filter((r) => !(allowedScheme(r.url) || (r.url.startsWith(`${server.origin}/`) && r.navigation && r.resourceType === 'document')));
    expect(offending).toEqual([]);
    const fromExtension = seen.filter((r) => r.serviceWorkerUrl?.startsWith('chrome-extension://') || r.frameUrl?.startsWith('chrome-extension://'));
    expect(fromExtension.filter((r) => !r.url.startsWith('chrome-extension://'))).toEqual([]);
    // What the pages themselves fetched (Resource Timing covers fetches made in the page's name). The one exception
    // is the browser's own /favicon.ico lookup, which Chromium makes when a page replaces its root element.
    const favicon = `${server.origin}/favicon.ico`;
    expect(pageResources.filter((p) => p.resources.some((u) => !allowedScheme(u) && u !== favicon))).toEqual([]);
    // What the service worker fetched, from its own Resource Timing buffer.
    const workerResources = await browser.worker.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(workerResources.filter((u) => !allowedScheme(u))).toEqual([]);

    // Positive control: a fetch by the service worker is seen by both probes (so their silence above means something).
    const probe = server.url('/network-probe');
    await browser.worker.evaluate((url) => fetch(url, { mode: 'no-cors' }).then(() => undefined, () => undefined), probe);
    await until(async () => requests.some((r) => r.url === probe), (v) => v, 3000, 'probe request seen by the context');
    expect(requests.find((r) => r.url === probe)?.serviceWorkerUrl).toMatch(/^chrome-extension:\/\//);
    await until(() => browser.worker.evaluate((url) => performance.getEntriesByType('resource').some((e) => e.name === url), probe), (v) => v, 3000, 'probe in the worker\'s Resource Timing');
  });
});
