/**
 * The site the reader is on, as the site switches name it ("off for this site", "only on these sites"): the host of
 * the top-level page, also in its frames. A frame's own host would be wrong both ways: an embedded post
 * (`platform.example`) or a `srcdoc` frame (no host at all) would stay annotated on a site the reader turned
 * Backstory off for, and go blank on a site they turned it on for.
 */

/** The parts of a window that tell the top-level page's host. */
export interface FrameWindow {
  readonly top: { readonly location: { readonly hostname: string } } | null;
  readonly location: { readonly hostname: string; readonly ancestorOrigins?: ArrayLike<string> };
  readonly document: { readonly referrer: string };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

export function readerHost(win: FrameWindow): string {
  if (win.top === win || !win.top) return win.location.hostname;
  // Chrome and Safari list every ancestor's origin, the top-level page's last, whatever their origins.
  const ancestors = win.location.ancestorOrigins;
  if (ancestors?.length) return hostOf(ancestors[ancestors.length - 1]);
  try {
    // Firefox: readable when the top-level page has this frame's origin (a srcdoc frame has its parent's).
    return win.top.location.hostname;
  } catch {
    // A frame of another origin: the page that embedded it sends its origin as the referrer by default.
    return hostOf(win.document.referrer) || win.location.hostname;
  }
}
