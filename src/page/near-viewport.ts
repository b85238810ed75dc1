/**
 * What "near the viewport" means to our IntersectionObservers (the painter's and the read-end watcher's), in every
 * scrolling box on the way to the screen, not only the window.
 *
 * An observer's `rootMargin` grows the viewport alone. Text inside a scrolling box (an app-shell page whose content
 * pane scrolls instead of the window, a live blog in a scrolling column) is clipped by that box, so with `rootMargin`
 * alone it is reported only once it is on screen: highlights appear a frame after their text, and the end of a long
 * page's part read is noticed only when the reader reaches it, or never if they jump past it. `scrollMargin` grows
 * the clip of every scrolling box, the viewport's included (checked in Chromium: the two add up where both are
 * given), so it replaces `rootMargin` where the browser has it. It is given in pixels, since a percentage there is of
 * each box's own height; the pixels are the viewport's when the observer is made. Frames keep `rootMargin` (below).
 */

/**
 * "Without end", in viewport heights: farther than any page reaches, yet within what a browser lays out (a few
 * million pixels on a tall screen, against Chromium's limit of about 33 million).
 */
const WITHOUT_END_VIEWPORTS = 10_000;

/**
 * Options for an observer (implicit root) that reports a target as intersecting while it lies within `above` viewport
 * heights above what the reader can see and `below` below it (`Infinity`: without end).
 */
export function nearViewport(win: Window & typeof globalThis, above: number, below: number): IntersectionObserverInit {
  // In a frame the viewport is the top page's, whose height a frame of another site cannot read, and a frame's own
  // height would make the margin a frame's: frames keep the root margin, in shares of the top page's viewport.
  const [top, bottom] = [above, below].map((viewports) => Math.min(viewports, WITHOUT_END_VIEWPORTS));
  if (win === win.top && 'scrollMargin' in win.IntersectionObserver.prototype) {
    const px = (viewports: number) => `${Math.round(viewports * win.innerHeight)}px`;
    return { scrollMargin: `${px(top)} 0px ${px(bottom)} 0px` } as IntersectionObserverInit;
  }
  const percent = (viewports: number) => `${Math.round(viewports * 100)}%`;
  return { rootMargin: `${percent(top)} 0px ${percent(bottom)} 0px` };
}
