/**
 * The messages between the content script, the popup and the background. `backstory:summary` is a contract other
 * tools rely on (see docs/architecture.md): change its shape only through an issue.
 */

export const SUMMARY_REQUEST = 'backstory:summary' as const;
export const PAGE_STATE_NOTICE = 'backstory:page-state' as const;
/** Content → background: the knowledge base's entities, name and type (answered with `EntityHeader[]`). */
export const ENTITY_LIST_REQUEST = 'backstory:entity-list' as const;
/** Popup → content (top frame): scroll to an entity's first mention and flash it. */
export const REVEAL_REQUEST = 'backstory:reveal' as const;
/** Content → background: one entity's full card data (answered with an `Entity`, or null). */
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

/** Sent by the content script whenever its summary changes, so the background can update the badge. */
export interface PageStateNotice {
  type: typeof PAGE_STATE_NOTICE;
  status: PageSummary['status'];
  entityCount: number;
}

function hasType(message: unknown, type: string): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;
}

export function isSummaryRequest(message: unknown): message is SummaryRequest {
  return hasType(message, SUMMARY_REQUEST);
}

export function isPageStateNotice(message: unknown): message is PageStateNotice {
  return hasType(message, PAGE_STATE_NOTICE) && typeof (message as PageStateNotice).entityCount === 'number';
}

export interface EntityListRequest {
  type: typeof ENTITY_LIST_REQUEST;
}

export interface EntityRequest {
  type: typeof ENTITY_REQUEST;
  id: string;
}

export function isEntityListRequest(message: unknown): message is EntityListRequest {
  return hasType(message, ENTITY_LIST_REQUEST);
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
