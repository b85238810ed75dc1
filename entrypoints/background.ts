import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { badgeFor } from '../src/messaging/badge';
import { isPageStateNotice } from '../src/messaging/messages';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
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
