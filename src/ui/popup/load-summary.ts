/**
 * Asks the page in a tab what it mentions (its top frame, and the frames the background knows to mention something),
 * and turns every way that can fail into a state the popup explains.
 */
import { isPageStateNotice, REVEAL_REQUEST, SUMMARY_REQUEST, TAB_FRAMES_REQUEST, type PageSummary } from '../../messaging/messages';
import { mergeSummaries } from './merge-summaries';
import type { PopupState } from './Popup';

export interface TabMessenger {
  activeTabId(): Promise<number | undefined>;
  /** A message to one frame of the tab (0: the top one). */
  sendToFrame(tabId: number, frameId: number, message: unknown): Promise<unknown>;
  sendToBackground(message: unknown): Promise<unknown>;
  /** Whether the tab is still loading its page (`tabs.Tab.status`, readable without the `tabs` permission). */
  tabIsLoading(tabId: number): Promise<boolean>;
}

/** The tab's frames, besides the top one, that mention something (asked of the background, which keeps the list). */
async function framesOf(messenger: TabMessenger, tabId: number): Promise<number[]> {
  const frameIds = await messenger.sendToBackground({ type: TAB_FRAMES_REQUEST, tabId }).catch(() => []);
  return Array.isArray(frameIds) ? frameIds.filter((id): id is number => Number.isInteger(id) && id !== 0) : [];
}

const UNREADABLE =
  'Browser pages, extension stores, PDFs and pages opened before Backstory was installed are out of its reach. ' +
  'Reload the page if it is a normal web page.';

function isSummary(value: unknown): value is PageSummary {
  const v = value as PageSummary | null;
  return !!v && typeof v.url === 'string' && Array.isArray(v.mentions) && typeof v.status === 'string';
}

/**
 * The summary of the tab's page. The state names the tab even when its page cannot be read: a page still loading
 * when the popup opened has no content script yet, and speaks once it has (see `isNoticeFromTab`).
 */
export async function loadSummary(messenger: TabMessenger, tabId?: number): Promise<PopupState> {
  const id = tabId ?? (await messenger.activeTabId());
  if (id === undefined) return { kind: 'unsupported', reason: 'There is no active tab.' };
  try {
    const [answer, frameIds] = await Promise.all([messenger.sendToFrame(id, 0, { type: SUMMARY_REQUEST }), framesOf(messenger, id)]);
    if (!isSummary(answer)) return { kind: 'unsupported', reason: UNREADABLE, tabId: id };
    // A frame removed since the background last asked does not answer: it is left out.
    const frames = await Promise.all(frameIds.map((frameId) => messenger.sendToFrame(id, frameId, { type: SUMMARY_REQUEST }).catch(() => null)));
    return { kind: 'summary', summary: mergeSummaries(answer, frames.filter(isSummary)), tabId: id };
  } catch {
    // No content script answered: the page is still loading (Backstory starts once it has), or it is one the
    // browser does not let extensions read.
    if (await messenger.tabIsLoading(id).catch(() => false)) return { kind: 'waiting', tabId: id };
    return { kind: 'unsupported', reason: UNREADABLE, tabId: id };
  }
}

/**
 * Whether a message is a frame of the tab saying that its state or what it mentions changed. Frames tell the
 * background (`PAGE_STATE_NOTICE`), and a message sent to the extension reaches every extension page that listens,
 * the open popup too: it asks for the summary again, so that it follows a live page, a switch turned in it, or a page
 * that finished loading after it opened.
 */
export function isNoticeFromTab(message: unknown, sender: { tab?: { id?: number } } | undefined, tabId: number): boolean {
  return sender?.tab?.id === tabId && isPageStateNotice(message);
}

/**
 * Scrolls the page to an entity's first mention the reader can see: in the top frame if it has one, else in the first
 * frame that does. Resolves to whether one was shown.
 */
export async function revealMention(messenger: TabMessenger, tabId: number, entityId: string): Promise<boolean> {
  const ask = (frameId: number) => messenger.sendToFrame(tabId, frameId, { type: REVEAL_REQUEST, id: entityId }).then((shown) => shown === true, () => false);
  if (await ask(0)) return true;
  for (const frameId of await framesOf(messenger, tabId)) if (await ask(frameId)) return true;
  return false;
}
