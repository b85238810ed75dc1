/**
 * Painting with the CSS Custom Highlight API: the page's text is never wrapped or rewritten, so frameworks that
 * re-render their text (React, Vue) never find a foreign node in their tree. Styles for these names reach the page
 * through the content script's manifest CSS, which adds no node to the page.
 */
export const MENTION_HIGHLIGHT = 'backstory-mention';
export const ACTIVE_HIGHLIGHT = 'backstory-active';

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/** Registers every range at once: adding ranges one by one to a registered Highlight repaints each time. */
export function paintMentions(ranges: readonly Range[]): void {
  if (!highlightsSupported()) return;
  CSS.highlights.set(MENTION_HIGHLIGHT, new Highlight(...ranges));
}

export function paintActive(range: Range | null): void {
  if (!highlightsSupported()) return;
  if (range) CSS.highlights.set(ACTIVE_HIGHLIGHT, new Highlight(range));
  else CSS.highlights.delete(ACTIVE_HIGHLIGHT);
}

export function clearHighlights(): void {
  if (!highlightsSupported()) return;
  CSS.highlights.delete(MENTION_HIGHLIGHT);
  CSS.highlights.delete(ACTIVE_HIGHLIGHT);
}
