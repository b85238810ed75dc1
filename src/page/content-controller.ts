/**
 * Wires one page together: loads the names to look for and the reader's settings, runs the annotator (sliced, and
 * incremental as the page changes), hover intent and the card, and reports the page's state. Browser APIs come in
 * through `ContentDeps`, so the entrypoint stays a few lines of wiring.
 */
import type { CardData } from '../kb/card-data';
import type { Entity } from '../kb/schema';
import type { PageState, PageStateNotice, PageSummary } from '../messaging/messages';
import { PageTextSender, type ScanTextsRequest } from '../messaging/page-scan';
import { PAGE_STATE_NOTICE } from '../messaging/messages';
import { isEnabledFor, type Settings } from '../settings/settings';
import { RESCAN_DEBOUNCE_MS, RESCAN_MAX_WAIT_MS, REVEAL_FLASH_MS } from '../timing';
import { TooltipHost } from '../ui/tooltip/tooltip-host';
import { PageAnnotator, type PageMention } from './annotator';
import { readPublishedAt } from './article-metadata';
import { paintActive, paintFocus } from './highlights';
import { HoverIntent, type HoverTarget } from './hover-intent';
import { articleAddress } from './page-address';
import { readerHost } from './reader-host';
import { isShown } from './shown';
import { Cancelled, createSlicer, type SlicerClock } from './slicer';
import { PageChanges } from './page-changes';
import { ReadEndWatcher } from './read-end-watcher';
import { READ_GATING_ATTRIBUTES } from './text-blocks';

/** The events the controller listens for, on the document or the window (`prerenderingchange`: not in the DOM typings yet). */
export type PageEventMap = DocumentEventMap & WindowEventMap & { prerenderingchange: Event };

export interface ContentDeps {
  doc: Document;
  /** The reader's settings now, and a way to hear of changes (returns a function that stops listening). */
  loadSettings(): Promise<Settings>;
  watchSettings(onChange: (settings: Settings) => void): () => void;
  /** Sends a scan request (or one part of it) to the background, which runs the engine (see `page-scan`). */
  sendScanRequest(request: Omit<ScanTextsRequest, 'type'>): Promise<unknown>;
  /** One entity's card data (from the background, which holds the knowledge base). */
  loadCardData(id: string): Promise<CardData | null>;
  clock: SlicerClock;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
  requestAnimationFrame(callback: () => void): number;
  /** Register a listener that is removed when the extension context goes away. */
  listen<K extends keyof PageEventMap>(target: Document | Window, type: K, listener: (event: PageEventMap[K]) => void, options?: AddEventListenerOptions): void;
  notify(notice: PageStateNotice): void;
}

/**
 * Text added, removed or rewritten; and the attributes that decide whether text is read at all
 * (`READ_GATING_ATTRIBUTES`): a "Continue reading" button that removes `hidden` from the rest of the story changes
 * nothing else.
 */
const OBSERVED_CHANGES: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributeFilter: [...READ_GATING_ATTRIBUTES],
};

/** Whether keys pressed in `target` edit text: a text field, a text area, or editable content. */
function isTextEntry(target: EventTarget | undefined): boolean {
  if (!target || (target as Node).nodeType !== 1) return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable === true;
}

/**
 * The position of the next mention after `from` (before it, going back) that the reader can see, round the end of the
 * page; from -1, the first (the last). -1 when none is shown: hidden copies (see `isShown`) are stepped over.
 */
function nextShown(mentions: readonly PageMention[], from: number, forward: boolean): number {
  const n = mentions.length;
  for (let i = 1; i <= n; i++) {
    const k = from < 0 ? (forward ? i - 1 : n - i) : (((from + (forward ? i : -i)) % n) + n) % n;
    if (isShown(mentions[k].block.container)) return k;
  }
  return -1;
}

export class ContentController {
  private annotator: PageAnnotator | null = null;
  private readonly tooltip: TooltipHost;
  private readonly hover: HoverIntent<PageMention>;
  private readonly entityCache = new Map<string, Promise<Entity | null>>();
  /** Names of the entities that the cards loaded so far relate to (a card links them by name). */
  private readonly relatedNames = new Map<string, string>();
  private observer: MutationObserver | null = null;
  private rescanTimer: number | null = null;
  private firstChangeAt: number | null = null;
  private pointerFrame: number | null = null;
  private lastPointer: { x: number; y: number } | null = null;
  private notified = false;
  private stopped = false;
  private settings: Settings | null = null;
  /** Whether the reader has Backstory on for this page (settings may turn it off and on again). */
  private active = false;
  private unwatch: (() => void) | null = null;
  /** Work waiting to run: a full scan, and the regions changed since the last scan began. */
  private needsFullScan = false;
  private readonly changes: PageChanges;
  /** Bumped whenever running work stops being wanted (off, navigation); work checks it at every slice. */
  private generation = 0;
  private working = false;
  /** Open shadow roots already watched: an observer on the document does not see into them. */
  private observedRoots = new WeakSet<ShadowRoot>();
  private flashTimer: number | null = null;
  /**
   * The page's address when it was last read (`articleAddress`: without a fragment that only marks a place): a change
   * seen with a DOM change means a single-page app navigated.
   */
  private lastUrl = '';
  /** Position in the page's mentions while stepping with the keyboard (-1: not stepping). */
  private stepIndex = -1;
  private focusNextCard = false;
  /** Whether the reader's input is listened to (see `listenToReader`). */
  private listeningToReader = false;
  /** A long page read in part (see `READ_AHEAD_CHARS`) is to be read on: by another part, or to its end. */
  private readOnWanted: 'part' | 'end' | null = null;
  /** Waiting for a long page to be read to its end (a card's count, the popup's button). */
  private readToEndWaiters: (() => void)[] = [];
  private readonly readEnd: ReadEndWatcher;
  /** Whether the background was last told the page is read in part (the badge says "so far"). */
  private toldPartial = false;

  constructor(private readonly deps: ContentDeps) {
    this.changes = new PageChanges(deps.doc);
    this.readEnd = new ReadEndWatcher(deps.doc.defaultView as Window & typeof globalThis, () => this.readOn('part'));
    this.tooltip = new TooltipHost(
      deps.doc,
      (inside) => this.hover.pointerInsideCard(inside),
      () => this.endCard(),
    );
    this.hover = new HoverIntent<PageMention>({
      hitTest: (x, y) => {
        const hit = this.annotator?.mentionAt(x, y);
        if (!hit) return null;
        const { mention } = hit;
        return { key: `${mention.id}:${hit.lineRect.top}`, value: mention, anchor: hit.lineRect };
      },
      open: (target) => void this.openCard(target),
      close: () => {
        paintActive(null);
        paintFocus(null);
        this.tooltip.hide();
        this.stepIndex = -1;
      },
      setTimeout: deps.setTimeout,
      clearTimeout: deps.clearTimeout,
    });
  }

  async start(): Promise<void> {
    const { doc, listen } = this.deps;
    const settings = await this.deps.loadSettings();
    if (this.stopped) return;
    // The browser clears the toolbar button's badge and title for a tab at each navigation, including one that
    // brings this page back from the back/forward cache (Back, Forward) or shows it after it was prerendered: this
    // script does not run again then, so it tells the background the page's state again (off pages too).
    const win = doc.defaultView ?? doc;
    listen(win, 'pageshow', (event) => event.persisted && this.renotify());
    // A frame navigating elsewhere leaves the background counting what it mentioned, and the next page in the frame
    // may have too little text to set Backstory up and say otherwise.
    listen(win, 'pagehide', (event) => !event.persisted && this.leave());
    listen(doc, 'prerenderingchange', () => this.renotify());
    this.unwatch = this.deps.watchSettings((next) => this.applySettings(next));
    this.applySettings(settings);
  }

  /**
   * The reader's input, listened to from the first time Backstory is on in this page: a page where it is off never
   * runs a line of ours on each pointer move, scroll, key or click. (WXT's listeners cannot be removed before the
   * script's context ends; switched off again, they return at once.)
   */
  private listenToReader(): void {
    if (this.listeningToReader) return;
    this.listeningToReader = true;
    const { doc, listen } = this.deps;
    // On the window, in the capture phase: the first place an event reaches, so that a page stopping its pointer,
    // click or key events from propagating (an article that keeps them to itself, as drag-to-scroll readers,
    // galleries and quote-sharing widgets do; a page-wide "protect this content" script) does not keep the cards from
    // opening. Only a listener the page added on the window before ours, stopping events at once
    // (`stopImmediatePropagation`), still comes first.
    const win = doc.defaultView ?? doc;
    listen(win, 'pointermove', (event) => this.onPointerMove(event), { capture: true, passive: true });
    listen(win, 'keydown', (event) => this.onKeyDown(event), { capture: true });
    // A click on a mention pins its card; a click anywhere else but the card closes a pinned one.
    listen(win, 'click', (event) => this.onClick(event), { capture: true });
    listen(win, 'scroll', () => this.onScroll(), { capture: true, passive: true });
    listen(doc, 'visibilitychange', () => this.hover.dismiss());
    listen(doc, 'fullscreenchange', () => this.hover.dismiss());
  }

  /** Turns Backstory on or off for this page at once, or repaints with new display settings. */
  applySettings(settings: Settings): void {
    if (this.stopped) return;
    this.settings = settings;
    this.hover.setOpenDelay(settings.hoverDelayMs);
    const win = this.deps.doc.defaultView;
    const on = isEnabledFor(settings, win ? readerHost(win) : (this.deps.doc.location?.hostname ?? ''));
    if (!on) {
      if (this.active || !this.notified) this.deactivate();
      return;
    }
    if (!this.annotator) {
      const sender = new PageTextSender(this.deps.sendScanRequest);
      this.annotator = new PageAnnotator(this.deps.doc, (texts) => sender.scan(texts));
    }
    this.annotator.setOptions(settings);
    if (!this.active) {
      this.active = true;
      this.listenToReader();
      this.observer = new MutationObserver((records) => this.onMutations(records));
      // The document itself, not its root element: a page may replace <html> (document.open, replaceChild).
      this.observer.observe(this.deps.doc, OBSERVED_CHANGES);
      this.observedRoots = new WeakSet();
      this.lastUrl = articleAddress(this.deps.doc.location?.href ?? '');
      this.notified = false;
      this.annotator.restartReading();
      this.requestFullScan();
    } else {
      this.notify();
    }
  }

  /** Scrolls to an entity's first mention and flashes it (asked by the popup). Resolves to whether there was one. */
  async reveal(entityId: string): Promise<boolean> {
    let mention = this.active ? this.annotator?.firstShownMentionOf(entityId) : null;
    if (!mention && this.annotator?.partial) {
      await this.readToTheEnd();
      mention = this.active ? this.annotator?.firstShownMentionOf(entityId) : null;
    }
    if (!mention) return false;
    this.hover.dismiss();
    const reduceMotion = this.deps.doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    mention.range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
    paintActive(mention.range);
    if (this.flashTimer !== null) this.deps.clearTimeout(this.flashTimer);
    this.flashTimer = this.deps.setTimeout(() => {
      this.flashTimer = null;
      if (!this.hover.openTargetKey) paintActive(null);
    }, REVEAL_FLASH_MS);
    return true;
  }

  /** The knowledge base changed (the reader imported or removed a pack): forget its cards and read the page again. */
  knowledgeChanged(): void {
    if (this.stopped) return;
    this.entityCache.clear();
    this.relatedNames.clear();
    const wasActive = this.active;
    this.deactivate();
    this.annotator = null;
    if (wasActive && this.settings) this.applySettings(this.settings);
  }

  /**
   * The page changed its address without a reload and changed its content (a single-page app): drop what was being
   * read and read the page from scratch, once the burst of changes that brings the new article in has settled.
   */
  private onNavigation(): void {
    if (!this.active) return;
    this.hover.dismiss();
    this.needsFullScan = true;
    this.readOnWanted = null;
    this.annotator?.restartReading();
    this.changes.clear();
    this.generation++;
    this.scheduleUpdate();
  }

  /**
   * A long page read in part is read on (see `READ_AHEAD_CHARS`): by another part as the reader nears the end of what
   * was read, or to its end when something needs the whole page (the popup's summary, a card's count).
   */
  private readOn(how: 'part' | 'end'): void {
    if (!this.active || !this.annotator?.partial) return;
    if (this.readOnWanted !== 'end') this.readOnWanted = how;
    void this.pump();
  }

  /** Resolves once the page is read to its end (at once for most pages, read whole at the first go), or work stops. */
  private readToTheEnd(): Promise<void> {
    if (!this.active || !this.annotator?.partial) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.readToEndWaiters.push(resolve));
    this.readOn('end');
    return done;
  }

  summary(): PageSummary {
    // Whoever asks (the popup, another tool) wants the whole page: a long page read in part is read to its end, and
    // until then its summary is of the part read, still 'scanning'.
    if (this.annotator?.partial) this.readOn('end');
    const { status, read } = this.state();
    if (read) return status === 'ready' ? read.summary() : { ...read.summary(), status };
    const { doc } = this.deps;
    // While scanning (a popup may ask many times a second) the date waits for the scan, which reads it once.
    const publishedAt = status === 'disabled' ? readPublishedAt(doc) : null;
    return { url: doc.location?.href ?? '', title: doc.title, publishedAt, status, mentions: [] };
  }

  /** The page's state, and the annotator holding its last complete reading, if there is one. */
  private state(): { status: PageSummary['status']; read: PageAnnotator | null } {
    const read = this.active && this.annotator?.isReady ? this.annotator : null;
    if (read) return { status: !this.working && !this.needsFullScan && !this.readOnWanted ? 'ready' : 'scanning', read };
    return { status: this.settings && !this.active ? 'disabled' : 'scanning', read };
  }

  stop(): void {
    this.stopped = true;
    this.unwatch?.();
    this.deactivate();
  }

  /** Off: no observer, no pending work, no highlight, no host element left in the page. */
  private deactivate(): void {
    this.active = false;
    this.generation++;
    this.observer?.disconnect();
    this.observer = null;
    if (this.rescanTimer !== null) this.deps.clearTimeout(this.rescanTimer);
    this.rescanTimer = null;
    this.changes.clear();
    this.needsFullScan = false;
    this.readOnWanted = null;
    this.readEnd.dispose();
    this.hover.dismiss();
    this.tooltip.dispose();
    this.annotator?.dispose();
    this.settleReadToEndWaiters();
    if (!this.stopped) this.notify();
  }

  private loadEntity(id: string): Promise<Entity | null> {
    let entity = this.entityCache.get(id);
    if (!entity) {
      entity = this.deps.loadCardData(id).then(
        (data) => {
          if (!data) return null;
          for (const [relatedId, name] of Object.entries(data.relatedNames)) this.relatedNames.set(relatedId, name);
          return data.entity;
        },
        () => null,
      );
      this.entityCache.set(id, entity);
    }
    return entity;
  }

  private async openCard(target: HoverTarget<PageMention>): Promise<void> {
    const focus = this.focusNextCard;
    this.focusNextCard = false;
    // The card counts the page's mentions: all of them.
    const [data] = await Promise.all([this.loadEntity(target.value.entityId), this.readToTheEnd()]);
    // The pointer may have moved on while the card data was on its way.
    if (!data || this.hover.openTargetKey !== target.key || !this.annotator) return;
    const annotator = this.annotator;
    paintActive(target.value.range);
    this.tooltip.show({
      entity: data,
      publishedAt: annotator.summary().publishedAt,
      anchor: target.anchor,
      pinned: this.hover.isPinned,
      theme: this.settings?.theme ?? 'system',
      countOf: (id) => annotator.countOf(id),
      nameOf: (id) => this.relatedNames.get(id) ?? null,
      loadEntity: (id) => this.loadEntity(id),
    });
    if (focus) this.tooltip.focus();
  }

  /** Closes the card, pinned or not, and ends keyboard stepping. */
  private endCard(): void {
    this.hover.dismiss();
  }

  private onClick(event: MouseEvent): void {
    if (!this.active || !this.annotator) return;
    if (this.tooltip.contains(event)) return;
    const hit = this.annotator.mentionAt(event.clientX, event.clientY);
    // A reader who drags across text to select it ends with a click where the drag ended: that is not a request for
    // a card, even on a mention. (A plain click collapses any selection before its own click arrives.)
    const selecting = this.deps.doc.getSelection?.()?.isCollapsed === false;
    if (hit && !selecting) {
      // Do not steal a link's click: a mention inside a link still navigates.
      this.hover.pin({ key: `${hit.mention.id}:${hit.lineRect.top}`, value: hit.mention, anchor: hit.lineRect });
    } else if (!hit && this.hover.isPinned) {
      this.endCard();
    }
  }

  private onScroll(): void {
    if (!this.active) return;
    // The reader moves on: what the page's registry lost since (another user of it cleared it) comes back.
    this.annotator?.restorePaint();
    if (!this.hover.isPinned) {
      this.hover.dismiss();
      return;
    }
    // A pinned card follows its mention.
    const mention = this.pinnedMention();
    const rect = mention?.range.getClientRects()[0];
    if (rect) this.tooltip.reanchor(rect);
  }

  private pinnedMention(): PageMention | null {
    const key = this.hover.openTargetKey;
    if (!key || !this.annotator) return null;
    const id = Number(key.split(':')[0]);
    return this.annotator.mentionById(id);
  }

  /** Alt+Shift+↓ / ↑ step through the page's mentions; Esc ends. */
  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      if (this.hover.openTargetKey) this.endCard();
      return;
    }
    if (!event.altKey || !event.shiftKey || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
    // In a text field the keys are the reader's editing (Alt+Shift+↓ selects to the paragraph's end on a Mac), and a
    // key the page has already handled is the page's.
    if (event.defaultPrevented || isTextEntry(event.composedPath()[0])) return;
    if (!this.active || !this.annotator) return;
    // Stepping goes through the whole page: it steps through what is read while the rest is read.
    if (this.annotator.partial) this.readOn('end');
    const mentions = this.annotator.mentionsInOrder();
    const forward = event.key === 'ArrowDown';
    const next = nextShown(mentions, this.stepIndex, forward);
    if (next < 0) return;
    event.preventDefault();
    event.stopPropagation();
    this.stepTo(mentions[next], next);
  }

  private stepTo(mention: PageMention, index: number): void {
    this.hover.dismiss();
    mention.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    const rect = mention.range.getClientRects()[0] ?? mention.range.getBoundingClientRect();
    paintFocus(mention.range);
    // The card opened from the keyboard takes focus, so screen readers announce it and its links are reachable.
    this.focusNextCard = true;
    this.hover.pin({ key: `${mention.id}:${rect.top}`, value: mention, anchor: rect });
    this.stepIndex = index;
  }

  private onMutations(records: MutationRecord[]): void {
    if (!this.changes.note(records)) return;
    // A new address without a change to the page needs no reading at all; with one, it is another article. This is
    // how single-page app navigation is noticed: WXT's location-change event would do it too, but its Navigation API
    // listener costs every page load about 2 ms of main thread, and tells nothing a change to the page does not.
    const url = articleAddress(this.deps.doc.location?.href ?? '');
    if (url !== this.lastUrl) {
      this.lastUrl = url;
      this.onNavigation();
    } else this.scheduleUpdate();
  }

  private onPointerMove(event: PointerEvent): void {
    if (!this.active) return;
    this.lastPointer = { x: event.clientX, y: event.clientY };
    if (this.pointerFrame !== null) return;
    // One hit test per frame, however many pointer events arrive in it.
    this.pointerFrame = this.deps.requestAnimationFrame(() => {
      this.pointerFrame = null;
      this.annotator?.restorePaint();
      if (this.lastPointer) this.hover.pointerMoved(this.lastPointer.x, this.lastPointer.y);
    });
  }

  /** Waits for a burst of changes to end (but not forever), then reads the changed regions. */
  private scheduleUpdate(): void {
    if (!this.active) return;
    const now = Date.now();
    this.firstChangeAt ??= now;
    if (this.rescanTimer !== null) this.deps.clearTimeout(this.rescanTimer);
    const wait = Math.max(0, Math.min(RESCAN_DEBOUNCE_MS, this.firstChangeAt + RESCAN_MAX_WAIT_MS - now));
    this.rescanTimer = this.deps.setTimeout(() => {
      this.rescanTimer = null;
      this.firstChangeAt = null;
      void this.pump();
    }, wait);
  }

  private requestFullScan(): void {
    this.needsFullScan = true;
    this.changes.clear();
    this.generation++;
    void this.pump();
  }

  /** Runs waiting work, one job at a time; changes that arrive meanwhile are handled by the next job. */
  private async pump(): Promise<void> {
    if (this.working || !this.active || !this.annotator) return;
    this.working = true;
    const generation = this.generation;
    const slicer = createSlicer(this.deps.clock, () => this.generation === generation && this.active);
    let changed = false;
    try {
      if (this.needsFullScan || !this.annotator.isReady) {
        this.needsFullScan = false;
        this.changes.clear();
        changed = await this.annotator.scanAll(slicer);
      } else if (this.changes.size) {
        const result = await this.annotator.update(this.changes.take(), slicer);
        changed = result === 'too-many' ? await this.annotator.scanAll(slicer) : result;
      } else if (this.readOnWanted) {
        const toTheEnd = this.readOnWanted === 'end';
        this.readOnWanted = null;
        changed = await this.annotator.readOn(slicer, toTheEnd);
      }
    } catch (error) {
      if (!(error instanceof Cancelled)) throw error;
    } finally {
      this.working = false;
    }
    if (this.active) this.watchShadowRoots();
    const partial = !!this.annotator?.partial;
    if (this.active && !this.needsFullScan) this.readEnd.watch(this.annotator?.readEnd() ?? null);
    if (!partial) this.settleReadToEndWaiters();
    else if (this.readToEndWaiters.length && this.active) this.readOnWanted = 'end'; // a reading to the end was cut short
    if (this.active && (this.needsFullScan || this.readOnWanted || (this.changes.size && this.rescanTimer === null))) void this.pump();
    else if (this.active && (changed || !this.notified || this.changes.framesRemoved || partial !== this.toldPartial)) this.notify();
  }

  private settleReadToEndWaiters(): void {
    for (const resolve of this.readToEndWaiters.splice(0)) resolve();
  }

  /** Watches the shadow roots that hold text the annotator reads, so their changes are noticed too. */
  private watchShadowRoots(): void {
    if (!this.observer || !this.annotator) return;
    for (const root of this.annotator.shadowRootsRead()) {
      if (this.observedRoots.has(root)) continue;
      this.observedRoots.add(root);
      this.observer.observe(root, OBSERVED_CHANGES);
    }
  }

  /** The frame's document is going away: if it told the background what it mentions, it takes that back. */
  private leave(): void {
    const win = this.deps.doc.defaultView;
    if (!this.notified || this.stopped || !win || win === win.top) return;
    this.deps.notify({ type: PAGE_STATE_NOTICE, status: 'ready', entityIds: [], leaving: true });
  }

  /** Tells the background the page's state again, if it was told before (else the first scan will). */
  private renotify(): void {
    if (this.notified && !this.stopped) this.notify();
  }

  /**
   * What the page mentions, in brief: the badge needs the state and the entities (the page's and its frames' together),
   * not the summary (the matched strings of every mention of a long page).
   */
  pageState(): PageState {
    const { status, read } = this.state();
    return { status, entityIds: read ? read.entityIds() : [], ...(read?.partial ? { partial: true } : {}) };
  }

  private notify(): void {
    this.notified = true;
    const state = this.pageState();
    this.toldPartial = state.partial === true;
    this.deps.notify({ type: PAGE_STATE_NOTICE, ...state, ...(this.changes.takeFramesRemoved() ? { framesRemoved: true } : {}) });
  }
}
