/**
 * Paints only the mentions on screen or near it. Painting a highlight costs the browser in proportion to the ranges
 * registered, so a 2 MB article with thousands of mentions would pay for all of them on every change. An
 * IntersectionObserver (asynchronous, no layout reads of ours) says which text containers are near the viewport;
 * their ranges are registered in one batch per animation frame.
 */
import type { HighlightStyle } from '../settings/settings';
import { PAINT_MARGIN_VIEWPORTS } from '../timing';
import { paintMentions } from './highlights';

export interface Paintable {
  /** Made only when the paintable comes near the viewport. */
  readonly range: Range;
  /** The element whose box holds the text (its visibility stands for the range's). */
  container: Element;
}

export class ViewportPainter {
  private observer: IntersectionObserver | null = null;
  private byContainer = new Map<Element, Paintable[]>();
  private near = new Set<Element>();
  private frame: number | null = null;
  private style: HighlightStyle = 'underline';

  constructor(private readonly win: Window & typeof globalThis) {}

  /** Replaces what may be painted; only those near the viewport are. */
  setPaintables(items: readonly Paintable[], style: HighlightStyle): void {
    this.style = style;
    const next = new Map<Element, Paintable[]>();
    // Items come in reading order, so a container's items mostly come together: one map lookup per run of them.
    let container: Element | null = null;
    let list: Paintable[] = [];
    for (const item of items) {
      if (item.container !== container) {
        container = item.container;
        list = next.get(container) ?? [];
        if (!list.length) next.set(container, list);
      }
      list.push(item);
    }
    const observer = this.ensureObserver();
    if (observer) {
      for (const element of this.byContainer.keys()) {
        if (!next.has(element)) {
          observer.unobserve(element);
          this.near.delete(element);
        }
      }
      for (const element of next.keys()) if (!this.byContainer.has(element)) observer.observe(element);
    }
    this.byContainer = next;
    this.schedulePaint();
  }

  dispose(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.byContainer.clear();
    this.near.clear();
    if (this.frame !== null) this.win.cancelAnimationFrame(this.frame);
    this.frame = null;
  }

  private ensureObserver(): IntersectionObserver | null {
    if (this.observer) return this.observer;
    if (typeof this.win.IntersectionObserver !== 'function') return null; // every container counts as near
    const margin = `${Math.round(PAINT_MARGIN_VIEWPORTS * 100)}% 0px`;
    this.observer = new this.win.IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) this.near.add(entry.target);
          else this.near.delete(entry.target);
        }
        this.schedulePaint();
      },
      { rootMargin: margin },
    );
    return this.observer;
  }

  private schedulePaint(): void {
    if (this.frame !== null) return;
    this.frame = this.win.requestAnimationFrame(() => {
      this.frame = null;
      const ranges: Range[] = [];
      // Only the containers near the viewport are visited: on a long page they are a few dozen of thousands.
      if (!this.observer) {
        for (const items of this.byContainer.values()) for (const item of items) ranges.push(item.range);
      } else {
        for (const element of this.near) for (const item of this.byContainer.get(element) ?? []) ranges.push(item.range);
      }
      paintMentions(ranges, this.style);
    });
  }
}
