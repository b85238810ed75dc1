/**
 * The popup's side of asking a tab: a page it cannot read yet still names the tab (so that the popup can wait for
 * it to speak), and only notices from that tab make the popup ask again.
 */
import { describe, expect, it } from 'vitest';
import { PAGE_STATE_NOTICE, SUMMARY_REQUEST, type PageSummary } from '../../src/messaging/messages';
import { isNoticeFromTab, loadSummary, type TabMessenger } from '../../src/ui/popup/load-summary';

const summary: PageSummary = { url: 'https://news.example/a', title: 'A', publishedAt: null, status: 'ready', mentions: [] };

function messenger(top: () => Promise<unknown>, loading = false): TabMessenger {
  return {
    tabIsLoading: async () => loading,
    activeTabId: async () => 4,
    sendToFrame: (_tabId, frameId, message) => (frameId === 0 && (message as { type: string }).type === SUMMARY_REQUEST ? top() : Promise.reject(new Error('no frame'))),
    sendToBackground: async () => [],
  };
}

describe('loadSummary', () => {
  it('names the tab of a page that no content script answers for yet', async () => {
    const state = await loadSummary(messenger(() => Promise.reject(new Error('Could not establish connection'))));
    expect(state).toMatchObject({ kind: 'unsupported', tabId: 4 });
  });

  it('waits for a tab still loading its page, instead of calling it unreadable', async () => {
    const state = await loadSummary(messenger(() => Promise.reject(new Error('Could not establish connection')), true), 9);
    expect(state).toEqual({ kind: 'waiting', tabId: 9 });
  });

  it('names the tab of a page that answers with something else than a summary', async () => {
    expect(await loadSummary(messenger(async () => undefined), 9)).toMatchObject({ kind: 'unsupported', tabId: 9 });
  });

  it('gives the summary of the tab it was asked about', async () => {
    expect(await loadSummary(messenger(async () => summary), 9)).toEqual({ kind: 'summary', summary, tabId: 9 });
  });
});

describe('isNoticeFromTab', () => {
  const notice = { type: PAGE_STATE_NOTICE, status: 'ready', entityIds: ['marco-rubio'] };

  it('is true for a frame of the tab saying what it mentions, and for one leaving it', () => {
    expect(isNoticeFromTab(notice, { tab: { id: 4 } }, 4)).toBe(true);
    expect(isNoticeFromTab({ ...notice, entityIds: [], leaving: true }, { tab: { id: 4 } }, 4)).toBe(true);
  });

  it('is false for another tab, an extension page, or another message', () => {
    expect(isNoticeFromTab(notice, { tab: { id: 5 } }, 4)).toBe(false);
    expect(isNoticeFromTab(notice, {}, 4)).toBe(false);
    expect(isNoticeFromTab(notice, undefined, 4)).toBe(false);
    expect(isNoticeFromTab({ type: SUMMARY_REQUEST }, { tab: { id: 4 } }, 4)).toBe(false);
    expect(isNoticeFromTab({ ...notice, entityIds: 'marco-rubio' }, { tab: { id: 4 } }, 4)).toBe(false);
  });
});
