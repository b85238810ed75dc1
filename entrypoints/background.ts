import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { buildKnowledgeBase, type KnowledgeBase } from '../src/kb/knowledge-base';
import { buildMatchIndex, type MatchIndex } from '../src/kb/match-index';
import { bundledPacks } from '../src/kb/packs';
import { loadUserPacks, watchUserPacks } from '../src/kb/user-pack-store';
import type { Pack } from '../src/kb/schema';
import { badgeFor } from '../src/messaging/badge';
import { isEntityRequest, isMatchIndexRequest, isPageStateNotice } from '../src/messaging/messages';

export default defineBackground(() => {
  // The knowledge base is the bundled packs plus those the reader imported (validated when imported).
  let kb: KnowledgeBase = buildKnowledgeBase(bundledPacks);
  let matchIndex: MatchIndex | undefined;
  const use = (userPacks: Pack[]) => {
    kb = buildKnowledgeBase([...bundledPacks, ...userPacks]);
    matchIndex = undefined;
  };
  const ready = loadUserPacks().then(use, () => undefined);
  watchUserPacks(use);

  // Manifest V3 calls the toolbar button `action`; Firefox's Manifest V2 build calls it `browserAction`.
  const toolbarButton = browser.action ?? browser.browserAction;

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (isMatchIndexRequest(message)) return ready.then(() => (matchIndex ??= buildMatchIndex(kb)));
    if (isEntityRequest(message)) return ready.then(() => kb.entities.get(message.id) ?? null);
    const tabId = sender.tab?.id;
    // Only the top frame speaks for the page's badge.
    if (!isPageStateNotice(message) || tabId === undefined || (sender.frameId ?? 0) !== 0) return undefined;
    const badge = badgeFor(message);
    void toolbarButton.setBadgeText({ tabId, text: badge.text });
    void toolbarButton.setBadgeBackgroundColor({ tabId, color: badge.color });
    void toolbarButton.setTitle({ tabId, title: badge.title });
    return undefined;
  });
});
