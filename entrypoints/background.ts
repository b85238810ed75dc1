import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { cardDataOf } from '../src/kb/card-data';
import { bundledKnowledgeBase, knowledgeBaseWith, type KnowledgeBase } from '../src/kb/knowledge-base';
import { compileIndex, type CompiledIndex } from '../src/kb/match-index';
import { loadUserPacks, watchUserPacks } from '../src/kb/user-pack-store';
import type { Pack } from '../src/kb/schema';
import { badgeFor, type BadgeState } from '../src/messaging/badge';
import { FRAME_STATE_REQUEST, isEntityRequest, isPageState, isPageStateNotice, isTabFramesRequest } from '../src/messaging/messages';
import { TabFrames, type TabRecord } from '../src/messaging/tab-frames';
import { sessionStore } from '../src/platform/session-store';
import { encodeMentions, isScanTextsRequest, RequestAssembler, SentTexts, type PartReceived, type ScanTextsReply, type SendInFull } from '../src/messaging/page-scan';
import { judgePage, scanBlocks, type BlockScan } from '../src/match/scan-page';

export default defineBackground(() => {
  // The knowledge base is the bundled packs plus those the reader imported (validated when imported).
  let kb: KnowledgeBase = bundledKnowledgeBase();
  // Compiled on first use and kept while the background lives: pages send their text here to be read.
  let compiled: CompiledIndex | undefined;
  const use = (userPacks: Pack[]) => {
    kb = knowledgeBaseWith(userPacks);
    compiled = undefined;
  };
  const ready = loadUserPacks().then(use, () => undefined);
  const engine = () => ready.then(() => (compiled ??= compileIndex(kb)));
  const longRequests = new RequestAssembler();
  // Each page's last request, and the engine's block scans of it (with the compiled index that made them).
  const sentTexts = new SentTexts<{ engine: CompiledIndex; scans: BlockScan[] }>();
  // Whose requests those are: a frame of a tab, and a test for every frame of one tab.
  const pageOf = (tabId: number | undefined, frameId: number | undefined) => `${tabId}:${frameId}`;
  const inTab = (tabId: number) => (page: string) => page.startsWith(`${tabId}:`);
  watchUserPacks(use);

  // Manifest V3 calls the toolbar button `action`; Firefox's Manifest V2 build calls it `browserAction`.
  const toolbarButton = browser.action ?? browser.browserAction;

  const tabFrames = new TabFrames(sessionStore<TabRecord>(), async (tabId, frame) => {
    const target = frame.documentId ? { documentId: frame.documentId } : { frameId: frame.frameId };
    const state: unknown = await browser.tabs.sendMessage(tabId, { type: FRAME_STATE_REQUEST }, target as { frameId: number });
    return isPageState(state) ? state : null;
  });
  const showBadge = (tabId: number, state: BadgeState) => {
    const badge = badgeFor(state);
    void toolbarButton.setBadgeText({ tabId, text: badge.text }).catch(() => undefined);
    void toolbarButton.setBadgeBackgroundColor({ tabId, color: badge.color }).catch(() => undefined);
    void toolbarButton.setTitle({ tabId, title: badge.title }).catch(() => undefined);
  };

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (isScanTextsRequest(message)) {
      const page = pageOf(sender.tab?.id, sender.frameId);
      // In a promise, so that a part out of order becomes the sender's error.
      return Promise.resolve().then((): ScanTextsReply | PartReceived | SendInFull | Promise<ScanTextsReply> => {
        const assembled = longRequests.add(page, message);
        if (!Array.isArray(assembled)) return assembled;
        const resolved = sentTexts.resolve(page, assembled, message.session);
        if (!resolved) return { resend: true } satisfies SendInFull;
        return engine().then((compiled) => {
          const { texts, origins, earlier } = resolved;
          // Blocks the page sent as references are not matched again, unless the knowledge base changed since.
          const scans = scanBlocks(compiled.matcher, texts, origins && earlier?.engine === compiled ? { origins, scans: earlier.scans } : undefined);
          sentTexts.keep(page, message.session, { engine: compiled, scans });
          return encodeMentions(judgePage(texts, scans).mentions, (id) => compiled.entities.get(id)!);
        });
      });
    }
    if (isEntityRequest(message)) return ready.then(() => cardDataOf(kb, message.id));
    if (isTabFramesRequest(message)) {
      return tabFrames.frames(message.tabId).then(({ frameIds, badge }) => {
        if (badge) showBadge(message.tabId, badge);
        return frameIds;
      });
    }
    const tabId = sender.tab?.id;
    if (!isPageStateNotice(message) || tabId === undefined) return undefined;
    // The document of the frame that spoke (Chrome 106+), so that asking it again later reaches that page or fails.
    const { documentId } = sender as { documentId?: string };
    const frameId = sender.frameId ?? 0;
    void (
      message.leaving
        ? tabFrames.left(tabId, frameId, documentId)
        : tabFrames.notice(tabId, frameId, documentId, { status: message.status, entityIds: message.entityIds, ...(message.partial ? { partial: true } : {}) }, message.framesRemoved === true)
    )
      .then((badge) => badge && showBadge(tabId, badge), () => undefined); // no session storage: the badge waits for the next notice
    return undefined;
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    void tabFrames.forget(tabId).catch(() => undefined);
    // A long page's texts and block scans are megabytes: they go with the tab rather than when other pages push them out.
    sentTexts.forget(inTab(tabId));
    longRequests.forget(inTab(tabId));
  });
});
