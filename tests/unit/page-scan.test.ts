import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../src/match/matcher';
import { scanPage } from '../../src/match/scan-page';
import { decodeMentions, encodeMentions, isScanTextsRequest, SCAN_TEXTS_REQUEST } from '../../src/messaging/page-scan';
import { TEST_ALIASES } from './engine-fixtures';

const matcher = compileMatcher(TEST_ALIASES);
const TEXTS = [
  'After the Pahalgam attack, Marco Rubio spoke to S Jaishankar.',
  'No names here.',
  'Rubio called again; Jaishankar said the LoC was quiet, and Rubio agreed.',
];

describe('the page-scan messages (content script ↔ background)', () => {
  it('carry every kept mention across, in page order, with its place and entity', () => {
    const { mentions } = scanPage(matcher, TEXTS);
    // The reply is what crosses the message channel: plain JSON.
    const reply = JSON.parse(JSON.stringify(encodeMentions(mentions)));
    const decoded = decodeMentions(reply, TEXTS);
    expect(decoded.map((m) => `${m.block}:${m.entityId}:${TEXTS[m.block].slice(m.start, m.end)}`)).toEqual(
      mentions.map((m) => `${m.block}:${m.entityId}:${m.surface}`),
    );
    expect(decoded.length).toBeGreaterThan(5);
    // Each entity's id travels once, however often it is mentioned.
    expect(reply.entityIds.filter((id: string) => id === 'marco-rubio')).toHaveLength(1);
  });

  it('refuse a reply that does not fit the texts it answers, instead of highlighting the wrong words', () => {
    const reply = encodeMentions(scanPage(matcher, TEXTS).mentions);
    expect(() => decodeMentions(reply, TEXTS.slice(0, 1))).toThrow(/does not fit/);
    expect(() => decodeMentions({ entityIds: ['x'], mentions: [0, 5, 999, 0] }, TEXTS)).toThrow(/mention 0 does not fit/);
    expect(() => decodeMentions({ entityIds: [], mentions: [0, 0, 3, 0] }, TEXTS)).toThrow(/does not fit/);
    expect(() => decodeMentions({ entityIds: [], mentions: [0, 1] }, TEXTS)).toThrow(/malformed/);
  });

  it('accept only a well-formed request', () => {
    expect(isScanTextsRequest({ type: SCAN_TEXTS_REQUEST, texts: ['a', 'b'] })).toBe(true);
    expect(isScanTextsRequest({ type: SCAN_TEXTS_REQUEST, texts: ['a', 3] })).toBe(false);
    expect(isScanTextsRequest({ type: SCAN_TEXTS_REQUEST })).toBe(false);
    expect(isScanTextsRequest({ type: 'other', texts: [] })).toBe(false);
    expect(isScanTextsRequest(null)).toBe(false);
  });
});
