/**
 * Which mention is under the pointer. The page's text is not wrapped in elements, so there is nothing to receive
 * pointer events: the caret position under the pointer names a text node and offset, an index per text node finds
 * the mention there, and the mention's own rectangles confirm the pointer is really on it (the caret snaps to the
 * nearest text even in margins).
 */

interface Span {
  start: number;
  end: number;
  index: number;
}

/** Edge tolerance in CSS pixels: the caret's rectangle and the glyph box disagree by a pixel at line edges. */
const RECT_TOLERANCE_PX = 1;

function caretAt(doc: Document, x: number, y: number, shadowRoots: ShadowRoot[]): { node: Node; offset: number } | null {
  const withPosition = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number, options?: { shadowRoots: ShadowRoot[] }) => { offsetNode: Node; offset: number } | null;
  };
  if (typeof withPosition.caretPositionFromPoint === 'function') {
    // Naming the shadow roots that hold mentions lets the caret land inside them instead of on their host.
    const position = withPosition.caretPositionFromPoint(x, y, { shadowRoots });
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

export function rangeContainsPoint(range: Range, x: number, y: number): DOMRect | null {
  for (const rect of range.getClientRects()) {
    if (
      x >= rect.left - RECT_TOLERANCE_PX &&
      x <= rect.right + RECT_TOLERANCE_PX &&
      y >= rect.top - RECT_TOLERANCE_PX &&
      y <= rect.bottom + RECT_TOLERANCE_PX
    )
      return rect;
  }
  return null;
}

export class MentionIndex {
  private readonly byNode = new Map<Node, Span[]>();
  /** Open shadow roots that hold mentions. */
  readonly shadowRoots: ShadowRoot[] = [];

  constructor(private readonly ranges: readonly Range[]) {
    const roots = new Set<ShadowRoot>();
    ranges.forEach((range, index) => {
      const root = range.startContainer.getRootNode();
      if (root.nodeType === 11 && (root as ShadowRoot).host) roots.add(root as ShadowRoot);
      const add = (node: Node, start: number, end: number) => {
        let spans = this.byNode.get(node);
        if (!spans) this.byNode.set(node, (spans = []));
        spans.push({ start, end, index });
      };
      const { startContainer, endContainer } = range;
      if (startContainer === endContainer) {
        add(startContainer, range.startOffset, range.endOffset);
        return;
      }
      const doc = startContainer.ownerDocument!;
      const walker = doc.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
      walker.currentNode = startContainer;
      for (let node: Node | null = startContainer; node; node = walker.nextNode()) {
        const length = (node as Text).data.length;
        add(node, node === startContainer ? range.startOffset : 0, node === endContainer ? range.endOffset : length);
        if (node === endContainer) break;
      }
    });
    this.shadowRoots.push(...roots);
  }

  /** The index of the mention under the point, and the line box of it the point is on. */
  at(doc: Document, x: number, y: number): { index: number; lineRect: DOMRect } | null {
    const caret = caretAt(doc, x, y, this.shadowRoots);
    if (!caret) return null;
    const spans = this.byNode.get(caret.node);
    if (!spans) return null;
    for (const span of spans) {
      // The caret lands before or after the character under the pointer, so both edges count.
      if (caret.offset < span.start || caret.offset > span.end) continue;
      const lineRect = rangeContainsPoint(this.ranges[span.index], x, y);
      if (lineRect) return { index: span.index, lineRect };
    }
    return null;
  }
}
