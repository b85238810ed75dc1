/**
 * Which mention is under the pointer. The page's text is not wrapped in elements, so there is nothing to receive
 * pointer events: the caret position under the pointer names a text node and offset, an index per text node finds
 * the mention there, and the mention's own rectangles confirm the pointer is really on it (the caret snaps to the
 * nearest text even in margins).
 *
 * The index is built from block offsets alone: a Range is made only for the mention under the caret.
 */
import type { TextBlock } from './text-blocks';

/** What the index needs of a mention: where it is in its block, and its Range on demand. */
export interface Locatable {
  block: TextBlock;
  start: number;
  end: number;
  readonly range: Range;
}

interface Span {
  start: number;
  end: number;
  index: number;
}

/** Edge tolerance in CSS pixels: the caret's rectangle and the glyph box disagree by a pixel at line edges. */
const RECT_TOLERANCE_PX = 1;

function caretAt(doc: Document, x: number, y: number, shadowRoots: readonly ShadowRoot[]): { node: Node; offset: number } | null {
  const withPosition = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number, options?: { shadowRoots: readonly ShadowRoot[] }) => { offsetNode: Node; offset: number } | null;
  };
  if (typeof withPosition.caretPositionFromPoint === 'function') {
    // Naming the shadow roots that hold mentions lets the caret land inside them instead of on their host.
    const position = withPosition.caretPositionFromPoint(x, y, { shadowRoots });
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

function rangeContainsPoint(range: Range, x: number, y: number): DOMRect | null {
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

/** The last segment starting at or before `offset` (binary search). */
function firstSegment(segments: TextBlock['segments'], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export class MentionIndex {
  private readonly byNode = new Map<Node, Span[]>();

  /** `shadowRoots`: the open shadow roots that hold the mentions, which hit tests must look into. */
  constructor(
    private readonly mentions: readonly Locatable[],
    private readonly shadowRoots: readonly ShadowRoot[],
  ) {
    mentions.forEach((mention, index) => {
      const { segments } = mention.block;
      // Every text node the mention touches gets a span in that node's own offsets.
      for (let i = firstSegment(segments, mention.start); i < segments.length && segments[i].start <= mention.end; i++) {
        const segment = segments[i];
        const length = segment.node.data.length;
        const from = Math.max(mention.start, segment.start);
        const to = Math.min(mention.end, segment.start + length);
        if (from > to || (from === to && length > 0)) continue;
        let spans = this.byNode.get(segment.node);
        if (!spans) this.byNode.set(segment.node, (spans = []));
        spans.push({ start: from - segment.start, end: to - segment.start, index });
      }
    });
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
      const lineRect = rangeContainsPoint(this.mentions[span.index].range, x, y);
      if (lineRect) return { index: span.index, lineRect };
    }
    return null;
  }
}
