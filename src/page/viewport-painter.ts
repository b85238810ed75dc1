/**
 * Paints only the mentions on screen or near it. Painting a highlight costs the browser in proportion to the ranges
 * registered, so a 2 MB article with thousands of mentions would pay for all of them on every change. An
 * IntersectionObserver (asynchronous, no layout reads of ours) says which text containers are near the viewport;
 * their ranges are registered in one batch per animation frame. On a short page the first places are read from the
 * boxes instead and painted at once (`setPaintables` with `placeNow`, see `SYNC_FIRST_PAINT_MAX_CHARS`), and the
 * observer's first report, which then only confirms them, asks for no frame.
 *
 * The observer does not watch every container: each observed element costs the browser work in every frame that
 * moves the page, and a long article has thousands. Containers go in runs of up to `PAINT_RUN_CONTAINERS` siblings
 * (consecutive containers with the same parent, which the page lays out one after the other), and each run is
 * watched at its start and its end. The end is the next run's start where that run follows in the same parent (it
 * is laid out after this run's last container), so most runs cost one watched element, not two. A run is near when
 * its start or end is, or when the two lie on opposite sides of the near area, which then falls between them (at
 * worst in the gap before the next run: a run painted a little early).
 */
import type { HighlightStyle } from '../settings/settings';
import { PAINT_MARGIN_VIEWPORTS, PAINT_RUN_CONTAINERS } from '../timing';
import { isStillRegistered, paintMentions } from './highlights';
import { nearViewport } from './near-viewport';

/** Text to paint in one container: its ranges are made only when the container comes near the viewport. */
export interface Paintable {
  /** The element whose box holds the text (its visibility stands for the ranges'). */
  readonly container: Element;
  ranges(): Range[];
}

/** How much the viewport's height may change (a share of it) before the observer's margin is made again. */
const RENEW_AT_HEIGHT_CHANGE = 0.2;

/** Where a watched end of a run was last seen, relative to the viewport and its margins. */
type Place = 'near' | 'above' | 'below';

/** Items in consecutive sibling containers, watched at their start and their end (see the file's comment). */
interface Run<T> {
  items: T[];
  containers: number;
  first: Element;
  last: Element;
  /** Watched for the run's end: the next run's first container when it shares `last`'s parent, else `last`. */
  end: Element;
}

export class ViewportPainter<T extends Paintable = Paintable> {
  private observer: IntersectionObserver | null = null;
  private runs: Run<T>[] = [];
  /** The watched ends, and where each was last seen (absent until the observer first reports it). */
  private places = new Map<Element, Place | undefined>();
  private frame: number | null = null;
  private style: HighlightStyle = 'underline';
  /** What was registered last (null: nothing, as at first and after `dispose`, when the owner clears the page). */
  private painted: { ranges: Range[]; style: HighlightStyle; highlight: Highlight | null } | null = null;
  private changes = 0;
  /** The viewport's height when the observer was made. */
  private observedHeight = 0;

  constructor(private readonly win: Window & typeof globalThis) {}

  /** Changes whenever what is near the viewport may have changed (new paintables, the observer reporting). */
  get version(): number {
    return this.changes;
  }

  /**
   * Replaces what may be painted; only those near the viewport are. With `placeNow`, ends the observer has not
   * reported yet are placed from their boxes at once and the near ones painted in this task, instead of waiting a
   * frame for the observer's first report and another for the paint (see `SYNC_FIRST_PAINT_MAX_CHARS`).
   */
  setPaintables(items: readonly T[], style: HighlightStyle, placeNow = false): void {
    this.style = style;
    this.changes++;
    this.runs = runsOf(items);
    const observer = this.ensureObserver();
    if (observer) {
      const ends = new Set<Element>();
      for (const run of this.runs) ends.add(run.first).add(run.end);
      for (const element of this.places.keys()) {
        if (!ends.has(element)) {
          observer.unobserve(element);
          this.places.delete(element);
        }
      }
      const viewportHeight = placeNow ? this.win.innerHeight : 0;
      for (const element of ends) {
        if (!this.places.has(element)) {
          this.places.set(element, placeNow ? placeOf(element, viewportHeight) : undefined);
          observer.observe(element);
        }
      }
    }
    if (placeNow) this.paint();
    else this.schedulePaint();
  }


  dispose(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.win.removeEventListener('resize', this.onResize);
    this.painted = null;
    this.changes++;
    this.runs = [];
    this.places.clear();
    if (this.frame !== null) this.win.cancelAnimationFrame(this.frame);
    this.frame = null;
  }

  /**
   * The near area's margin is in pixels of the viewport as it was when the observer was made (`nearViewport`): once
   * the window is much taller or shorter, a new observer takes over the watched ends. Their places stand until its
   * first report, which repaints what it moves.
   */
  private readonly onResize = () => {
    const { observer } = this;
    if (!observer || Math.abs(this.win.innerHeight - this.observedHeight) <= this.observedHeight * RENEW_AT_HEIGHT_CHANGE) return;
    observer.disconnect();
    this.observer = null;
    const renewed = this.ensureObserver()!;
    for (const element of this.places.keys()) renewed.observe(element);
  };

  private ensureObserver(): IntersectionObserver | null {
    if (this.observer) return this.observer;
    if (typeof this.win.IntersectionObserver !== 'function') return null; // every container counts as near
    this.observedHeight = this.win.innerHeight;
    this.win.addEventListener('resize', this.onResize, { passive: true });
    this.observer = new this.win.IntersectionObserver(
      (entries) => {
        let moved = false;
        for (const entry of entries) {
          if (!this.places.has(entry.target)) continue; // no longer watched
          // rootBounds is the viewport (grown by the margin where that is a root margin); null only for a
          // cross-origin frame's root. What is not near and ends above it is above.
          const top = entry.rootBounds?.top ?? 0;
          const place = entry.isIntersecting ? 'near' : entry.boundingClientRect.bottom <= top ? 'above' : 'below';
          if (this.places.get(entry.target) !== place) moved = true;
          this.places.set(entry.target, place);
        }
        // The first report often confirms places already read from the boxes: then nothing needs painting again.
        if (!moved) return;
        this.changes++;
        this.schedulePaint();
      },
      nearViewport(this.win, PAINT_MARGIN_VIEWPORTS, PAINT_MARGIN_VIEWPORTS),
    );
    return this.observer;
  }

  private isNear(run: Run<T>): boolean {
    const first = this.places.get(run.first);
    const end = this.places.get(run.end);
    return first === 'near' || end === 'near' || (first !== undefined && end !== undefined && first !== end);
  }

  /** The paintables near the viewport (all of them where there is no IntersectionObserver). */
  nearItems(): T[] {
    const near: T[] = [];
    // Only the runs near the viewport are visited: on a long page they are a few of hundreds.
    for (const run of this.runs) {
      if (this.observer && !this.isNear(run)) continue;
      near.push(...run.items);
    }
    return near;
  }

  private schedulePaint(): void {
    if (this.frame !== null) return;
    this.frame = this.win.requestAnimationFrame(() => {
      this.frame = null;
      this.paint();
    });
  }

  private paint(): void {
    if (this.frame !== null) {
      this.win.cancelAnimationFrame(this.frame);
      this.frame = null;
    }
    const ranges = this.nearItems().flatMap((item) => item.ranges());
    // Registering highlights makes the browser update the whole page's compositing state (about 6 ms on a 2 MB
    // page): not again for the very same ranges, as when the first report of the observer finds nothing new.
    const { painted } = this;
    if (!painted && !ranges.length) return;
    if (painted && painted.style === this.style && painted.ranges.length === ranges.length && painted.ranges.every((r, i) => r === ranges[i])) return;
    const highlight = paintMentions(ranges, this.style);
    this.painted = ranges.length ? { ranges, style: this.style, highlight } : null;
  }

  /**
   * Registers what was painted again if the page's registry lost it (a page's find feature or another extension
   * cleared it): the painter otherwise repaints only when what is near the viewport changes. Cheap: one lookup.
   */
  restoreIfCleared(): void {
    const { painted } = this;
    if (!painted?.highlight || isStillRegistered(painted.highlight, painted.style)) return;
    painted.highlight = paintMentions(painted.ranges, painted.style);
  }
}

/** Where an element is now, as the observer would report it (the viewport grown by the margin above and below). */
function placeOf(element: Element, viewportHeight: number): Place {
  const margin = viewportHeight * PAINT_MARGIN_VIEWPORTS;
  const { top, bottom } = element.getBoundingClientRect();
  return bottom < -margin ? 'above' : top > viewportHeight + margin ? 'below' : 'near';
}

/**
 * Items (in reading order) cut into runs of consecutive sibling containers, at most `PAINT_RUN_CONTAINERS` of them.
 * A container whose items are not consecutive (text on either side of a nested block) may end up in two runs.
 */
function runsOf<T extends Paintable>(items: readonly T[]): Run<T>[] {
  const runs: Run<T>[] = [];
  let run: Run<T> | null = null;
  for (const item of items) {
    const { container } = item;
    if (run && container === run.last) {
      run.items.push(item);
    } else if (run && run.containers < PAINT_RUN_CONTAINERS && container.parentNode === run.last.parentNode) {
      run.items.push(item);
      run.containers++;
      run.last = container;
    } else {
      run = { items: [item], containers: 1, first: container, last: container, end: container };
      runs.push(run);
    }
  }
  for (let i = 0; i < runs.length; i++) {
    const next = runs[i + 1];
    runs[i].end = next && next.first !== runs[i].last && next.first.parentNode === runs[i].last.parentNode ? next.first : runs[i].last;
  }
  return runs;
}
