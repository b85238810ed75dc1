import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { bundledKnowledgeBase } from '../src/kb/knowledge-base';
import { buildMatchIndex, type MatchIndex } from '../src/kb/match-index';
import { badgeFor } from '../src/messaging/badge';
import { isEntityRequest, isMatchIndexRequest, isPageStateNotice } from '../src/messaging/messages';

export default defineBackground(() => {
  const kb = bundledKnowledgeBase();
  let matchIndex: MatchIndex | undefined;

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (isMatchIndexRequest(message)) return Promise.resolve((matchIndex ??= buildMatchIndex(kb)));
    if (isEntityRequest(message)) return Promise.resolve(kb.entities.get(message.id) ?? null);
    const tabId = sender.tab?.id;
    // Only the top frame speaks for the page's badge.
    if (!isPageStateNotice(message) || tabId === undefined || (sender.frameId ?? 0) !== 0) return undefined;
    const badge = badgeFor(message);
    void browser.action.setBadgeText({ tabId, text: badge.text });
    void browser.action.setBadgeBackgroundColor({ tabId, color: badge.color });
    void browser.action.setTitle({ tabId, title: badge.title });
    return undefined;
  });
});
