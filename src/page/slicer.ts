/**
 * Cooperative time slicing: long work checks `timeIsUp()` as it goes and awaits `pause()` when it is, giving the
 * page the main thread back. `scheduler.yield()` resumes our work ahead of other queued tasks where the browser has
 * it; elsewhere a zero timeout does.
 */
import { SLICE_BUDGET_MS } from '../timing';

export class Cancelled extends Error {
  constructor() {
    super('superseded by newer work');
  }
}

export interface Slicer {
  timeIsUp(): boolean;
  /** Yields to the page if the slice is used up; throws `Cancelled` if the work was superseded meanwhile. */
  checkpoint(): Promise<void>;
  /**
   * After awaiting something else (an answer from the background): the work goes on in a new task, so a new slice
   * begins. Throws `Cancelled` if the work was superseded meanwhile.
   */
  resumed(): void;
}

export interface SlicerClock {
  now(): number;
  yieldToPage(): Promise<void>;
}

export function browserClock(win: Window & typeof globalThis): SlicerClock {
  const scheduler = (win as unknown as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return {
    now: () => win.performance.now(),
    yieldToPage:
      typeof scheduler?.yield === 'function'
        ? () => scheduler.yield!()
        : () => new Promise<void>((resume) => win.setTimeout(resume, 0)),
  };
}

/** A slicer for one piece of work; `isCurrent` says whether the work is still wanted. */
export function createSlicer(clock: SlicerClock, isCurrent: () => boolean, budgetMs = SLICE_BUDGET_MS): Slicer {
  let sliceStart = clock.now();
  const timeIsUp = () => clock.now() - sliceStart >= budgetMs;
  const resumed = () => {
    if (!isCurrent()) throw new Cancelled();
    sliceStart = clock.now();
  };
  return {
    timeIsUp,
    async checkpoint() {
      if (!isCurrent()) throw new Cancelled();
      if (!timeIsUp()) return;
      await clock.yieldToPage();
      resumed();
    },
    resumed,
  };
}
