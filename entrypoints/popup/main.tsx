import { render } from 'preact';
import { browser } from 'wxt/browser';
import { bundledKnowledgeBase, knowledgeBaseWith } from '../../src/kb/knowledge-base';
import { loadUserPacks } from '../../src/kb/user-pack-store';
import { loadSettings, updateSettings, watchSettings } from '../../src/settings/settings-store';
import { followThemeSetting } from '../../src/ui/follow-theme';
import { Popup, type PopupActions } from '../../src/ui/popup/Popup';
import { isNoticeFromTab, loadSummary, revealMention, type TabMessenger } from '../../src/ui/popup/load-summary';
import '../../src/ui/theme.css';
import '../../src/ui/popup/popup.css';

// `?tab=N` shows the summary of another tab: how the end-to-end tests open the popup as a page.
const requestedTab = Number(new URLSearchParams(location.search).get('tab')) || undefined;

const messenger: TabMessenger = {
  activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
  sendToFrame: (tabId, frameId, message) => browser.tabs.sendMessage(tabId, message, { frameId }),
  sendToBackground: (message) => browser.runtime.sendMessage(message),
  tabIsLoading: async (tabId) => (await browser.tabs.get(tabId)).status === 'loading',
};

const actions: PopupActions = {
  load: () => loadSummary(messenger, requestedTab),
  watchPage: (tabId, onChange) => {
    // Never answers: the notice is the background's to answer.
    const listener = (message: unknown, sender: { tab?: { id?: number } }) => {
      if (isNoticeFromTab(message, sender, tabId)) onChange();
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  },
  loadSettings,
  watchSettings,
  changeSettings: updateSettings,
  reveal: (tabId, id) => revealMention(messenger, tabId, id),
  openSettings: () => void browser.runtime.openOptionsPage(),
};

// With the reader's imported packs: their entities get their line in the list and their dates in the timeline, as
// the page gives them cards. Unreadable storage leaves the bundled packs.
const knowledge = loadUserPacks().then(knowledgeBaseWith, () => bundledKnowledgeBase());
// Drawn once the reader's theme is on, so that a dark popup does not open white.
void Promise.all([knowledge, followThemeSetting(document.documentElement, loadSettings, watchSettings)]).then(([kb]) =>
  render(<Popup kb={kb} actions={actions} />, document.getElementById('app')!),
);
