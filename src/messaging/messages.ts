/**
 * The messages between the content script, the popup and the background. `backstory:summary` is a contract other
 * tools rely on (see docs/architecture.md): change its shape only through an issue.
 */

export const SUMMARY_REQUEST = 'backstory:summary' as const;
export const PAGE_STATE_NOTICE = 'backstory:page-state' as const;
/** Popup → content (a frame of the page, the top one first): scroll to an entity's first mention and flash it. */
export const REVEAL_REQUEST = 'backstory:reveal' as const;
/** Background → content (one frame): the frame's `PageState` now (whether it is still there, and what it mentions). */
export const FRAME_STATE_REQUEST = 'backstory:frame-state' as const;
/** Popup → background: the frames of a tab, besides the top one, that mention something (answered with `number[]`). */
export const TAB_FRAMES_REQUEST = 'backstory:tab-frames' as const;
/** Content → background: one entity's card data (answered with a `CardData`, see `src/kb/card-data.ts`, or null). */
export const ENTITY_REQUEST = 'backstory:entity' as const;

export interface SummaryRequest {
  type: typeof SUMMARY_REQUEST;
}

export interface MentionSummary {
  id: string;
  name: string;
  type: string;
  /** Occurrences highlighted on the page. */
  count: number;
  /** The distinct strings matched on the page for this entity. */
  surfaces: string[];
}

export interface PageSummary {
  url: string;
  title: string;
  publishedAt: string | null;
  status: 'ready' | 'scanning' | 'disabled';
  /** In order of first appearance on the page. */
  mentions: MentionSummary[];
}

/** What one frame's page mentions, in brief: the entities (of the types the reader wants) it found, by id. */
export interface PageState {
  status: PageSummary['status'];
  entityIds: string[];
  /** A long page read in part so far (see `READ_AHEAD_CHARS`): its entities are those of the part read. */
  partial?: boolean;
}

/**
 * Sent by the content script of every frame whenever what it mentions changes, so the background can update the
 * badge: the page's entities are the top frame's and its frames' together.
 */
export interface PageStateNotice extends PageState {
  type: typeof PAGE_STATE_NOTICE;
  /**
   * The frame saw frames of its own taken out of its page: the background asks every frame on record again (it
   * does at each notice of the top frame anyway), since a frame that is gone cannot say so.
   */
  framesRemoved?: boolean;
  /**
   * The frame's document is going away (the frame navigates elsewhere, or is taken out of its page): the background
   * forgets what it mentioned, unless the frame's next document has spoken already. Not sent by the top frame: the
   * browser clears the badge at each navigation of the tab, and the next page speaks.
   */
  leaving?: boolean;
}

export interface FrameStateRequest {
  type: typeof FRAME_STATE_REQUEST;
}

export interface TabFramesRequest {
  type: typeof TAB_FRAMES_REQUEST;
  tabId: number;
}

function hasType(message: unknown, type: string): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;
}

export function isSummaryRequest(message: unknown): message is SummaryRequest {
  return hasType(message, SUMMARY_REQUEST);
}

const STATUSES: readonly string[] = ['ready', 'scanning', 'disabled'] satisfies PageSummary['status'][];

export function isPageState(value: unknown): value is PageState {
  if (typeof value !== 'object' || value === null) return false;
  const { status, entityIds, partial } = value as Partial<PageState>;
  return (
    typeof status === 'string' &&
    STATUSES.includes(status) &&
    Array.isArray(entityIds) &&
    entityIds.every((id) => typeof id === 'string') &&
    (partial === undefined || typeof partial === 'boolean')
  );
}

export function isPageStateNotice(message: unknown): message is PageStateNotice {
  if (!hasType(message, PAGE_STATE_NOTICE) || !isPageState(message)) return false;
  const { framesRemoved, leaving } = message as Partial<PageStateNotice>;
  return (framesRemoved === undefined || typeof framesRemoved === 'boolean') && (leaving === undefined || typeof leaving === 'boolean');
}

export function isFrameStateRequest(message: unknown): message is FrameStateRequest {
  return hasType(message, FRAME_STATE_REQUEST);
}

export function isTabFramesRequest(message: unknown): message is TabFramesRequest {
  return hasType(message, TAB_FRAMES_REQUEST) && Number.isInteger((message as TabFramesRequest).tabId);
}

export interface EntityRequest {
  type: typeof ENTITY_REQUEST;
  id: string;
}

export function isEntityRequest(message: unknown): message is EntityRequest {
  return hasType(message, ENTITY_REQUEST) && typeof (message as EntityRequest).id === 'string';
}

export interface RevealRequest {
  type: typeof REVEAL_REQUEST;
  id: string;
}

export function isRevealRequest(message: unknown): message is RevealRequest {
  return hasType(message, REVEAL_REQUEST) && typeof (message as RevealRequest).id === 'string';
}
