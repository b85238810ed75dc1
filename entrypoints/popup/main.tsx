import { render } from 'preact';
import { browser } from 'wxt/browser';
import { bundledKnowledgeBase } from '../../src/kb/knowledge-base';
import { loadSettings, saveSettings } from '../../src/settings/settings-store';
import { Popup, type PopupActions } from '../../src/ui/popup/Popup';
import { loadSummary, revealMention, type TabMessenger } from '../../src/ui/popup/load-summary';
import '../../src/ui/theme.css';
import '../../src/ui/popup/popup.css';

// `?tab=N` shows the summary of another tab: how the end-to-end tests open the popup as a page.
const requestedTab = Number(new URLSearchParams(location.search).get('tab')) || undefined;

const messenger: TabMessenger = {
  activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
  sendToFrame: (tabId, frameId, message) => browser.tabs.sendMessage(tabId, message, { frameId }),
  sendToBackground: (message) => browser.runtime.sendMessage(message),
};

const actions: PopupActions = {
  load: () => loadSummary(messenger, requestedTab),
  loadSettings,
  saveSettings,
  reveal: (tabId, id) => void revealMention(messenger, tabId, id),
  openSettings: () => void browser.runtime.openOptionsPage(),
};

render(<Popup kb={bundledKnowledgeBase()} actions={actions} />, document.getElementById('app')!);
