/**
 * Content → background: "what does this page's text mention?". The content script reads the page's text blocks and
 * sends their strings; the background, which holds the compiled matcher, runs the engine over them and answers with
 * the mentions it kept. The engine's work (and its cold start on every page load) happens on the background's
 * thread, not on the page's main thread; the text never leaves the browser.
 *
 * Every request describes every block of the page (or frame) read so far (a very long page is read in parts, see
 * `READ_AHEAD_CHARS`), so the answer is always complete. A block whose text
 * the same page sent in its previous request goes as a number (its place in that request) instead of its text: a
 * live page that grows by a paragraph sends the paragraph, not the whole page again. The background keeps the last
 * request of a few pages for that; when it no longer has the one referred to (a Manifest V3 service worker may be
 * stopped between two requests), it asks for the texts in full.
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

/** A block's text, or the place of a block with the same text in the session's previous request. */
export type TextOrReference = string | number;

/** The page's requests, numbered: `base` is the version that references point into (null: no references). */
export interface RequestSession {
  id: string;
  version: number;
  base: number | null;
}

export interface ScanTextsRequest {
  type: typeof SCAN_TEXTS_REQUEST;
  /** The page's text blocks, in reading order (or, with `part`, the next run of them). */
  texts: TextOrReference[];
  session?: RequestSession;
  /**
   * Present when a long page is sent in parts: serialising a message occupies the page's main thread (about 10 ms
   * a megabyte), so a page is sent in parts of about `SCAN_MESSAGE_MAX_CHARS`, each in its own task.
   */
  part?: RequestPart;
}

/** An entity the page mentions: what the page needs to show and count it (its card data comes when a card opens). */
export interface MentionedEntity {
  id: string;
  name: string;
  type: string;
}

/**
 * Kept mentions, compactly: four numbers per mention (block, start, end, index into `entities`), and the entities
 * they name. The page learns the names it needs from the answer, so it never loads the knowledge base's list.
 */
export interface ScanTextsReply {
  entities: MentionedEntity[];
  mentions: number[];
}

/** The answer to a part that is not the last: the background holds it until the last one arrives. */
export interface PartReceived {
  received: number;
}

/** The answer when the background no longer holds the request that references point into. */
export interface SendInFull {
  resend: true;
}

export function isScanTextsRequest(message: unknown): message is ScanTextsRequest {
  if (typeof message !== 'object' || message === null) return false;
  const { type, texts, part, session } = message as Partial<ScanTextsRequest>;
  if (type !== SCAN_TEXTS_REQUEST || !Array.isArray(texts)) return false;
  if (session !== undefined && !isSession(session)) return false;
  const references = session?.base !== null && session?.base !== undefined;
  if (!texts.every((t) => typeof t === 'string' || (references && Number.isInteger(t) && t >= 0))) return false;
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

function isSession(session: unknown): session is RequestSession {
  if (typeof session !== 'object' || session === null) return false;
  const { id, version, base } = session as RequestSession;
  return typeof id === 'string' && Number.isInteger(version) && (base === null || (Number.isInteger(base) && base < version));
}

let requestSerial = 0;

function uniqueId(): string {
  return `${Date.now().toString(36)}.${(++requestSerial).toString(36)}.${Math.random().toString(36).slice(2)}`;
}

/**
 * Sends the texts, in parts when they are long, and resolves to the background's answer. Each part waits for the
 * previous one's acknowledgement, so the page gets its main thread back between parts.
 */
export async function sendTexts(
  texts: readonly TextOrReference[],
  send: (request: Omit<ScanTextsRequest, 'type'>) => Promise<unknown>,
  session?: RequestSession,
  maxChars = SCAN_MESSAGE_MAX_CHARS,
): Promise<unknown> {
  // Cut where a part would grow past `maxChars` (a longer text goes alone); slices copy in native code.
  const parts: TextOrReference[][] = [];
  let from = 0;
  let size = 0;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    const length = typeof text === 'string' ? text.length : 1;
    if (size > 0 && size + length > maxChars) {
      parts.push(texts.slice(from, i));
      from = i;
      size = 0;
    }
    size += length;
  }
  parts.push(texts.slice(from));
  const withSession = session ? { session } : {};
  if (parts.length === 1) return send({ texts: parts[0], ...withSession });
  const id = uniqueId();
  let reply: unknown;
  for (let index = 0; index < parts.length; index++) {
    reply = await send({ texts: parts[index], part: { id, index, count: parts.length }, ...withSession });
  }
  return reply;
}

/**
 * The content script's side of a page's requests: sends the texts a block at a time it has not sent before, the
 * others as references into its previous request, and sends everything again when the background asks.
 */
export class PageTextSender {
  private readonly id = uniqueId();
  private version = 0;
  /**
   * The texts of the last request the background answered. Looked up by text only when the page sends again: a
   * page read once (most pages) never pays for hashing its text.
   */
  private previousTexts: readonly string[] | null = null;

  constructor(
    private readonly send: (request: Omit<ScanTextsRequest, 'type'>) => Promise<unknown>,
    private readonly maxChars = SCAN_MESSAGE_MAX_CHARS,
  ) {}

  async scan(texts: readonly string[]): Promise<ScanTextsReply> {
    const version = this.version + 1;
    const previous = this.previousTexts && new Map(this.previousTexts.map((t, i) => [t, i]));
    let reply = previous
      ? await sendTexts(texts.map((t) => previous.get(t) ?? t), this.send, { id: this.id, version, base: this.version }, this.maxChars)
      : null;
    if (!reply || (reply as SendInFull).resend) reply = await sendTexts(texts, this.send, { id: this.id, version, base: null }, this.maxChars);
    const found = checkMentions(reply as ScanTextsReply, texts);
    this.version = version;
    this.previousTexts = texts;
    return found;
  }
}

/** Both of the background's stores key a request by its sender (a frame of a tab) and its id. */
function requestKey(sender: string, id: string): string {
  return `${sender}|${id}`;
}

/** Drops from a store keyed by `requestKey` the requests of the senders `isGone` names. */
function dropSenders(store: Map<string, unknown>, isGone: (sender: string) => boolean): void {
  for (const key of [...store.keys()]) if (isGone(key.slice(0, key.lastIndexOf('|')))) store.delete(key);
}

/** Most pages whose last request the background keeps, for references; each can hold megabytes of text. */
const MAX_REMEMBERED_PAGES = 8;

/** A request's texts with its references resolved, and what the background kept of the request they point into. */
export interface ResolvedTexts<R> {
  texts: string[];
  /** For each text, its place in the request before when the page sent it as a reference (-1: sent in full). */
  origins: Int32Array | null;
  /** What was kept (`keep`) of the request the references point into: the engine's work on it, to reuse. */
  earlier: R | undefined;
}

/**
 * The background's memory of each page's last request, which the next one's references point into, and of what the
 * engine made of it (`R`): a live page's next request then costs the engine its new blocks only.
 */
export class SentTexts<R = unknown> {
  private readonly pages = new Map<string, { version: number; texts: string[]; kept?: R }>();

  /** The request's texts with its references resolved, or null when the request they point into is not held. */
  resolve(sender: string, texts: readonly TextOrReference[], session: RequestSession | undefined): ResolvedTexts<R> | null {
    const key = session ? requestKey(sender, session.id) : '';
    const held = session && session.base !== null ? this.pages.get(key) : undefined;
    if (session?.base != null && held?.version !== session.base) return null;
    const resolved: string[] = new Array(texts.length);
    const origins = held ? new Int32Array(texts.length) : null;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i];
      const value = typeof text === 'string' ? text : held?.texts[text];
      if (value === undefined) return null;
      resolved[i] = value;
      if (origins) origins[i] = typeof text === 'string' ? -1 : text;
    }
    if (session) {
      this.pages.delete(key); // most recent last: the page unheard from longest goes first
      this.pages.set(key, { version: session.version, texts: resolved });
      if (this.pages.size > MAX_REMEMBERED_PAGES) this.pages.delete(this.pages.keys().next().value!);
    }
    return { texts: resolved, origins, earlier: held?.kept };
  }

  /**
   * Lets go of the requests of the senders `isGone` names (a closed tab's frames): a long page's texts and scans are
   * megabytes, which would otherwise stay until other pages pushed them out.
   */
  forget(isGone: (sender: string) => boolean): void {
    dropSenders(this.pages, isGone);
  }

  /** Keeps what the engine made of the request just resolved for the page, unless a newer request came meanwhile. */
  keep(sender: string, session: RequestSession | undefined, kept: R): void {
    const held = session ? this.pages.get(requestKey(sender, session.id)) : undefined;
    if (held && held.version === session!.version) held.kept = kept;
  }
}

/** Most requests the background holds unfinished at once (a tab closed halfway through sending leaves one). */
const MAX_UNFINISHED_REQUESTS = 16;

/**
 * The background's side of requests sent in parts: holds the parts of each request (by sender and id) until the
 * last arrives, then hands over all its texts in order.
 */
export class RequestAssembler {
  private readonly unfinished = new Map<string, TextOrReference[][]>();

  /** Drops the unfinished requests of the senders `isGone` names (a tab closed halfway through sending). */
  forget(isGone: (sender: string) => boolean): void {
    dropSenders(this.unfinished, isGone);
  }

  /** The request's texts when it is complete; the count of parts received so far when not; an error if out of order. */
  add(sender: string, request: ScanTextsRequest): TextOrReference[] | PartReceived {
    const { part } = request;
    if (!part) return request.texts;
    const key = requestKey(sender, part.id);
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

/** The engine's mentions as a reply; `entityOf` gives the name and type of each entity mentioned. */
export function encodeMentions(mentions: readonly Mention[], entityOf: (id: string) => MentionedEntity): ScanTextsReply {
  const entities: MentionedEntity[] = [];
  const ordinal = new Map<string, number>();
  const flat: number[] = [];
  for (const m of mentions) {
    let id = ordinal.get(m.entityId);
    if (id === undefined) {
      ordinal.set(m.entityId, (id = entities.length));
      const { name, type } = entityOf(m.entityId);
      entities.push({ id: m.entityId, name, type });
    }
    flat.push(m.block, m.start, m.end, id);
  }
  return { entities, mentions: flat };
}

function isMentionedEntity(value: unknown): value is MentionedEntity {
  const e = value as MentionedEntity | null;
  return typeof e === 'object' && e !== null && typeof e.id === 'string' && typeof e.name === 'string' && typeof e.type === 'string';
}

/**
 * The reply, checked against the texts its mentions were found in: a reply that does not fit (a newer knowledge
 * base, a malformed answer) yields an error rather than highlights in the wrong place. Returned as it came, four
 * numbers per mention: a long page has thousands, and an object for each would cost the page's main thread.
 */
export function checkMentions(reply: ScanTextsReply, texts: readonly string[]): ScanTextsReply {
  const { entities, mentions } = reply;
  if (!Array.isArray(entities) || !entities.every(isMentionedEntity) || !Array.isArray(mentions) || mentions.length % 4 !== 0) {
    throw new Error('scan reply: malformed');
  }
  for (let i = 0; i < mentions.length; i += 4) {
    const text = texts[mentions[i]];
    const start = mentions[i + 1];
    const end = mentions[i + 2];
    if (text === undefined || !(start >= 0 && start < end && end <= text.length) || entities[mentions[i + 3]] === undefined) {
      throw new Error(`scan reply: mention ${i / 4} does not fit the page's text`);
    }
  }
  return reply;
}
