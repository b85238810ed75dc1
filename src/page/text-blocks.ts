/**
 * Collects the page's readable text as blocks: runs of text between block boundaries (paragraphs, headings, list
 * items, cells…), joined across inline elements so that "Shehbaz <b>Sharif</b>" is one string. Each block remembers
 * which text node each piece came from, so offsets in the block map back to DOM positions.
 *
 * The walk is iterative (pages nest thousands of levels deep) and reads only the DOM: it never writes to the page.
 */
import { HARD_BREAK, WORD_CHAR } from '../match/normalize';
import { chromeTagKind, isChrome } from './chrome';

export interface TextSegment {
  node: Text;
  /** Offset of the node's first character in the block text. */
  start: number;
}

export interface TextBlock {
  readonly text: string;
  /**
   * Where each piece of the text comes from. A leaf block (see `leaf`) works them out only when first asked (most
   * blocks of a long page are never painted nor hovered); an empty list means the page has changed the block's text
   * since it was read, and it maps to nothing until the block is read again.
   */
  readonly segments: TextSegment[];
  /** The element whose box holds the block: its nearest block-level ancestor (or the walk's root). */
  readonly container: Element;
  /** The open shadow root the block's text lives in, or null for the document's own tree. */
  readonly shadowRoot: ShadowRoot | null;
  /** The block is all the text of `container`, which holds only text nodes: its segments are the container's children. */
  readonly leaf: boolean;
}

/**
 * A block-level element holding only text: its text is read in one call (`textContent`), without touching its text
 * nodes, which would make the browser create an object for each of them in the content script's world (most of the
 * cost of reading a long article).
 */
class LeafBlock implements TextBlock {
  readonly leaf = true;
  private mapped: TextSegment[] | null = null;

  constructor(
    readonly container: Element,
    readonly text: string,
    readonly shadowRoot: ShadowRoot | null,
  ) {}

  get segments(): TextSegment[] {
    if (!this.mapped) {
      const segments: TextSegment[] = [];
      let start = 0;
      for (let node = this.container.firstChild; node; node = node.nextSibling) {
        if (node.nodeType !== 3 || !(node as Text).data) continue;
        segments.push({ node: node as Text, start });
        start += (node as Text).data.length;
      }
      // Changed since it was read: offsets into the old text would land on the wrong words.
      const unchanged = start === this.text.length && segments.map((s) => s.node.data).join('') === this.text;
      this.mapped = unchanged ? segments : [];
    }
    return this.mapped;
  }
}

/** The block's first node in document order, to place blocks among others. */
export function firstNodeOf(block: TextBlock): Node {
  return block.leaf ? block.container : block.segments[0].node;
}

/** Whether any node of the block passes `test` (a changed region holds it, or it left the page). */
export function blockHasNode(block: TextBlock, test: (node: Node) => boolean): boolean {
  // A leaf's text nodes are its container's children: a change to them is a change inside the container.
  return block.leaf ? test(block.container) : block.segments.some((s) => test(s.node));
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

/** The only elements that can hold a shadow root, besides custom elements (the DOM standard's `attachShadow`). */
const SHADOW_HOST_TAGS = new Set([
  'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'DIV', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'MAIN', 'NAV',
  'P', 'SECTION', 'SPAN',
]);

function isEditable(element: Element): boolean {
  const value = element.getAttribute('contenteditable');
  return value !== null && value.toLowerCase() !== 'false';
}

export interface CollectOptions {
  /** Leave out navigation, sidebars, footers, promos and comments (the article-only policy). Default true. */
  skipChrome?: boolean;
  /**
   * Fewest element children for a block of blocks to be walked by element links where its own text is all white
   * space (see `WalkFrame.spaceBetween`). Default `STEP_OVER_SPACE_MIN_CHILDREN`; tests lower it to reach the shortcut
   * on small trees.
   */
  stepOverSpaceFrom?: number;
}

/**
 * Below this many element children, a block's white space between its children is read like any text: asking XPath
 * costs about a millisecond the first time on a page (compiling the query), which a short article would not win back.
 * A long article's container holds hundreds or thousands of paragraphs.
 */
export const STEP_OVER_SPACE_MIN_CHILDREN = 64;

/**
 * Whether the text holds a letter or a digit (else it is spacing or punctuation between blocks, not worth a block).
 * ASCII is tested by code: compiling a Unicode-property pattern costs milliseconds in a cold content script, and
 * most pages never need it.
 */
function hasWordChar(text: string): boolean {
  let other = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) return true;
    if (c >= 0x80) other = true;
  }
  return other && WORD_CHAR.test(text);
}

function isWordCharAt(text: string, index: number): boolean {
  const c = text.charCodeAt(index);
  if ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) return true;
  return c >= 0x80 && WORD_CHAR.test(text[index]);
}

/** Whether an element holding `from` but not `other` is laid out as a block (see `laidOutAsBlock`). */
function closesBetween(from: Node, other: Node): boolean {
  for (let at = from.parentElement; at && !at.contains(other); at = at.parentElement) if (laidOutAsBlock(at)) return true;
  return false;
}

/** Whether the page's CSS lays the element out as a box of its own (block, flex, grid, list item, table, none). */
function laidOutAsBlock(element: Element | null): boolean {
  if (!element) return false;
  const display = element.ownerDocument.defaultView?.getComputedStyle(element).display ?? 'inline';
  return !display.startsWith('inline') && display !== 'contents' && display !== 'ruby' && display !== '';
}

/** What a tag name says about an element, worked out once per distinct tag name (bit flags). */
const INLINE = 1;
const SKIPPED = 2;
const INVISIBLE = 4;
const LINE_BREAK = 8;
const SLOT = 16;
const SHADOW_HOST = 32;
/** Superscripts and subscripts: footnote marks ("Sharif<sup>1</sup>") must not join the word before them. */
const SET_APART = 64;
/** Bits 7–8: what the tag says about site chrome (`chromeTagKind`). */
const CHROME_TAG_SHIFT = 7;
const tagKinds = new Map<string, number>();

function kindOf(tagName: string): number {
  let kind = tagKinds.get(tagName);
  if (kind === undefined) {
    // Tag names are upper case in HTML documents, lower case in XML ones (XHTML, SVG): both map to one kind.
    const tag = tagName.toUpperCase();
    kind =
      (INLINE_TAGS.has(tag) ? INLINE : 0) |
      (SKIPPED_TAGS.has(tag) ? SKIPPED : 0) |
      (INVISIBLE_TAGS.has(tag) ? INVISIBLE : 0) |
      (tag === 'BR' ? LINE_BREAK : 0) |
      (tag === 'SLOT' ? SLOT : 0) |
      (tag.includes('-') || SHADOW_HOST_TAGS.has(tag) ? SHADOW_HOST : 0) |
      (tag === 'SUP' || tag === 'SUB' ? SET_APART : 0) |
      (chromeTagKind(tag) << CHROME_TAG_SHIFT);
    tagKinds.set(tagName, kind);
  }
  return kind;
}

/**
 * The attributes by which an element's text is left unread (besides its tag and the site-chrome names): a page that
 * changes one of them shows or hides text without changing the text, so the content script watches them.
 */
export const READ_GATING_ATTRIBUTES = ['hidden', 'aria-hidden', 'contenteditable'] as const;

/**
 * Whether the element is the page's top level: its root, its body, or a child of its body. There `aria-hidden` is how
 * dialog libraries (react-modal, Reach UI and others) keep screen readers inside an open dialog: they set it on
 * everything beside the dialog, the article included, which stays on screen behind the dialog and is whole again
 * when it closes. Deeper in the page, `aria-hidden` marks decoration and copies made for the eye (icons, a pull quote
 * repeating the text), which are left unread.
 */
export function isPageTopLevel(element: Element): boolean {
  const doc = element.ownerDocument;
  return element === doc.documentElement || element === doc.body || (doc.body !== null && element.parentNode === doc.body);
}

function isSkipped(element: Element, skipChrome: boolean, kind = kindOf(element.tagName)): boolean {
  if (kind & SKIPPED) return true;
  // Most elements of an article carry no attributes: then nothing below needs reading them.
  const hasAttributes = element.hasAttributes();
  if (
    hasAttributes &&
    (element.hasAttribute('hidden') ||
      (element.getAttribute('aria-hidden') === 'true' && !isPageTopLevel(element)) ||
      isEditable(element))
  ) {
    return true;
  }
  return skipChrome && isChrome(element, hasAttributes, (kind >> CHROME_TAG_SHIFT) & 3);
}

/**
 * One element being walked. Its children are followed by sibling links (cheap DOM reads), or, for a shadow root's
 * content or a slot's assigned nodes, by index into a list.
 */
interface WalkFrame {
  element: Element;
  /** The next child to visit (sibling mode), or null when done. */
  next: Node | null;
  /** Set instead of `next` when the rendered children are not the element's own child nodes. */
  list: ArrayLike<Node> | null;
  index: number;
  /** The frame's element is a block: leaving it ends the current block. */
  closesBlock: boolean;
  /** The shadow root the children live in (null: the document's tree). */
  shadowRoot: ShadowRoot | null;
  /**
   * The element's own text nodes are all white space (a block holding blocks, as pretty-printed HTML puts line
   * breaks between paragraphs). Between its block children the walk then follows element links and never touches
   * those text nodes: in a content script every node touched costs a wrapper object, which the garbage collector
   * then has to trace (on the 2 MB benchmark page, one line break between each two of 6,600 paragraphs). Around
   * inline children white space separates words, so there it follows every node.
   */
  spaceBetween: boolean;
  /** Following element links for now (only while `spaceBetween`). */
  elementsOnly: boolean;
  /** The element's text is set apart from its neighbours' by hard breaks (`SET_APART`): one follows its last node. */
  setApart?: boolean;
}

/**
 * Whether an element has a text node of its own with anything but white space, asked of the browser's XPath engine:
 * it looks at the text nodes without handing them to us. Compiled once per document (and again if the document's
 * XPath changes, as tests do); where a document has none, every text node is read, as before.
 */
const directTextQueries = new WeakMap<Document, { compile: Document['createExpression']; query: XPathExpression }>();

function hasDirectText(element: Element): boolean {
  const doc = element.ownerDocument;
  const compile = (doc as Partial<Document>).createExpression;
  if (typeof compile !== 'function') return true;
  let cached = directTextQueries.get(doc);
  try {
    if (cached?.compile !== compile) {
      cached = { compile, query: compile.call(doc, 'boolean(text()[normalize-space()])') };
      directTextQueries.set(doc, cached);
    }
    return cached.query.evaluate(element, 3 /* XPathResult.BOOLEAN_TYPE */).booleanValue;
  } catch {
    return true;
  }
}

/** The element's open shadow root (closed ones the page keeps to itself); most elements cannot host one at all. */
function openShadowRoot(element: Element, kind: number): ShadowRoot | null {
  return kind & SHADOW_HOST ? element.shadowRoot : null;
}

/**
 * `shadow` is the element's own open shadow root, `shadowRoot` the tree the element lives in; `stepOverSpaceFrom` as
 * in `CollectOptions`.
 */
function frameFor(
  element: Element,
  kind: number,
  closesBlock: boolean,
  shadow: ShadowRoot | null,
  shadowRoot: ShadowRoot | null,
  stepOverSpaceFrom: number,
): WalkFrame | null {
  if (shadow) {
    return shadow.firstChild ? { element, next: null, list: shadow.childNodes, index: 0, closesBlock, shadowRoot: shadow, spaceBetween: false, elementsOnly: false } : null;
  }
  if (kind & SLOT) {
    // A slot renders the nodes assigned to it, which live in the host's tree, or else its own fallback content.
    const assigned = (element as HTMLSlotElement).assignedNodes?.() ?? [];
    if (assigned.length) {
      const host = assigned[0].getRootNode();
      return { element, next: null, list: assigned, index: 0, closesBlock, shadowRoot: host.nodeType === 11 ? (host as ShadowRoot) : null, spaceBetween: false, elementsOnly: false };
    }
  }
  const spaceBetween = !(kind & INLINE) && element.childElementCount >= stepOverSpaceFrom && !hasDirectText(element);
  const first = spaceBetween ? element.firstElementChild : element.firstChild;
  return first ? { element, next: first, list: null, index: 0, closesBlock, shadowRoot, spaceBetween, elementsOnly: spaceBetween } : null;
}

/**
 * Longest block: a longer one (a transcript in one text node) is cut at whitespace, so that the page's text can go
 * to the background in parts of `SCAN_MESSAGE_MAX_CHARS`, each serialised in its own short task.
 */
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
  /** The length of the blocks' text so far, together. */
  chars = 0;
  /** The open shadow roots that hold some of the blocks. */
  readonly shadowRoots = new Set<ShadowRoot>();
  private readonly stack: WalkFrame[];
  private readonly skipChrome: boolean;
  private readonly stepOverSpaceFrom: number;
  private text = '';
  private segments: TextSegment[] = [];
  private finished = false;
  private readonly rootElement: Element;
  /** The tree the current block's first text node lives in. */
  private shadowRoot: ShadowRoot | null = null;

  constructor(root: Element | ShadowRoot, options: CollectOptions = {}) {
    this.skipChrome = options.skipChrome ?? true;
    this.stepOverSpaceFrom = Math.max(1, options.stepOverSpaceFrom ?? STEP_OVER_SPACE_MIN_CHILDREN);
    const element = root.nodeType === 11 ? (root as ShadowRoot).host : (root as Element);
    this.rootElement = element;
    const home = root.getRootNode();
    const kind = kindOf(element.tagName);
    const frame =
      root.nodeType === 11
        ? { element, next: null, list: root.childNodes, index: 0, closesBlock: false, shadowRoot: root as ShadowRoot, spaceBetween: false, elementsOnly: false }
        : frameFor(element, kind, false, openShadowRoot(element, kind), home.nodeType === 11 ? (home as ShadowRoot) : null, this.stepOverSpaceFrom);
    this.stack = frame ? [frame] : [];
  }

  get done(): boolean {
    return this.finished;
  }

  /**
   * The node the walk visits next (null: none is left). The blocks so far hold the text before it, less the block
   * being gathered when the walk paused, which it finishes first.
   */
  resumesAt(): Node | null {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const { list, index, next } = this.stack[i];
      const node = list ? list[index] : next;
      if (node) return node;
    }
    return null;
  }

  /** Walks on until done or `timeIsUp()` says to stop; returns whether the walk is complete. */
  collect(timeIsUp: () => boolean = () => false): boolean {
    const { stack, skipChrome } = this;
    let visited = 0;
    while (stack.length) {
      if (++visited % NODES_PER_CLOCK_CHECK === 0 && timeIsUp()) return false;
      const frame = stack[stack.length - 1];
      let node: Node | null;
      // Reached by an element link: an element, with no need to ask.
      const elementLink = frame.elementsOnly;
      if (frame.list) node = frame.index < frame.list.length ? frame.list[frame.index++] : null;
      else if ((node = frame.next)) frame.next = frame.elementsOnly ? (node as Element).nextElementSibling : node.nextSibling;
      if (!node) {
        if (frame.closesBlock) this.flush();
        else if (frame.setApart) this.text += HARD_BREAK;
        stack.pop();
        continue;
      }
      const type = elementLink ? 1 : node.nodeType;
      if (type === 3) {
        const data = (node as Text).data;
        if (data) {
          if (this.segments.length === 0) this.shadowRoot = frame.shadowRoot;
          else if (this.touchesAcrossBlockBox(node as Text, data)) this.text += HARD_BREAK;
          this.segments.push({ node: node as Text, start: this.text.length });
          this.text += data;
        }
        continue;
      }
      if (type !== 1) continue;
      const element = node as Element;
      const kind = kindOf(element.tagName);
      const inline = (kind & INLINE) !== 0;
      if (frame.spaceBetween && frame.elementsOnly === (inline || (kind & LINE_BREAK) !== 0)) {
        // Among inline content every node counts (the spaces between words); between blocks, only elements do.
        frame.elementsOnly = !frame.elementsOnly;
        frame.next = frame.elementsOnly ? element.nextElementSibling : element.nextSibling;
      }
      if (kind & LINE_BREAK) {
        this.text += HARD_BREAK;
      } else if (isSkipped(element, skipChrome, kind)) {
        // Skipped but visible (an editable span, a code sample, an image): the reader sees something between the
        // text on either side, so no name may be matched across it.
        if (!inline) this.flush();
        else if (!(kind & INVISIBLE) && !element.hasAttribute('hidden')) this.text += HARD_BREAK;
      } else {
        const shadow = openShadowRoot(element, kind);
        if (!inline) {
          this.flush();
          if (!shadow && !(kind & SLOT) && element.childElementCount === 0) {
            this.addLeaf(element, frame.shadowRoot);
            continue;
          }
        }
        const child = frameFor(element, kind, !inline, shadow, frame.shadowRoot, this.stepOverSpaceFrom);
        if (inline && kind & SET_APART) {
          this.text += HARD_BREAK;
          if (child) child.setApart = true;
        }
        if (child) stack.push(child);
      }
    }
    this.flush();
    this.finished = true;
    return true;
  }

  /**
   * Whether `data` would join the word before it across an element the page lays out as a block (a `<span>` made a
   * line of its own by CSS, as kickers, captions and pull quotes often are): "peace" + "Shehbaz" must not read as
   * one word. Tags cannot tell, so the computed display is asked, but only where two words touch across elements,
   * which ordinary prose (spaces between words) rarely does.
   */
  private touchesAcrossBlockBox(node: Text, data: string): boolean {
    // Characters first: they cost no call into the DOM, and in prose a space nearly always ends the check here.
    if (!isWordCharAt(data, 0) || !isWordCharAt(this.text, this.text.length - 1)) return false;
    const previous = this.segments[this.segments.length - 1].node;
    if (previous.parentNode === node.parentNode) return false;
    // The elements between the two texts: each side's ancestors up to the one they share.
    return closesBetween(previous, node) || closesBetween(node, previous);
  }

  private add(block: TextBlock): void {
    this.chars += block.text.length;
    if (block.shadowRoot) this.shadowRoots.add(block.shadowRoot);
    if (block.text.length <= MAX_BLOCK_CHARS) this.blocks.push(block);
    else for (const piece of splitLongBlock(block)) this.blocks.push(piece);
  }

  private addLeaf(element: Element, shadowRoot: ShadowRoot | null): void {
    const text = element.textContent ?? '';
    if (!hasWordChar(text)) return;
    this.add(new LeafBlock(element, text, shadowRoot));
  }

  /** Ends the current block; its container is the innermost block-level element being walked. */
  private flush(): void {
    if (this.segments.length && hasWordChar(this.text)) {
      let container = this.stack[0]?.element;
      for (let i = this.stack.length - 1; i >= 0; i--) {
        if (this.stack[i].closesBlock) {
          container = this.stack[i].element;
          break;
        }
      }
      this.add({ text: this.text, segments: this.segments, container: container ?? this.rootElement, shadowRoot: this.shadowRoot, leaf: false });
    }
    this.text = '';
    // Most block boundaries close nothing gathered (a paragraph read whole): no new array for those.
    if (this.segments.length) this.segments = [];
  }
}

/**
 * Splits a block longer than `MAX_BLOCK_CHARS` (a transcript in one text node, a 5 MB `<pre>`-like div) into
 * pieces cut at whitespace, so that no message to the background carries more than one part's worth. A name is
 * not matched across a cut; cutting at a space, near the limit, makes that rare and harmless in text that long.
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
    if (hasWordChar(piece)) pieces.push({ text: piece, segments, container: block.container, shadowRoot: block.shadowRoot, leaf: false });
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

/** Text that is all white space: between blocks it is no block, and the walk reads nothing of it. */
export function isBlankText(node: Node): boolean {
  return node.nodeType === 3 && !/\S/.test((node as Text).data);
}

/**
 * Whether a node ends any block the walk is gathering, standing between two blocks: nothing, white space, or an
 * element that is not inline by its tag (and not a line break, which stays inside its block).
 */
function standsBetweenBlocks(node: Node | null): boolean {
  if (!node || isBlankText(node)) return true;
  return node.nodeType === 1 && !(kindOf((node as Element).tagName) & (INLINE | LINE_BREAK));
}

/**
 * The nearest sibling of `node` (itself included) in one direction that is not a comment: comments hold no text,
 * and frameworks mark the ends of their lists with them.
 */
function pastComments(node: Node | null, forward: boolean): Node | null {
  while (node && node.nodeType === 8) node = forward ? node.nextSibling : node.previousSibling;
  return node;
}

/**
 * Whether a change to an element's children only adds or takes away whole blocks (the nodes changed, and those on
 * either side of them, each stand between blocks; comments, which hold no text, are looked past): then no other
 * block's text changes, and only the nodes changed need reading again, not the element, which may be an article of
 * thousands of paragraphs that a live page adds to one at a time.
 */
export function changesWholeBlocks(record: MutationRecord): boolean {
  if (record.type !== 'childList') return false;
  for (const nodes of [record.addedNodes, record.removedNodes]) {
    for (const node of nodes) if (node.nodeType !== 8 && !standsBetweenBlocks(node)) return false;
  }
  return standsBetweenBlocks(pastComments(record.previousSibling, false)) && standsBetweenBlocks(pastComments(record.nextSibling, true));
}

/** The element whose box a block of text lives in: the nearest ancestor (or self) that is not inline. */
export function blockContainer(node: Node): Element | null {
  let at: Node | null = node.nodeType === 1 ? node : node.parentNode;
  while (at) {
    if (at.nodeType === 1 && !(kindOf((at as Element).tagName) & INLINE)) return at as Element;
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
  if (!block.segments.length) return block.container.ownerDocument.createRange(); // collapsed: paints nothing
  const range = block.container.ownerDocument.createRange();
  range.setStart(...at(start, false));
  range.setEnd(...at(end, true));
  return range;
}
