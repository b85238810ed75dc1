/**
 * One page's annotations: read the page's text block by block, have the engine find the mentions, turn them into
 * live Ranges, paint the ones near the viewport, and answer what the page mentions. Reads the page; never writes to it.
 *
 * The engine does not run here: the page's text blocks go to the background (`scanTexts`), which holds the compiled
 * matcher and answers with the mentions it kept, so the page's main thread only reads text and paints.
 *
 * Work is sliced (it yields to the page whenever a slice's budget is used up) and incremental: after the first full
 * scan, changed regions are read again alone and spliced into the page's blocks, and the whole page's text is judged
 * again (the page-level judgement needs every block).
 */
import type { EntityType } from '../kb/entity-types';
import type { EntityHeader } from '../kb/match-index';
import type { MentionSummary, PageSummary } from '../messaging/messages';
import type { ScanTextsReply } from '../messaging/page-scan';
import type { HighlightStyle } from '../settings/settings';
import { INCREMENTAL_MAX_ROOTS } from '../timing';
import { readPublishedAt } from './article-metadata';
import { clearHighlights, styleHighlightsIn } from './highlights';
import { MentionIndex } from './hit-test';
import { Cancelled, type Slicer } from './slicer';
import { BlockCollector, blockContainer, blockHasNode, blockRange, firstNodeOf, isReadable, type TextBlock } from './text-blocks';
import { ViewportPainter } from './viewport-painter';

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

  get surface(): string {
    return this.block.text.slice(this.start, this.end);
  }

  get container(): Element {
    return this.block.container;
  }

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

export class PageAnnotator {
  private blocks: TextBlock[] = [];
  private shadowRoots = new Set<ShadowRoot>();
  /** Every mention the last judgement kept, whatever the display options. */
  private found: PageMention[] = [];
  /** The mentions of the types the reader wants, in document order. */
  private mentions: PageMention[] = [];
  /** Built at the first hit test after a judgement: a page that is only read, never pointed at, never pays for it. */
  private index: MentionIndex | null = null;
  /** The open shadow roots that hold the mentions (highlight styles go into each; hit tests look into them). */
  private mentionRoots: ShadowRoot[] = [];
  private status: PageSummary['status'] = 'scanning';
  private options: AnnotatorOptions = DEFAULT_OPTIONS;
  private readonly painter: ViewportPainter;
  private cachedSummary: PageSummary | null = null;
  /** Read once per judgement: a page's metadata does not change with its text, and reading it walks the document. */
  private publishedAt: string | null = null;
  private mentionsSignature = '';

  constructor(
    private readonly doc: Document,
    private readonly entities: ReadonlyMap<string, EntityHeader>,
    private readonly scanTexts: ScanTexts,
  ) {
    this.painter = new ViewportPainter(doc.defaultView as Window & typeof globalThis);
  }

  get isReady(): boolean {
    return this.status === 'ready';
  }

  /** Reads the whole page again, in slices. Returns whether what the page mentions changed. */
  async scanAll(slicer: Slicer): Promise<boolean> {
    const root = this.doc.body ?? this.doc.documentElement;
    const collector = new BlockCollector(root);
    while (!collector.collect(slicer.timeIsUp)) await slicer.checkpoint();
    this.blocks = collector.blocks;
    this.shadowRoots = new Set(collector.shadowRoots);
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
    const outermost = [...roots].filter((root) => ![...roots].some((other) => other !== root && other.contains(root)));
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

  mentionAt(x: number, y: number): { mention: PageMention; lineRect: DOMRect } | null {
    this.index ??= new MentionIndex(this.mentions, this.mentionRoots);
    const hit = this.index.at(this.doc, x, y);
    return hit ? { mention: this.mentions[hit.index], lineRect: hit.lineRect } : null;
  }

  /** Every mention of the wanted types, in reading order. */
  mentionsInOrder(): readonly PageMention[] {
    return this.mentions;
  }

  /** The entity's first mention on the page, in reading order. */
  firstMentionOf(entityId: string): PageMention | null {
    return this.mentions.find((m) => m.entityId === entityId) ?? null;
  }

  countOf(entityId: string): number {
    return this.mentions.filter((m) => m.entityId === entityId).length;
  }

  summary(): PageSummary {
    if (this.cachedSummary) return this.cachedSummary;
    const byEntity = new Map<string, MentionSummary>();
    for (const mention of this.mentions) {
      const entity = this.entities.get(mention.entityId)!;
      let entry = byEntity.get(entity.id);
      if (!entry) {
        entry = { id: entity.id, name: entity.name, type: entity.type, count: 0, surfaces: [] };
        byEntity.set(entity.id, entry);
      }
      entry.count++;
      if (!entry.surfaces.includes(mention.surface)) entry.surfaces.push(mention.surface);
    }
    const summary: PageSummary = {
      url: this.doc.location?.href ?? '',
      title: this.doc.title,
      publishedAt: this.publishedAt,
      status: this.status,
      mentions: [...byEntity.values()],
    };
    if (this.status === 'ready') this.cachedSummary = summary;
    return summary;
  }

  dispose(): void {
    this.blocks = [];
    this.shadowRoots = new Set();
    this.found = [];
    this.mentions = [];
    this.index = null;
    this.mentionRoots = [];
    this.status = 'scanning';
    this.cachedSummary = null;
    this.mentionsSignature = '';
    this.painter.dispose();
    clearHighlights();
  }

  /** The engine's judgement of the whole page's text, then the page's mentions (Ranges made when first needed). */
  private async judge(slicer: Slicer): Promise<boolean> {
    const { blocks } = this;
    const texts = blocks.map((block) => block.text);
    await slicer.checkpoint();
    const { entityIds, mentions } = await this.scanTexts(texts);
    slicer.resumed();
    if (blocks !== this.blocks) throw new Cancelled();
    // Names the content script does not know (a pack changed meanwhile) are left out.
    const known = entityIds.map((id) => (this.entities.has(id) ? id : null));
    const found: PageMention[] = [];
    for (let i = 0; i < mentions.length; i += 4) {
      const entityId = known[mentions[i + 3]];
      if (entityId) found.push(new PageMention(entityId, blocks[mentions[i]], mentions[i + 1], mentions[i + 2]));
    }
    this.found = found;
    this.publishedAt = readPublishedAt(this.doc);
    this.status = 'ready';
    this.publish();
    // What the page mentions, as text, to tell whether this scan changed it (one summary per scan, not two).
    const before = this.mentionsSignature;
    this.mentionsSignature = JSON.stringify(this.summary().mentions);
    return this.mentionsSignature !== before;
  }

  private publish(): void {
    this.cachedSummary = null;
    const wanted = new Set(this.options.entityTypes);
    const unwanted = new Set([...this.entities.values()].filter((e) => !wanted.has(e.type)).map((e) => e.id));
    this.mentions = unwanted.size ? this.found.filter((m) => !unwanted.has(m.entityId)) : this.found;
    this.index = null;
    const shadowRoots = new Set<ShadowRoot>();
    for (const mention of this.mentions) if (mention.block.shadowRoot) shadowRoots.add(mention.block.shadowRoot);
    this.mentionRoots = [...shadowRoots];
    for (const root of this.mentionRoots) styleHighlightsIn(root);
    const seen = new Set<string>();
    const painted = this.options.firstMentionOnly
      ? this.mentions.filter((m) => !seen.has(m.entityId) && seen.add(m.entityId))
      : this.mentions;
    this.painter.setPaintables(painted, this.options.highlightStyle);
  }
}
