import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { aliasSpecs, bundledKnowledgeBase } from '../../src/kb/knowledge-base';
import { compileMatcher } from '../../src/match/matcher';
import { isSummaryRequest } from '../../src/messaging/messages';
import { ContentController } from '../../src/page/content-controller';
import './highlight.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const kb = bundledKnowledgeBase();
    const controller = new ContentController({
      doc: document,
      kb,
      matcher: compileMatcher(aliasSpecs(kb)),
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
    controller.start();
  },
});
