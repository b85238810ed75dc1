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
}

export function collectTextBlocks(root: Element, options: CollectOptions = {}): TextBlock[] {
  const skipChrome = options.skipChrome ?? true;
  const blocks: TextBlock[] = [];
  let text = '';
  let segments: TextSegment[] = [];
  const flush = () => {
    if (segments.length && /[\p{L}\p{N}]/u.test(text)) blocks.push({ text, segments });
    text = '';
    segments = [];
  };

  // An explicit stack rather than recursion: pages nest thousands of levels deep.
  const stack: WalkFrame[] = [{ nodes: renderedChildren(root), index: 0, closesBlock: false }];
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.index >= frame.nodes.length) {
      stack.pop();
      if (frame.closesBlock) flush();
      continue;
    }
    const node = frame.nodes[frame.index++];
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      if (data) {
        segments.push({ node: node as Text, start: text.length });
        text += data;
      }
      continue;
    }
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    const tag = element.tagName.toUpperCase();
    const inline = INLINE_TAGS.has(tag);
    if (tag === 'BR') {
      text += HARD_BREAK;
    } else if (isSkipped(element, skipChrome)) {
      // Skipped but visible (an editable span, a code sample, an image): the reader sees something between the
      // text on either side, so no name may be matched across it.
      if (!inline) flush();
      else if (!INVISIBLE_TAGS.has(tag) && !element.hasAttribute('hidden')) text += HARD_BREAK;
    } else {
      if (!inline) flush();
      const children = renderedChildren(element);
      if (children.length) stack.push({ nodes: children, index: 0, closesBlock: !inline });
      else if (!inline) flush();
    }
  }
  flush();
  return blocks;
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
