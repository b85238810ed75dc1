import { describe, expect, it } from 'vitest';
import { HARD_BREAK, normalizeForMatching } from '../../src/match/normalize';

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
