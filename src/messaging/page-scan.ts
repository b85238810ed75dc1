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
import { SCAN_MESSAGE_MAX_CHARS } from '../timing';

export const SCAN_TEXTS_REQUEST = 'backstory:scan-texts' as const;

/** Which part of a request sent in several this message is (`index` from 0 to `count - 1`). */
export interface RequestPart {
  id: string;
  index: number;
  count: number;
}

export interface ScanTextsRequest {
  type: typeof SCAN_TEXTS_REQUEST;
  /** The page's text blocks, in reading order (or, with `part`, the next run of them). */
  texts: string[];
  /**
   * Present when a long page is sent in parts: serialising a message occupies the page's main thread (about 10 ms
   * a megabyte), so a page is sent in parts of about `SCAN_MESSAGE_MAX_CHARS`, each in its own task.
   */
  part?: RequestPart;
}

/** Kept mentions, compactly: four numbers per mention (block, start, end, index into `entityIds`). */
export interface ScanTextsReply {
  entityIds: string[];
  mentions: number[];
}

/** The answer to a part that is not the last: the background holds it until the last one arrives. */
export interface PartReceived {
  received: number;
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
  const { type, texts, part } = message as Partial<ScanTextsRequest>;
  if (type !== SCAN_TEXTS_REQUEST || !Array.isArray(texts) || !texts.every((t) => typeof t === 'string')) return false;
  return (
    part === undefined ||
    (typeof part === 'object' &&
      part !== null &&
      typeof part.id === 'string' &&
      Number.isInteger(part.index) &&
      Number.isInteger(part.count) &&
      part.index >= 0 &&
      part.index < part.count)
  );
}

let requestSerial = 0;

/**
 * Sends the texts, in parts when they are long, and resolves to the background's answer. Each part waits for the
 * previous one's acknowledgement, so the page gets its main thread back between parts.
 */
export async function sendTexts(texts: readonly string[], send: (request: Omit<ScanTextsRequest, 'type'>) => Promise<unknown>, maxChars = SCAN_MESSAGE_MAX_CHARS): Promise<ScanTextsReply> {
  const parts: string[][] = [[]];
  let size = 0;
  for (const text of texts) {
    if (size > 0 && size + text.length > maxChars) {
      parts.push([]);
      size = 0;
    }
    parts[parts.length - 1].push(text);
    size += text.length;
  }
  if (parts.length === 1) return (await send({ texts: parts[0] })) as ScanTextsReply;
  const id = `${Date.now().toString(36)}.${(++requestSerial).toString(36)}.${Math.random().toString(36).slice(2)}`;
  let reply: unknown;
  for (let index = 0; index < parts.length; index++) reply = await send({ texts: parts[index], part: { id, index, count: parts.length } });
  return reply as ScanTextsReply;
}

/** Most requests the background holds unfinished at once (a tab closed halfway through sending leaves one). */
const MAX_UNFINISHED_REQUESTS = 16;

/**
 * The background's side of requests sent in parts: holds the parts of each request (by sender and id) until the
 * last arrives, then hands over all its texts in order.
 */
export class RequestAssembler {
  private readonly unfinished = new Map<string, string[][]>();

  /** The request's texts when it is complete; the count of parts received so far when not; an error if out of order. */
  add(sender: string, request: ScanTextsRequest): string[] | PartReceived {
    const { part } = request;
    if (!part) return request.texts;
    const key = `${sender}|${part.id}`;
    const parts = part.index === 0 ? [] : this.unfinished.get(key);
    if (!parts || parts.length !== part.index) {
      this.unfinished.delete(key);
      throw new Error(`scan request ${part.id}: part ${part.index} of ${part.count} arrived out of order`);
    }
    parts.push(request.texts);
    this.unfinished.delete(key);
    if (parts.length === part.count) return parts.flat();
    this.unfinished.set(key, parts); // most recent last: the oldest unfinished request goes first
    if (this.unfinished.size > MAX_UNFINISHED_REQUESTS) this.unfinished.delete(this.unfinished.keys().next().value!);
    return { received: parts.length };
  }
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
