import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { MatchIndex } from '../../src/kb/match-index';
import type { Entity } from '../../src/kb/schema';
import { ENTITY_REQUEST, isSummaryRequest, MATCH_INDEX_REQUEST } from '../../src/messaging/messages';
import { ContentController } from '../../src/page/content-controller';
import './highlight.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const controller = new ContentController({
      doc: document,
      loadIndex: () => browser.runtime.sendMessage({ type: MATCH_INDEX_REQUEST }) as Promise<MatchIndex>,
      loadEntity: (id) => browser.runtime.sendMessage({ type: ENTITY_REQUEST, id }) as Promise<Entity | null>,
      setTimeout: (callback, ms) => ctx.setTimeout(callback, ms),
      clearTimeout: (id) => clearTimeout(id),
      requestAnimationFrame: (callback) => ctx.requestAnimationFrame(callback),
      listen: (target, type, listener, options) => ctx.addEventListener(target, type, listener as never, options),
      notify: (notice) => void browser.runtime.sendMessage(notice).catch(() => undefined),
    });
    const onMessage = (message: unknown) => (isSummaryRequest(message) ? Promise.resolve(controller.summary()) : undefined);
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      controller.stop();
    });
    void controller.start();
  },
});
