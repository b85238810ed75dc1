import { defineContentScript } from 'wxt/utils/define-content-script';
import { ignoreRetirementFromPage } from '../../src/platform/retirement-guard';
import { MIN_FRAME_TEXT_CHARS } from '../../src/timing';
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
    if (!isTopFrame && (document.body?.textContent?.length ?? 0) < MIN_FRAME_TEXT_CHARS) return;
    ignoreRetirementFromPage(ctx, window);
    // A dynamic import, which the bundler keeps in this one file but sets up only when reached: most frames of a
    // news page (ad slots, players, buttons) hold too little text and stop above, and then never pay for setting up
    // the controller, the card, Preact and Floating UI (on `ad-frames.html`, nine small frames: 0.3–6.7 ms less CPU).
    const { runBackstory } = await import('./run');
    runBackstory(ctx, isTopFrame);
  },
});
