import { describe, expect, it } from 'vitest';
import { canonicalize, HARD_BREAK, normalizeForMatching } from '../../src/match/normalize';

function mapBack(original: string, canonicalStart: number, canonicalEnd: number): string {
  const n = normalizeForMatching(original);
  return original.slice(n.starts[canonicalStart], n.ends[canonicalEnd - 1]);
}

describe('normalizeForMatching', () => {
  it('folds apostrophes, quotes, dashes and spaces to one form each', () => {
    expect(normalizeForMatching('Rubio\u2019s \u201cpeace\u201d Attari\u2013Wagah').text).toBe('Rubio\'s "peace" Attari-Wagah');
    expect(normalizeForMatching('Shehbaz\u00a0Sharif').text).toBe('Shehbaz Sharif');
    expect(normalizeForMatching('Shehbaz\u2009Sharif').text).toBe('Shehbaz Sharif');
  });

  it('collapses runs of whitespace, as a browser renders them', () => {
    expect(normalizeForMatching('Marco \n\t   Rubio').text).toBe('Marco Rubio');
  });

  it('drops soft hyphens and zero-width characters inside words', () => {
    expect(normalizeForMatching('Pahal\u00adgam and Jai\u200bshankar').text).toBe('Pahalgam and Jaishankar');
  });

  it('folds diacritics, precomposed or decomposed', () => {
    expect(normalizeForMatching('Shahbāz Sharīf').text).toBe('Shahbaz Sharif');
    expect(normalizeForMatching('Anto\u0301nio').text).toBe('Antonio');
    expect(normalizeForMatching('ﬁle').text).toBe('file');
  });

  it('keeps hard breaks between blocks', () => {
    expect(normalizeForMatching(`Jammu and${HARD_BREAK}Kashmir`).text).toBe(`Jammu and${HARD_BREAK}Kashmir`);
  });

  it('keeps letter case in `text` and lower-cases `folded` at the same length', () => {
    const n = normalizeForMatching('LoC and İstanbul');
    expect(n.text).toBe('LoC and Istanbul');
    expect(n.folded).toHaveLength(n.text.length);
    expect(n.folded.startsWith('loc and')).toBe(true);
  });

  it('maps every canonical span back to the original characters', () => {
    const original = 'Dr\u00a0S.\u00a0Jai\u00adshankar met Shahba\u0304z';
    const n = normalizeForMatching(original);
    const at = n.text.indexOf('S. Jaishankar');
    expect(mapBack(original, at, at + 'S. Jaishankar'.length)).toBe('S.\u00a0Jai\u00adshankar');
    const z = n.text.indexOf('Shahbaz');
    expect(mapBack(original, z, z + 7)).toBe('Shahba\u0304z');
  });
});

describe('canonicalize', () => {
  it('gives the same text as normalizeForMatching', () => {
    for (const sample of ['  Shahbāz\u00a0 Sharīf’s\u00ad', 'ﬁle – “x”', 'Jammu and\u2029Kashmir', 'plain']) {
      expect(canonicalize(sample)).toBe(normalizeForMatching(sample).text);
    }
  });
});

describe('the scanner finds what the canonical text contains', () => {
  it('agrees with normalizeForMatching on random text (property)', async () => {
    const fc = await import('fast-check');
    const { compileMatcher } = await import('../../src/match/matcher');
    const names = ['Marco Rubio', 'Shahbāz Sharīf', 'LoC', 'Jammu and Kashmir', 'Attari', 'ﬁle'];
    const matcher = compileMatcher(names.map((text, i) => ({ entityId: `e${i}`, entityType: 'place', text, caseInsensitive: true, context: null })));
    const pieces = fc.constantFrom(...names, 'Marco\u00a0Rubio', 'Shahba\u0304z Shari\u0304f', 'Jammu  and\nKashmir', 'At\u00adtari', ' ', '\u2009', '’s', '-', 'x', 'Loc', 'LoCs', '\u2029', 'é', '😀');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const found = matcher.findCandidates(text, 0);
        // Every match is a whole-word occurrence of an alias in the canonical text.
        for (const c of found) {
          const canonical = normalizeForMatching(text.slice(c.start, c.end)).folded;
          expect(names.map((n) => normalizeForMatching(n).folded)).toContain(canonical);
        }
        // And every whole-word occurrence in the canonical text is found.
        const n = normalizeForMatching(text);
        let expected = 0;
        for (const name of names) {
          const key = normalizeForMatching(name).folded;
          for (let at = n.folded.indexOf(key); at >= 0; at = n.folded.indexOf(key, at + 1)) {
            const before = n.folded[at - 1];
            const after = n.folded[at + key.length];
            if (!/[\p{L}\p{N}]/u.test(before ?? '') && !/[\p{L}\p{N}]/u.test(after ?? '')) expected++;
          }
        }
        expect(found.length).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
