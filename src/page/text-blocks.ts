/**
 * Collects the page's readable text as blocks: runs of text between block boundaries (paragraphs, headings, list
 * items, cells…), joined across inline elements so that "Shehbaz <b>Sharif</b>" is one string. Each block remembers
 * which text node each piece came from, so offsets in the block map back to DOM positions.
 *
 * The walk is iterative (pages nest thousands of levels deep) and reads only the DOM: it never writes to the page.
 */
import { HARD_BREAK } from '../match/normalize';
import { isChrome } from './chrome';

export interface TextSegment {
  node: Text;
  /** Offset of the node's first character in the block text. */
  start: number;
}

export interface TextBlock {
  text: string;
  segments: TextSegment[];
  /** The element whose box holds the block: its nearest block-level ancestor (or the walk's root). */
  container: Element;
}

/** Never text a reader reads as prose, or text the reader is editing. */
const SKIPPED_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'OPTGROUP', 'BUTTON',
  'IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'CANVAS', 'SVG', 'MATH', 'AUDIO', 'VIDEO', 'PICTURE', 'IMG',
  'CODE', 'PRE', 'KBD', 'SAMP', 'VAR', 'HEAD', 'TITLE', 'BACKSTORY-UI',
]);

/** Skipped elements that render nothing: the text on either side of them reads as one ("Shehbaz <script/>Sharif"). */
const INVISIBLE_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'BACKSTORY-UI']);

/** Elements that flow inside a line; everything else starts a new block. */
const INLINE_TAGS = new Set([
  'A', 'ABBR', 'ACRONYM', 'B', 'BDI', 'BDO', 'BIG', 'CITE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'INS', 'LABEL',
  'MARK', 'Q', 'RUBY', 'RB', 'RT', 'RP', 'S', 'SMALL', 'SPAN', 'STRIKE', 'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U',
  'WBR', 'NOBR', 'SLOT',
]);

function isEditable(element: Element): boolean {
  const value = element.getAttribute('contenteditable');
  return value !== null && value.toLowerCase() !== 'false';
}

export interface CollectOptions {
  /** Leave out navigation, sidebars, footers, promos and comments (the article-only policy). Default true. */
  skipChrome?: boolean;
}

function isSkipped(element: Element, skipChrome: boolean): boolean {
  return (
    SKIPPED_TAGS.has(element.tagName.toUpperCase()) ||
    element.hasAttribute('hidden') ||
    element.getAttribute('aria-hidden') === 'true' ||
    isEditable(element) ||
    (skipChrome && isChrome(element))
  );
}

/** Children as the page renders them: an open shadow root's content, a slot's assigned nodes, or the children. */
function renderedChildren(element: Element): ArrayLike<Node> {
  const shadow = element.shadowRoot; // null for closed roots, which the page keeps to itself
  if (shadow) return shadow.childNodes;
  if (element.tagName === 'SLOT') {
    const assigned = (element as HTMLSlotElement).assignedNodes?.() ?? [];
    if (assigned.length) return assigned;
  }
  return element.childNodes;
}

interface WalkFrame {
  nodes: ArrayLike<Node>;
  index: number;
  /** The frame's element is a block: leaving it ends the current block. */
  closesBlock: boolean;
  element: Element;
}

/** Longest block matched in one go: about 3 ms of matching at the engine's speed. */
export const MAX_BLOCK_CHARS = 200_000;

/** How many nodes the walker visits between two looks at the clock. */
const NODES_PER_CLOCK_CHECK = 128;

/**
 * A resumable walk over a subtree: `collect` visits nodes until the caller's time is up, and carries on from there
 * on the next call, so a page of 100,000 text nodes is read in slices that never block the page for long.
 * The DOM must not change between slices (the caller starts again when it does).
 */
export class BlockCollector {
  readonly blocks: TextBlock[] = [];
  private readonly stack: WalkFrame[];
  private readonly skipChrome: boolean;
  private text = '';
  private segments: TextSegment[] = [];
  private finished = false;
  private readonly rootElement: Element;

  constructor(root: Element | ShadowRoot, options: CollectOptions = {}) {
    this.skipChrome = options.skipChrome ?? true;
    const children = root.nodeType === 11 ? root.childNodes : renderedChildren(root as Element);
    const element = root.nodeType === 11 ? (root as ShadowRoot).host : (root as Element);
    this.rootElement = element;
    this.stack = [{ nodes: children, index: 0, closesBlock: false, element }];
  }

  get done(): boolean {
    return this.finished;
  }

  /** Walks on until done or `timeIsUp()` says to stop; returns whether the walk is complete. */
  collect(timeIsUp: () => boolean = () => false): boolean {
    const { stack } = this;
    let visited = 0;
    while (stack.length) {
      if (++visited % NODES_PER_CLOCK_CHECK === 0 && timeIsUp()) return false;
      const frame = stack[stack.length - 1];
      if (frame.index >= frame.nodes.length) {
        if (frame.closesBlock) this.flush();
        stack.pop();
        continue;
      }
      const node = frame.nodes[frame.index++];
      if (node.nodeType === 3) {
        const data = (node as Text).data;
        if (data) {
          this.segments.push({ node: node as Text, start: this.text.length });
          this.text += data;
        }
        continue;
      }
      if (node.nodeType !== 1) continue;
      const element = node as Element;
      const tag = element.tagName.toUpperCase();
      const inline = INLINE_TAGS.has(tag);
      if (tag === 'BR') {
        this.text += HARD_BREAK;
      } else if (isSkipped(element, this.skipChrome)) {
        // Skipped but visible (an editable span, a code sample, an image): the reader sees something between the
        // text on either side, so no name may be matched across it.
        if (!inline) this.flush();
        else if (!INVISIBLE_TAGS.has(tag) && !element.hasAttribute('hidden')) this.text += HARD_BREAK;
      } else {
        if (!inline) this.flush();
        const children = renderedChildren(element);
        if (children.length) stack.push({ nodes: children, index: 0, closesBlock: !inline, element });
        else if (!inline) this.flush();
      }
    }
    this.flush();
    this.finished = true;
    return true;
  }

  /** Ends the current block; its container is the innermost block-level element being walked. */
  private flush(): void {
    if (this.segments.length && /[\p{L}\p{N}]/u.test(this.text)) {
      let container = this.stack[0]?.element;
      for (let i = this.stack.length - 1; i >= 0; i--) {
        if (this.stack[i].closesBlock) {
          container = this.stack[i].element;
          break;
        }
      }
      for (const block of splitLongBlock({ text: this.text, segments: this.segments, container: container ?? this.rootElement })) {
        this.blocks.push(block);
      }
    }
    this.text = '';
    this.segments = [];
  }
}

/**
 * Splits a block longer than `MAX_BLOCK_CHARS` (a transcript in one text node, a 5 MB `<pre>`-like div) into
 * pieces cut at whitespace, so that matching one piece stays within a time slice. A name is not matched across a
 * cut; cutting at a space, near the limit, makes that rare and harmless in text that long.
 */
export function splitLongBlock(block: TextBlock): TextBlock[] {
  const { text } = block;
  if (text.length <= MAX_BLOCK_CHARS) return [block];
  const pieces: TextBlock[] = [];
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + MAX_BLOCK_CHARS);
    if (to < text.length) {
      const space = text.lastIndexOf(' ', to);
      if (space > from + MAX_BLOCK_CHARS / 2) to = space;
    }
    // Segments overlapping the piece, their starts made relative to it (negative: the node began earlier).
    const segments = block.segments
      .filter((s, i) => s.start < to && (block.segments[i + 1]?.start ?? Infinity) > from)
      .map((s) => ({ node: s.node, start: s.start - from }));
    const piece = text.slice(from, to);
    if (/[\p{L}\p{N}]/u.test(piece)) pieces.push({ text: piece, segments, container: block.container });
    from = to;
  }
  return pieces;
}

export function collectTextBlocks(root: Element | ShadowRoot, options: CollectOptions = {}): TextBlock[] {
  const collector = new BlockCollector(root, options);
  collector.collect();
  return collector.blocks;
}

/** Whether text under `element` is read at all: neither it nor an ancestor is skipped (script, editable, chrome…). */
export function isReadable(element: Element, options: CollectOptions = {}): boolean {
  const skipChrome = options.skipChrome ?? true;
  for (let at: Node | null = element; at; ) {
    if (at.nodeType === 1 && isSkipped(at as Element, skipChrome)) return false;
    // Cross shadow boundaries: a shadow root's parent is its host.
    at = at.parentNode ?? ((at as ShadowRoot).host ?? null);
  }
  return true;
}

/** The element whose box a block of text lives in: the nearest ancestor (or self) that is not inline. */
export function blockContainer(node: Node): Element | null {
  let at: Node | null = node.nodeType === 1 ? node : node.parentNode;
  while (at) {
    if (at.nodeType === 1 && !INLINE_TAGS.has((at as Element).tagName.toUpperCase())) return at as Element;
    at = at.parentNode ?? ((at as ShadowRoot).host ?? null);
  }
  return null;
}

/** A DOM Range for `[start, end)` of a block's text. */
export function blockRange(block: TextBlock, start: number, end: number): Range {
  const at = (offset: number, isEnd: boolean): [Text, number] => {
    const { segments } = block;
    let lo = 0;
    let hi = segments.length - 1;
    // Last segment whose start is before (or, for a start offset, at) the offset.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const s = segments[mid].start;
      if (s < offset || (!isEnd && s === offset)) lo = mid;
      else hi = mid - 1;
    }
    const segment = segments[lo];
    return [segment.node, Math.min(offset - segment.start, segment.node.data.length)];
  };
  const range = block.segments[0].node.ownerDocument!.createRange();
  range.setStart(...at(start, false));
  range.setEnd(...at(end, true));
  return range;
}
