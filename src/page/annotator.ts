/**
 * One page's annotations: collect the readable text, run the engine, turn mentions into live Ranges, paint them,
 * and answer what the page mentions. Reads the page; never writes to it.
 */
import type { EntityType } from '../kb/entity-types';
import type { EntityHeader } from '../kb/match-index';
import type { Matcher } from '../match/matcher';
import { scanPage } from '../match/scan-page';
import type { MentionSummary, PageSummary } from '../messaging/messages';
import type { HighlightStyle } from '../settings/settings';
import { readPublishedAt } from './article-metadata';
import { clearHighlights, paintMentions, styleHighlightsIn } from './highlights';
import { MentionIndex } from './hit-test';
import { blockRange, collectTextBlocks } from './text-blocks';

export interface PageMention {
  entityId: string;
  surface: string;
  range: Range;
}

export interface AnnotatorOptions {
  entityTypes: readonly EntityType[];
  highlightStyle: HighlightStyle;
  /** Paint only the first occurrence of each entity; the others still answer to hover and count in the summary. */
  firstMentionOnly: boolean;
}

const ALL_TYPES: AnnotatorOptions = {
  entityTypes: ['person', 'place', 'organization', 'event', 'agreement', 'concept'],
  highlightStyle: 'underline',
  firstMentionOnly: false,
};

export class PageAnnotator {
  /** Every mention the last scan found, whatever the options. */
  private found: PageMention[] = [];
  /** The mentions of the types the reader wants. */
  private mentions: PageMention[] = [];
  private index = new MentionIndex([]);
  private status: PageSummary['status'] = 'scanning';
  private options: AnnotatorOptions = ALL_TYPES;

  constructor(
    private readonly doc: Document,
    private readonly entities: ReadonlyMap<string, EntityHeader>,
    private readonly matcher: Matcher,
  ) {}

  /** Scans the whole page again and repaints; returns whether what the page mentions changed. */
  scan(): boolean {
    const before = JSON.stringify(this.summary().mentions);
    this.status = 'scanning';
    const root = this.doc.body ?? this.doc.documentElement;
    const blocks = root ? collectTextBlocks(root) : [];
    const { mentions } = scanPage(this.matcher, blocks.map((b) => b.text));
    this.found = mentions
      .filter((m) => this.entities.has(m.entityId))
      .map((m) => ({ entityId: m.entityId, surface: m.surface, range: blockRange(blocks[m.block], m.start, m.end) }));
    this.status = 'ready';
    this.apply();
    return JSON.stringify(this.summary().mentions) !== before;
  }

  /** New display options: repaint from the last scan, without reading the page again. */
  setOptions(options: AnnotatorOptions): void {
    this.options = options;
    if (this.status === 'ready') this.apply();
  }

  private apply(): void {
    const wanted = new Set(this.options.entityTypes);
    this.mentions = this.found.filter((m) => wanted.has(this.entities.get(m.entityId)!.type));
    this.index = new MentionIndex(this.mentions.map((m) => m.range));
    for (const root of this.index.shadowRoots) styleHighlightsIn(root);
    const seen = new Set<string>();
    const painted = this.options.firstMentionOnly
      ? this.mentions.filter((m) => !seen.has(m.entityId) && seen.add(m.entityId))
      : this.mentions;
    paintMentions(painted.map((m) => m.range), this.options.highlightStyle);
  }

  mentionAt(x: number, y: number): { mention: PageMention; lineRect: DOMRect } | null {
    const hit = this.index.at(this.doc, x, y);
    return hit ? { mention: this.mentions[hit.index], lineRect: hit.lineRect } : null;
  }

  countOf(entityId: string): number {
    return this.mentions.filter((m) => m.entityId === entityId).length;
  }

  summary(): PageSummary {
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
    return {
      url: this.doc.location?.href ?? '',
      title: this.doc.title,
      publishedAt: readPublishedAt(this.doc),
      status: this.status,
      mentions: [...byEntity.values()],
    };
  }

  dispose(): void {
    this.found = [];
    this.mentions = [];
    this.index = new MentionIndex([]);
    this.status = 'scanning';
    clearHighlights();
  }
}
