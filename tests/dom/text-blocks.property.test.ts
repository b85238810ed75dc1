/**
 * Property-based tests for the page reader: random DOM trees (inline and block elements, <br>, skipped elements,
 * names from the test alias table split across inline elements, odd whitespace, soft hyphens, curly apostrophes)
 * go through collectTextBlocks → scanPage → blockRange, and the invariants the annotator relies on must hold.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { compileMatcher } from '../../src/match/matcher';
import { HARD_BREAK } from '../../src/match/normalize';
import { scanPage } from '../../src/match/scan-page';
import type { PageScan } from '../../src/match/types';
import { blockRange, collectTextBlocks, type TextBlock } from '../../src/page/text-blocks';
import { TEST_ALIASES } from '../unit/engine-fixtures';

const matcher = compileMatcher(TEST_ALIASES);

// ---------------------------------------------------------------------------------------------------------------
// Tree specs and their generator
// ---------------------------------------------------------------------------------------------------------------

const INLINE_TAGS = ['span', 'b', 'i', 'em', 'strong', 'a', 'abbr'] as const;
const BLOCK_TAGS = ['p', 'div', 'li', 'h2', 'section', 'article'] as const;
type InlineTag = (typeof INLINE_TAGS)[number];
type BlockTag = (typeof BLOCK_TAGS)[number];

/** How an element is skipped: by its tag, by contenteditable, or by the hidden attribute on an ordinary tag. */
type Skip =
  | { how: 'tag'; tag: 'script' | 'style' | 'textarea' | 'code' }
  | { how: 'editable' }
  | { how: 'hidden'; tag: InlineTag | BlockTag };

type NodeSpec =
  | { kind: 'text'; data: string }
  | { kind: 'br' }
  | { kind: 'inline'; tag: InlineTag; children: NodeSpec[] }
  /** `marked`: starts with a marker word unique to this block element (see property 5). */
  | { kind: 'block'; tag: BlockTag; marked: boolean; children: NodeSpec[] }
  | { kind: 'skipped'; skip: Skip; children: NodeSpec[] };

/** Put in front of every text node inside a skipped element; must never reach a block. */
const SKIP_MARK = 'zqskipzq';
const BLOCK_MARK = (n: number) => `zqb${n}zq`;
const BLOCK_MARK_RE = /zqb(\d+)zq/g;

const SPACES = [' ', ' ', ' ', '  ', '\n', '\u00a0', '\u2009', ' \n\t', '\u00a0 '];
const WORDS = [
  'the', 'met', 'said', 'and', 'of', 'in', 'at', 'PM', 'Prime', 'Minister', 'office', 'visit', 'x7', '2025',
  // Pieces of names, so that partial and short names appear without their full form.
  'Marco', 'Rubio', 'Shehbaz', 'Sharif', 'Nawaz', 'Jammu', 'Kashmir', 'Dar', 'Modi', 'Bruce', 'Sindoor', 'LoC', 'LAC',
  'J&K', 'IWT', 'LeT', 'Line', 'Control', 'attack',
  // Punctuation and quote marks.
  '—', '.', ',', '"', '(', ')', '’', '‘', '-',
];
const NAMES = [...new Set(TEST_ALIASES.map((a) => a.text)), 'Anto\u0301nio Guterres' /* decomposed ó */];

const spaceArb = fc.constantFrom(...SPACES);

/** A word, sometimes with a soft hyphen inside it and sometimes possessive. */
const wordArb = fc
  .record({
    word: fc.constantFrom(...WORDS),
    shy: fc.option(fc.nat(), { freq: 4 }),
    suffix: fc.constantFrom('', '', '', '’s', "'s", '’'),
  })
  .map(({ word, shy, suffix }) => {
    const w = shy === null ? word : insertAt(word, 1 + (shy % Math.max(1, word.length - 1)), '\u00ad');
    return w + suffix;
  });

const textDataArb = fc.array(fc.oneof(wordArb, spaceArb), { maxLength: 5 }).map((parts) => parts.join(''));
const textArb: fc.Arbitrary<NodeSpec> = textDataArb.map((data) => ({ kind: 'text', data }));

/**
 * A name from the alias table as a run of sibling nodes: the name's text (spaces varied, maybe a soft hyphen,
 * maybe possessive, maybe in capitals) cut into pieces, each piece after the first either an adjacent text node or
 * wrapped in an inline element — "Shehbaz " + <b>"Sharif"</b>.
 */
const nameStringArb = fc
  .record({
    name: fc.constantFrom(...NAMES),
    space: spaceArb,
    shy: fc.option(fc.nat(), { freq: 4 }),
    letterCase: fc.constantFrom('as-is', 'as-is', 'as-is', 'upper', 'lower'),
    suffix: fc.constantFrom('', '', '', '’s', "'s", '’', '.', ','),
    before: fc.constantFrom('', ' ', '\u00a0', '(', '“'),
    after: fc.constantFrom('', ' ', '\n', '”'),
  })
  .map(({ name, space, shy, letterCase, suffix, before, after }) => {
    let s = name.replace(/ /g, space);
    if (letterCase === 'upper') s = s.toUpperCase();
    if (letterCase === 'lower') s = s.toLowerCase();
    if (shy !== null) s = insertAt(s, 1 + (shy % Math.max(1, s.length - 1)), '\u00ad');
    return before + s + suffix + after;
  });

const nameRunArb: fc.Arbitrary<NodeSpec[]> = fc
  .record({
    text: nameStringArb,
    cuts: fc.uniqueArray(fc.nat(), { maxLength: 3 }),
    wraps: fc.array(fc.option(fc.constantFrom(...INLINE_TAGS), { freq: 3 }), { minLength: 3, maxLength: 3 }),
  })
  .map(({ text, cuts, wraps }) => {
    const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
    const pieces: string[] = [];
    let from = 0;
    for (const cut of at) {
      pieces.push(text.slice(from, cut));
      from = cut;
    }
    pieces.push(text.slice(from));
    return pieces.map((data, i): NodeSpec => {
      const wrap = i === 0 ? null : wraps[i - 1];
      return wrap ? { kind: 'inline', tag: wrap, children: [{ kind: 'text', data }] } : { kind: 'text', data };
    });
  });

/** Script, style and textarea hold only text (a name can be in it). */
const rawTextChildrenArb: fc.Arbitrary<NodeSpec[]> = fc.array(
  fc.oneof(textDataArb, nameStringArb).map((data): NodeSpec => ({ kind: 'text', data })),
  { maxLength: 2 },
);

const { page: tree } = fc.letrec<{
  page: NodeSpec[];
  tree: NodeSpec[];
  node: NodeSpec;
  inline: NodeSpec;
  block: NodeSpec;
  skipped: NodeSpec;
}>((tie) => ({
  page: fc
    .array(fc.oneof(tie('node').map((n) => [n]), nameRunArb), { minLength: 1, maxLength: 6 })
    .map((runs) => runs.flat()),
  tree: fc
    .array(fc.oneof(tie('node').map((n) => [n]), nameRunArb), { maxLength: 4, depthIdentifier: 'dom' })
    .map((runs) => runs.flat()),
  node: fc.oneof(
    { depthSize: 'medium', maxDepth: 5, depthIdentifier: 'dom' },
    { arbitrary: textArb, weight: 4 },
    { arbitrary: fc.constant<NodeSpec>({ kind: 'br' }), weight: 1 },
    { arbitrary: tie('inline'), weight: 3 },
    { arbitrary: tie('block'), weight: 3 },
    { arbitrary: tie('skipped'), weight: 2 },
  ),
  inline: fc.record({
    kind: fc.constant('inline' as const),
    tag: fc.constantFrom(...INLINE_TAGS),
    children: tie('tree'),
  }),
  block: fc.record({
    kind: fc.constant('block' as const),
    tag: fc.constantFrom(...BLOCK_TAGS),
    marked: fc.boolean(),
    children: tie('tree'),
  }),
  skipped: fc.oneof(
    fc.record({
      kind: fc.constant('skipped' as const),
      skip: fc.constantFrom('script', 'style', 'textarea').map((tag): Skip => ({ how: 'tag', tag })),
      children: rawTextChildrenArb,
    }),
    fc.record({
      kind: fc.constant('skipped' as const),
      skip: fc.oneof(
        fc.constant<Skip>({ how: 'tag', tag: 'code' }),
        fc.constant<Skip>({ how: 'editable' }),
        fc.constantFrom(...INLINE_TAGS, ...BLOCK_TAGS).map((tag): Skip => ({ how: 'hidden', tag })),
      ),
      children: tie('tree'),
    }),
  ),
})) as { page: fc.Arbitrary<NodeSpec[]> };

function insertAt(s: string, index: number, piece: string): string {
  return s.slice(0, index) + piece + s.slice(index);
}

// ---------------------------------------------------------------------------------------------------------------
// Building a tree, and what the test knows about it
// ---------------------------------------------------------------------------------------------------------------

interface Built {
  container: HTMLElement;
  /** Every skipped element the builder made (script, style, textarea, code, contenteditable, hidden). */
  skipped: WeakSet<Element>;
  /** Every block element the builder made, outside skipped elements. */
  blockElements: WeakSet<Element>;
}

function build(spec: NodeSpec[]): Built {
  document.body.replaceChildren();
  const container = document.createElement('div');
  document.body.appendChild(container);
  const skipped = new WeakSet<Element>();
  const blockElements = new WeakSet<Element>();
  let markers = 0;

  const add = (parent: Node, node: NodeSpec, inSkipped: boolean): void => {
    switch (node.kind) {
      case 'text':
        parent.appendChild(document.createTextNode(inSkipped ? `${SKIP_MARK} ${node.data}` : node.data));
        return;
      case 'br':
        parent.appendChild(document.createElement('br'));
        return;
      case 'inline': {
        const el = document.createElement(node.tag);
        for (const child of node.children) add(el, child, inSkipped);
        parent.appendChild(el);
        return;
      }
      case 'block': {
        const el = document.createElement(node.tag);
        if (!inSkipped) {
          blockElements.add(el);
          if (node.marked) el.appendChild(document.createTextNode(`${BLOCK_MARK(markers++)} `));
        }
        for (const child of node.children) add(el, child, inSkipped);
        parent.appendChild(el);
        return;
      }
      case 'skipped': {
        const { skip } = node;
        let el: Element;
        if (skip.how === 'tag') {
          el = document.createElement(skip.tag);
          // Keep the test environment from trying to run "Marco Rubio" as JavaScript; still a <script>.
          if (skip.tag === 'script') el.setAttribute('type', 'text/x-not-javascript');
        } else if (skip.how === 'editable') {
          el = document.createElement('div');
          el.setAttribute('contenteditable', 'true');
        } else {
          el = document.createElement(skip.tag);
          el.setAttribute('hidden', '');
        }
        skipped.add(el);
        // A skipped element always has some text, so that property 3 has something to look for.
        if (node.children.length === 0) el.appendChild(document.createTextNode(SKIP_MARK));
        for (const child of node.children) add(el, child, true);
        parent.appendChild(el);
        return;
      }
    }
  };
  for (const node of spec) add(container, node, false);
  return { container, skipped, blockElements };
}

function isInsideSkipped(node: Node, built: Built): boolean {
  for (let n: Node | null = node; n && n !== built.container; n = n.parentNode) {
    if (n.nodeType === 1 && built.skipped.has(n as Element)) return true;
  }
  return false;
}

/** The element whose block a text node belongs to: its nearest block ancestor, or the container. */
function ownerBlock(node: Node, built: Built): Node {
  for (let n: Node | null = node.parentNode; n && n !== built.container; n = n.parentNode) {
    if (n.nodeType === 1 && built.blockElements.has(n as Element)) return n;
  }
  return built.container;
}

function read(container: HTMLElement): { blocks: TextBlock[]; scan: PageScan } {
  const blocks = collectTextBlocks(container);
  const scan = scanPage(
    matcher,
    blocks.map((b) => b.text),
  );
  return { blocks, scan };
}

function nodeCount(spec: NodeSpec[]): number {
  return spec.reduce((n, node) => n + 1 + ('children' in node ? nodeCount(node.children) : 0), 0);
}

const RUNS = { numRuns: 200 };

beforeEach(() => {
  document.body.replaceChildren();
});

// ---------------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------------

describe('collectTextBlocks + scanPage + blockRange on random DOM trees', () => {
  it('generates trees of the intended size, with names found in them', () => {
    const samples = fc.sample(tree, { numRuns: 300, seed: 1 });
    const sizes = samples.map(nodeCount);
    const withMentions = samples.filter((s) => read(build(s).container).scan.mentions.length > 0).length;
    expect(Math.max(...sizes)).toBeLessThanOrEqual(80);
    expect(sizes.filter((n) => n >= 5).length).toBeGreaterThan(100);
    expect(withMentions).toBeGreaterThan(60);
  });

  it('1. each mention’s Range reads exactly its surface, and the surface is the block text at its offsets', () => {
    fc.assert(
      fc.property(tree, (spec) => {
        const { container } = build(spec);
        const { blocks, scan } = read(container);
        for (const m of scan.mentions) {
          const block = blocks[m.block];
          expect(m.surface).toBe(block.text.slice(m.start, m.end));
          expect(blockRange(block, m.start, m.end).toString()).toBe(m.surface);
        }
      }),
      RUNS,
    );
  });

  it('2. each mention’s Range starts and ends in text nodes of the container, outside skipped elements', () => {
    fc.assert(
      fc.property(tree, (spec) => {
        const built = build(spec);
        const { blocks, scan } = read(built.container);
        for (const m of scan.mentions) {
          const range = blockRange(blocks[m.block], m.start, m.end);
          for (const [node, offset] of [
            [range.startContainer, range.startOffset],
            [range.endContainer, range.endOffset],
          ] as const) {
            expect(node.nodeType).toBe(Node.TEXT_NODE);
            expect(built.container.contains(node)).toBe(true);
            expect(isInsideSkipped(node, built)).toBe(false);
            expect(offset).toBeGreaterThanOrEqual(0);
            expect(offset).toBeLessThanOrEqual((node as Text).data.length);
          }
          expect(range.collapsed).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('3. no block holds text from inside a skipped element, and every block maps faithfully to its text nodes', () => {
    fc.assert(
      fc.property(tree, (spec) => {
        const built = build(spec);
        const { blocks } = read(built.container);
        for (const block of blocks) {
          expect(block.text).not.toContain(SKIP_MARK);
          // The segments tile the block text: each node's data at its offset, and only <br> breaks between them.
          let at = 0;
          for (const { node, start } of block.segments) {
            expect(isInsideSkipped(node, built)).toBe(false);
            expect(built.container.contains(node)).toBe(true);
            expect(block.text.slice(at, start)).toMatch(new RegExp(`^${HARD_BREAK}*$`));
            expect(block.text.slice(start, start + node.data.length)).toBe(node.data);
            at = start + node.data.length;
          }
          expect(block.text.slice(at)).toMatch(new RegExp(`^${HARD_BREAK}*$`));
        }
      }),
      RUNS,
    );
  });

  it('4. reading the page, scanning it and making Ranges leave the DOM unchanged', () => {
    fc.assert(
      fc.property(tree, (spec) => {
        const { container } = build(spec);
        const before = container.innerHTML;
        const observer = new MutationObserver(() => {});
        observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true });
        try {
          const { blocks, scan } = read(container);
          for (const m of scan.mentions) blockRange(blocks[m.block], m.start, m.end).toString();
          expect(observer.takeRecords()).toEqual([]);
        } finally {
          observer.disconnect();
        }
        expect(container.innerHTML).toBe(before);
      }),
      RUNS,
    );
  });

  it('5. text of two different block elements never ends up in the same block', () => {
    fc.assert(
      fc.property(tree, (spec) => {
        const built = build(spec);
        const { blocks } = read(built.container);
        for (const block of blocks) {
          // Marker words put at the start of block elements: at most one block element's marker per block.
          const markers = new Set([...block.text.matchAll(BLOCK_MARK_RE)].map((m) => m[1]));
          expect(markers.size).toBeLessThanOrEqual(1);
          // The same for every text node: all the text nodes of a block have the same nearest block element.
          const owners = new Set(block.segments.map((s) => ownerBlock(s.node, built)));
          expect(owners.size).toBe(1);
        }
      }),
      RUNS,
    );
  });
});
