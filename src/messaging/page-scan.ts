/**
 * Content → background: "what does this page's text mention?". The content script reads the page's text blocks and
 * sends their strings; the background, which holds the compiled matcher, runs the engine over them and answers with
 * the mentions it kept. The engine's work (and its cold start on every page load) happens on the background's
 * thread, not on the page's main thread; the text never leaves the browser.
 *
 * The request carries every block of the page (or frame) each time, so the background keeps no state per page: it
 * may be stopped between two requests (a Manifest V3 service worker is), and the answer is still complete.
 */
import type { Mention } from '../match/types';

export const SCAN_TEXTS_REQUEST = 'backstory:scan-texts' as const;

export interface ScanTextsRequest {
  type: typeof SCAN_TEXTS_REQUEST;
  /** The page's text blocks, in reading order. */
  texts: string[];
}

/** Kept mentions, compactly: four numbers per mention (block, start, end, index into `entityIds`). */
export interface ScanTextsReply {
  entityIds: string[];
  mentions: number[];
}

/** One mention as the content script needs it: where it is, and who. */
export interface FoundMention {
  block: number;
  start: number;
  end: number;
  entityId: string;
}

export function isScanTextsRequest(message: unknown): message is ScanTextsRequest {
  if (typeof message !== 'object' || message === null) return false;
  const { type, texts } = message as Partial<ScanTextsRequest>;
  return type === SCAN_TEXTS_REQUEST && Array.isArray(texts) && texts.every((t) => typeof t === 'string');
}

export function encodeMentions(mentions: readonly Mention[]): ScanTextsReply {
  const entityIds: string[] = [];
  const ordinal = new Map<string, number>();
  const flat: number[] = [];
  for (const m of mentions) {
    let id = ordinal.get(m.entityId);
    if (id === undefined) {
      ordinal.set(m.entityId, (id = entityIds.length));
      entityIds.push(m.entityId);
    }
    flat.push(m.block, m.start, m.end, id);
  }
  return { entityIds, mentions: flat };
}

/**
 * The reply's mentions, checked against the texts they were found in: a reply that does not fit (a newer knowledge
 * base, a malformed answer) yields an error rather than highlights in the wrong place.
 */
export function decodeMentions(reply: ScanTextsReply, texts: readonly string[]): FoundMention[] {
  const { entityIds, mentions } = reply;
  if (!Array.isArray(entityIds) || !Array.isArray(mentions) || mentions.length % 4 !== 0) throw new Error('scan reply: malformed');
  const found: FoundMention[] = [];
  for (let i = 0; i < mentions.length; i += 4) {
    const [block, start, end, id] = [mentions[i], mentions[i + 1], mentions[i + 2], mentions[i + 3]];
    const text = texts[block];
    if (text === undefined || !(start >= 0 && start < end && end <= text.length) || typeof entityIds[id] !== 'string') {
      throw new Error(`scan reply: mention ${i / 4} does not fit the page's text`);
    }
    found.push({ block, start, end, entityId: entityIds[id] });
  }
  return found;
}
