import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../src/match/matcher';
import { judgePage, scanBlocks, scanPage, type BlockScan } from '../../src/match/scan-page';
import {
  checkMentions,
  encodeMentions,
  isScanTextsRequest,
  RequestAssembler,
  SCAN_TEXTS_REQUEST,
  sendTexts,
  PageTextSender,
  SentTexts,
  type ScanTextsReply,
  type ScanTextsRequest,
} from '../../src/messaging/page-scan';
import { TEST_ALIASES } from './engine-fixtures';

const matcher = compileMatcher(TEST_ALIASES);
/** Name and type of a test entity, as the background takes them from its knowledge base. */
const entityOf = (id: string) => ({ id, name: `Name of ${id}`, type: 'person' });
const encode = (texts: readonly string[]) => encodeMentions(scanPage(matcher, texts).mentions, entityOf);

/** The checked reply, one object per mention, to compare with the engine's own mentions. */
function decodeMentions(reply: ScanTextsReply, texts: readonly string[]) {
  const { entities, mentions } = checkMentions(reply, texts);
  const found = [];
  for (let i = 0; i < mentions.length; i += 4) found.push({ block: mentions[i], start: mentions[i + 1], end: mentions[i + 2], entityId: entities[mentions[i + 3]].id });
  return found;
}
const TEXTS = [
  'After the Pahalgam attack, Marco Rubio spoke to S Jaishankar.',
  'No names here.',
  'Rubio called again; Jaishankar said the LoC was quiet, and Rubio agreed.',
];

describe('the page-scan messages (content script ↔ background)', () => {
  it('carry every kept mention across, in page order, with its place and entity', () => {
    const { mentions } = scanPage(matcher, TEXTS);
    // The reply is what crosses the message channel: plain JSON.
    const reply = JSON.parse(JSON.stringify(encodeMentions(mentions, entityOf)));
    const decoded = decodeMentions(reply, TEXTS);
    expect(decoded.map((m) => `${m.block}:${m.entityId}:${TEXTS[m.block].slice(m.start, m.end)}`)).toEqual(
      mentions.map((m) => `${m.block}:${m.entityId}:${m.surface}`),
    );
    expect(decoded.length).toBeGreaterThan(5);
    // Each entity travels once, with its name and type, however often it is mentioned.
    expect(reply.entities.filter((e: { id: string }) => e.id === 'marco-rubio')).toEqual([{ id: 'marco-rubio', name: 'Name of marco-rubio', type: 'person' }]);
  });

  it('refuse a reply that does not fit the texts it answers, instead of highlighting the wrong words', () => {
    const reply = encode(TEXTS);
    expect(() => decodeMentions(reply, TEXTS.slice(0, 1))).toThrow(/does not fit/);
    expect(() => decodeMentions({ entities: [entityOf('x')], mentions: [0, 5, 999, 0] }, TEXTS)).toThrow(/mention 0 does not fit/);
    expect(() => decodeMentions({ entities: [], mentions: [0, 0, 3, 0] }, TEXTS)).toThrow(/does not fit/);
    expect(() => decodeMentions({ entities: [], mentions: [0, 1] }, TEXTS)).toThrow(/malformed/);
    expect(() => decodeMentions({ entities: [{ id: 'x' }] as never, mentions: [0, 0, 3, 0] }, TEXTS)).toThrow(/malformed/);
  });

  it('send a long page in parts, one after the other, which the background puts back together in order', async () => {
    const assembler = new RequestAssembler();
    const sent: Array<Omit<ScanTextsRequest, 'type'>> = [];
    let inFlight = 0;
    const reply = await sendTexts(TEXTS, async (request) => {
      expect(inFlight).toBe(0); // each part waits for the previous one's answer
      inFlight++;
      sent.push(request);
      await Promise.resolve();
      inFlight--;
      const texts = assembler.add('tab 1', { type: SCAN_TEXTS_REQUEST, ...request });
      return Array.isArray(texts) ? encode(texts as string[]) : texts;
    }, undefined, 80);
    expect(sent.map((r) => r.texts.length)).toEqual([2, 1]);
    expect(sent.map((r) => r.part?.index)).toEqual([0, 1]);
    expect(decodeMentions(reply as ScanTextsReply, TEXTS)).toEqual(decodeMentions(encode(TEXTS), TEXTS));
    // A short page goes in one message, without parts.
    const single: Array<Omit<ScanTextsRequest, 'type'>> = [];
    await sendTexts(TEXTS, async (request) => (single.push(request), { entities: [], mentions: [] }));
    expect(single).toEqual([{ texts: TEXTS }]);
  });

  it('send a page again as references to what it sent before, and in full when the background has forgotten it', async () => {
    const assembler = new RequestAssembler();
    let memory = new SentTexts<BlockScan[]>();
    const sent: Array<Omit<ScanTextsRequest, 'type'>> = [];
    // The texts the engine matched: referenced blocks reuse the scans of the request before.
    let matched: string[] = [];
    const countingMatcher = { ...matcher, findCandidates: (text: string, block: number) => (matched.push(text), matcher.findCandidates(text, block)) };
    // The background's handler, as the entrypoint wires it.
    const background = async (request: Omit<ScanTextsRequest, 'type'>) => {
      sent.push(request);
      const message = { type: SCAN_TEXTS_REQUEST, ...request };
      expect(isScanTextsRequest(JSON.parse(JSON.stringify(message)))).toBe(true);
      const assembled = assembler.add('tab 1', message);
      if (!Array.isArray(assembled)) return assembled;
      const resolved = memory.resolve('tab 1', assembled, request.session);
      if (!resolved) return { resend: true };
      const { texts, origins, earlier } = resolved;
      const scans = scanBlocks(countingMatcher, texts, origins && earlier ? { origins, scans: earlier } : undefined);
      memory.keep('tab 1', request.session, scans);
      return encodeMentions(judgePage(texts, scans).mentions, entityOf);
    };
    const page = new PageTextSender(background);
    const expected = (texts: string[]) => decodeMentions(encode(texts), texts);

    expect(decodeMentions(await page.scan(TEXTS), TEXTS)).toEqual(expected(TEXTS));
    expect(sent[0].texts).toEqual(TEXTS);
    expect(matched).toEqual(TEXTS);
    // A live update: one new paragraph at the top, the rest unchanged. Only the new paragraph is matched; the others'
    // mentions come back at their new places.
    matched = [];
    const grown = ['Update: Marco Rubio called S Jaishankar again.', ...TEXTS];
    expect(decodeMentions(await page.scan(grown), grown)).toEqual(expected(grown));
    expect(sent[1].texts).toEqual([grown[0], 0, 1, 2]);
    expect(matched).toEqual([grown[0]]);
    // The background restarted and holds nothing: it asks, and the page sends everything, which is all matched.
    memory = new SentTexts();
    matched = [];
    const edited = [grown[0], TEXTS[0], 'Rubio left.', TEXTS[2]];
    expect(decodeMentions(await page.scan(edited), edited)).toEqual(expected(edited));
    expect(sent.slice(2).map((r) => r.texts)).toEqual([[0, 1, 'Rubio left.', 3], edited]);
    expect(sent[3].session?.base).toBeNull();
    expect(matched).toEqual(edited);
  });

  it('let go of what a closed tab sent, and keep every other page’s', () => {
    const texts = new SentTexts<string>();
    const assembler = new RequestAssembler();
    const session = (id: string) => ({ id, version: 1, base: null });
    for (const page of ['3:0', '3:7', '31:0']) {
      texts.resolve(page, [`text of ${page}`], session('s'));
      texts.keep(page, session('s'), `scans of ${page}`);
      assembler.add(page, { type: SCAN_TEXTS_REQUEST, texts: ['first part'], part: { id: 'r', index: 0, count: 2 } });
    }
    const inTab3 = (page: string) => page.startsWith('3:');
    texts.forget(inTab3);
    assembler.forget(inTab3);
    // A reference into what tab 3 sent now asks for the texts in full; tab 31's is still held.
    const next = (id: string) => ({ id, version: 2, base: 1 });
    expect(texts.resolve('3:0', [0], next('s'))).toBeNull();
    expect(texts.resolve('3:7', [0], next('s'))).toBeNull();
    expect(texts.resolve('31:0', [0], next('s'))).toEqual({ texts: ['text of 31:0'], origins: Int32Array.from([0]), earlier: 'scans of 31:0' });
    const lastPart: ScanTextsRequest = { type: SCAN_TEXTS_REQUEST, texts: ['second part'], part: { id: 'r', index: 1, count: 2 } };
    expect(() => assembler.add('3:0', lastPart)).toThrow(/out of order/);
    expect(assembler.add('31:0', lastPart)).toEqual(['first part', 'second part']);
  });

  it('keep parts of different senders apart, refuse parts out of order, and drop the oldest unfinished requests', () => {
    const assembler = new RequestAssembler();
    const part = (id: string, index: number, count: number, text: string): ScanTextsRequest => ({ type: SCAN_TEXTS_REQUEST, texts: [text], part: { id, index, count } });
    expect(assembler.add('tab 1', part('r', 0, 2, 'a'))).toEqual({ received: 1 });
    expect(assembler.add('tab 2', part('r', 0, 2, 'x'))).toEqual({ received: 1 });
    expect(assembler.add('tab 2', part('r', 1, 2, 'y'))).toEqual(['x', 'y']);
    expect(assembler.add('tab 1', part('r', 1, 2, 'b'))).toEqual(['a', 'b']);
    expect(() => assembler.add('tab 1', part('s', 1, 2, 'b'))).toThrow(/out of order/);
    for (let i = 0; i < 20; i++) assembler.add('tab 3', part(`old${i}`, 0, 2, 'p'));
    expect(() => assembler.add('tab 3', part('old0', 1, 2, 'q'))).toThrow(/out of order/);
    expect(assembler.add('tab 3', part('old19', 1, 2, 'q'))).toEqual(['p', 'q']);
  });

  it('accept only a well-formed request', () => {
    expect(isScanTextsRequest({ type: SCAN_TEXTS_REQUEST, texts: ['a', 'b'] })).toBe(true);
    expect(isScanTextsRequest({ type: SCAN_TEXTS_REQUEST, texts: ['a', 3] })).toBe(false);
    expect(isScanTextsRequest({ type: SCAN_TEXTS_REQUEST })).toBe(false);
    expect(isScanTextsRequest({ type: SCAN_TEXTS_REQUEST, texts: [], part: { id: 'r', index: 2, count: 2 } })).toBe(false);
    expect(isScanTextsRequest({ type: SCAN_TEXTS_REQUEST, texts: [], part: { id: 'r', index: 1, count: 2 } })).toBe(true);
    // References only into a previous request of the same session.
    expect(isScanTextsRequest({ type: SCAN_TEXTS_REQUEST, texts: ['a', 0] })).toBe(false);
    expect(isScanTextsRequest({ type: SCAN_TEXTS_REQUEST, texts: ['a', 0], session: { id: 's', version: 2, base: null } })).toBe(false);
    expect(isScanTextsRequest({ type: SCAN_TEXTS_REQUEST, texts: ['a', 0], session: { id: 's', version: 2, base: 1 } })).toBe(true);
    expect(isScanTextsRequest({ type: SCAN_TEXTS_REQUEST, texts: [-1], session: { id: 's', version: 2, base: 1 } })).toBe(false);
    expect(isScanTextsRequest({ type: 'other', texts: [] })).toBe(false);
    expect(isScanTextsRequest(null)).toBe(false);
  });
});
