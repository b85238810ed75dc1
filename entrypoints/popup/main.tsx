import { render } from 'preact';
import { browser } from 'wxt/browser';
import { bundledKnowledgeBase } from '../../src/kb/knowledge-base';
import { Popup } from '../../src/ui/popup/Popup';
import { loadSummary } from '../../src/ui/popup/load-summary';
import '../../src/ui/popup/popup.css';

// `?tab=N` shows the summary of another tab: how the end-to-end tests open the popup as a page.
const requestedTab = Number(new URLSearchParams(location.search).get('tab')) || undefined;
const load = () =>
  loadSummary(
    {
      activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
      sendToTopFrame: (tabId, message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
    },
    requestedTab,
  );

render(<Popup kb={bundledKnowledgeBase()} load={load} />, document.getElementById('app')!);
