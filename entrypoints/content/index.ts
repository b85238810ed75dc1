import { defineContentScript } from 'wxt/utils/define-content-script';
import { ignoreRetirementFromPage } from '../../src/platform/retirement-guard';
import { frameTextWatch, whenFrameHasText } from '../../src/page/frame-text';
import '../../src/page/highlight.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // Frames get their own highlights and cards: same-origin and srcdoc iframes (about:srcdoc) included.
  allFrames: true,
  matchAboutBlank: true,
  // WXT would also announce each start with a window.postMessage carrying the extension's id: every message listener
  // of the page would hear it (one that parses messages as JSON throws), and learn that Backstory is installed.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    const isTopFrame = window === window.top;
    // A frame waits for enough text to read, which an embed may render only after it has loaded; most frames of a
    // news page (ad slots, players, buttons) never get it, and stop here.
    if (!isTopFrame && !(await whenFrameHasText(document, frameTextWatch(window)))) return;
    if (!ctx.isValid) return;
    ignoreRetirementFromPage(ctx, window);
    // A dynamic import, which the bundler keeps in this one file but sets up only when reached: frames that stop
    // above never pay for setting up the controller, the card, Preact and Floating UI (on `ad-frames.html`, nine
    // small frames: 0.3–6.7 ms less CPU).
    const { runBackstory } = await import('./run');
    runBackstory(ctx);
  },
});
