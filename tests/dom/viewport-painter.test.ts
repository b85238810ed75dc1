/**
 * The painter with a window whose observer and frames the test drives: what gets painted, and when. Boxes are set
 * per element (happy-dom lays nothing out).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ViewportPainter, type Paintable } from '../../src/page/viewport-painter';

const VIEWPORT_HEIGHT = 800;

class FakeObserver {
  static last: FakeObserver | null = null;
  readonly observed = new Set<Element>();
  constructor(readonly report: (entries: IntersectionObserverEntry[]) => void) {
    FakeObserver.last = this;
  }
  observe(element: Element): void {
    this.observed.add(element);
  }
  unobserve(element: Element): void {
    this.observed.delete(element);
  }
  disconnect(): void {
    this.observed.clear();
  }
  /** The observer's report of where each watched element is (the near area: the viewport grown by one above and below). */
  reportAll(): void {
    const rootBounds = { top: -VIEWPORT_HEIGHT, bottom: 2 * VIEWPORT_HEIGHT } as DOMRectReadOnly;
    this.report(
      [...this.observed].map((target) => {
        const box = target.getBoundingClientRect();
        return { target, rootBounds, boundingClientRect: box, isIntersecting: box.bottom >= rootBounds.top && box.top <= rootBounds.bottom } as unknown as IntersectionObserverEntry;
      }),
    );
  }
}

let frames: (() => void)[] = [];
let resizeListeners = new Set<() => void>();
const fakeWindow = {
  innerHeight: VIEWPORT_HEIGHT,
  IntersectionObserver: FakeObserver,
  addEventListener: (type: string, listener: () => void) => type === 'resize' && resizeListeners.add(listener),
  removeEventListener: (type: string, listener: () => void) => type === 'resize' && resizeListeners.delete(listener),
  requestAnimationFrame: (callback: () => void) => frames.push(callback),
  cancelAnimationFrame: (id: number) => {
    frames[id - 1] = () => undefined;
  },
} as unknown as Window & typeof globalThis;

/** A paragraph at `top` (px from the viewport's top), whose ranges() calls are counted. */
function paragraph(top: number): Paintable & { painted: number } {
  const container = document.createElement('p');
  document.body.append(container);
  container.getBoundingClientRect = () => ({ top, bottom: top + 40, left: 0, right: 600, width: 600, height: 40, x: 0, y: top }) as DOMRect;
  const item = {
    container,
    painted: 0,
    ranges: () => {
      item.painted++;
      return [];
    },
  };
  return item;
}

function runFrames(): void {
  const due = frames;
  frames = [];
  for (const frame of due) frame();
}

beforeEach(() => {
  document.body.innerHTML = '';
  frames = [];
  resizeListeners = new Set();
  (fakeWindow as { innerHeight: number }).innerHeight = VIEWPORT_HEIGHT;
  FakeObserver.last = null;
});

describe('ViewportPainter', () => {
  it('waits for the observer, then a frame, before painting by default', () => {
    const near = paragraph(100);
    const painter = new ViewportPainter(fakeWindow);
    painter.setPaintables([near], 'underline');
    runFrames();
    expect(near.painted).toBe(0); // places unknown until the observer reports
    FakeObserver.last!.reportAll();
    expect(near.painted).toBe(0);
    runFrames();
    expect(near.painted).toBe(1);
  });

  it('with placeNow, paints the near containers in the same task, from their boxes', () => {
    const near = paragraph(100);
    const justBelow = paragraph(VIEWPORT_HEIGHT + 500);
    // Another parent: a run of its own, so its ends are placed on their own.
    const far = paragraph(10 * VIEWPORT_HEIGHT);
    document.body.append(document.createElement('div'));
    document.body.lastElementChild!.append(far.container);
    const painter = new ViewportPainter(fakeWindow);
    painter.setPaintables([near, justBelow, far], 'underline', true);
    expect([near.painted, justBelow.painted, far.painted]).toEqual([1, 1, 0]);
    expect(frames).toHaveLength(0);
  });

  it('asks for no frame when the observer only confirms the places read from the boxes', () => {
    const near = paragraph(100);
    const painter = new ViewportPainter(fakeWindow);
    painter.setPaintables([near], 'underline', true);
    const version = painter.version;
    FakeObserver.last!.reportAll();
    expect(frames).toHaveLength(0);
    expect(painter.version).toBe(version);
  });

  it('paints again when the observer reports a container that came near', () => {
    const near = paragraph(100);
    const far = paragraph(10 * VIEWPORT_HEIGHT);
    document.body.append(document.createElement('div'));
    document.body.lastElementChild!.append(far.container);
    const painter = new ViewportPainter(fakeWindow);
    painter.setPaintables([near, far], 'underline', true);
    expect(far.painted).toBe(0);
    // The reader scrolls: the far paragraph comes near.
    far.container.getBoundingClientRect = () => ({ top: 300, bottom: 340 }) as DOMRect;
    FakeObserver.last!.reportAll();
    runFrames();
    expect(far.painted).toBe(1);
  });

  it('watches the same ends with an observer made for the new height once the window is much taller, and not before', () => {
    const near = paragraph(100);
    const painter = new ViewportPainter(fakeWindow);
    painter.setPaintables([near], 'underline', true);
    const first = FakeObserver.last!;
    const resize = (height: number) => {
      (fakeWindow as { innerHeight: number }).innerHeight = height;
      for (const listener of resizeListeners) listener();
    };
    resize(VIEWPORT_HEIGHT * 1.1);
    expect(FakeObserver.last).toBe(first);
    resize(VIEWPORT_HEIGHT * 1.5);
    const renewed = FakeObserver.last!;
    expect(renewed).not.toBe(first);
    expect(first.observed.size).toBe(0);
    expect([...renewed.observed]).toEqual([near.container]);
    // What was painted stays until the new observer reports, which here moves nothing: no frame is asked for.
    renewed.reportAll();
    expect(frames).toHaveLength(0);
    painter.dispose();
    expect(resizeListeners.size).toBe(0);
  });
});
