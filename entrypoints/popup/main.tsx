import { render } from 'preact';
import { browser } from 'wxt/browser';
import { bundledKnowledgeBase } from '../../src/kb/knowledge-base';
import { REVEAL_REQUEST } from '../../src/messaging/messages';
import { loadSettings, saveSettings } from '../../src/settings/settings-store';
import { Popup, type PopupActions } from '../../src/ui/popup/Popup';
import { loadSummary } from '../../src/ui/popup/load-summary';
import '../../src/ui/theme.css';
import '../../src/ui/popup/popup.css';

// `?tab=N` shows the summary of another tab: how the end-to-end tests open the popup as a page.
const requestedTab = Number(new URLSearchParams(location.search).get('tab')) || undefined;

const actions: PopupActions = {
  load: () =>
    loadSummary(
      {
        activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
        sendToTopFrame: (tabId, message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
      },
      requestedTab,
    ),
  loadSettings,
  saveSettings,
  reveal: (tabId, id) => void browser.tabs.sendMessage(tabId, { type: REVEAL_REQUEST, id }, { frameId: 0 }).catch(() => undefined),
  openSettings: () => void browser.runtime.openOptionsPage(),
};

render(<Popup kb={bundledKnowledgeBase()} actions={actions} />, document.getElementById('app')!);
