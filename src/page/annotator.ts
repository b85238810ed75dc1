/**
 * One page's annotations: read the page's text block by block, run the engine, turn mentions into live Ranges,
 * paint the ones near the viewport, and answer what the page mentions. Reads the page; never writes to it.
 *
 * Work is sliced (it yields to the page whenever a slice's budget is used up) and incremental: after the first full
 * scan, changed regions are read again alone, their blocks matched again, and the page-level judgement re-run over
 * every block's candidates (cheap: candidates, not text).
 */
import type { EntityType } from '../kb/entity-types';
import type { EntityHeader } from '../kb/match-index';
import type { Matcher } from '../match/matcher';
import { judgePage, scanBlock, type BlockScan } from '../match/scan-page';
import type { MentionSummary, PageSummary } from '../messaging/messages';
import type { HighlightStyle } from '../settings/settings';
import { INCREMENTAL_MAX_ROOTS } from '../timing';
import { readPublishedAt } from './article-metadata';
import { clearHighlights, styleHighlightsIn } from './highlights';
import { MentionIndex } from './hit-test';
import type { Slicer } from './slicer';
import { BlockCollector, blockContainer, blockRange, isReadable, type TextBlock } from './text-blocks';
import { ViewportPainter } from './viewport-painter';

/** One occurrence on the page. Its Range is made the first time something needs it (painting, hovering). */
export class PageMention {
  private static serial = 0;
  /** Distinguishes this occurrence from every other on the page (hover keys). */
  readonly id = ++PageMention.serial;
  private made: Range | null = null;

  constructor(
    readonly entityId: string,
    readonly surface: string,
    readonly block: TextBlock,
    readonly start: number,
    readonly end: number,
    readonly container: Element,
    private readonly cache: Map<number, Range>,
  ) {}

  get range(): Range {
    if (!this.made) {
      this.made = this.cache.get(this.start) ?? blockRange(this.block, this.start, this.end);
      this.cache.set(this.start, this.made);
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

/** One block of the page's text, what the engine found in it, and the Ranges made for it so far (by start offset). */
interface BlockEntry {
  block: TextBlock;
  scan: BlockScan;
  ranges: Map<number, Range>;
}

/** How many blocks to match between two looks at the clock. */
const BLOCKS_PER_CHECK = 32;

/** Where a block starting at `node` belongs among entries in document order (binary search). */
function insertionPoint(entries: readonly BlockEntry[], node: Node | undefined): number {
  if (!node) return entries.length;
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const position = entries[mid].block.segments[0].node.compareDocumentPosition(node);
    // FOLLOWING (4): `node` comes after this entry. Nodes in another tree (a shadow root) compare as disconnected and
    // go after it too.
    if (position & 4 || position & 1) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class PageAnnotator {
  private entries: BlockEntry[] = [];
  /** Every mention the last judgement kept, whatever the display options. */
  private found: PageMention[] = [];
  /** The mentions of the types the reader wants, in document order. */
  private mentions: PageMention[] = [];
  private index = new MentionIndex([]);
  private status: PageSummary['status'] = 'scanning';
  private options: AnnotatorOptions = DEFAULT_OPTIONS;
  private readonly painter: ViewportPainter;
  private cachedSummary: PageSummary | null = null;
  private mentionsSignature = '';

  constructor(
    private readonly doc: Document,
    private readonly entities: ReadonlyMap<string, EntityHeader>,
    private readonly matcher: Matcher,
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
    const entries: BlockEntry[] = [];
    for (let i = 0; i < collector.blocks.length; i++) {
      if (i % BLOCKS_PER_CHECK === 0) await slicer.checkpoint();
      entries.push(this.entryFor(collector.blocks[i], i));
    }
    this.entries = entries;
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
    const kept = this.entries.filter((e) => !e.block.segments.some((s) => touched(s.node)));
    for (const root of outermost) {
      await slicer.checkpoint();
      if (!root.isConnected || !isReadable(root)) continue;
      const collector = new BlockCollector(root);
      while (!collector.collect(slicer.timeIsUp)) await slicer.checkpoint();
      // The new blocks go where they stand in the document, so mentions stay in reading order.
      let at = insertionPoint(kept, collector.blocks[0]?.segments[0].node);
      for (const block of collector.blocks) kept.splice(at++, 0, this.entryFor(block, 0));
    }
    this.entries = kept;
    return this.judge(slicer);
  }

  /** The open shadow roots whose text the last scan read (their changes must be watched separately). */
  shadowRootsRead(): ShadowRoot[] {
    const roots = new Set<ShadowRoot>();
    for (const entry of this.entries) if (entry.block.shadowRoot) roots.add(entry.block.shadowRoot);
    return [...roots];
  }

  /** New display options: repaint from the last scan, without reading the page again. */
  setOptions(options: AnnotatorOptions): void {
    this.options = options;
    if (this.status === 'ready') this.publish();
  }

  mentionAt(x: number, y: number): { mention: PageMention; lineRect: DOMRect } | null {
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
      publishedAt: readPublishedAt(this.doc),
      status: this.status,
      mentions: [...byEntity.values()],
    };
    if (this.status === 'ready') this.cachedSummary = summary;
    return summary;
  }

  dispose(): void {
    this.entries = [];
    this.found = [];
    this.mentions = [];
    this.index = new MentionIndex([]);
    this.status = 'scanning';
    this.cachedSummary = null;
    this.mentionsSignature = '';
    this.painter.dispose();
    clearHighlights();
  }

  private entryFor(block: TextBlock, index: number): BlockEntry {
    return { block, scan: scanBlock(this.matcher, block.text, index), ranges: new Map() };
  }

  /** The page-level judgement over every block, then Ranges for the kept mentions (made once per candidate). */
  private async judge(slicer: Slicer): Promise<boolean> {
    const texts: string[] = [];
    const scans: BlockScan[] = [];
    this.entries.forEach((entry, i) => {
      // The judgement finds each candidate's block by its index: keep them in step with this order.
      for (const c of entry.scan.claimed) c.block = i;
      texts.push(entry.block.text);
      scans.push(entry.scan);
    });
    await slicer.checkpoint();
    const { mentions } = judgePage(texts, scans);
    const found: PageMention[] = [];
    for (const m of mentions) {
      if (!this.entities.has(m.entityId)) continue;
      const entry = this.entries[m.block];
      found.push(new PageMention(m.entityId, m.surface, entry.block, m.start, m.end, entry.block.container, entry.ranges));
    }
    this.found = found;
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
    this.mentions = this.found.filter((m) => wanted.has(this.entities.get(m.entityId)!.type));
    this.index = new MentionIndex(this.mentions);
    for (const root of this.index.shadowRoots) styleHighlightsIn(root);
    const seen = new Set<string>();
    const painted = this.options.firstMentionOnly
      ? this.mentions.filter((m) => !seen.has(m.entityId) && seen.add(m.entityId))
      : this.mentions;
    this.painter.setPaintables(painted, this.options.highlightStyle);
  }
}
