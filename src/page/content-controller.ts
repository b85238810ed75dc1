/**
 * Wires one page together: the annotator, hover intent and the card, rescans when the page changes, and reports
 * the page's state. Browser APIs come in through `ContentDeps`, so the entrypoint stays a few lines of wiring.
 */
import type { KnowledgeBase } from '../kb/knowledge-base';
import type { Matcher } from '../match/matcher';
import type { PageStateNotice, PageSummary } from '../messaging/messages';
import { PAGE_STATE_NOTICE } from '../messaging/messages';
import { RESCAN_DEBOUNCE_MS, RESCAN_MAX_WAIT_MS } from '../timing';
import { HOST_TAG, TooltipHost } from '../ui/tooltip/tooltip-host';
import { PageAnnotator, type PageMention } from './annotator';
import { paintActive } from './highlights';
import { HoverIntent } from './hover-intent';

export interface ContentDeps {
  doc: Document;
  kb: KnowledgeBase;
  matcher: Matcher;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
  requestAnimationFrame(callback: () => void): number;
  /** Register a listener that is removed when the extension context goes away. */
  listen<K extends keyof DocumentEventMap>(target: Document, type: K, listener: (event: DocumentEventMap[K]) => void, options?: AddEventListenerOptions): void;
  notify(notice: PageStateNotice): void;
}

function isOwnNode(node: Node): boolean {
  return node.nodeName.toLowerCase() === HOST_TAG;
}

export class ContentController {
  private readonly annotator: PageAnnotator;
  private readonly tooltip: TooltipHost;
  private readonly hover: HoverIntent<PageMention>;
  private observer: MutationObserver | null = null;
  private rescanTimer: number | null = null;
  private firstChangeAt: number | null = null;
  private pointerFrame: number | null = null;
  private lastPointer: { x: number; y: number } | null = null;
  private notified = false;

  constructor(private readonly deps: ContentDeps) {
    this.annotator = new PageAnnotator(deps.doc, deps.kb, deps.matcher);
    this.tooltip = new TooltipHost(deps.doc, (inside) => this.hover.pointerInsideCard(inside));
    this.hover = new HoverIntent<PageMention>({
      hitTest: (x, y) => {
        const hit = this.annotator.mentionAt(x, y);
        if (!hit) return null;
        const { range } = hit.mention;
        return { key: `${hit.mention.entityId}@${range.startOffset}:${hit.lineRect.top}`, value: hit.mention, anchor: hit.lineRect };
      },
      open: (target) => {
        const entity = deps.kb.entities.get(target.value.entityId);
        if (!entity) return;
        paintActive(target.value.range);
        this.tooltip.show({
          entity,
          count: this.annotator.countOf(entity.id),
          publishedAt: this.annotator.summary().publishedAt,
          anchor: target.anchor,
        });
      },
      close: () => {
        paintActive(null);
        this.tooltip.hide();
      },
      setTimeout: deps.setTimeout,
      clearTimeout: deps.clearTimeout,
    });
  }

  start(): void {
    const { doc, listen } = this.deps;
    this.rescan();
    listen(doc, 'pointermove', (event) => this.onPointerMove(event), { passive: true });
    listen(doc, 'keydown', (event) => {
      if (event.key === 'Escape' && this.hover.openTargetKey) this.hover.dismiss();
    }, { capture: true });
    listen(doc, 'scroll', () => this.hover.dismiss(), { capture: true, passive: true });
    listen(doc, 'visibilitychange', () => this.hover.dismiss());
    this.observer = new MutationObserver((records) => {
      if (records.some((r) => !this.isOwnRecord(r))) this.scheduleRescan();
    });
    this.observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  }

  summary(): PageSummary {
    return this.annotator.summary();
  }

  stop(): void {
    this.observer?.disconnect();
    if (this.rescanTimer !== null) this.deps.clearTimeout(this.rescanTimer);
    this.hover.dismiss();
    this.tooltip.dispose();
    this.annotator.dispose();
  }

  private isOwnRecord(record: MutationRecord): boolean {
    if (record.type !== 'childList') return false;
    const changed = [...record.addedNodes, ...record.removedNodes];
    return changed.length > 0 && changed.every(isOwnNode);
  }

  private onPointerMove(event: PointerEvent): void {
    this.lastPointer = { x: event.clientX, y: event.clientY };
    if (this.pointerFrame !== null) return;
    // One hit test per frame, however many pointer events arrive in it.
    this.pointerFrame = this.deps.requestAnimationFrame(() => {
      this.pointerFrame = null;
      if (this.lastPointer) this.hover.pointerMoved(this.lastPointer.x, this.lastPointer.y);
    });
  }

  private scheduleRescan(): void {
    const now = Date.now();
    this.firstChangeAt ??= now;
    if (this.rescanTimer !== null) this.deps.clearTimeout(this.rescanTimer);
    const wait = Math.max(0, Math.min(RESCAN_DEBOUNCE_MS, this.firstChangeAt + RESCAN_MAX_WAIT_MS - now));
    this.rescanTimer = this.deps.setTimeout(() => {
      this.rescanTimer = null;
      this.firstChangeAt = null;
      this.rescan();
    }, wait);
  }

  private rescan(): void {
    const changed = this.annotator.scan();
    if (!changed && this.notified) return;
    this.notified = true;
    const summary = this.annotator.summary();
    this.deps.notify({ type: PAGE_STATE_NOTICE, status: summary.status, entityCount: summary.mentions.length });
  }
}
