/**
 * The popup follows the page while it is open: each notice from the tab asks for the summary again (a burst asks
 * once), an answer overtaken by a newer one is dropped, and closing the popup stops the watch.
 */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledKnowledgeBase } from '../../src/kb/knowledge-base';
import type { PageSummary } from '../../src/messaging/messages';
import { DEFAULT_SETTINGS } from '../../src/settings/settings';
import { Popup, type PopupActions, type PopupState } from '../../src/ui/popup/Popup';
import { POPUP_REFRESH_DEBOUNCE_MS, POPUP_WAITING_POLL_MS } from '../../src/timing';

const kb = bundledKnowledgeBase();
const TAB = 7;

function summaryNaming(...names: [id: string, name: string][]): PopupState {
  const summary: PageSummary = {
    url: 'https://news.example/story',
    title: 'A story',
    publishedAt: '2025-05-01',
    status: 'ready',
    mentions: names.map(([id, name]) => ({ id, name, type: 'person', count: 1, surfaces: [name] })),
  };
  return { kind: 'summary', summary, tabId: TAB };
}

/** Actions whose summaries come from `answers` in turn (each a promise the test may hold back), with a tab to watch. */
function fakeActions(answers: (() => Promise<PopupState>)[]) {
  const watchers = new Set<() => void>();
  const calls = { load: 0, watched: [] as number[], unwatched: 0 };
  const actions: PopupActions = {
    load: () => answers[Math.min(calls.load++, answers.length - 1)](),
    watchPage: (tabId, onChange) => {
      calls.watched.push(tabId);
      watchers.add(onChange);
      return () => {
        calls.unwatched++;
        watchers.delete(onChange);
      };
    },
    loadSettings: async () => ({ ...DEFAULT_SETTINGS }),
    watchSettings: () => () => undefined,
    changeSettings: async (change) => change({ ...DEFAULT_SETTINGS }),
    reveal: async () => true,
    openSettings: () => undefined,
  };
  return { actions, calls, notice: () => watchers.forEach((w) => w()) };
}

const roots: HTMLElement[] = [];
function show(actions: PopupActions): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  roots.push(root);
  render(<Popup kb={kb} actions={actions} />, root);
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) {
    render(null, root);
    root.remove();
  }
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(read: () => T, ok: (value: T) => boolean, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met; last value: ${JSON.stringify(value)}`);
    await wait(5);
  }
}

const listed = (root: HTMLElement) => [...root.querySelectorAll('.entity')].map((e) => e.getAttribute('data-entity'));

describe('the open popup', () => {
  it('shows a page that could not be read when it opened once the page says it can be', async () => {
    const { actions, calls, notice } = fakeActions([
      async () => ({ kind: 'unsupported', reason: 'not yet', tabId: TAB }),
      async () => summaryNaming(['marco-rubio', 'Marco Rubio']),
    ]);
    const root = show(actions);
    await until(() => root.querySelector('.unsupported')?.textContent ?? '', (text) => text.includes('not yet'));
    expect(calls.watched).toEqual([TAB]);
    notice();
    expect(await until(() => listed(root), (ids) => ids.length > 0)).toEqual(['marco-rubio']);
    expect(calls.load).toBe(2);
  });

  it('asks once for a burst of notices, and keeps showing the list meanwhile', async () => {
    const { actions, calls, notice } = fakeActions([
      async () => summaryNaming(['marco-rubio', 'Marco Rubio']),
      async () => summaryNaming(['marco-rubio', 'Marco Rubio'], ['shehbaz-sharif', 'Shehbaz Sharif']),
    ]);
    const root = show(actions);
    await until(() => listed(root), (ids) => ids.length === 1);
    notice();
    notice();
    notice();
    expect(listed(root)).toEqual(['marco-rubio']);
    expect(root.querySelector('[aria-busy]')).toBeNull();
    expect(await until(() => listed(root), (ids) => ids.length === 2)).toEqual(['marco-rubio', 'shehbaz-sharif']);
    // A screen reader hears the new count.
    expect(root.querySelector('header [role="status"]')?.textContent).toBe('2 names on this page');
    await wait(POPUP_REFRESH_DEBOUNCE_MS * 3);
    expect(calls.load).toBe(2);
    expect(calls.watched).toEqual([TAB]);
  });

  it('drops an answer that arrives after a newer one', async () => {
    let releaseSlow: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (releaseSlow = resolve));
    const { actions, calls, notice } = fakeActions([
      async () => summaryNaming(['marco-rubio', 'Marco Rubio']),
      // The page as it was before its last change, answered late.
      () => slow.then(() => summaryNaming(['marco-rubio', 'Marco Rubio'], ['tammy-bruce', 'Tammy Bruce'])),
      async () => summaryNaming(['shehbaz-sharif', 'Shehbaz Sharif']),
    ]);
    const root = show(actions);
    await until(() => listed(root), (ids) => ids.length === 1);
    notice();
    await until(() => calls.load, (n) => n === 2);
    notice();
    expect(await until(() => listed(root), (ids) => ids[0] === 'shehbaz-sharif')).toEqual(['shehbaz-sharif']);
    releaseSlow();
    await wait(20);
    expect(listed(root)).toEqual(['shehbaz-sharif']);
  });

  it('asks again while the tab is loading, and says so once the page turns out unreadable', async () => {
    const { actions, calls } = fakeActions([
      async () => ({ kind: 'waiting', tabId: TAB }),
      async () => ({ kind: 'waiting', tabId: TAB }),
      async () => ({ kind: 'unsupported', reason: 'a PDF', tabId: TAB }),
    ]);
    const root = show(actions);
    await until(() => root.textContent ?? '', (text) => text.includes('Reading this page'));
    await until(() => root.querySelector('.unsupported')?.textContent ?? '', (text) => text.includes('a PDF'), POPUP_WAITING_POLL_MS * 6);
    expect(calls.load).toBe(3);
    // Unreadable is final: no more asking, though the tab stays watched.
    await wait(POPUP_WAITING_POLL_MS * 2);
    expect(calls.load).toBe(3);
    expect(calls.watched).toEqual([TAB]);
  });

  it('says that "nothing" is among the kinds of names the reader keeps, when some are left out', async () => {
    const empty = summaryNaming();
    for (const [entityTypes, hint] of [[['person'], true], [undefined, false]] as const) {
      const { actions } = fakeActions([async () => empty]);
      actions.loadSettings = async () => ({ ...DEFAULT_SETTINGS, ...(entityTypes ? { entityTypes: [...entityTypes] } : {}) });
      const root = show(actions);
      const text = await until(() => root.querySelector('.empty')?.textContent ?? '', (t) => t.includes('Nothing on this page') && (!hint || t.includes('chose')));
      expect(text.includes('kinds of names you chose')).toBe(hint);
    }
  });

  it('stops watching the page when it closes', async () => {
    const { actions, calls, notice } = fakeActions([async () => summaryNaming(['marco-rubio', 'Marco Rubio'])]);
    const root = show(actions);
    await until(() => listed(root), (ids) => ids.length === 1);
    render(null, root);
    // Preact 11 runs an effect's cleanup after the next paint.
    await until(() => calls.unwatched, (n) => n === 1);
    notice();
    await wait(POPUP_REFRESH_DEBOUNCE_MS * 3);
    expect(calls.load).toBe(1);
  });
});
