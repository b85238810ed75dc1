/**
 * The background matches only the blocks a page sends anew, and reuses its scans of the blocks the page sent as
 * references into its previous request (`scanBlocks` with the earlier scans). Whatever the edit between two
 * requests (blocks added, removed, replaced, moved, repeated), the mentions must be exactly those of scanning the new
 * page from scratch: page-level judgements (a short name allowed because the full name is elsewhere on the page,
 * a page about the subject or not, namesakes) included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../src/match/matcher';
import { judgePage, scanBlocks, scanPage } from '../../src/match/scan-page';
import { TEST_ALIASES } from './engine-fixtures';

const matcher = compileMatcher(TEST_ALIASES);

/** Blocks whose presence changes the judgement of others: full names, short names, namesakes, cue-less text. */
const BLOCKS = [
  'Marco Rubio spoke to S Jaishankar after the Pahalgam attack.',
  'Rubio called again later.',
  'Jaishankar said the LoC was quiet.',
  'Sharif chaired the meeting.',
  'Shehbaz Sharif met the army chief.',
  'Nawaz Sharif, his brother, stayed away.',
  'Modi addressed a rally.',
  'Tariq Dar, a local shopkeeper, said trade had slowed.',
  'Dar said nothing more.',
  'The weather stayed dry all week.',
  'Wagah and Attari were closed; the Indus Waters Treaty was held in abeyance.',
  'A Very Long Headline About Rubio And Sharif',
  '',
];

/** Where each text of `next` stood in `previous`, as the page's sender refers to it (its first place), or -1. */
function originsOf(previous: readonly string[], next: readonly string[]): Int32Array {
  const first = new Map<string, number>();
  previous.forEach((text, i) => first.has(text) || first.set(text, i));
  return Int32Array.from(next, (text) => first.get(text) ?? -1);
}

const page = fc.array(fc.constantFrom(...BLOCKS), { minLength: 0, maxLength: 12 });

describe('scanning a page again by its changed blocks only', () => {
  it('finds exactly what scanning the new page whole finds', () => {
    fc.assert(
      fc.property(page, page, (before, after) => {
        const earlier = scanBlocks(matcher, before);
        const reused = judgePage(after, scanBlocks(matcher, after, { origins: originsOf(before, after), scans: earlier }));
        expect(reused.mentions).toEqual(scanPage(matcher, after).mentions);
      }),
      { numRuns: 400 },
    );
  });

  it('matches only the texts the page before did not hold', () => {
    fc.assert(
      fc.property(page, page, (before, after) => {
        const matched: string[] = [];
        const counting = { ...matcher, findCandidates: (text: string, block: number) => (matched.push(text), matcher.findCandidates(text, block)) };
        scanBlocks(counting, after, { origins: originsOf(before, after), scans: scanBlocks(matcher, before) });
        expect(matched).toEqual(after.filter((text) => !before.includes(text)));
      }),
    );
  });
});
