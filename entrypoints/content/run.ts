/**
 * Backstory in one page or frame: the controller wired to the browser. Imported by `index.ts` only once the frame is
 * known to have text to read, so that the modules below (the controller, the annotator, the card, Preact, Floating
 * UI) are set up only where they will run.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CardData } from '../../src/kb/card-data';
import { ENTITY_REQUEST, isFrameStateRequest, isRevealRequest, isSummaryRequest } from '../../src/messaging/messages';
import { SCAN_TEXTS_REQUEST } from '../../src/messaging/page-scan';
import { ContentController } from '../../src/page/content-controller';
import { browserClock } from '../../src/page/slicer';
import { onSettingsChange, onUserPacksChange, readSettings } from '../../src/settings/settings-reader';

export function runBackstory(ctx: ContentScriptContext): void {
  const controller = new ContentController({
    doc: document,
    loadSettings: readSettings,
    watchSettings: onSettingsChange,
    sendScanRequest: (request) => browser.runtime.sendMessage({ type: SCAN_TEXTS_REQUEST, ...request }),
    loadCardData: (id) => browser.runtime.sendMessage({ type: ENTITY_REQUEST, id }) as Promise<CardData | null>,
    clock: browserClock(window),
    // Not ctx.setTimeout / ctx.requestAnimationFrame: each call of those adds a listener to the context's abort
    // signal that is never removed, so a page left open (rescanned at every update, a frame at every pointer move)
    // would hold ever more of them. The same guard without the listener: a callback that comes due after the
    // extension was reloaded or removed does nothing.
    setTimeout: (callback, ms) => window.setTimeout(() => ctx.isValid && callback(), ms),
    clearTimeout: (id) => window.clearTimeout(id),
    requestAnimationFrame: (callback) => window.requestAnimationFrame(() => ctx.isValid && callback()),
    listen: (target, type, listener, options) => ctx.addEventListener(target, type, listener as never, options),
    notify: (notice) => void browser.runtime.sendMessage(notice).catch(() => undefined),
  });
  // Every frame answers for itself, asked by frame: the popup puts the top frame's summary and its frames' together.
  const onMessage = (message: unknown) => {
    if (isSummaryRequest(message)) return Promise.resolve(controller.summary());
    if (isRevealRequest(message)) return Promise.resolve(controller.reveal(message.id));
    if (isFrameStateRequest(message)) return Promise.resolve(controller.pageState());
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(onMessage);
    controller.stop();
  });
  const unwatchPacks = onUserPacksChange(() => controller.knowledgeChanged());
  ctx.onInvalidated(unwatchPacks);
  void controller.start();
}
