/** Asks the page in a tab what it mentions, and turns every way that can fail into a state the popup explains. */
import { SUMMARY_REQUEST, type PageSummary } from '../../messaging/messages';
import type { PopupState } from './Popup';

export interface TabMessenger {
  activeTabId(): Promise<number | undefined>;
  sendToTopFrame(tabId: number, message: unknown): Promise<unknown>;
}

const UNREADABLE =
  'Browser pages, extension stores, PDFs and pages opened before Backstory was installed are out of its reach. ' +
  'Reload the page if it is a normal web page.';

function isSummary(value: unknown): value is PageSummary {
  const v = value as PageSummary | null;
  return !!v && typeof v.url === 'string' && Array.isArray(v.mentions) && typeof v.status === 'string';
}

export async function loadSummary(messenger: TabMessenger, tabId?: number): Promise<PopupState> {
  const id = tabId ?? (await messenger.activeTabId());
  if (id === undefined) return { kind: 'unsupported', reason: 'There is no active tab.' };
  try {
    const answer = await messenger.sendToTopFrame(id, { type: SUMMARY_REQUEST });
    return isSummary(answer) ? { kind: 'summary', summary: answer, tabId: id } : { kind: 'unsupported', reason: UNREADABLE };
  } catch {
    // No content script answered: the page is one the browser does not let extensions read.
    return { kind: 'unsupported', reason: UNREADABLE };
  }
}
