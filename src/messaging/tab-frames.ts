/**
 * The background's record of what each tab's page mentions, frame by frame: the toolbar badge counts the entities of
 * the top frame and of its frames together, and the popup asks the frames listed here for their summaries. A page's
 * text can live in frames: a live blog or an article shown inside another site's viewer, an embedded post.
 *
 * The background cannot list a tab's frames (that takes the `webNavigation` permission): it learns of a frame when the
 * frame's content script tells what it mentions. It cannot see a frame go either. A frame's document that is navigated
 * away says so as it goes (`left`); a frame taken out of its page may not get the chance, so each time the top frame
 * speaks (its first scan after a load, a rescan, a return from the back/forward cache), each time a frame says that
 * frames were taken out of its page, and each time the popup opens, every frame on record is asked again, at its
 * document where the browser names one, and those that do not answer (removed, navigated away, their page gone) are
 * dropped. The record is kept in session storage: a Manifest V3 background is stopped when idle, and a frame may speak
 * again long after.
 */
import type { BadgeState } from './badge';
import type { PageState } from './messages';

export interface FrameRecord {
  frameId: number;
  /** The frame's document when the browser names it (Chrome): a message to it fails once that document is gone. */
  documentId?: string;
  entityIds: string[];
  /** The frame's document is long and read in part so far (see `PageState.partial`). */
  partial?: boolean;
}

export interface TabRecord {
  /** The top frame's state: null until it has spoken. */
  top: PageState | null;
  /** The other frames that mention something. */
  frames: FrameRecord[];
}

/**
 * Where records are kept across the background's restarts (session storage, `src/platform/session-store.ts`: gone
 * when the browser closes).
 */
export interface RecordStore {
  get(key: string): Promise<TabRecord | undefined>;
  set(key: string, record: TabRecord): Promise<void>;
  remove(key: string): Promise<void>;
}

/** Asks one frame what it mentions now: null when it does not answer (gone, or Backstory not set up there). */
export type AskFrame = (tabId: number, frame: FrameRecord) => Promise<PageState | null>;

const keyOf = (tabId: number) => `tab-frames:${tabId}`;

function mentionsSomething(state: PageState): boolean {
  return state.status !== 'disabled' && state.entityIds.length > 0;
}

/** What a frame's state says of it on record: its entities, and whether its page is read in part. */
function frameOf(frameId: number, documentId: string | undefined, state: PageState): FrameRecord {
  return { frameId, documentId, entityIds: state.entityIds, ...(state.partial ? { partial: true } : {}) };
}

/** The badge for a record: null while the top frame has not spoken (it will, and the badge is set then). */
export function badgeStateOf(record: TabRecord): BadgeState | null {
  if (!record.top) return null;
  const ids = new Set(record.top.entityIds);
  for (const frame of record.frames) for (const id of frame.entityIds) ids.add(id);
  const partial = record.top.status !== 'disabled' && (record.top.partial || record.frames.some((frame) => frame.partial));
  return { status: record.top.status, entityCount: record.top.status === 'disabled' ? 0 : ids.size, ...(partial ? { partial: true } : {}) };
}

export class TabFrames {
  private readonly records = new Map<number, TabRecord>();
  /** Each tab's updates, one after another: notices of several frames arrive together, and each reads and writes. */
  private readonly queues = new Map<number, Promise<unknown>>();
  /**
   * Tabs closed while this background runs. A frame's last notice (its `pagehide`, a scan that ended as the tab
   * closed) can arrive after the tab's removal, or be halfway through its update then: it would store a record of a
   * tab that is gone, kept until the browser closes. Tab ids are not reused within a browser session.
   */
  private readonly closed = new Set<number>();

  constructor(
    private readonly store: RecordStore,
    private readonly askFrame: AskFrame,
  ) {}

  /**
   * A frame told what it mentions. Resolves to what the badge should show, or null to leave it: the top frame's
   * notice always sets it (the browser clears it at each navigation, a return from the back/forward cache included),
   * another frame's only when the count may have changed (an ad slot with text but no names says so at every rescan).
   * `framesRemoved`: the frame saw frames of its own taken out of its page (the top frame's notice asks every frame
   * again in any case).
   */
  async notice(tabId: number, frameId: number, documentId: string | undefined, state: PageState, framesRemoved = false): Promise<BadgeState | null> {
    const { badge, changed } = await this.update(tabId, async (record) => {
      if (frameId === 0) {
        record.top = state;
      } else {
        // In place, so that a frame saying the same again changes nothing (nothing stored, the badge left alone).
        const at = record.frames.findIndex((frame) => frame.frameId === frameId);
        const frame = frameOf(frameId, documentId, state);
        if (!mentionsSomething(state)) record.frames = record.frames.filter((_, i) => i !== at);
        else if (at >= 0) record.frames[at] = frame;
        else record.frames.push(frame);
      }
      if (frameId === 0 || framesRemoved) await this.askFrames(tabId, record);
    });
    return frameId === 0 || changed ? badge : null;
  }

  /**
   * A frame's document is going away (it navigates elsewhere): what it mentioned is forgotten, unless the record is
   * already another document's (the frame's next page, if it spoke first; told apart only where the browser names
   * documents, as Chrome does). Resolves to the badge if that changed it.
   */
  async left(tabId: number, frameId: number, documentId: string | undefined): Promise<BadgeState | null> {
    if (frameId === 0) return null;
    const { badge, changed } = await this.update(tabId, async (record) => {
      const isThatDocument = (frame: FrameRecord) => frame.documentId === undefined || documentId === undefined || frame.documentId === documentId;
      record.frames = record.frames.filter((frame) => frame.frameId !== frameId || !isThatDocument(frame));
    });
    return changed ? badge : null;
  }

  /**
   * The frames of the tab that mention something, asked again first; and what the badge should show now if that
   * changed it (null: leave it).
   */
  async frames(tabId: number): Promise<{ frameIds: number[]; badge: BadgeState | null }> {
    let frameIds: number[] = [];
    const { badge, changed } = await this.update(tabId, async (record) => {
      await this.askFrames(tabId, record);
      frameIds = record.frames.map((frame) => frame.frameId);
    });
    return { frameIds, badge: changed ? badge : null };
  }

  /** The tab was closed: its record goes once the updates already under way have run, and later notices are ignored. */
  async forget(tabId: number): Promise<void> {
    this.closed.add(tabId);
    await this.queues.get(tabId);
    this.records.delete(tabId);
    this.queues.delete(tabId);
    await this.store.remove(keyOf(tabId));
  }

  private async askFrames(tabId: number, record: TabRecord): Promise<void> {
    const answers = await Promise.all(record.frames.map((frame) => this.askFrame(tabId, frame).catch(() => null)));
    record.frames = record.frames.flatMap((frame, i) => {
      const state = answers[i];
      return state && mentionsSomething(state) ? [frameOf(frame.frameId, frame.documentId, state)] : [];
    });
  }

  /** Applies `change` to the tab's record, after the tab's earlier updates; stores the record if it changed. */
  private update(tabId: number, change: (record: TabRecord) => Promise<void>): Promise<{ badge: BadgeState | null; changed: boolean }> {
    const run = async () => {
      if (this.closed.has(tabId)) return { badge: null, changed: false };
      const record = this.records.get(tabId) ?? (await this.store.get(keyOf(tabId))) ?? { top: null, frames: [] };
      this.records.set(tabId, record);
      const before = JSON.stringify(record);
      await change(record);
      const changed = JSON.stringify(record) !== before;
      if (changed) await this.store.set(keyOf(tabId), record);
      return { badge: badgeStateOf(record), changed };
    };
    const next = (this.queues.get(tabId) ?? Promise.resolve()).then(run, run);
    this.queues.set(tabId, next.catch(() => undefined));
    return next;
  }
}
