/**
 * Painting with the CSS Custom Highlight API: the page's text is never wrapped or rewritten, so frameworks that
 * re-render their text (React, Vue) never find a foreign node in their tree. Styles for these names reach the page
 * through the content script's manifest CSS, which adds no node to the page.
 */
import type { HighlightStyle } from '../settings/settings';
import { TINT_LONG_PAGES_FROM_CHARS } from '../timing';
import highlightCss from './highlight.css?inline';

export const MENTION_HIGHLIGHT = 'backstory-mention';
/** The same mentions painted as a background tint instead of an underline (a reader's setting, and very long pages). */
export const TINT_HIGHLIGHT = 'backstory-mention-tint';
export const ACTIVE_HIGHLIGHT = 'backstory-active';
/** The mention reached by keyboard stepping: a visible focus mark. */
export const FOCUS_HIGHLIGHT = 'backstory-focus';

const STYLE_HIGHLIGHTS: Record<HighlightStyle, string | null> = {
  underline: MENTION_HIGHLIGHT,
  tint: TINT_HIGHLIGHT,
  none: null,
};

/**
 * The style mentions are painted in on a page with `pageChars` characters of text: the reader's choice, except that
 * a very long page is tinted rather than underlined (see `TINT_LONG_PAGES_FROM_CHARS`).
 */
export function paintedStyle(chosen: HighlightStyle, pageChars: number): HighlightStyle {
  return chosen === 'underline' && pageChars >= TINT_LONG_PAGES_FROM_CHARS ? 'tint' : chosen;
}

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/**
 * Registers every range at once: adding ranges one by one to a registered Highlight repaints each time. Returns the
 * Highlight registered (null for none), for `isStillRegistered`.
 */
export function paintMentions(ranges: readonly Range[], style: HighlightStyle = 'underline'): Highlight | null {
  if (!highlightsSupported()) return null;
  const name = STYLE_HIGHLIGHTS[style];
  for (const other of [MENTION_HIGHLIGHT, TINT_HIGHLIGHT]) if (other !== name) CSS.highlights.delete(other);
  if (!name) return null;
  const highlight = new Highlight(...ranges);
  CSS.highlights.set(name, highlight);
  return highlight;
}

/**
 * Whether the page's highlight registry still holds what `paintMentions` registered. The registry is the page's, and
 * shared: a page's own find feature, or another extension, may clear it (`CSS.highlights.clear()`).
 */
export function isStillRegistered(highlight: Highlight, style: HighlightStyle): boolean {
  const name = STYLE_HIGHLIGHTS[style];
  return !name || !highlightsSupported() || CSS.highlights.get(name) === highlight;
}

export function paintActive(range: Range | null): void {
  if (!highlightsSupported()) return;
  if (range) CSS.highlights.set(ACTIVE_HIGHLIGHT, new Highlight(range));
  else CSS.highlights.delete(ACTIVE_HIGHLIGHT);
}

export function paintFocus(range: Range | null): void {
  if (!highlightsSupported()) return;
  if (range) CSS.highlights.set(FOCUS_HIGHLIGHT, new Highlight(range));
  else CSS.highlights.delete(FOCUS_HIGHLIGHT);
}

export function clearHighlights(): void {
  if (!highlightsSupported()) return;
  CSS.highlights.delete(FOCUS_HIGHLIGHT);
  CSS.highlights.delete(MENTION_HIGHLIGHT);
  CSS.highlights.delete(TINT_HIGHLIGHT);
  CSS.highlights.delete(ACTIVE_HIGHLIGHT);
}

let shadowSheet: CSSStyleSheet | null = null;
const styledRoots = new WeakSet<ShadowRoot>();

/**
 * Page styles do not cross into a shadow root, and neither does the manifest CSS that colours our highlights in
 * the document: a shadow root holding mentions adopts the same rules as a constructed stylesheet (no node added).
 */
export function styleHighlightsIn(root: ShadowRoot): void {
  if (styledRoots.has(root) || typeof CSSStyleSheet !== 'function') return;
  try {
    if (!shadowSheet) {
      shadowSheet = new CSSStyleSheet();
      shadowSheet.replaceSync(highlightCss);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, shadowSheet];
    styledRoots.add(root);
  } catch {
    // A root from another document, or a page that froze adoptedStyleSheets: its mentions stay unpainted there.
  }
}
