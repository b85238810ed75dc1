import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { buildKnowledgeBase, type KnowledgeBase } from '../src/kb/knowledge-base';
import { compileIndex, type CompiledIndex } from '../src/kb/match-index';
import { bundledPacks } from '../src/kb/packs';
import { loadUserPacks, watchUserPacks } from '../src/kb/user-pack-store';
import type { Pack } from '../src/kb/schema';
import { badgeFor } from '../src/messaging/badge';
import { isEntityListRequest, isEntityRequest, isPageStateNotice } from '../src/messaging/messages';
import { encodeMentions, isScanTextsRequest, RequestAssembler, SentTexts, type PartReceived, type ScanTextsReply, type SendInFull } from '../src/messaging/page-scan';
import { scanPage } from '../src/match/scan-page';

export default defineBackground(() => {
  // The knowledge base is the bundled packs plus those the reader imported (validated when imported).
  let kb: KnowledgeBase = buildKnowledgeBase(bundledPacks);
  // Compiled on first use and kept while the background lives: pages send their text here to be read.
  let compiled: CompiledIndex | undefined;
  const use = (userPacks: Pack[]) => {
    kb = buildKnowledgeBase([...bundledPacks, ...userPacks]);
    compiled = undefined;
  };
  const ready = loadUserPacks().then(use, () => undefined);
  const engine = () => ready.then(() => (compiled ??= compileIndex(kb)));
  const longRequests = new RequestAssembler();
  const sentTexts = new SentTexts();
  watchUserPacks(use);

  // Manifest V3 calls the toolbar button `action`; Firefox's Manifest V2 build calls it `browserAction`.
  const toolbarButton = browser.action ?? browser.browserAction;

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (isEntityListRequest(message)) return engine().then(({ entities }) => entities);
    if (isScanTextsRequest(message)) {
      const page = `${sender.tab?.id}:${sender.frameId}`;
      // In a promise, so that a part out of order becomes the sender's error.
      return Promise.resolve().then((): ScanTextsReply | PartReceived | SendInFull | Promise<ScanTextsReply> => {
        const assembled = longRequests.add(page, message);
        if (!Array.isArray(assembled)) return assembled;
        const texts = sentTexts.resolve(page, assembled, message.session);
        if (!texts) return { resend: true } satisfies SendInFull;
        return engine().then(({ matcher }) => encodeMentions(scanPage(matcher, texts).mentions));
      });
    }
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
