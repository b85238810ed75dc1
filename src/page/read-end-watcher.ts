/**
 * Tells when the reader comes near the end of the text read so far on a long page (see `READ_AHEAD_CHARS`): within
 * `READ_ON_VIEWPORTS` viewport heights of it, or past it (a jump down the page, a page opened at a fragment).
 * Watched with an IntersectionObserver, which never makes the browser lay the page out: reading a box on each scroll
 * would, on the longest pages, where laying out is longest.
 */
import { READ_ON_VIEWPORTS } from '../timing';

/** "Without end" above the viewport (a margin in per cent of its height): 10,000 viewports, further than any page reaches. */
const PAST_IT = 1_000_000;

export class ReadEndWatcher {
  private observer: IntersectionObserver | null = null;

  constructor(
    private readonly win: Window & typeof globalThis,
    private readonly onNear: () => void,
  ) {}

  /** Watches `end` (the last block read) instead of what was watched before; null: nothing to watch. */
  watch(end: Element | null): void {
    this.observer?.disconnect();
    if (!end) return;
    if (typeof this.win.IntersectionObserver !== 'function') {
      this.onNear(); // no way to follow the reader: read on
      return;
    }
    this.observer ??= new this.win.IntersectionObserver(
      (entries) => {
        // An end with no box (inside a collapsed section or a closed tab: the hidden text is read too) is never
        // near and never crosses anything: where the reader stands relative to it is unknown, so read on.
        if (!entries.some((entry) => entry.isIntersecting || hasNoBox(entry))) return;
        this.observer?.disconnect();
        this.onNear();
      },
      // The viewport grown downwards by the margin, and upwards without end: an observer reports only crossings, and
      // a jump from above the end to below it crosses no viewport-sized area on the way.
      { rootMargin: `${PAST_IT}% 0px ${READ_ON_VIEWPORTS * 100}% 0px` },
    );
    this.observer.observe(end);
  }

  dispose(): void {
    this.observer?.disconnect();
    this.observer = null;
  }
}

/** Whether the observed element is not rendered (`display: none` on it or an ancestor): the observer gives it no box. */
function hasNoBox(entry: IntersectionObserverEntry): boolean {
  const { width, height } = entry.boundingClientRect;
  return width === 0 && height === 0;
}
