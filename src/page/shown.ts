/**
 * Whether the page shows an element's text to the reader, once scrolled to. News pages hold text they do not show:
 * a headline copy for small screens hidden by CSS on wide ones, a caption kept invisible until a slideshow starts, a
 * closed "Background" box (`<details>`). Backstory reads that text like any other (telling it apart would cost a
 * style lookup for every block of every page), but where the reader is taken to a mention (the popup's "Show on
 * the page", keyboard stepping) or only one mention of a name is painted, it must be one the reader can see.
 *
 * Text kept off-screen by `content-visibility: auto` counts as shown: it is laid out once scrolled near.
 */
export function isShown(element: Element): boolean {
  // checkVisibility: Chrome 105+, Firefox 106+, Safari 17.4+. Without it, a box that renders nothing has no rects.
  if (typeof element.checkVisibility === 'function') return element.checkVisibility({ visibilityProperty: true });
  return element.getClientRects().length > 0;
}
