/**
 * Whether a frame holds enough text to be worth reading, and waiting for it to, without reading it: the content
 * script sets Backstory up only in frames that pass (see `entrypoints/content/index.ts`).
 */
import { FRAME_TEXT_CHECK_MS, FRAME_TEXT_WAIT_MS, MIN_FRAME_TEXT_CHARS } from '../timing';

/** Elements whose text is in `textContent` but never shown as prose. */
const UNSHOWN = 'script, style, noscript, template';

/**
 * The length of the text a frame shows: its body's text, less that of its scripts and styles (an inline ad tag is
 * mostly script).
 */
export function frameTextLength(doc: Document): number {
  const body = doc.body;
  if (!body) return 0;
  let length = body.textContent?.length ?? 0;
  for (const element of body.querySelectorAll(UNSHOWN)) length -= element.textContent?.length ?? 0;
  return length;
}

export interface FrameTextWatch {
  minChars: number;
  /** How long to wait for the text before giving up. */
  waitMs: number;
  /** Measure at most this often. */
  checkEveryMs: number;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

/** The watch a frame of the page gets: the thresholds of `timing.ts`, the window's timers. */
export function frameTextWatch(win: Window): FrameTextWatch {
  return {
    minChars: MIN_FRAME_TEXT_CHARS,
    waitMs: FRAME_TEXT_WAIT_MS,
    checkEveryMs: FRAME_TEXT_CHECK_MS,
    setTimeout: (callback, ms) => win.setTimeout(callback, ms),
    clearTimeout: (id) => win.clearTimeout(id),
  };
}

/**
 * Resolves true as soon as the frame shows `minChars` of text, at once if it already does; false once `waitMs` has
 * passed without. One MutationObserver watches meanwhile, and the text is measured at most every `checkEveryMs`.
 */
export function whenFrameHasText(doc: Document, watch: FrameTextWatch): Promise<boolean> {
  if (frameTextLength(doc) >= watch.minChars) return Promise.resolve(true);
  const MutationObserverOfFrame = doc.defaultView?.MutationObserver;
  if (!MutationObserverOfFrame) return Promise.resolve(false);
  return new Promise((resolve) => {
    let check: number | null = null;
    const finish = (enough: boolean) => {
      observer.disconnect();
      if (check !== null) watch.clearTimeout(check);
      watch.clearTimeout(giveUp);
      resolve(enough);
    };
    const observer = new MutationObserverOfFrame(() => {
      check ??= watch.setTimeout(() => {
        check = null;
        if (frameTextLength(doc) >= watch.minChars) finish(true);
      }, watch.checkEveryMs);
    });
    // The document, not the body: a script may replace the body, or write the whole document.
    observer.observe(doc, { childList: true, subtree: true, characterData: true });
    const giveUp = watch.setTimeout(() => finish(false), watch.waitMs);
  });
}
