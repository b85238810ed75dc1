/**
 * Tells when the reader comes near the end of the text read so far on a long page (see `READ_AHEAD_CHARS`): within
 * `READ_ON_VIEWPORTS` viewport heights of it, or past it (a jump down the page, a page opened at a fragment).
 * Watched with an IntersectionObserver, which never makes the browser lay the page out: reading a box on each scroll
 * would, on the longest pages, where laying out is longest.
 */
import { READ_ON_VIEWPORTS } from '../timing';
import { nearViewport } from './near-viewport';

export class ReadEndWatcher {
  private observer: IntersectionObserver | null = null;
  /** What the live observer watches, and the viewport's height its margin was made for. */
  private watched: { end: Element; height: number } | null = null;

  constructor(
    private readonly win: Window & typeof globalThis,
    private readonly onNear: () => void,
  ) {}

  /** Watches `end` (the last block read) instead of what was watched before; null: nothing to watch. */
  watch(end: Element | null): void {
    // Every update of a live long page ends here, mostly with the same end: the observer watching it stays.
    if (end && this.watched?.end === end && this.watched.height === this.win.innerHeight) return;
    this.dispose();
    if (!end) return;
    if (typeof this.win.IntersectionObserver !== 'function') {
      this.onNear(); // no way to follow the reader: read on
      return;
    }
    // A new observer for each end: its margin is in pixels of the viewport as it is now (see `nearViewport`).
    this.observer = new this.win.IntersectionObserver(
      (entries, observer) => {
        // An end with no box (inside a collapsed section or a closed tab: the hidden text is read too) is never
        // near and never crosses anything: where the reader stands relative to it is unknown, so read on.
        if (observer !== this.observer || !entries.some((entry) => entry.isIntersecting || hasNoBox(entry))) return;
        this.dispose();
        this.onNear();
      },
      // Down by the margin, and up without end: an observer reports only crossings, and a jump from above the end to
      // below it crosses no viewport-sized area on the way.
      nearViewport(this.win, Infinity, READ_ON_VIEWPORTS),
    );
    this.observer.observe(end);
    this.watched = { end, height: this.win.innerHeight };
  }

  dispose(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.watched = null;
  }
}

/** Whether the observed element is not rendered (`display: none` on it or an ancestor): the observer gives it no box. */
function hasNoBox(entry: IntersectionObserverEntry): boolean {
  const { width, height } = entry.boundingClientRect;
  return width === 0 && height === 0;
}
