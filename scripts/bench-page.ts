/**
 * `npm run bench:page`: what Backstory costs a page, measured in one Chromium session.
 *
 * For the demo article and generated 1 MB and 2 MB articles, each round loads the page three times: Backstory off
 * (the same extension, switched off in its settings: its script still loads and stops at once) without the CPU
 * profiler, then off and on under the profiler, which slows the page too. Reported, as the median of the rounds:
 *   - page alone: the main-thread time the page needs to load (CDP Performance metric TaskDuration, Backstory off,
 *     not profiled);
 *   - added: TaskDuration with Backstory minus without, both profiled, per round (the two runs are neighbours in
 *     time), median of the rounds, and that as a share of the page's own time under the profiler (on large pages
 *     mostly the page's own layout, which varies between identical loads);
 *   - added, measured apart from the load: what the script costs switched off (CPU profile) plus the TaskDuration
 *     of switching Backstory on in the unprofiled page once it has loaded and settled, which takes in garbage
 *     collection, intersection observation, painting and messages as well as our script;
 *   - our work: main-thread time spent in the extension's code (CPU profile samples whose nearest script frame is a
 *     chrome-extension:// script, so DOM calls made by our code count as ours), split into what the script costs
 *     switched off (loading, reading the settings) and the annotation itself, and the longest uninterrupted
 *     stretch of it (consecutive samples, which may span back-to-back tasks), which bounds the longest task of ours;
 *   - the longest main-thread task while Backstory is switched on in a loaded page, from a trace of tasks (with the
 *     microtasks at their end) recorded in the profiled off run once its profile is taken;
 * and, once per page, mark.js highlighting the same page with the same term list, for comparison.
 * Targets: on the 2 MB article Backstory adds at most 10% to the page's own main-thread time and no task of ours
 * reaches 50 ms; the demo article is annotated in under 10 ms of main-thread time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { bundledKnowledgeBase } from '../src/kb/knowledge-base';
import { aliasSpecs } from '../src/kb/match-index';
import { launchWithExtension, serveDirectory } from './lib/chromium';
import { findChromium } from './lib/find-chromium';
import { DEMO_ARTICLE as DEMO, generatedArticle } from './lib/generated-article';

const ROOT = resolve(import.meta.dirname, '..');
/** Alternating rounds per page: TaskDuration varies by tens of milliseconds between runs on a busy machine. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** How many of our most expensive functions to list per page (0: none). */
const BREAKDOWN = Number(process.env.BENCH_BREAKDOWN ?? 0);
/** Only the pages whose label matches (for example `BENCH_ONLY=demo`); mark.js runs only when every page is measured. */
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
/** mark.js took about two minutes on a 2 MB page with 170 terms: it gets one run per page and this much time. */
const MARKJS_TIMEOUT_MS = Number(process.env.BENCH_MARKJS_TIMEOUT_MS ?? 180_000);
/** Sampling interval of the CPU profile: fine enough to see 1 ms of work, coarse enough not to slow the page much. */
const PROFILE_INTERVAL_US = 200;
/**
 * Before Backstory is switched on in a loaded page: time for the page's own after-load work to finish (a 2 MB page's
 * first major garbage collection comes a second or two after load, and costs tens of milliseconds), then a watch of
 * the idle page, whose work per millisecond is subtracted.
 */
const SWITCH_ON_SETTLE_MS = 3000;
const SWITCH_ON_IDLE_MS = 1000;

interface RunResult {
  taskMs: number;
  /**
   * Unprofiled off runs only: the main-thread time (TaskDuration) Backstory takes when switched on in the page once it has
   * loaded, less what the page did on its own meanwhile. Unlike the difference of two page loads, this leaves out
   * the page's own layout, which varies by a hundred milliseconds between identical loads of a 2 MB page.
   */
  switchOnMs?: number;
  /** Profiled off runs only (after the profile): the longest main-thread task while switching on (see `switchOn`). */
  longestSwitchOnTaskMs?: number;
  scriptMs: number;
  longestTaskMs: number;
  /** Our time by function (self time, ms): `BENCH_BREAKDOWN=N` prints the top N, averaged over the rounds. */
  byFunction: Map<string, number>;
  /** Garbage collection in the page's renderer (anyone's garbage: not counted as ours above). */
  gcMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/**
 * The longest task of the renderer's main thread (the `CrRendererMain` thread with the most events): the longest
 * event that no other encloses. Tasks are DevTools' `RunTask` events, which take in the microtasks that run at a
 * task's end; the scheduler's own task event does not, and our work mostly runs in microtasks.
 */
function longestMainThreadTask(events: readonly TraceEvent[]): number {
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !mainThreads.has(thread)) continue;
    let list = byThread.get(thread);
    if (!list) byThread.set(thread, (list = []));
    list.push(e);
  }
  const busiest = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  busiest.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  let longest = 0;
  let enclosedUntil = -Infinity;
  for (const e of busiest) {
    if (e.ts < enclosedUntil) continue;
    enclosedUntil = e.ts + (e.dur ?? 0);
    longest = Math.max(longest, (e.dur ?? 0) / 1000);
  }
  return longest;
}

async function taskDuration(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Our main-thread time and longest uninterrupted stretch of work, from a CPU profile of the page. */
type OurWork = Pick<RunResult, 'scriptMs' | 'longestTaskMs' | 'byFunction' | 'gcMs'>;

/** What a run without the profiler tells of our work: nothing (its figures are never read). */
const NO_WORK: OurWork = { scriptMs: NaN, longestTaskMs: NaN, byFunction: new Map(), gcMs: NaN };

function ourWork(profile: CpuProfile): OurWork {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ours = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    let known = ours.get(id);
    if (known === undefined) {
      // The nearest frame with a script URL decides: a DOM call made by our code is our time.
      let at: number | undefined = id;
      while (at !== undefined && !byId.get(at)!.callFrame.url) at = parent.get(at);
      known = at !== undefined && byId.get(at)!.callFrame.url.startsWith('chrome-extension://');
      ours.set(id, known);
    }
    return known;
  };
  let totalUs = 0;
  let runUs = 0;
  let longestUs = 0;
  const byFunction = new Map<string, number>();
  let gcUs = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (byId.get(id)!.callFrame.functionName === '(garbage collector)') gcUs += us;
    if (isOurs(id)) {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      const where = `${functionName || '(anonymous)'} ${url ? `${url.split('/').pop()}:${lineNumber + 1}` : '(native)'}`;
      byFunction.set(where, (byFunction.get(where) ?? 0) + us / 1000);
      totalUs += us;
      runUs += us;
      longestUs = Math.max(longestUs, runUs);
    } else runUs = 0;
  });
  return { scriptMs: totalUs / 1000, longestTaskMs: longestUs / 1000, byFunction, gcMs: gcUs / 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const chromiumPath = findChromium();
  const server = await serveDirectory(resolve(ROOT, 'tests/fixtures/articles'), {
    '/generated-1mb.html': generatedArticle(1_000_000),
    '/generated-2mb.html': generatedArticle(2_000_000),
  });
  const browser = await launchWithExtension({ chromiumPath, extensionDir: resolve(ROOT, '.output/chrome-mv3') });
  const terms = [...new Set(aliasSpecs(bundledKnowledgeBase()).map((a) => a.text))];
  const markJs = readFileSync(resolve(ROOT, 'node_modules/mark.js/dist/mark.min.js'), 'utf8');

  const setEnabled = (enabled: boolean) =>
    browser.worker.evaluate((on) => (on ? chrome.storage.sync.remove('settings') : chrome.storage.sync.set({ settings: { enabled: false } })), enabled);

  async function summaryReady(page: Page, timeoutMs = 60_000): Promise<void> {
    await page.bringToFront();
    const tabId = await browser.worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const status = await browser.worker
        .evaluate((id) => chrome.tabs.sendMessage(id!, { type: 'backstory:summary' }, { frameId: 0 }).then((s: { status: string }) => s.status), tabId)
        .catch(() => 'none');
      if (status === 'ready') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`Backstory was not ready on ${page.url()}`);
  }

  /**
   * One load of the page. Profiled runs measure our work; the sampling profiler also slows the page itself (by about
   * a sixth on the 2 MB page in some runs), so the page's own time and the switch-on are measured in a run without it.
   */
  async function run(path: string, withBackstory: boolean, profiled: boolean): Promise<RunResult> {
    await setEnabled(withBackstory);
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (profiled) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: PROFILE_INTERVAL_US });
      await cdp.send('Profiler.start');
    }
    await page.goto(server.url(path), { waitUntil: 'load' });
    if (withBackstory) await summaryReady(page);
    // Let trailing work (painting, the page's own idle tasks) settle the same way in every run.
    await page.waitForTimeout(500);
    const taskMs = await taskDuration(cdp);
    let work = NO_WORK;
    if (profiled) {
      const { profile } = await cdp.send('Profiler.stop');
      work = ourWork(profile as unknown as CpuProfile);
      // For a closer look in DevTools (Performance panel → load profile) or a script.
      if (withBackstory && process.env.BENCH_PROFILE_OUT) writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
    }
    const switchedOn = withBackstory ? {} : await switchOn(page, cdp, profiled);
    await page.close();
    return { taskMs, ...switchedOn, ...work };
  }

  /**
   * Switches Backstory on in a loaded page. Untraced, returns the main-thread time that adds (see `switchOnMs`);
   * traced (tasks only), the longest task on the page's main thread meanwhile: the page is idle by then,
   * so its tasks are ours or made by our work (painting, garbage collection). Not both at once: recording a trace
   * adds to the main thread's time.
   */
  async function switchOn(page: Page, cdp: CDPSession, traced: boolean): Promise<Pick<RunResult, 'switchOnMs' | 'longestSwitchOnTaskMs'>> {
    await page.waitForTimeout(SWITCH_ON_SETTLE_MS);
    if (traced) {
      const events: TraceEvent[] = [];
      const collect = ({ value }: { value: object[] }) => void events.push(...(value as TraceEvent[]));
      cdp.on('Tracing.dataCollected', collect);
      await cdp.send('Tracing.start', { categories: 'toplevel,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
      await setEnabled(true);
      await summaryReady(page);
      await page.waitForTimeout(500);
      const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
      await cdp.send('Tracing.end');
      await complete;
      cdp.off('Tracing.dataCollected', collect);
      return { longestSwitchOnTaskMs: longestMainThreadTask(events) };
    }
    const idleFrom = await taskDuration(cdp);
    const idleStart = performance.now();
    await page.waitForTimeout(SWITCH_ON_IDLE_MS);
    const before = await taskDuration(cdp);
    const idlePerMs = (before - idleFrom) / (performance.now() - idleStart);
    const start = performance.now();
    await setEnabled(true);
    await summaryReady(page);
    await page.waitForTimeout(500);
    return { switchOnMs: (await taskDuration(cdp)) - before - idlePerMs * (performance.now() - start) };
  }

  async function markJsRun(path: string): Promise<{ taskMs: number; markMs: number } | null> {
    await setEnabled(false);
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(server.url(path), { waitUntil: 'load' });
    await page.waitForTimeout(200);
    const before = await taskDuration(cdp);
    await page.addScriptTag({ content: markJs });
    const timedOut = new Promise<null>((r) => setTimeout(() => r(null), MARKJS_TIMEOUT_MS));
    const markMs = await Promise.race([
      page.evaluate((list) => {
        const start = performance.now();
        return new Promise<number>((done) =>
          new (window as unknown as { Mark: new (el: Element) => { mark(t: string[], o: object): void } }).Mark(document.querySelector('article')!).mark(list, {
            separateWordSearch: false,
            accuracy: 'exactly',
            done: () => done(performance.now() - start),
          }),
        );
      }, terms).catch(() => null),
      timedOut,
    ]);
    const taskMs = markMs === null ? NaN : (await taskDuration(cdp)) - before;
    // A mark.js still running would slow every later measurement in this renderer: stop it hard.
    if (markMs === null) await cdp.send('Page.crash').catch(() => undefined);
    await page.close().catch(() => undefined);
    return markMs === null ? null : { taskMs, markMs };
  }

  const fmt = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : 'n/a');
  console.log(`Chromium ${chromiumPath}; ${ROUNDS} alternating rounds per page; ${terms.length} terms`);
  const pages = [['demo article', DEMO], ['generated 1 MB article', '/generated-1mb.html'], ['generated 2 MB article', '/generated-2mb.html']] as const;
  const ourScriptMs = new Map<string, number>();
  for (const [label, path] of pages) {
    if (ONLY && !ONLY.test(label)) continue;
    const plain: RunResult[] = [];
    const alone: RunResult[] = [];
    const withUs: RunResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      plain.push(await run(path, false, false));
      alone.push(await run(path, false, true));
      withUs.push(await run(path, true, true));
    }
    const pageMs = median(plain.map((r) => r.taskMs));
    const profiledPageMs = median(alone.map((r) => r.taskMs));
    // Each round's on and off runs are neighbours in time: the median of their differences drifts less with the
    // machine's load than the difference of the two medians.
    const addedMs = median(withUs.map((r, i) => r.taskMs - alone[i].taskMs));
    const scriptMs = median(withUs.map((r) => r.scriptMs));
    const longest = Math.max(...withUs.map((r) => r.longestTaskMs));
    console.log(`\n${label} (${path})`);
    console.log(`  page alone, main-thread time to load      ${fmt(pageMs)}  (${fmt(profiledPageMs)} under the CPU profiler)`);
    console.log(`  added main-thread time (TaskDuration, on − off per round, both profiled, median; noisy)  ${fmt(addedMs)}  = ${((100 * addedMs) / profiledPageMs).toFixed(1)}%`);
    // Switched off, the content script still loads, reads the settings and stops: what every page pays to have the
    // extension installed. The difference is the annotation itself.
    const bootMs = median(alone.map((r) => r.scriptMs));
    const switchOnMs = median(plain.map((r) => r.switchOnMs!));
    const addedByUs = bootMs + switchOnMs;
    // The share per round, then the median: this machine's speed drifts between rounds (the 2 MB page's own time
    // moved from 444 to 606 ms between two runs), and a round's runs are neighbours in time.
    const addedShare = median(plain.map((r, i) => (alone[i].scriptMs + r.switchOnMs!) / r.taskMs));
    console.log(`  added main-thread time, measured apart from the page's load: ${fmt(addedByUs)}  = ${(100 * addedShare).toFixed(1)}% (median of the rounds' shares)`);
    console.log(`    loading the script switched off ${fmt(bootMs)} (CPU profile) + switching on in the loaded page ${fmt(switchOnMs)} (TaskDuration: our script, garbage collection, intersection observation, painting, messages)`);
    console.log(`  Backstory's own work (CPU profile)        ${fmt(scriptMs)}  = ${((100 * scriptMs) / pageMs).toFixed(1)}% of the page's own`);
    console.log(`    of which: loading the script, switched off ${fmt(bootMs)};  annotating ${fmt(scriptMs - bootMs)}`);
    console.log(`  longest uninterrupted stretch of ours     ${fmt(longest)} (CPU profile: consecutive samples, which may span tasks)`);
    console.log(`  longest main-thread task while switching on  ${fmt(Math.max(...alone.map((r) => r.longestSwitchOnTaskMs!)))} (trace, worst of ${alone.length})`);
    console.log(`  garbage collection in the page (profiled runs), off → on  ${fmt(median(alone.map((r) => r.gcMs)))} → ${fmt(median(withUs.map((r) => r.gcMs)))}`);
    ourScriptMs.set(path, scriptMs);
    if (BREAKDOWN > 0) {
      const total = new Map<string, number>();
      for (const r of withUs) for (const [where, ms] of r.byFunction) total.set(where, (total.get(where) ?? 0) + ms / withUs.length);
      console.log(`  where our time goes (self time, mean of ${withUs.length} runs):`);
      for (const [where, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, BREAKDOWN)) console.log(`    ${ms.toFixed(1).padStart(6)} ms  ${where}`);
    }
  }
  if (ONLY) {
    await browser.close();
    await server.close();
    return;
  }
  // mark.js last: on large pages it runs for minutes, and nothing else should share the renderer meanwhile.
  console.log('\nmark.js, the same page and the same terms, one run each:');
  for (const [label, path] of pages) {
    const mark = await markJsRun(path);
    const ours = ourScriptMs.get(path)!;
    if (mark) console.log(`  ${label.padEnd(24)} ${fmt(mark.markMs)} wall, ${fmt(mark.taskMs)} main thread → ${(mark.taskMs / Math.max(ours, 0.1)).toFixed(0)}× Backstory's own work`);
    else console.log(`  ${label.padEnd(24)} did not finish within ${MARKJS_TIMEOUT_MS / 1000} s (stopped)`);
  }
  await browser.close();
  await server.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
