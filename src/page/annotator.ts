/**
 * One page's annotations: read the page's text block by block, have the engine find the mentions, turn them into
 * live Ranges, paint the ones near the viewport, and answer what the page mentions. Reads the page; never writes to it.
 *
 * The engine does not run here: the page's text blocks go to the background (`scanTexts`), which holds the compiled
 * matcher and answers with the mentions it kept, so the page's main thread only reads text and paints.
 *
 * Work is sliced (it yields to the page whenever a slice's budget is used up) and incremental: after the first full
 * scan, changed regions are read again alone and spliced into the page's blocks, and the whole page's text is judged
 * again (the page-level judgement needs every block). A page longer than any article is read in parts, as far as the
 * reader has gone or asked (`READ_AHEAD_CHARS`, `readOn`).
 */
import type { EntityType } from '../kb/entity-types';
import type { MentionSummary, PageSummary } from '../messaging/messages';
import type { MentionedEntity, ScanTextsReply } from '../messaging/page-scan';
import type { HighlightStyle } from '../settings/settings';
import { INCREMENTAL_MAX_ROOTS, READ_AHEAD_CHARS, SYNC_FIRST_PAINT_MAX_CHARS } from '../timing';
import { readPublishedAt } from './article-metadata';
import { clearHighlights, paintedStyle, styleHighlightsIn } from './highlights';
import { MentionIndex } from './hit-test';
import { Cancelled, type Slicer } from './slicer';
import { readingRoot } from './reading-root';
import { isShown } from './shown';
import { BlockCollector, blockContainer, blockHasNode, blockRange, firstNodeOf, isReadable, type TextBlock } from './text-blocks';
import { ViewportPainter, type Paintable } from './viewport-painter';

/**
 * The Ranges made so far for each block, by start offset (none until one is needed). A block read again by an
 * incremental update is the same object, so its painted highlights stay the same Ranges across rescans; a block no
 * longer on the page takes its Ranges with it.
 */
const rangesByBlock = new WeakMap<TextBlock, Map<number, Range>>();

let mentionSerial = 0;

/** One occurrence on the page. Its Range is made the first time something needs it (painting, hovering). */
export class PageMention {
  /** Distinguishes this occurrence from every other on the page (hover keys). */
  readonly id = ++mentionSerial;
  private made: Range | null = null;

  constructor(
    readonly entityId: string,
    readonly block: TextBlock,
    readonly start: number,
    readonly end: number,
  ) {}

  get range(): Range {
    if (!this.made) {
      let ranges = rangesByBlock.get(this.block);
      if (!ranges) rangesByBlock.set(this.block, (ranges = new Map()));
      const range = ranges.get(this.start) ?? blockRange(this.block, this.start, this.end);
      ranges.set(this.start, range);
      this.made = range;
    }
    return this.made;
  }
}

export interface AnnotatorOptions {
  entityTypes: readonly EntityType[];
  highlightStyle: HighlightStyle;
  /** Paint only the first occurrence of each entity; the others still answer to hover and count in the summary. */
  firstMentionOnly: boolean;
}

const DEFAULT_OPTIONS: AnnotatorOptions = {
  entityTypes: ['person', 'place', 'organization', 'event', 'agreement', 'concept'],
  highlightStyle: 'underline',
  firstMentionOnly: false,
};

/** What the page's text mentions: the engine's kept mentions (block index into `texts`, offsets, entity), checked. */
export type ScanTexts = (texts: string[]) => Promise<ScanTextsReply>;

/** Where a block starting at `node` belongs among blocks in document order (binary search). */
function insertionPoint(blocks: readonly TextBlock[], node: Node | undefined): number {
  if (!node) return blocks.length;
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const position = firstNodeOf(blocks[mid]).compareDocumentPosition(node);
    // FOLLOWING (4): `node` comes after this entry. Nodes in another tree (a shadow root) compare as disconnected and
    // go after it too.
    if (position & 4 || position & 1) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The mentions of one block that the reader wants (positions `from` to `to` in the annotator's reading order): what
 * the painter paints and the hit test looks through when the block is near the viewport. Objects for its mentions
 * are made only then: a long page has thousands of mentions, and most are never near the viewport.
 */
class BlockMentions implements Paintable {
  constructor(
    private readonly annotator: PageAnnotator,
    readonly block: TextBlock,
    readonly from: number,
    readonly to: number,
  ) {}

  get container(): Element {
    return this.block.container;
  }

  mentions(): PageMention[] {
    const mentions: PageMention[] = [];
    for (let k = this.from; k < this.to; k++) mentions.push(this.annotator.mentionInOrder(k));
    return mentions;
  }

  ranges(): Range[] {
    const ranges: Range[] = [];
    for (let k = this.from; k < this.to; k++) if (this.annotator.isPainted(k)) ranges.push(this.annotator.mentionInOrder(k).range);
    return ranges;
  }
}

/**
 * Whether `text[start, end)` is one of `surfaces`, compared in place: slicing every mention to compare would make a
 * string per mention (thousands on a long page) for the garbage collector, where an entity has a handful of surfaces.
 */
function hasSurfaceAt(surfaces: readonly string[], text: string, start: number, end: number): boolean {
  for (let i = 0; i < surfaces.length; i++) if (surfaces[i].length === end - start && text.startsWith(surfaces[i], start)) return true;
  return false;
}

/** Walks on until the walk is done or has read `chars` characters in all. */
async function readUntil(walk: BlockCollector, slicer: Slicer, chars: number): Promise<void> {
  const enough = () => walk.chars >= chars;
  while (!walk.collect(() => enough() || slicer.timeIsUp())) {
    if (enough()) return;
    await slicer.checkpoint();
  }
}

/** `DOCUMENT_POSITION_*` bits of `compareDocumentPosition`. */
const DISCONNECTED = 1;
const FOLLOWING = 4;
const CONTAINED_BY = 16;

/** The engine's judgement of the page: the blocks it read, and its mentions as four numbers each (see `ScanTexts`). */
interface Judgement {
  blocks: TextBlock[];
  /** The entities mentioned: the fourth number of a mention is a place in this list. */
  entities: readonly MentionedEntity[];
  mentions: readonly number[];
  /** The length of the blocks' text together: a very long page is painted in another style (`paintedStyle`). */
  chars: number;
}

const NO_JUDGEMENT: Judgement = { blocks: [], entities: [], mentions: [], chars: 0 };

export class PageAnnotator {
  private blocks: TextBlock[] = [];
  private shadowRoots = new Set<ShadowRoot>();
  /** What the last judgement kept, whatever the display options. */
  private judgement: Judgement = NO_JUDGEMENT;
  /** The mentions of the types the reader wants, in reading order: their numbers in the judgement. */
  private order: number[] = [];
  /** How many of `order`'s mentions each entity has (by its number in the judgement), in order of first appearance. */
  private countsByEntity = new Map<number, number>();
  /** Whether the mention at each position of `order` is painted (all are, unless only first mentions are). */
  private painted: boolean[] | null = null;
  /**
   * The objects made so far, by mention number in the judgement (so they outlive a change of display options), and
   * by id (hover keys name a mention by id).
   */
  private made: (PageMention | undefined)[] = [];
  private byId = new Map<number, PageMention>();
  /**
   * Built at the first hit test after the painter's view changed, from the mentions near the viewport: a page that is
   * only read, never pointed at, never pays for it, and a long page's index stays small.
   */
  private index: { version: number; mentions: PageMention[]; at: MentionIndex } | null = null;
  /** The open shadow roots that hold the mentions (highlight styles go into each; hit tests look into them). */
  private mentionRoots: ShadowRoot[] = [];
  private status: PageSummary['status'] = 'scanning';
  private options: AnnotatorOptions = DEFAULT_OPTIONS;
  private readonly painter: ViewportPainter<BlockMentions>;
  private cachedSummary: PageSummary | null = null;
  /**
   * Read once per judgement, when a summary is first asked for (undefined: not yet): a page's metadata does not
   * change with its text, and reading it searches the document and may parse its JSON-LD.
   */
  private publishedAt: string | null | undefined = undefined;
  private mentionsSignature = '';
  /**
   * The walk over the page, paused at `extent` characters (null: the page is read to its end). A page longer than
   * `READ_AHEAD_CHARS` is read on as the reader goes (`readOn`).
   */
  private walk: BlockCollector | null = null;
  /** How much of the page's text the reader's position and actions have asked to be read (characters). */
  private extent = READ_AHEAD_CHARS;
  /** The page changed past the paused walk's place, where the walk may have lost its way: reading on starts again. */
  private walkStale = false;

  constructor(
    private readonly doc: Document,
    private readonly scanTexts: ScanTexts,
  ) {
    this.painter = new ViewportPainter(doc.defaultView as Window & typeof globalThis);
  }

  get isReady(): boolean {
    return this.status === 'ready';
  }

  /**
   * Whether the page is read only in part: it is longer than `READ_AHEAD_CHARS`, and the reader has not yet gone (or
   * asked) further. The summary and the counts are then of the part read.
   */
  get partial(): boolean {
    return this.walk !== null;
  }

  /** The block element where the text read so far ends (null: the page is read to its end). */
  readEnd(): Element | null {
    return this.walk ? (this.blocks[this.blocks.length - 1]?.container ?? null) : null;
  }

  /** A new page (a first reading, another article): read its first `READ_AHEAD_CHARS` only, at the next `scanAll`. */
  restartReading(): void {
    this.extent = READ_AHEAD_CHARS;
  }

  /** Reads the page again from its start, in slices, as far as `extent`. Returns whether what it mentions changed. */
  async scanAll(slicer: Slicer): Promise<boolean> {
    const walk = new BlockCollector(readingRoot(this.doc));
    await readUntil(walk, slicer, this.extent);
    this.walk = walk.done ? null : walk;
    this.walkStale = false;
    this.blocks = walk.blocks.slice();
    this.shadowRoots = new Set(walk.shadowRoots);
    return this.judge(slicer);
  }

  /**
   * Reads on from where the walk paused: the next `READ_AHEAD_CHARS`, or (`toTheEnd`) the rest of the page. Returns
   * whether what the page mentions changed.
   */
  async readOn(slicer: Slicer, toTheEnd: boolean): Promise<boolean> {
    const walk = this.walk;
    if (!walk) return false;
    this.extent = toTheEnd ? Infinity : Math.max(this.extent, walk.chars + READ_AHEAD_CHARS);
    if (this.walkStale) return this.scanAll(slicer);
    const from = walk.blocks.length;
    try {
      await readUntil(walk, slicer, this.extent);
    } catch (error) {
      this.walkStale = true;
      throw error;
    }
    this.blocks = this.blocks.concat(walk.blocks.slice(from));
    for (const root of walk.shadowRoots) this.shadowRoots.add(root);
    if (walk.done) this.walk = null;
    return this.judge(slicer);
  }

  /**
   * Reads again only the regions holding `changed` nodes. Returns false when there are too many for that to pay
   * off, in which case the caller runs `scanAll` instead.
   */
  async update(changed: Iterable<Node>, slicer: Slicer): Promise<boolean | 'too-many'> {
    const roots = new Set<Element>();
    const top = this.doc.body ?? this.doc.documentElement;
    for (const node of changed) {
      const container = blockContainer(node);
      if (!container || container === top || container === this.doc.documentElement) return 'too-many';
      roots.add(container);
      if (roots.size > INCREMENTAL_MAX_ROOTS) return 'too-many';
    }
    // A region inside another changed region is read with it.
    let outermost = [...roots].filter((root) => ![...roots].some((other) => other !== root && other.contains(root)));
    if (this.walk) {
      // Read in part: a region past the paused walk's place is read when the walk gets there; one the walk is inside
      // (or that it cannot place) takes reading the page again as far as before.
      const resumesAt = this.walk.resumesAt();
      if (!resumesAt?.isConnected) return 'too-many';
      const ahead = new Set<Element>();
      let takenOut = false;
      for (const root of outermost) {
        if (!root.isConnected) {
          takenOut = true;
          continue;
        }
        const position = root.compareDocumentPosition(resumesAt);
        if (root === resumesAt || position & (CONTAINED_BY | DISCONNECTED)) return 'too-many';
        if (!(position & FOLLOWING)) ahead.add(root);
      }
      // A region taken out may have been on the walk's way too.
      if (ahead.size || takenOut) this.walkStale = true;
      if (ahead.size) outermost = outermost.filter((root) => !ahead.has(root));
    }
    const touched = (node: Node) => !node.isConnected || outermost.some((root) => root.contains(node));
    const kept = this.blocks.filter((block) => !blockHasNode(block, touched));
    for (const root of outermost) {
      await slicer.checkpoint();
      if (!root.isConnected || !isReadable(root)) continue;
      const collector = new BlockCollector(root);
      while (!collector.collect(slicer.timeIsUp)) await slicer.checkpoint();
      // The new blocks go where they stand in the document, so mentions stay in reading order.
      const at = insertionPoint(kept, collector.blocks.length ? firstNodeOf(collector.blocks[0]) : undefined);
      kept.splice(at, 0, ...collector.blocks);
      for (const shadowRoot of collector.shadowRoots) this.shadowRoots.add(shadowRoot);
    }
    this.blocks = kept;
    return this.judge(slicer);
  }

  /**
   * The open shadow roots whose text the scans read (their changes must be watched separately). Since the last full
   * scan: a root whose text an update removed may stay listed, and watching it costs nothing.
   */
  shadowRootsRead(): ShadowRoot[] {
    return [...this.shadowRoots];
  }

  /** New display options: repaint from the last scan, without reading the page again. */
  setOptions(options: AnnotatorOptions): void {
    this.options = options;
    if (this.status === 'ready') this.publish();
  }

  /** Paints again what the page's highlight registry lost (see `ViewportPainter.restoreIfCleared`). */
  restorePaint(): void {
    this.painter.restoreIfCleared();
  }

  mentionAt(x: number, y: number): { mention: PageMention; lineRect: DOMRect } | null {
    const version = this.painter.version;
    if (this.index?.version !== version) {
      const mentions = this.painter.nearItems().flatMap((group) => group.mentions());
      this.index = { version, mentions, at: new MentionIndex(mentions, this.mentionRoots) };
    }
    const { at, mentions } = this.index;
    const hit = at.at(this.doc, x, y);
    return hit ? { mention: mentions[hit.index], lineRect: hit.lineRect } : null;
  }

  /** The mention at position `k` of the reading order (made on first use). */
  mentionInOrder(k: number): PageMention {
    const n = this.order[k];
    let mention = this.made[n];
    if (!mention) {
      const { blocks, entities, mentions } = this.judgement;
      const i = n * 4;
      mention = new PageMention(entities[mentions[i + 3]].id, blocks[mentions[i]], mentions[i + 1], mentions[i + 2]);
      this.made[n] = mention;
      this.byId.set(mention.id, mention);
    }
    return mention;
  }

  isPainted(k: number): boolean {
    return this.painted?.[k] ?? true;
  }

  /** Every mention of the wanted types, in reading order (all made: for stepping through them). */
  mentionsInOrder(): readonly PageMention[] {
    return this.order.map((_, k) => this.mentionInOrder(k));
  }

  /** A mention made since the last judgement, by id. */
  mentionById(id: number): PageMention | null {
    return this.byId.get(id) ?? null;
  }

  /** The entity's first mention on the page that the reader can see (see `isShown`), in reading order. */
  firstShownMentionOf(entityId: string): PageMention | null {
    const { entities, mentions } = this.judgement;
    for (let k = 0; k < this.order.length; k++) {
      if (entities[mentions[this.order[k] * 4 + 3]].id !== entityId) continue;
      const mention = this.mentionInOrder(k);
      if (isShown(mention.block.container)) return mention;
    }
    return null;
  }

  countOf(entityId: string): number {
    return this.summary().mentions.find((m) => m.id === entityId)?.count ?? 0;
  }

  summary(): PageSummary {
    if (this.cachedSummary) return this.cachedSummary;
    const { blocks, entities, mentions } = this.judgement;
    const byOrdinal = new Map<number, MentionSummary>();
    for (const n of this.order) {
      const ordinal = mentions[n * 4 + 3];
      let entry = byOrdinal.get(ordinal);
      if (!entry) {
        const { id, name, type } = entities[ordinal];
        entry = { id, name, type, count: 0, surfaces: [] };
        byOrdinal.set(ordinal, entry);
      }
      entry.count++;
      const { text } = blocks[mentions[n * 4]];
      const start = mentions[n * 4 + 1];
      const end = mentions[n * 4 + 2];
      if (!hasSurfaceAt(entry.surfaces, text, start, end)) entry.surfaces.push(text.slice(start, end));
    }
    const summary: PageSummary = {
      url: this.doc.location?.href ?? '',
      title: this.doc.title,
      publishedAt: this.publishedAt === undefined ? (this.publishedAt = readPublishedAt(this.doc)) : this.publishedAt,
      status: this.status,
      mentions: [...byOrdinal.values()],
    };
    if (this.status === 'ready') this.cachedSummary = summary;
    return summary;
  }

  dispose(): void {
    this.walk = null;
    this.walkStale = false;
    this.blocks = [];
    this.shadowRoots = new Set();
    this.judgement = NO_JUDGEMENT;
    this.forgetMentions();
    this.order = [];
    this.countsByEntity = new Map();
    this.mentionRoots = [];
    this.status = 'scanning';
    this.cachedSummary = null;
    this.mentionsSignature = '';
    this.painter.dispose();
    clearHighlights();
  }

  private forgetMentions(): void {
    this.made = [];
    this.byId = new Map();
    this.index = null;
  }

  /** The engine's judgement of the whole page's text, then the page's mentions (objects made when first needed). */
  private async judge(slicer: Slicer): Promise<boolean> {
    const { blocks } = this;
    const texts = blocks.map((block) => block.text);
    await slicer.checkpoint();
    const { entities, mentions } = await this.scanTexts(texts);
    slicer.resumed();
    if (blocks !== this.blocks) throw new Cancelled();
    let chars = 0;
    for (let i = 0; i < texts.length; i++) chars += texts[i].length;
    this.judgement = { blocks, entities, mentions, chars };
    this.forgetMentions();
    this.publishedAt = undefined;
    this.status = 'ready';
    this.publish();
    const before = this.mentionsSignature;
    this.mentionsSignature = this.mentionedSignature();
    return this.mentionsSignature !== before;
  }

  /**
   * Which entities the page mentions and how often, as text, to tell whether a scan changed it: made from the counts
   * `publish` keeps, as the full summary (each mention's matched string, the page's metadata) waits until asked for.
   */
  private mentionedSignature(): string {
    let signature = '';
    for (const [ordinal, count] of this.countsByEntity) signature += `${this.judgement.entities[ordinal].id}:${count} `;
    return signature;
  }

  /** The entities the page mentions (of the types the reader wants): what the toolbar badge counts. */
  entityIds(): string[] {
    return [...this.countsByEntity.keys()].map((ordinal) => this.judgement.entities[ordinal].id);
  }

  private publish(): void {
    this.cachedSummary = null;
    this.index = null;
    const { blocks, entities, mentions } = this.judgement;
    const wantedTypes: ReadonlySet<string> = new Set(this.options.entityTypes);
    const wanted = entities.map((entity) => wantedTypes.has(entity.type));
    const order: number[] = [];
    const groups: BlockMentions[] = [];
    const shadowRoots = new Set<ShadowRoot>();
    // Only first mentions painted: which position of `order` is its entity's first.
    const seen = this.options.firstMentionOnly ? new Set<number>() : null;
    const painted: boolean[] = [];
    // The wanted mentions of one block are consecutive in `order` (mentions come in reading order).
    let groupStart = 0;
    const endGroup = () => {
      if (order.length === groupStart) return;
      const block = blocks[mentions[order[groupStart] * 4]];
      groups.push(new BlockMentions(this, block, groupStart, order.length));
      if (block.shadowRoot) shadowRoots.add(block.shadowRoot);
      groupStart = order.length;
    };
    const counts = new Map<number, number>();
    for (let n = 0; n < mentions.length / 4; n++) {
      const ordinal = mentions[n * 4 + 3];
      if (!wanted[ordinal]) continue;
      if (order.length > groupStart && mentions[order[groupStart] * 4] !== mentions[n * 4]) endGroup();
      order.push(n);
      counts.set(ordinal, (counts.get(ordinal) ?? 0) + 1);
      // The first that the reader can see: a hidden copy of the headline must not take the only highlight.
      if (seen) painted.push(!seen.has(ordinal) && isShown(blocks[mentions[n * 4]].container) && !!seen.add(ordinal));
    }
    endGroup();
    this.order = order;
    this.countsByEntity = counts;
    this.painted = seen ? painted : null;
    this.mentionRoots = [...shadowRoots];
    for (const root of this.mentionRoots) styleHighlightsIn(root);
    const { chars } = this.judgement;
    this.painter.setPaintables(groups, paintedStyle(this.options.highlightStyle, chars), chars <= SYNC_FIRST_PAINT_MAX_CHARS);
  }
}
